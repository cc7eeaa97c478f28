package org.recsysbook.abtest;

import java.util.Locale;

/** A two-sided confidence interval {@code [low, high]}; NaN ends mean the interval does not exist. */
public record Interval(double low, double high) {

    /** {@code center ± halfWidth}. */
    public static Interval around(double center, double halfWidth) {
        return new Interval(center - halfWidth, center + halfWidth);
    }

    public boolean contains(double x) {
        return x >= low && x <= high;
    }

    public double width() {
        return high - low;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%.6g, %.6g]", low, high);
    }
}
