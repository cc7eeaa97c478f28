package org.recsysbook.abtest;

import java.util.Arrays;

import org.recsysbook.core.Args;

/**
 * Winsorising, the usual cure for a heavy-tailed metric such as revenue per user (a pitfall of the chapter's
 * "Revenue per User"): every value above a cap is replaced by the cap, the cap being a high quantile (the 99th
 * percentile, say) of both arms pooled, so that both arms are capped alike and the cap does not depend on the arm.
 *
 * <p>The cap shrinks the variance, and with it the interval and the users needed, but it changes the estimand: the
 * test then compares the means of the capped metric, not of revenue, and an effect that lives in the tail (the
 * biggest spenders spending more) is partly cut away. The quantile is the order statistic of rank
 * ⌈q·n⌉ (the inverse of the empirical distribution, type 1 of Hyndman and Fan), written here because it needs no
 * interpolation choice and, found by selection rather than a sort, costs linear time.
 */
public final class Winsorizer {
    private Winsorizer() { }

    /** The {@code q}-quantile of both samples pooled, 0 &lt; q &le; 1: the value of rank ⌈q·n⌉ in sorted order. */
    public static double cap(double[] control, double[] treatment, double q) {
        Args.notNull("control", control);
        Args.notNull("treatment", treatment);
        if (!(q > 0 && q <= 1)) {
            throw Args.fail("q", q, "in (0, 1]");
        }
        int n = control.length + treatment.length;
        if (n == 0) {
            throw Args.fail("control.length + treatment.length", 0, "at least 1");
        }
        double[] all = Arrays.copyOf(control, n);
        System.arraycopy(treatment, 0, all, control.length, treatment.length);
        Args.allFinite("values", all);
        return select(all, Math.max(1, (int) Math.ceil(q * n)) - 1);
    }

    /**
     * The value of rank {@code k} (from 0) in sorted order, found in place by quickselect with a three-way partition,
     * so that a metric that is mostly zeros (revenue) costs linear time, not a sort.
     */
    static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        java.util.SplittableRandom pivots = new java.util.SplittableRandom(a.length);
        while (lo < hi) {
            double pivot = a[lo + pivots.nextInt(hi - lo + 1)];
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                if (a[i] < pivot) {
                    swap(a, lt++, i++);
                } else if (a[i] > pivot) {
                    swap(a, i, gt--);
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[lo];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** A copy of {@code values} with every value above {@code cap} replaced by {@code cap}. */
    public static double[] apply(double[] values, double cap) {
        Args.notNull("values", values);
        Args.finite("cap", cap);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.min(values[i], cap);
        }
        return out;
    }

    /** Welch's t-test of the two samples, both capped at their pooled {@code q}-quantile. */
    public static Comparison test(double[] control, double[] treatment, double q, double alpha) {
        double cap = cap(control, treatment, q);
        return WelchTTest.test(apply(control, cap), apply(treatment, cap), alpha);
    }
}
