package org.recsysbook.retrieval;

import org.recsysbook.core.Args;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.TopK;

import java.util.Arrays;
import java.util.Locale;

/**
 * Approximate retrieval over learned ALS embeddings with the Lucene {@link HnswIndex}: the chapter's "ANN
 * retrieval" on vectors a model learned, and what its approximation costs.
 *
 * <p>ALS scores by the inner product {@code x_u · y_i}, and item vectors have different lengths, while the HNSW
 * index searches by cosine. The standard reduction (Bachrach et al., "Speeding up the Xbox recommender system
 * using a Euclidean transformation for inner-product spaces", RecSys 2014) appends one coordinate to each item
 * vector, {@code ŷ_i = (y_i / M, sqrt(1 − ‖y_i‖² / M²))} with {@code M} the largest item norm, so every ŷ has unit
 * length, and queries with {@code (x_u, 0)}: the cosine is then {@code x_u · y_i / (M ‖x_u‖)}, the same order as the
 * inner product. Only items with a training interaction have a learned vector and are indexed (the others, all the
 * same zero vector, would only clutter the graph; the exact model does not score them either). The index is built on
 * one thread, so it is reproducible from its seed.
 *
 * <p>{@link #recommend} asks the index for {@code k} plus the user's training items and drops those, so the list
 * holds up to {@code k} unseen items as the exact model's would.
 */
public final class EmbeddingAnn extends LearnedGenerator {
    private final ImplicitAls model;
    private final HnswIndex index;
    private final int breadth;
    private final int dim;
    private final int[] items; // index ordinal → item id

    private EmbeddingAnn(ImplicitAls model, HnswIndex index, int breadth, int[] items) {
        super(model.train());
        this.model = model;
        this.index = index;
        this.breadth = breadth;
        this.dim = model.factors() + 1;
        this.items = items;
    }

    /**
     * Builds the index over {@code model}'s item vectors.
     *
     * @param m       graph degree, in [2, 512]
     * @param breadth the search breadth {@code ef} (raised to the list length asked when that is larger), ≥ 1
     */
    public static EmbeddingAnn build(ImplicitAls model, int m, int breadth, long seed) {
        Args.notNull("model", model);
        Args.positive("breadth", breadth);
        int f = model.factors();
        float[] all = model.itemVectors();
        int n = 0;
        for (int i = 0; i < model.itemCount(); i++) {
            if (model.trained(i)) {
                n++;
            }
        }
        int[] items = new int[n];
        float[] rows = new float[n * f];
        for (int i = 0, o = 0; i < model.itemCount(); i++) {
            if (model.trained(i)) {
                items[o] = i;
                System.arraycopy(all, i * f, rows, o * f, f);
                o++;
            }
        }
        HnswIndex index = HnswIndex.builder(unitItems(rows, f), f + 1).m(m).threads(1).seed(seed).build();
        return new EmbeddingAnn(model, index, breadth, items);
    }

    /** The same graph searched with another breadth. */
    public EmbeddingAnn withBreadth(int newBreadth) {
        Args.positive("breadth", newBreadth);
        return new EmbeddingAnn(model, index, newBreadth, items);
    }

    /** The transform of the class comment: unit rows of dimension {@code dim + 1}. */
    static float[] unitItems(float[] y, int dim) {
        int n = y.length / dim;
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, norm2(y, i * dim, dim));
        }
        double scale = max > 0 ? 1 / Math.sqrt(max) : 1;
        float[] out = new float[n * (dim + 1)];
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int k = 0; k < dim; k++) {
                double v = y[i * dim + k] * scale;
                out[i * (dim + 1) + k] = (float) v;
                sq += v * v;
            }
            out[i * (dim + 1) + dim] = (float) Math.sqrt(Math.max(0, 1 - sq));
        }
        return out;
    }

    private static double norm2(float[] v, int off, int dim) {
        double s = 0;
        for (int k = 0; k < dim; k++) {
            s += (double) v[off + k] * v[off + k];
        }
        return s;
    }

    private float[] query(float[] userVector) {
        float[] q = Arrays.copyOf(userVector, dim);
        q[dim - 1] = 0f;
        return q;
    }

    /** The approximate top {@code k} by inner product for training user {@code user}, nothing left out. */
    public ScoredItems searchUser(int user, int k) {
        checkUser(user);
        checkK(k);
        int n = items.length;
        return toItems(index.search(query(model.userVector(user)), Math.min(k, n), Math.min(n, Math.max(k, breadth))));
    }

    private ScoredItems toItems(ScoredItems found) {
        int[] ids = new int[found.size()];
        double[] scores = new double[found.size()];
        for (int j = 0; j < ids.length; j++) {
            ids[j] = items[found.id(j)];
            scores[j] = found.score(j);
        }
        return new ScoredItems(ids, scores);
    }

    /** The exact top {@code k} by inner product for training user {@code user}, nothing left out. */
    public ScoredItems exactUser(int user, int k) {
        checkK(k);
        return top(model.scores(user), new int[0], k);
    }

    /** The mean over {@code users} of recall@k of the index's top k against the exact top k. */
    public double recall(int[] users, int k) {
        double sum = 0;
        for (int u : users) {
            sum += AnnRecall.atK(searchUser(u, k), exactUser(u, k), k);
        }
        return sum / users.length;
    }

    @Override
    public ScoredItems recommend(int user, int k) {
        checkUser(user);
        checkK(k);
        int[] seen = train.sortedItemsShared(user);
        int n = items.length;
        int ask = Math.min(n, k + seen.length);
        ScoredItems found = toItems(index.search(query(model.userVector(user)), ask, Math.min(n, Math.max(ask,
                breadth))));
        int[] ids = new int[k];
        double[] scores = new double[k];
        int m = 0;
        for (int j = 0; j < found.size() && m < k; j++) {
            if (Arrays.binarySearch(seen, found.id(j)) < 0) {
                ids[m] = found.id(j);
                scores[m] = found.score(j);
                m++;
            }
        }
        return new ScoredItems(Arrays.copyOf(ids, m), Arrays.copyOf(scores, m));
    }

    /** Scores a folded-in history exactly (the index answers {@link #recommend} and {@link #searchUser}). */
    @Override
    protected void scoreHistory(int[] items, double[] out) {
        model.scoreHistory(items, out);
    }

    public HnswIndex index() {
        return index;
    }

    public int breadth() {
        return breadth;
    }

    @Override
    public String name() {
        return "ALS + HNSW (ef " + breadth + ")";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "EmbeddingAnn[%s, ef %d]", index, breadth);
    }
}
