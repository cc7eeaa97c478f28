package org.recsysbook.abtest;

import org.recsysbook.core.Args;

/**
 * Corrections for testing many metrics at once, one of the pitfalls of an online experiment: with m metrics
 * each tested at α = 0.05, the chance that at least one shows a "significant" difference by luck alone is
 * 1 − 0.95^m for independent tests (26 % for six) and at most m · 0.05 whatever their dependence.
 *
 * <p>{@link #bonferroni} controls the family-wise error rate (the chance of any false positive);
 * {@link #benjaminiHochberg} controls the false discovery rate (the expected share of false positives
 * among the rejections) and so keeps more power. Both return adjusted p-values, to be compared with α
 * directly. commons-math has neither, so both are written here.
 */
public final class MultipleTesting {
    private MultipleTesting() { }

    /** Bonferroni-adjusted p-values, min(1, m·pᵢ). */
    public static double[] bonferroni(double[] pValues) {
        check(pValues);
        int m = pValues.length;
        double[] adjusted = new double[m];
        for (int i = 0; i < m; i++) {
            adjusted[i] = Math.min(1.0, m * pValues[i]);
        }
        return adjusted;
    }

    /**
     * Benjamini–Hochberg-adjusted p-values: with p<sub>(1)</sub> ≤ … ≤ p<sub>(m)</sub> sorted, the adjusted value of
     * p<sub>(i)</sub> is min<sub>k ≥ i</sub> min(1, m·p<sub>(k)</sub>/k), returned in the input's order. Rejecting where the adjusted
     * value is ≤ q is the step-up procedure at false-discovery rate q.
     */
    public static double[] benjaminiHochberg(double[] pValues) {
        check(pValues);
        int m = pValues.length;
        int[] order = sortedOrder(pValues);
        double[] adjusted = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, m * pValues[i] / rank);
            adjusted[i] = running;
        }
        return adjusted;
    }

    /** Which hypotheses are rejected: adjusted pᵢ ≤ α. */
    public static boolean[] rejected(double[] adjustedPValues, double alpha) {
        check(adjustedPValues);
        Args.openUnit("alpha", alpha);
        boolean[] r = new boolean[adjustedPValues.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = adjustedPValues[i] <= alpha;
        }
        return r;
    }

    /** The chance of at least one false positive among m independent tests at level α: 1 − (1 − α)^m. */
    public static double familyWiseErrorRate(int m, double alpha) {
        Args.positive("m", m);
        Args.openUnit("alpha", alpha);
        return 1 - Math.pow(1 - alpha, m);
    }

    private static void check(double[] p) {
        Args.notNull("pValues", p);
        if (p.length == 0) {
            throw Args.fail("pValues.length", 0, "≥ 1 (at least one p-value)");
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw Args.fail("pValues[" + i + "]", p[i], "in [0, 1]");
            }
        }
    }

    /** Indices of p in ascending order of value (insertion sort: the lists are a handful of metrics). */
    private static int[] sortedOrder(double[] p) {
        int[] order = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int j = i;
            while (j > 0 && p[order[j - 1]] > p[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        return order;
    }
}
