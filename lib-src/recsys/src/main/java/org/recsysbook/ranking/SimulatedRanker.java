package org.recsysbook.ranking;

import java.util.SplittableRandom;

import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.Seeds;
import org.recsysbook.core.UserContext;

/**
 * The seed's {@code ranking} stage, which "simulates a deep ranking model": each candidate's score is
 * its candidate-generation score plus noise scaled by the request's context,
 * {@code base + 0.1·freshness_weight·U₁ + 0.05·time_weight·U₂} with U₁, U₂ uniform on [0, 1).
 *
 * <p>The seed draws its noise from numpy's global generator. Here the noise of one request comes from a
 * {@link SplittableRandom} seeded with {@link Seeds#stream Seeds.stream(seed, userId)}, drawn in the seed's
 * order (U₁ then U₂ for each candidate in turn). So the ranker is stateless and thread-safe, and the
 * same seed and request give the same list on every machine; the numbers differ from numpy's. (An earlier
 * seed, {@code seed ^ (γ·(userId + 1))}, gave neighbouring users correlated noise: {@code SplittableRandom}
 * does not scramble its seed.)
 */
public final class SimulatedRanker implements Ranker {
    private final long seed;

    /** A simulated ranker whose noise is drawn from {@code seed}. */
    public SimulatedRanker(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    @Override
    public double[] score(Request request, ScoredItems candidates) {
        Ranker.requireCandidates(candidates);
        UserContext ctx = request.context();
        SplittableRandom noise = new SplittableRandom(Seeds.stream(seed, request.userId()));
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
        return "SimulatedRanker[seed=" + seed + "]";
    }
}
