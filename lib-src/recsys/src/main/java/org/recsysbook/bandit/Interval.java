package org.recsysbook.bandit;

import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A mean with a confidence interval, e.g. a policy's mean cumulative reward over simulated runs.
 *
 * @param mean  the sample mean
 * @param lower the lower bound
 * @param upper the upper bound
 * @param level the confidence level, e.g. 0.95
 */
public record Interval(double mean, double lower, double upper, double level) {

    /**
     * The Student-t interval {@code mean ± t_{(1+level)/2, n−1} · s/√n} of {@code values}; with one
     * value the bounds are NaN.
     *
     * @param level in (0, 1)
     */
    public static Interval studentT(double[] values, double level) {
        Args.notNull("values", values);
        Args.atLeast("values.length", values.length, 1);
        if (!(level > 0 && level < 1)) {
            throw Args.fail("level", level, "0 < level < 1");
        }
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        if (n < 2) {
            return new Interval(mean, Double.NaN, Double.NaN, level);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / (n - 1) / n);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability((1 + level) / 2);
        return new Interval(mean, mean - t * se, mean + t * se, level);
    }

    /** Half the width of the interval. */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f] (%.0f%%)", mean, lower, upper, level * 100);
    }
}
