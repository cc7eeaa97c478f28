package org.recsysbook.metrics;

/**
 * Reciprocal rank, the usual companion of the seed's hit rate: {@code 1 / rank} of the first relevant item in
 * the list, 0 if none; its mean over users is MRR. It cares only about where the first good item lands.
 *
 * <p>{@link #full()} ("MRR") reads the whole list; {@link #at(int)} ("MRR@k") only the top k, scoring 0 when
 * the first relevant item is below rank k. Any positive grade counts as relevant.
 */
public final class ReciprocalRank extends GainMetric {
    private final int k;   // Integer.MAX_VALUE: the whole list

    private ReciprocalRank(int k) {
        this.k = k;
    }

    /** RR over the whole list (MRR). */
    public static ReciprocalRank full() {
        return new ReciprocalRank(Integer.MAX_VALUE);
    }

    /** RR counting only the top k (MRR@k). */
    public static ReciprocalRank at(int k) {
        Checks.k(k);
        return new ReciprocalRank(k);
    }

    @Override
    public String name() {
        return k == Integer.MAX_VALUE ? "MRR" : "MRR@" + k;
    }

    @Override
    int depth(int n) {
        return Math.min(k, n);
    }

    @Override
    double fromGains(double[] gains, int n, RelevantItems relevant) {
        int top = Math.min(k, n);
        for (int i = 0; i < top; i++) {
            if (gains[i] > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0.0;
    }

    /** {@code 1 / rank} of the first relevant item over the whole list, 0 if none. */
    public static double of(int[] ranked, RelevantItems relevant) {
        return of(ranked, relevant, Integer.MAX_VALUE);
    }

    /** {@code 1 / rank} of the first relevant item within the top k, 0 if none. */
    public static double of(int[] ranked, RelevantItems relevant, int k) {
        return at(k).score(ranked, relevant);
    }

    /** The relevance-list form: {@code 1 / rank} of the first positive grade, 0 if none. */
    public static double ofRelevances(double[] relevances) {
        Checks.grades(relevances, "relevances");
        for (int i = 0; i < relevances.length; i++) {
            if (relevances[i] > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0.0;
    }

    /** The relevance-list form with integer grades. */
    public static double ofRelevances(int[] relevances) {
        return ofRelevances(Checks.grades(relevances, "relevances"));
    }
}
