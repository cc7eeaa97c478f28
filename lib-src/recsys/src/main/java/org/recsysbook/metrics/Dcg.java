package org.recsysbook.metrics;

import org.recsysbook.core.Args;

/**
 * Discounted cumulative gain at k, the chapter's {@code dcg_at_k}: the gains of the top k items, each divided by
 * {@code log2(i + 1)} for rank {@code i = 1, 2, ...}.
 *
 * <p>{@code DCG@k = sum_{i=1}^{min(k,n)} g_i / log2(i + 1)} with linear gain {@code g_i}: the item's grade (1
 * or 0 for a set of relevant items). Some libraries use the exponential gain {@code 2^g - 1} instead; for 0/1
 * relevance the two agree. DCG is not normalised, so it grows with the number of relevant items; compare
 * users with {@link Ndcg}.
 */
public final class Dcg extends GainMetric {
    private static final double[] DISCOUNTS = new double[1024];

    static {
        for (int i = 0; i < DISCOUNTS.length; i++) {
            DISCOUNTS[i] = 1.0 / (Math.log(i + 2) / Math.log(2));
        }
    }

    private Dcg(int k) {
        super(k);
    }

    /** DCG@k as a metric object. */
    public static Dcg at(int k) {
        Args.atLeast("k", k, 1);
        return new Dcg(k);
    }

    @Override
    public String name() {
        return "DCG@" + k;
    }

    @Override
    double fromGains(double[] gains, int n, RelevantItems relevant) {
        return sum(gains, n, k);
    }

    /** The position discount {@code 1 / log2(rank + 1)} for {@code rank ≥ 1}. */
    public static double discount(int rank) {
        Args.atLeast("rank", rank, 1);
        return rank <= DISCOUNTS.length ? DISCOUNTS[rank - 1] : 1.0 / (Math.log(rank + 1.0) / Math.log(2));
    }

    /** DCG@k of a ranked list of item ids, the gain of each item being its grade in {@code relevant}. */
    public static double of(int[] ranked, RelevantItems relevant, int k) {
        return at(k).score(ranked, relevant);
    }

    /** The chapter's form: DCG@k of grades given in rank order (0/1 or graded, each {@code ≥ 0}). */
    public static double ofRelevances(double[] relevances, int k) {
        Args.atLeast("k", k, 1);
        RankedLists.grades(relevances, "relevances");
        return sum(relevances, relevances.length, k);
    }

    /** The chapter's form with integer grades. */
    public static double ofRelevances(int[] relevances, int k) {
        Args.atLeast("k", k, 1);
        double[] g = RankedLists.grades(relevances, "relevances");
        return sum(g, g.length, k);
    }

    /** The DCG of the first {@code min(k, n)} of {@code gains}. */
    static double sum(double[] gains, int n, int k) {
        int top = Math.min(k, n);
        if (top <= DISCOUNTS.length) {
            double sum = 0;
            for (int i = 0; i < top; i++) {
                sum += gains[i] * DISCOUNTS[i];
            }
            return sum;
        }
        double sum = 0;
        for (int i = 0; i < top; i++) {
            sum += gains[i] * discount(i + 1);
        }
        return sum;
    }
}
