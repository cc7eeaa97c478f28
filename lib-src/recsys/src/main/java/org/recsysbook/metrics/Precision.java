package org.recsysbook.metrics;

import org.recsysbook.core.Args;

/**
 * Precision at k, the chapter's {@code precision_at_k}: the share of the top k recommendations that are relevant.
 *
 * <p>For item ids, {@code P@k = |top-k ∩ R| / k}: the denominator is k even when the list holds fewer than k
 * items (an empty slot counts as a miss), the convention of most libraries. The chapter's relevance-list form
 * ({@link #ofRelevances}) keeps the chapter's arithmetic: the mean of the first {@code min(k, n)} grades, so a
 * short list is divided by its own length and graded lists give the mean grade. An empty list scores 0.
 */
public final class Precision extends GainMetric {
    private Precision(int k) {
        super(k);
    }

    /** Precision@k as a metric object. */
    public static Precision at(int k) {
        Args.atLeast("k", k, 1);
        return new Precision(k);
    }

    @Override
    public String name() {
        return "P@" + k;
    }

    @Override
    double fromGains(double[] gains, int n, RelevantItems relevant) {
        return (double) hits(gains, depth(n)) / k;
    }

    /** {@code |top-k ∩ R| / k}. */
    public static double of(int[] ranked, RelevantItems relevant, int k) {
        return at(k).score(ranked, relevant);
    }

    /** The chapter's form: the mean of the first {@code min(k, n)} grades. */
    public static double ofRelevances(double[] relevances, int k) {
        Args.atLeast("k", k, 1);
        RankedLists.grades(relevances, "relevances");
        return meanOfTop(relevances, k);
    }

    /** The chapter's form with integer grades. */
    public static double ofRelevances(int[] relevances, int k) {
        Args.atLeast("k", k, 1);
        return meanOfTop(RankedLists.grades(relevances, "relevances"), k);
    }

    static double meanOfTop(double[] gains, int k) {
        int top = Math.min(k, gains.length);
        if (top == 0) {
            return 0.0;
        }
        double sum = 0;
        for (int i = 0; i < top; i++) {
            sum += gains[i];
        }
        return sum / top;
    }
}
