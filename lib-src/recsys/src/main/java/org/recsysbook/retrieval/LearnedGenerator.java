package org.recsysbook.retrieval;

import java.util.Arrays;

import org.recsysbook.core.Args;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.TopK;
import org.recsysbook.data.Interactions;

/**
 * A candidate generator learned from real interactions (popularity, item-kNN, EASE, implicit ALS): the chapter's
 * candidate-generation stage with a model built from data instead of given embeddings.
 *
 * <p>A learned model scores every item for a <em>history</em>, the items a user interacted with. As a
 * {@link CandidateGenerator} its query is the user's row of the interaction matrix: a vector of the catalog's
 * length whose non-zero entries mark the items in the history (any positive value counts as an interaction). For
 * the users it was trained on, {@link #recommend(int, int)} scores their training history and leaves out the items
 * in it, which is what an offline evaluation asks. Items a model cannot score (EASE's pruned items) get no score
 * and are never returned, so a list may hold fewer than {@code k} items only when fewer are scorable.
 *
 * <p>Scoring allocates its own scratch arrays, so a trained model is safe to use from many threads.
 */
public abstract class LearnedGenerator implements CandidateGenerator {
    /** What the model was trained on. */
    protected final Interactions train;

    protected LearnedGenerator(Interactions train) {
        this.train = Args.notNull("train", train);
    }

    /**
     * Writes every item's score for a user whose history is {@code items} (ascending, distinct) into {@code out}
     * (length {@link #itemCount()}); an item the model cannot score gets {@link Double#NEGATIVE_INFINITY}.
     */
    protected abstract void scoreHistory(int[] items, double[] out);

    /** Every item's score for training user {@code user} (the default scores their training history). */
    protected void scoreUser(int user, double[] out) {
        scoreHistory(train.sortedItemsShared(user), out);
    }

    /** The interactions the model was trained on. */
    public Interactions train() {
        return train;
    }

    public int itemCount() {
        return train.itemCount();
    }

    /** Every item's score for training user {@code user} (NEGATIVE_INFINITY where the model cannot score). */
    public double[] scores(int user) {
        checkUser(user);
        double[] out = new double[itemCount()];
        scoreUser(user, out);
        return out;
    }

    /** The best {@code k} items for training user {@code user}, leaving out the items they trained on. */
    public ScoredItems recommend(int user, int k) {
        checkUser(user);
        checkK(k);
        double[] s = new double[itemCount()];
        scoreUser(user, s);
        return top(s, train.sortedItemsShared(user), k);
    }

    /** {@link #recommend} as item ids only, the form {@code metrics.Recommender} takes. */
    public int[] recommendIds(int user, int k) {
        return recommend(user, k).ids();
    }

    /**
     * The best {@code k} items for the history {@code query} marks (its positive entries), not leaving anything out.
     *
     * @param query a vector of length {@link #itemCount()}, finite entries ≥ 0, at least one positive
     */
    @Override
    public ScoredItems generate(float[] query, int k) {
        int[] history = history(query, itemCount());
        checkK(k);
        double[] s = new double[itemCount()];
        scoreHistory(history, s);
        return top(s, new int[0], k);
    }

    /** A history as the query {@link #generate} takes: 1 at each item of {@code items}, 0 elsewhere. */
    public float[] query(int... items) {
        float[] q = new float[itemCount()];
        for (int i : items) {
            Args.index("item", i, itemCount(), "items");
            q[i] = 1f;
        }
        return q;
    }

    /** The positive entries of {@code query}, checked. */
    static int[] history(float[] query, int n) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        if (query.length != n) {
            throw new IllegalArgumentException("query must have one entry per item (length " + n + "), got "
                    + query.length);
        }
        int[] items = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            float x = query[i];
            if (!Float.isFinite(x) || x < 0) {
                throw new IllegalArgumentException("query[" + i + "] must be finite and >= 0, got " + x);
            }
            if (x > 0) {
                items[m++] = i;
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("query marks no item (all zeros); a history needs at least one");
        }
        return Arrays.copyOf(items, m);
    }

    /** The best {@code k} finite scores, skipping the ascending ids in {@code exclude}. */
    static ScoredItems top(double[] scores, int[] exclude, int k) {
        TopK heap = new TopK(k);
        int e = 0;
        for (int i = 0; i < scores.length; i++) {
            if (e < exclude.length && exclude[e] == i) {
                e++;
                continue;
            }
            double s = scores[i];
            if (s >= heap.threshold() && s != Double.NEGATIVE_INFINITY) {
                heap.offer(i, s);
            }
        }
        return heap.drain();
    }

    void checkK(int k) {
        Args.inRange("k", k, 1, itemCount());
    }

    void checkUser(int user) {
        Args.index("user", user, train.userCount(), "users");
    }
}
