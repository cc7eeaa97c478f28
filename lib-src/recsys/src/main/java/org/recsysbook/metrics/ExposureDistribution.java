package org.recsysbook.metrics;

import java.util.Arrays;

import org.recsysbook.core.Args;

/**
 * Distributional coverage: how evenly recommendations spread exposure over the catalog, summarised by the Gini
 * index and the Shannon entropy of the exposure counts. The chapter's "Coverage" row asks what fraction of the
 * catalog gets recommended; these ask how fairly.
 *
 * <p>Each appearance of an item in a list counts one exposure (position is ignored here;
 * {@link Fairness} offers position-discounted exposure).
 * <ul>
 *   <li>Gini index over all catalog items, never-shown ones included, with counts sorted ascending
 *       {@code x_1 ≤ … ≤ x_n}: {@code G = sum_i (2i - n - 1) x_i / (n · sum_i x_i)}. 0 when every item is
 *       shown equally often, {@code (n-1)/n} when one item gets everything.</li>
 *   <li>Entropy in bits: {@code H = -sum_i p_i log2 p_i} with {@code p_i = x_i / sum x}; at most
 *       {@code log2 n}. {@link #normalizedEntropy()} divides by {@code log2 n}.</li>
 * </ul>
 * With no exposure at all both are 0 (there is no inequality to measure).
 */
public final class ExposureDistribution {
    private final long[] counts;

    private ExposureDistribution(long[] counts) {
        this.counts = counts;
    }

    /**
     * Counts the exposures of every item of a {@code catalogSize}-item catalog in {@code lists}: at least one list,
     * each a ranked list (no item twice) of items in {@code [0, catalogSize)}.
     */
    public static ExposureDistribution of(int[][] lists, int catalogSize) {
        RankedLists.atLeastOne(lists, "lists");
        Args.atLeast("catalogSize", catalogSize, 1);
        long[] counts = new long[catalogSize];
        for (int u = 0; u < lists.length; u++) {
            int[] list = RankedLists.rankedList(lists[u], "lists", u);
            RankedLists.items(list, catalogSize, "lists", u);
            for (int item : list) {
                counts[item]++;
            }
        }
        return new ExposureDistribution(counts);
    }

    /** From exposure counts already made ({@code counts[item] ≥ 0}). */
    public static ExposureDistribution fromCounts(long[] counts) {
        checkCounts(counts);
        return new ExposureDistribution(counts.clone());
    }

    /** Exposure count of every item (a copy). */
    public long[] counts() {
        return counts.clone();
    }

    /** The share of items exposed at least once (equals {@link CatalogCoverage}). */
    public double coverage() {
        int exposed = 0;
        for (long c : counts) {
            if (c > 0) {
                exposed++;
            }
        }
        return (double) exposed / counts.length;
    }

    public double gini() {
        return gini(counts);
    }

    public double entropy() {
        return entropy(counts);
    }

    /** Entropy divided by its maximum {@code log2 n}; 0 for a one-item catalog. */
    public double normalizedEntropy() {
        return counts.length < 2 ? 0.0 : entropy(counts) / (Math.log(counts.length) / Math.log(2));
    }

    /** The Gini index of non-negative counts (see the class comment). */
    public static double gini(long[] counts) {
        checkCounts(counts);
        long[] x = counts.clone();
        Arrays.sort(x);
        int n = x.length;
        double weighted = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weighted += (2.0 * (i + 1) - n - 1) * x[i];
            sum += x[i];
        }
        return sum == 0 ? 0.0 : weighted / (n * sum);
    }

    /** The Shannon entropy in bits of the distribution proportional to {@code counts}. */
    public static double entropy(long[] counts) {
        checkCounts(counts);
        double sum = 0;
        for (long c : counts) {
            sum += c;
        }
        if (sum == 0) {
            return 0.0;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = c / sum;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(2);
    }

    private static void checkCounts(long[] counts) {
        Args.notNull("counts", counts);
        if (counts.length == 0) {
            throw new IllegalArgumentException("counts must hold at least one item, got none");
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("counts[" + i + "] is " + counts[i] + "; counts must be ≥ 0");
            }
        }
    }
}
