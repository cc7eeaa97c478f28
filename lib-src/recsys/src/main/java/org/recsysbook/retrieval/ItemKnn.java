package org.recsysbook.retrieval;

import java.util.stream.IntStream;

import org.recsysbook.core.Args;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.TopK;
import org.recsysbook.data.Interactions;
import org.recsysbook.notebook.Progress;

/**
 * Item-based k-nearest neighbours over co-occurrence, the classic "people who watched this also watched" candidate
 * source (Sarwar et al. 2001; Amazon's item-to-item, Linden et al. 2003) for the chapter's candidate-generation
 * stage.
 *
 * <p>Two items are similar when the same users interacted with both: with {@code c_ij} the number of users who
 * interacted with items i and j and {@code n_i} the number who interacted with i, the cosine of their user columns
 * is {@code s_ij = c_ij / sqrt(n_i n_j)}. Each item keeps its {@code neighbours} most similar items (ties to the
 * lower id); a user's score for item j is the sum of {@code s_ij} over the items i in their history of which j is a
 * neighbour. Training counts co-occurrences user by user ({@code O(Σ_u n_u²)}), one item at a time on all cores;
 * no randomness is involved.
 */
public final class ItemKnn extends LearnedGenerator {
    /** The default number of neighbours kept per item. */
    public static final int DEFAULT_NEIGHBOURS = 100;

    private final int neighbours;
    private final int[][] ids;
    private final float[][] sims;

    private ItemKnn(Interactions train, int neighbours, int[][] ids, float[][] sims) {
        super(train);
        this.neighbours = neighbours;
        this.ids = ids;
        this.sims = sims;
    }

    /** Trains with {@link #DEFAULT_NEIGHBOURS} neighbours per item. */
    public static ItemKnn train(Interactions train) {
        return train(train, DEFAULT_NEIGHBOURS);
    }

    /**
     * Computes every item's nearest neighbours, with a progress bar.
     *
     * @param neighbours the neighbours kept per item, ≥ 1
     */
    public static ItemKnn train(Interactions train, int neighbours) {
        Args.notNull("train", train);
        Args.positive("neighbours", neighbours);
        int n = train.itemCount();
        int[][] byItem = train.byItem();
        int[] off = byItem[0];
        int[] users = byItem[1];
        int[] counts = train.itemCounts();
        int[][] ids = new int[n][];
        float[][] sims = new float[n][];
        try (Progress bar = Progress.start("Item-kNN: neighbours of " + n + " items", n)) {
            IntStream.range(0, (n + 255) / 256).parallel().forEach(chunk -> {
                int[] co = new int[n];
                int[] touched = new int[n];
                for (int i = chunk * 256; i < Math.min(n, (chunk + 1) * 256); i++) {
                    int m = 0;
                    for (int p = off[i]; p < off[i + 1]; p++) {
                        for (int j : train.sortedItemsShared(users[p])) {
                            if (j != i && co[j]++ == 0) {
                                touched[m++] = j;
                            }
                        }
                    }
                    TopK heap = new TopK(neighbours);
                    for (int t = 0; t < m; t++) {
                        int j = touched[t];
                        heap.offer(j, co[j] / Math.sqrt((double) counts[i] * counts[j]));
                        co[j] = 0;
                    }
                    ScoredItems best = heap.drain();
                    ids[i] = best.ids();
                    float[] s = new float[best.size()];
                    for (int t = 0; t < s.length; t++) {
                        s[t] = (float) best.score(t);
                    }
                    sims[i] = s;
                    bar.step();
                }
            });
        }
        return new ItemKnn(train, neighbours, ids, sims);
    }

    @Override
    protected void scoreHistory(int[] items, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int i : items) {
            int[] nb = ids[i];
            float[] s = sims[i];
            for (int t = 0; t < nb.length; t++) {
                out[nb[t]] += s[t];
            }
        }
    }

    /** The cosine of items i and j if j is among i's neighbours, else 0. */
    public double similarity(int i, int j) {
        Args.index("item", i, itemCount(), "items");
        Args.index("item", j, itemCount(), "items");
        for (int t = 0; t < ids[i].length; t++) {
            if (ids[i][t] == j) {
                return sims[i][t];
            }
        }
        return 0;
    }

    public int neighbours() {
        return neighbours;
    }

    @Override
    public String name() {
        return "item-kNN";
    }
}
