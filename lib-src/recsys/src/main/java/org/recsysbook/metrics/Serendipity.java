package org.recsysbook.metrics;

import org.recsysbook.core.Args;

/**
 * Serendipity, the chapter's "were recommendations both relevant AND unexpected?": the share of the top k that is
 * relevant and that a popularity baseline would not have recommended to the same user.
 *
 * <p>{@code serendipity@k = |{i ∈ top-k : i ∈ R, i ∉ B}| / k}, where {@code B} is the baseline's list for the
 * user (read whole, so pass the baseline's own top k). "Unexpected" is measured against the obvious
 * recommendation, popularity, one of several definitions in the literature (others use distance from the
 * user's history). Like precision, the denominator is k even for shorter lists; a user with no relevant items
 * scores 0.
 */
public final class Serendipity {
    private Serendipity() { }

    /** The share of the top k of {@code ranked} that is relevant and absent from {@code baseline}. */
    public static double of(int[] ranked, RelevantItems relevant, int[] baseline, int k) {
        Args.atLeast("k", k, 1);
        RankedLists.rankedList(ranked, "ranked");
        Args.notNull("relevant", relevant);
        RankedLists.rankedList(baseline, "baseline");
        int top = Math.min(k, ranked.length);
        int count = 0;
        for (int i = 0; i < top; i++) {
            int item = ranked[i];
            if (relevant.contains(item) && !contains(baseline, item)) {
                count++;
            }
        }
        return (double) count / k;
    }

    private static boolean contains(int[] list, int item) {
        for (int x : list) {
            if (x == item) {
                return true;
            }
        }
        return false;
    }
}
