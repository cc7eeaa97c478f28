package org.recsysbook.metrics;

import org.recsysbook.core.Args;

/**
 * Novelty, the chapter's "how popular are recommended items? Less popular = more novel": the mean self-information
 * {@code -log2 p(i)} of the recommended items, where {@code p(i)} is item i's share of all logged
 * interactions.
 *
 * <p>An item everyone interacts with carries almost no information ({@code p → 1}, novelty → 0); an item
 * seen once in N interactions carries {@code log2 N} bits. An item never seen in the log would carry infinite
 * information; this class gives it {@code log2 N}, the novelty of an item seen once, so lists with cold items
 * stay comparable (documented, the only clamping here). An empty list scores 0.
 *
 * <p>It is a {@link RankingMetric} that ignores the relevant items, so the offline evaluation averages it over
 * users as it does NDCG.
 */
public final class Novelty implements RankingMetric {
    private final double[] selfInformation;
    private final long total;

    private Novelty(long[] counts) {
        Args.notNull("counts", counts);
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("counts[" + i + "] is " + counts[i]
                        + "; interaction counts must be ≥ 0");
            }
            sum += counts[i];
        }
        if (sum == 0) {
            throw new IllegalArgumentException("counts must sum to > 0 (at least one interaction), was 0");
        }
        this.total = sum;
        this.selfInformation = new double[counts.length];
        double log2Total = log2(sum);
        for (int i = 0; i < counts.length; i++) {
            selfInformation[i] = counts[i] == 0 ? log2Total : log2Total - log2(counts[i]);
        }
    }

    /** Novelty from per-item interaction counts ({@code counts[item]}, the catalog size is its length). */
    public static Novelty fromCounts(long[] counts) {
        return new Novelty(counts);
    }

    /** Novelty from the item ids of logged interactions, one entry per interaction. */
    public static Novelty fromInteractions(int[] items, int catalogSize) {
        Args.notNull("items", items);
        Args.atLeast("catalogSize", catalogSize, 1);
        long[] counts = new long[catalogSize];
        for (int item : items) {
            RankedLists.item(item, catalogSize, "items");
            counts[item]++;
        }
        return new Novelty(counts);
    }

    /** {@code -log2 p(item)} in bits. */
    public double selfInformation(int item) {
        RankedLists.item(item, selfInformation.length, "item");
        return selfInformation[item];
    }

    /** The number of logged interactions the shares are computed from. */
    public long totalInteractions() {
        return total;
    }

    @Override
    public String name() {
        return "novelty";
    }

    /** {@link #of} the list; novelty does not depend on which items are relevant. */
    @Override
    public double score(int[] ranked, RelevantItems relevant) {
        return of(ranked);
    }

    /** The mean self-information of the items in {@code list}, 0 for an empty list. */
    public double of(int[] list) {
        RankedLists.rankedList(list, "list");
        if (list.length == 0) {
            return 0.0;
        }
        double sum = 0;
        for (int item : list) {
            RankedLists.item(item, selfInformation.length, "list");
            sum += selfInformation[item];
        }
        return sum / list.length;
    }

    /** The mean over lists of {@link #of}. */
    public double mean(int[][] lists) {
        RankedLists.atLeastOne(lists, "lists");
        double sum = 0;
        for (int[] list : lists) {
            sum += of(list);
        }
        return sum / lists.length;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
