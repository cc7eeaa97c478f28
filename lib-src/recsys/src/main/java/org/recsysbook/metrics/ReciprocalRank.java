package org.recsysbook.metrics;

import org.recsysbook.core.Args;

/**
 * Reciprocal rank, the usual companion of the chapter's hit rate: {@code 1 / rank} of the first relevant item in
 * the list, 0 if none; its mean over users is MRR. It cares only about where the first good item lands.
 *
 * <p>{@link #full()} ("MRR") reads the whole list; {@link #at(int)} ("MRR@k") only the top k, scoring 0 when
 * the first relevant item is below rank k. Any positive grade counts as relevant.
 */
public final class ReciprocalRank extends GainMetric {
    private ReciprocalRank(int k) {
        super(k);
    }

    /** RR over the whole list (MRR). */
    public static ReciprocalRank full() {
        return new ReciprocalRank(WHOLE_LIST);
    }

    /** RR counting only the top k (MRR@k). */
    public static ReciprocalRank at(int k) {
        Args.atLeast("k", k, 1);
        return new ReciprocalRank(k);
    }

    @Override
    public String name() {
        return k == WHOLE_LIST ? "MRR" : "MRR@" + k;
    }

    @Override
    double fromGains(double[] gains, int n, RelevantItems relevant) {
        return reciprocal(firstHitRank(gains, depth(n)));
    }

    /** {@code 1 / rank} of the first relevant item over the whole list, 0 if none. */
    public static double of(int[] ranked, RelevantItems relevant) {
        return of(ranked, relevant, WHOLE_LIST);
    }

    /** {@code 1 / rank} of the first relevant item within the top k, 0 if none. */
    public static double of(int[] ranked, RelevantItems relevant, int k) {
        return at(k).score(ranked, relevant);
    }

    /** The relevance-list form: {@code 1 / rank} of the first positive grade, 0 if none. */
    public static double ofRelevances(double[] relevances) {
        RankedLists.grades(relevances, "relevances");
        return reciprocal(firstHitRank(relevances, relevances.length));
    }

    /** The relevance-list form with integer grades. */
    public static double ofRelevances(int[] relevances) {
        return ofRelevances(RankedLists.grades(relevances, "relevances"));
    }

    private static double reciprocal(int rank) {
        return rank == 0 ? 0.0 : 1.0 / rank;
    }
}
