package org.recsysbook.ranking;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.recsysbook.core.NumpyRandomState;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.Seeds;
import org.recsysbook.core.UserContext;
import org.recsysbook.world.World;

/**
 * The chapter's {@code ranking} stage, which "simulates a deep ranking model": each candidate's score is
 * its candidate-generation score plus noise scaled by the request's context,
 * {@code base + 0.1·freshness_weight·U₁ + 0.05·time_weight·U₂} with U₁, U₂ uniform on [0, 1), drawn in the
 * chapter's order (U₁ then U₂ for each candidate in turn).
 *
 * <p>Two noise sources. {@link #SimulatedRanker(long)}: the noise of one request comes from a
 * {@link SplittableRandom} seeded with {@link Seeds#stream Seeds.stream(seed, userId)}, so the ranker is
 * stateless and thread-safe and the same seed and request give the same list on every machine. (An earlier
 * seeding, {@code seed ^ (γ·(userId + 1))}, gave neighbouring users correlated noise: {@code SplittableRandom}
 * does not scramble its seed.) {@link #chapterDemo(long)}: the chapter draws its noise from NumPy's global
 * stream, right after the world's draws; that ranker gives every request a copy of that stream
 * ({@link World#chapterDemoStream}), so its first request prints the chapter's numbers digit for digit.
 */
public final class SimulatedRanker implements Ranker {
    private final long seed;
    private final NumpyRandomState chapterStream;

    /** A simulated ranker whose noise is drawn from {@code seed}. */
    public SimulatedRanker(long seed) {
        this(seed, null);
    }

    private SimulatedRanker(long seed, NumpyRandomState chapterStream) {
        this.seed = seed;
        this.chapterStream = chapterStream;
    }

    /**
     * The chapter's ranker: every request draws its noise from NumPy's stream as the chapter's script has it
     * after {@code np.random.seed(seed)} and {@link World#chapterDemo(long) the world's draws}.
     */
    public static SimulatedRanker chapterDemo(long seed) {
        return new SimulatedRanker(seed, World.chapterDemoStream(seed));
    }

    public long seed() {
        return seed;
    }

    @Override
    public double[] score(Request request, ScoredItems candidates) {
        Ranker.requireCandidates(candidates);
        UserContext ctx = request.context();
        RandomGenerator noise = chapterStream != null ? chapterStream.copy()
                : new SplittableRandom(Seeds.stream(seed, request.userId()));
        double[] out = new double[candidates.size()];
        for (int i = 0; i < out.length; i++) {
            double freshnessBonus = ctx.freshnessWeight() * noise.nextDouble();
            double contextScore = ctx.timeWeight() * noise.nextDouble();
            out[i] = candidates.score(i) + 0.1 * freshnessBonus + 0.05 * contextScore;
        }
        return out;
    }

    @Override
    public String toString() {
        return (chapterStream != null ? "SimulatedRanker[chapter's NumPy stream, seed=" : "SimulatedRanker[seed=")
                + seed + "]";
    }
}
