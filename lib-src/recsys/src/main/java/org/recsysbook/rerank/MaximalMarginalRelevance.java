package org.recsysbook.rerank;

import java.util.Locale;

import org.recsysbook.core.Args;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.Vectors;
import org.recsysbook.world.World;

/**
 * Maximal marginal relevance (MMR), the diversity re-ranker behind the chapter's "Re-ranking: business
 * logic, diversity": it builds the list greedily, each time taking the item that best trades relevance
 * against similarity to the items already taken,
 * <pre>  MMR(i) = λ · rel(i) − (1 − λ) · max_{j ∈ S} cos(vᵢ, vⱼ)</pre>
 * with {@code S} the items chosen so far (the max is 0 while {@code S} is empty).
 *
 * <p>{@code λ = 1} keeps the ranked order; {@code λ = 0} ignores relevance after the first pick and
 * spreads the list out as far as the vectors allow. Ranking scores and cosines live on different
 * scales, so {@code rel(i)} is the item's score min–max scaled over the input list to [0, 1] (all 1
 * when every score is equal). The output keeps each item's incoming score, in MMR's order.
 *
 * <p>Cost: O(k · n · d) for n items in d dimensions; each chosen item updates every remaining item's
 * largest similarity once.
 */
public final class MaximalMarginalRelevance implements ReRanker {
    private final float[] vectors;
    private final int dim;
    private final int itemCount;
    private final double lambda;
    private final int k;

    /**
     * An MMR re-ranker over the given item vectors.
     *
     * @param vectors the item vectors, row-major ({@code itemCount × dim}), finite; not copied, so they
     *                must not change while the re-ranker is used
     * @param dim     the vector dimension, ≥ 1, dividing {@code vectors.length}
     * @param lambda  the trade-off λ in [0, 1]: 1 = relevance only, 0 = diversity only
     * @param k       the length of the output list, ≥ 1
     */
    public MaximalMarginalRelevance(float[] vectors, int dim, double lambda, int k) {
        Args.atLeast("dim", dim, 1);
        if (vectors == null || vectors.length == 0 || vectors.length % dim != 0) {
            throw new IllegalArgumentException("vectors.length must be a positive multiple of dim=" + dim
                    + ", got " + (vectors == null ? "null" : String.valueOf(vectors.length)));
        }
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
        }
        Args.atLeast("k", k, 1);
        for (int j = 0; j < vectors.length; j++) {
            if (!Float.isFinite(vectors[j])) {
                throw new IllegalArgumentException("vectors[" + j + "] (item " + (j / dim) + ") is " + vectors[j]
                        + "; entries must be finite numbers");
            }
        }
        this.vectors = vectors;
        this.dim = dim;
        this.itemCount = vectors.length / dim;
        this.lambda = lambda;
        this.k = k;
    }

    /** MMR over {@code world}'s item vectors. */
    public static MaximalMarginalRelevance of(World world, double lambda, int k) {
        return new MaximalMarginalRelevance(world.itemVectors(), world.dim(), lambda, k);
    }

    public double lambda() {
        return lambda;
    }

    public int k() {
        return k;
    }

    @Override
    public ScoredItems rerank(Request request, ScoredItems ranked) {
        int n = ranked.size();
        if (n == 0) {
            return ranked;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            int item = ranked.id(i);
            if (item >= itemCount) {
                throw new IllegalArgumentException("ranked holds item " + item + ", not in the catalog [0, "
                        + itemCount + ")");
            }
            min = Math.min(min, ranked.score(i));
            max = Math.max(max, ranked.score(i));
            norm[i] = Vectors.norm(vectors, item * dim, dim);
        }
        double range = max - min;
        double[] rel = new double[n];
        for (int i = 0; i < n; i++) {
            rel[i] = range > 0 ? (ranked.score(i) - min) / range : 1.0;
        }
        double[] maxSim = new double[n]; // largest cosine to a chosen item; 0 before the first choice
        boolean[] taken = new boolean[n];
        int m = Math.min(k, n);
        int[] ids = new int[m];
        double[] scores = new double[m];
        for (int step = 0; step < m; step++) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                double value = lambda * rel[i] - (1 - lambda) * maxSim[i];
                if (value > bestValue) { // strict: ties go to the better-ranked item
                    bestValue = value;
                    best = i;
                }
            }
            taken[best] = true;
            ids[step] = ranked.id(best);
            scores[step] = ranked.score(best);
            if (step + 1 < m) {
                int chosen = ranked.id(best);
                for (int i = 0; i < n; i++) {
                    if (!taken[i]) {
                        double denom = norm[i] * norm[best];
                        double dot = Vectors.dot(vectors, ranked.id(i) * dim, vectors, chosen * dim, dim);
                        double cos = denom > 0 ? dot / denom : 0.0;
                        if (step == 0 || cos > maxSim[i]) {
                            maxSim[i] = cos;
                        }
                    }
                }
            }
        }
        return new ScoredItems(ids, scores);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MaximalMarginalRelevance[lambda=%.2f, k=%d]", lambda, k);
    }
}
