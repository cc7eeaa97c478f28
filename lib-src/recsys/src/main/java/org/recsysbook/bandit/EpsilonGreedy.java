package org.recsysbook.bandit;

import java.util.Locale;
import java.util.random.RandomGenerator;

import org.recsysbook.core.Args;

/**
 * ε-greedy, the first policy of the chapter's "Multi-Armed Bandits": with probability ε show a random
 * candidate (explore), otherwise the one with the best mean reward so far (exploit).
 *
 * <p>Two schedules: a fixed ε, or a decaying {@code ε_t = ε₀ / (1 + t/τ)} where {@code t} is the number
 * of rewards received so far — ε halves after τ rewards and falls like {@code 1/t}, as Auer et al.'s
 * ε_n-greedy does, so exploration fades once the estimates settle. With {@code nSelect > 1} every slot
 * explores independently: with probability ε it takes a uniformly random candidate not yet chosen,
 * otherwise the best one not yet chosen.
 *
 * <p>An arm never tried scores 0. Ties between equal means are broken uniformly at random with the
 * policy's seeded generator (a fixed order would make the greedy choice stick to the first arm listed).
 */
public final class EpsilonGreedy extends SampleMeanPolicy {
    private final double epsilon0;
    private final double tau;
    private final RandomGenerator rng;
    private boolean[] taken = new boolean[0];

    private EpsilonGreedy(int arms, double epsilon0, double tau, RandomGenerator rng) {
        super(arms);
        this.epsilon0 = epsilon0;
        this.tau = tau;
        this.rng = Args.notNull("rng", rng);
    }

    /**
     * ε-greedy with a fixed ε.
     *
     * @param epsilon probability of exploring, in [0, 1]
     */
    public static EpsilonGreedy fixed(int arms, double epsilon, RandomGenerator rng) {
        return new EpsilonGreedy(arms, Args.unit("epsilon", epsilon), Double.POSITIVE_INFINITY, rng);
    }

    /**
     * ε-greedy with {@code ε_t = ε₀ / (1 + t/τ)}.
     *
     * @param epsilon0 the initial ε, in [0, 1]
     * @param tau      the number of rewards after which ε has halved, &gt; 0
     */
    public static EpsilonGreedy decaying(int arms, double epsilon0, double tau, RandomGenerator rng) {
        return new EpsilonGreedy(arms, Args.unit("epsilon0", epsilon0), Args.positive("tau", tau), rng);
    }

    /** A factory for a fixed ε (checked here, before any run starts). */
    public static Factory fixedFactory(double epsilon) {
        Args.unit("epsilon", epsilon);
        return (arms, rng) -> fixed(arms, epsilon, rng);
    }

    /** A factory for a decaying ε (checked here, before any run starts). */
    public static Factory decayingFactory(double epsilon0, double tau) {
        Args.unit("epsilon0", epsilon0);
        Args.positive("tau", tau);
        return (arms, rng) -> decaying(arms, epsilon0, tau, rng);
    }

    /** The ε used for the next selection. */
    public double epsilon() {
        return Double.isInfinite(tau) ? epsilon0 : epsilon0 / (1 + means.total / tau);
    }

    /** Slot by slot: with probability ε a random free candidate, otherwise the free one with the best mean. */
    @Override
    public int[] select(int[] candidates, int nSelect) {
        checkCandidates(candidates, nSelect);
        int m = candidates.length;
        if (taken.length < m) {
            taken = new boolean[m];
        }
        java.util.Arrays.fill(taken, 0, m, false);
        double[] mean = scoreBuffer(m);
        score(candidates, mean);
        double eps = epsilon();
        int[] chosen = new int[nSelect];
        for (int k = 0; k < nSelect; k++) {
            int j = rng.nextDouble() < eps ? randomFree(m, k) : bestFree(mean, m);
            taken[j] = true;
            chosen[k] = candidates[j];
        }
        return chosen;
    }

    /** The candidates' mean rewards so far (0 for an arm never tried). */
    @Override
    void score(int[] candidates, double[] scores) {
        for (int j = 0; j < candidates.length; j++) {
            scores[j] = means.mean[candidates[j]];
        }
    }

    /** A uniformly random position not yet taken, {@code k} positions being taken. */
    private int randomFree(int m, int k) {
        int r = rng.nextInt(m - k);
        for (int j = 0; j < m; j++) {
            if (!taken[j] && r-- == 0) {
                return j;
            }
        }
        throw new IllegalStateException("no free candidate");
    }

    /** The free position with the highest mean; ties uniformly at random (reservoir of size one). */
    private int bestFree(double[] mean, int m) {
        int best = -1;
        double bestMean = Double.NEGATIVE_INFINITY;
        int ties = 0;
        for (int j = 0; j < m; j++) {
            if (taken[j]) {
                continue;
            }
            double v = mean[j];
            if (v > bestMean) {
                bestMean = v;
                best = j;
                ties = 1;
            } else if (v == bestMean && rng.nextInt(++ties) == 0) {
                best = j;
            }
        }
        return best;
    }

    @Override
    public String name() {
        return Double.isInfinite(tau)
                ? String.format(Locale.ROOT, "ε-greedy (ε=%s)", ThompsonSampling.fmt(epsilon0))
                : String.format(Locale.ROOT, "decaying ε-greedy (ε₀=%s, τ=%s)",
                        ThompsonSampling.fmt(epsilon0), ThompsonSampling.fmt(tau));
    }
}
