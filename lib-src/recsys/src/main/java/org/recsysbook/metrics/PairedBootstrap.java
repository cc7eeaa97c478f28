package org.recsysbook.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.recsysbook.core.Args;
import org.recsysbook.core.Quantile;
import org.recsysbook.notebook.Progress;

/**
 * The paired percentile bootstrap of means over users: each replicate draws the users with replacement, the same
 * draw for every series (every recommender and metric), and takes each series' mean on it; an interval holds the
 * central {@code confidence} share of the replicates (linear interpolation between order statistics).
 *
 * <p>Replicate seeds are drawn from one {@link SplittableRandom} in replicate order and replicates run in fixed
 * chunks, so any parallelism gives the result of a serial run, bit for bit.
 */
public final class PairedBootstrap {
    private final int replicates;
    private final long seed;
    private final int parallelism;

    /** {@code replicates ≥ 10} replicates from {@code seed}, on {@code parallelism ≥ 1} threads. */
    public PairedBootstrap(int replicates, long seed, int parallelism) {
        this.replicates = Args.atLeast("replicates", replicates, 10);
        this.seed = seed;
        this.parallelism = Args.atLeast("parallelism", parallelism, 1);
    }

    /**
     * The replicate means of every series, {@code out[s][b]} for series {@code s} ({@code values[s][j]}: user j's
     * value) and replicate {@code b}; every series must have the same users. Steps {@code bar} (may be null) once per
     * replicate.
     */
    public double[][] means(double[][] values, Progress bar) {
        int series = values.length;
        int n = values[0].length;
        double[][] out = new double[series][replicates];
        long[] seeds = new long[replicates];
        SplittableRandom root = new SplittableRandom(seed);
        for (int b = 0; b < replicates; b++) {
            seeds[b] = root.nextLong();
        }
        int chunk = 8;
        int chunks = (replicates + chunk - 1) / chunk;
        Parallel.forEach(chunks, parallelism, c -> {
            int[] idx = new int[n];
            int end = Math.min(replicates, (c + 1) * chunk);
            for (int b = c * chunk; b < end; b++) {
                SplittableRandom rng = new SplittableRandom(seeds[b]);
                for (int j = 0; j < n; j++) {
                    idx[j] = rng.nextInt(n);
                }
                for (int s = 0; s < series; s++) {
                    double[] v = values[s];
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        sum += v[idx[j]];
                    }
                    out[s][b] = sum / n;
                }
                if (bar != null) {
                    bar.step();
                }
            }
        });
        return out;
    }

    /** The percentile interval {@code [low, high]} of replicate means at {@code confidence}; sorts {@code means}. */
    public static double[] interval(double[] means, double confidence) {
        Arrays.sort(means);
        double alpha = 1 - confidence;
        return new double[] {Quantile.linear(means, alpha / 2), Quantile.linear(means, 1 - alpha / 2)};
    }
}
