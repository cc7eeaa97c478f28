package org.recsysbook.retrieval;

import org.recsysbook.data.Interactions;

/**
 * The most popular items learned from real interactions, the baseline every learned candidate generator must
 * beat (the chapter's popularity source, here counted from the training data rather than given by a world).
 *
 * <p>An item's score is the number of training users who interacted with it; ties go to the lower item id. The
 * history changes nothing but which items are left out.
 */
public final class MostPopular extends LearnedGenerator {
    private final int[] counts;

    public MostPopular(Interactions train) {
        super(train);
        this.counts = train.itemCounts();
    }

    @Override
    protected void scoreHistory(int[] items, double[] out) {
        for (int i = 0; i < counts.length; i++) {
            out[i] = counts[i];
        }
    }

    @Override
    public String name() {
        return "popularity";
    }
}
