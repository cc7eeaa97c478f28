package org.recsysbook.metrics;

import org.recsysbook.core.Args;
import org.recsysbook.data.Interactions;
import org.recsysbook.data.Split;

/**
 * The offline evaluation of a split of real interactions (the chapter's "Offline vs Online Metrics" on MovieLens):
 * the split's test users, each with their test items as the relevant set, and a catalog and novelty taken from the
 * split.
 *
 * <p>Every test item counts as relevant with grade 1 (the user watched it); recommenders are expected to leave out
 * each user's training items, as {@code retrieval.LearnedGenerator.recommend} does.
 */
public final class SplitEvaluation {
    private SplitEvaluation() { }

    /**
     * An {@link OfflineEvaluation} builder over {@code split.testUsers()}, with catalog coverage over the split's
     * items and novelty from the training interactions; further settings (k, bootstrap, …) as usual.
     */
    public static OfflineEvaluation.Builder builder(Split split) {
        Args.notNull("split", split);
        int[] users = split.testUsers();
        return OfflineEvaluation.builder(users, relevant(split.test(), users)).catalogSize(split.itemCount())
                .novelty(Novelty.fromCounts(split.train().itemCountsLong()));
    }

    /** Each user's items in {@code test} as a set of relevant items. */
    public static RelevantItems[] relevant(Interactions test, int[] users) {
        Args.notNull("test", test);
        Args.notNull("users", users);
        RelevantItems[] out = new RelevantItems[users.length];
        for (int j = 0; j < users.length; j++) {
            out[j] = RelevantItems.of(test.sortedItemsShared(users[j]));
        }
        return out;
    }
}
