package org.recsysbook.studies;

import org.recsysbook.core.Args;
import org.recsysbook.metrics.PairedBootstrap;

/**
 * How much one recommender beats another on the same users, with a paired percentile bootstrap interval: the
 * check behind "every learned generator beats popularity with an interval that excludes a tie".
 *
 * <p>Each replicate draws the users with replacement (the same draw for both recommenders, which is what makes it
 * paired) and recomputes the difference of the means and their ratio; the interval holds the central
 * {@code confidence} share of the replicates. Seeded: the same seed gives the same interval. The resampling is
 * {@link PairedBootstrap}'s, the same as the offline evaluation's.
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
        Args.openUnit("confidence", confidence);
        double[][] boot = new PairedBootstrap(replicates, seed, 1).means(new double[][] {a, b}, null);
        double[] diff = new double[replicates];
        double[] ratio = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            diff[r] = boot[0][r] - boot[1][r];
            ratio[r] = boot[1][r] == 0 ? Double.POSITIVE_INFINITY : boot[0][r] / boot[1][r];
        }
        double[] d = PairedBootstrap.interval(diff, confidence);
        double[] q = PairedBootstrap.interval(ratio, confidence);
        double ma = mean(a);
        double mb = mean(b);
        return new PairedLift(ma - mb, d[0], d[1], ma / mb, q[0], q[1]);
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
