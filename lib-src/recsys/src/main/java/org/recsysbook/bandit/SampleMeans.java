package org.recsysbook.bandit;

/**
 * Per-arm running mean and variance of the rewards (Welford's update), the estimates behind
 * ε-greedy and the UCB policies.
 */
final class SampleMeans {
    final long[] n;
    final double[] mean;
    private final double[] m2;
    long total;

    SampleMeans(int arms) {
        n = new long[arms];
        mean = new double[arms];
        m2 = new double[arms];
    }

    void add(int arm, double reward) {
        long k = ++n[arm];
        double delta = reward - mean[arm];
        mean[arm] += delta / k;
        m2[arm] += delta * (reward - mean[arm]);
        total++;
    }

    /** Sample mean and its standard error {@code s/√n}; NaN before one, respectively two, rewards. */
    ArmStats stats(int arm) {
        long k = n[arm];
        if (k == 0) {
            return new ArmStats(Double.NaN, Double.NaN, 0);
        }
        double se = k < 2 ? Double.NaN : Math.sqrt(m2[arm] / (k - 1) / k);
        return new ArmStats(mean[arm], se, k);
    }
}
