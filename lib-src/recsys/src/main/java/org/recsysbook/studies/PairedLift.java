package org.recsysbook.studies;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.recsysbook.core.Args;
import org.recsysbook.core.Quantile;

/**
 * How much one recommender beats another on the same users, with a paired percentile bootstrap interval: the
 * check behind "every learned generator beats popularity with an interval that excludes a tie".
 *
 * <p>Each replicate draws the users with replacement (the same draw for both recommenders, which is what makes it
 * paired) and recomputes the difference of the means and their ratio; the interval holds the central
 * {@code confidence} share of the replicates. Seeded: the same seed gives the same interval.
 *
 * @param difference mean(a) − mean(b) over all users
 * @param differenceLow  lower end of the difference's interval
 * @param differenceHigh upper end of the difference's interval
 * @param ratio      mean(a) / mean(b)
 * @param ratioLow   lower end of the ratio's interval
 * @param ratioHigh  upper end of the ratio's interval
 */
public record PairedLift(double difference, double differenceLow, double differenceHigh, double ratio,
                         double ratioLow, double ratioHigh) {

    /** The lift of {@code a} over {@code b}, per-user scores of the same users in the same order. */
    public static PairedLift of(double[] a, double[] b, int replicates, double confidence, long seed) {
        if (a == null || b == null || a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("a and b must hold one score per user for the same users, got lengths "
                    + (a == null ? "null" : a.length) + " and " + (b == null ? "null" : b.length));
        }
        Args.atLeast("replicates", replicates, 10);
        Args.openUnit("confidence", confidence);
        int n = a.length;
        double[] diff = new double[replicates];
        double[] ratio = new double[replicates];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int r = 0; r < replicates; r++) {
            double sa = 0;
            double sb = 0;
            for (int j = 0; j < n; j++) {
                int u = rng.nextInt(n);
                sa += a[u];
                sb += b[u];
            }
            diff[r] = (sa - sb) / n;
            ratio[r] = sb == 0 ? Double.POSITIVE_INFINITY : sa / sb;
        }
        Arrays.sort(diff);
        Arrays.sort(ratio);
        double ma = mean(a);
        double mb = mean(b);
        double tail = (1 - confidence) / 2;
        return new PairedLift(ma - mb, Quantile.linear(diff, tail), Quantile.linear(diff, 1 - tail), ma / mb,
                Quantile.linear(ratio, tail), Quantile.linear(ratio, 1 - tail));
    }

    /** Whether the difference's interval lies entirely above 0. */
    public boolean better() {
        return differenceLow > 0;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

}
