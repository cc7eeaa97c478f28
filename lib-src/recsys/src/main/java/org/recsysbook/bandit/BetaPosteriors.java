package org.recsysbook.bandit;

import java.util.random.RandomGenerator;

/**
 * One {@code Beta(α, β)} posterior of the click rate per arm, and draws from them: the state behind
 * {@link ThompsonSampling} and {@link DiscountedThompsonSampling}, which differ only in how a reward
 * changes α and β.
 *
 * <p>Draws use {@link BetaSampler} with each arm's Marsaglia–Tsang constants cached and recomputed only
 * when the arm's parameters are set.
 */
final class BetaPosteriors {
    private final double[] alpha;
    private final double[] beta;
    private final long[] trials;
    private final double[] dA;
    private final double[] cA;
    private final double[] dB;
    private final double[] cB;

    /** Every arm starts at the prior {@code Beta(alpha0, beta0)}, both already checked positive. */
    BetaPosteriors(int arms, double alpha0, double beta0) {
        alpha = new double[arms];
        beta = new double[arms];
        trials = new long[arms];
        dA = new double[arms];
        cA = new double[arms];
        dB = new double[arms];
        cB = new double[arms];
        for (int a = 0; a < arms; a++) {
            set(a, alpha0, beta0);
        }
    }

    double alpha(int arm) {
        return alpha[arm];
    }

    double beta(int arm) {
        return beta[arm];
    }

    /** Counts one reward received by {@code arm}, whose posterior is now {@code Beta(a, b)}. */
    void observe(int arm, double a, double b) {
        trials[arm]++;
        set(arm, a, b);
    }

    /** Sets {@code arm}'s posterior to {@code Beta(a, b)} without counting a reward. */
    void set(int arm, double a, double b) {
        alpha[arm] = a;
        beta[arm] = b;
        dA[arm] = a >= 1 ? a - 1.0 / 3 : 0;
        cA[arm] = a >= 1 ? 1 / Math.sqrt(9 * a - 3) : 0;
        dB[arm] = b >= 1 ? b - 1.0 / 3 : 0;
        cB[arm] = b >= 1 ? 1 / Math.sqrt(9 * b - 3) : 0;
    }

    /** One draw from {@code arm}'s posterior. */
    double sample(RandomGenerator rng, int arm) {
        double x = dA[arm] > 0 ? BetaSampler.gammaMarsagliaTsang(rng, dA[arm], cA[arm])
                : Math.exp(BetaSampler.logGamma(rng, alpha[arm]));
        double y = dB[arm] > 0 ? BetaSampler.gammaMarsagliaTsang(rng, dB[arm], cB[arm])
                : Math.exp(BetaSampler.logGamma(rng, beta[arm]));
        double sum = x + y;
        return sum > 0 ? x / sum : BetaSampler.beta(rng, alpha[arm], beta[arm]);
    }

    /** One draw from the posterior of each of {@code arms} into {@code out}, in order. */
    void sample(RandomGenerator rng, int[] arms, double[] out) {
        for (int j = 0; j < arms.length; j++) {
            out[j] = sample(rng, arms[j]);
        }
    }

    /**
     * Posterior mean {@code α/(α+β)}, standard deviation {@code sqrt(αβ/((α+β)²(α+β+1)))} and rewards counted.
     */
    ArmStats stats(int arm) {
        double a = alpha[arm];
        double b = beta[arm];
        double s = a + b;
        return new ArmStats(a / s, Math.sqrt(a * b / (s * s * (s + 1))), trials[arm]);
    }
}
