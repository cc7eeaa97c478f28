package org.recsysbook.core;

/**
 * The library's quantiles of sorted samples, in the two definitions it uses: {@link #linear} interpolates between
 * order statistics (numpy's default, for bootstrap intervals and bands over runs), {@link #nearestRank} returns an
 * observed value (for latencies: a p99 is a time some request really took).
 */
public final class Quantile {
    private Quantile() { }

    /**
     * The {@code q}-quantile of {@code sorted} (ascending, at least one value), interpolating linearly between the
     * order statistics at ranks ⌊h⌋ and ⌈h⌉, h = (n − 1)·q.
     */
    public static double linear(double[] sorted, double q) {
        check(sorted.length, q);
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The {@code q}-quantile of {@code sorted} (ascending, at least one value) by nearest rank: the ⌈q·n⌉-th. */
    public static long nearestRank(long[] sorted, double q) {
        check(sorted.length, q);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static void check(int n, double q) {
        Args.atLeast("sorted.length", n, 1);
        Args.unit("q", q);
    }
}
