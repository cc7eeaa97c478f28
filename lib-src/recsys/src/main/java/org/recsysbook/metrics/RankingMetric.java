package org.recsysbook.metrics;

import java.util.List;

/**
 * A per-user ranking metric: scores one ranked list of item ids against the items the user found relevant;
 * its mean over users is what the seed reports (NDCG@K, MAP, hit rate).
 *
 * <p>Conventions shared by every implementation: the ranked list holds each item at most once (a duplicate,
 * or a null in the boxed form, is an {@link IllegalArgumentException}); a list shorter than k is read as it
 * is; a user with no relevant items scores 0 and still counts in {@link #mean}. Implementations are
 * immutable and thread-safe.
 */
public interface RankingMetric {

    /** The name results are reported under, such as {@code "NDCG@10"} or {@code "MRR"}. */
    String name();

    /** The metric for one user. */
    double score(int[] ranked, RelevantItems relevant);

    /** The metric for one user, with the list boxed (null elements are rejected). */
    default double score(List<Integer> ranked, RelevantItems relevant) {
        return score(Checks.rankedList(ranked, "ranked"), relevant);
    }

    /**
     * The mean over users of {@link #score}: {@code ranked[u]} is scored against {@code relevant[u]}. Users
     * with no relevant items score 0 and count in the denominator.
     */
    default double mean(int[][] ranked, RelevantItems[] relevant) {
        Checks.notNull(ranked, "ranked");
        Checks.notNull(relevant, "relevant");
        if (ranked.length != relevant.length) {
            throw new IllegalArgumentException("ranked and relevant must hold one entry per user, had "
                    + ranked.length + " and " + relevant.length);
        }
        if (ranked.length == 0) {
            throw new IllegalArgumentException("ranked must hold at least one user's list, was empty");
        }
        double sum = 0;
        for (int u = 0; u < ranked.length; u++) {
            sum += score(ranked[u], Checks.notNull(relevant[u], "relevant", u));
        }
        return sum / ranked.length;
    }
}
