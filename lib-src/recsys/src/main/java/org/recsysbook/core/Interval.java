package org.recsysbook.core;

import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A confidence interval {@code [lower, upper]} around an estimate at a confidence level: an A/B test's difference or
 * lift, a policy's mean reward over simulated runs. NaN ends mean the interval does not exist (e.g. from one value).
 *
 * @param estimate the point estimate (a mean, a difference, a lift)
 * @param lower    the lower end
 * @param upper    the upper end
 * @param level    the confidence level, e.g. 0.95
 */
public record Interval(double estimate, double lower, double upper, double level) {

    /** {@code estimate ± halfWidth} at confidence {@code level}. */
    public static Interval around(double estimate, double halfWidth, double level) {
        return new Interval(estimate, estimate - halfWidth, estimate + halfWidth, level);
    }

    /** An interval that does not exist: every end NaN. */
    public static Interval none(double level) {
        return new Interval(Double.NaN, Double.NaN, Double.NaN, level);
    }

    /**
     * The Student-t interval {@code mean ± t_{(1+level)/2, n−1} · s/√n} of {@code values}; with one value the ends
     * are NaN.
     *
     * @param level in (0, 1)
     */
    public static Interval studentT(double[] values, double level) {
        Args.notNull("values", values);
        Args.atLeast("values.length", values.length, 1);
        Args.openUnit("level", level);
        double t = values.length < 2 ? Double.NaN : studentTQuantile(values.length, level);
        return studentT(values, values.length, t, level);
    }

    /**
     * The Student-t interval of each column of {@code runs} ({@code runs[r][i]}: run r's value at point i), as a
     * band around the mean curve; at least 2 runs of equal length.
     */
    public static Interval[] studentTBand(double[][] runs, double level) {
        Args.notNull("runs", runs);
        Args.atLeast("runs.length", runs.length, 2);
        Args.openUnit("level", level);
        int n = runs.length;
        int len = runs[0].length;
        for (int r = 1; r < n; r++) {
            Args.length("runs[" + r + "]", runs[r].length, len, "the length of runs[0]");
        }
        double t = studentTQuantile(n, level);
        double[] column = new double[n];
        Interval[] band = new Interval[len];
        for (int i = 0; i < len; i++) {
            for (int r = 0; r < n; r++) {
                column[r] = runs[r][i];
            }
            band[i] = studentT(column, n, t, level);
        }
        return band;
    }

    private static double studentTQuantile(int n, double level) {
        return new TDistribution(null, n - 1).inverseCumulativeProbability((1 + level) / 2);
    }

    private static Interval studentT(double[] values, int n, double t, double level) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        double mean = sum / n;
        if (n < 2) {
            return new Interval(mean, Double.NaN, Double.NaN, level);
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            ss += d * d;
        }
        double half = t * Math.sqrt(ss / (n - 1) / n);
        return new Interval(mean, mean - half, mean + half, level);
    }

    /** The estimate, under the name an interval around a sample mean reads best with ({@code ci.mean()}). */
    public double mean() {
        return estimate;
    }

    /** Whether {@code x} lies in {@code [lower, upper]}. */
    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }

    /** {@code upper − lower}. */
    public double width() {
        return upper - lower;
    }

    /** Half the width of the interval. */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.6g [%.6g, %.6g] (%.0f%%)", estimate, lower, upper, level * 100);
    }
}
