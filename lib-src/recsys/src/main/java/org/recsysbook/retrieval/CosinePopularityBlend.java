package org.recsysbook.retrieval;

import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.TopK;
import org.recsysbook.world.World;

/**
 * The chapter's candidate generation: the cosine between the user profile and each item's features,
 * blended with popularity "for exploration" as {@code 0.7·cos + 0.3·popularity}, best {@code k} kept
 * ({@code RecommendationPipeline.candidate_generation}).
 *
 * <p>As in the chapter the cosine is {@code item·u / (|item|·|u| + 1e-8)}; a world's item vectors have
 * unit length, so this is {@code item·u / (|u| + 1e-8)}. The weights are parameters; the chapter's are
 * {@link #CHAPTER_COSINE_WEIGHT} and {@link #CHAPTER_POPULARITY_WEIGHT}. Top-k by partial selection, a
 * single exact pass over the catalog.
 */
public final class CosinePopularityBlend implements CandidateGenerator {
    /** The chapter's weight of the cosine. */
    public static final double CHAPTER_COSINE_WEIGHT = 0.7;
    /** The chapter's weight of the popularity. */
    public static final double CHAPTER_POPULARITY_WEIGHT = 0.3;
    private static final int BLOCK = 1024;

    private final World world;
    private final double cosineWeight;
    private final double popularityWeight;
    private final double[] popularity;
    private final DotKernel kernel = DotKernel.best();

    /** The chapter's blend, 0.7·cos + 0.3·popularity. */
    public CosinePopularityBlend(World world) {
        this(world, CHAPTER_COSINE_WEIGHT, CHAPTER_POPULARITY_WEIGHT);
    }

    /** A blend with other weights, each finite (negative weights are allowed and mean "penalise"). */
    public CosinePopularityBlend(World world, double cosineWeight, double popularityWeight) {
        if (world == null) {
            throw new IllegalArgumentException("world must not be null");
        }
        if (!Double.isFinite(cosineWeight)) {
            throw new IllegalArgumentException("cosineWeight must be finite, got " + cosineWeight);
        }
        if (!Double.isFinite(popularityWeight)) {
            throw new IllegalArgumentException("popularityWeight must be finite, got " + popularityWeight);
        }
        this.world = world;
        this.cosineWeight = cosineWeight;
        this.popularityWeight = popularityWeight;
        this.popularity = world.popularity();
    }

    /** The {@code k} items with the highest blended score for profile {@code query}; k in [1, items]. */
    @Override
    public ScoredItems generate(float[] query, int k) {
        int dim = world.dim();
        int n = world.itemCount();
        Queries.unit(query, dim);
        Queries.checkK(k, n);
        double norm = 0;
        for (float x : query) {
            norm += (double) x * x;
        }
        double scale = cosineWeight / (Math.sqrt(norm) + 1e-8);
        float[] items = world.itemVectors();
        float[] block = new float[BLOCK];
        TopK heap = new TopK(k);
        double threshold = heap.threshold();
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            kernel.dots(items, dim, start, end, query, block);
            for (int i = start; i < end; i++) {
                double s = scale * block[i - start] + popularityWeight * popularity[i];
                if (s >= threshold) {
                    heap.offer(i, s);
                    threshold = heap.threshold();
                }
            }
        }
        return heap.drain();
    }

    @Override
    public String name() {
        return "cosine + popularity";
    }

    @Override
    public String toString() {
        return "CosinePopularityBlend[" + cosineWeight + "·cos + " + popularityWeight + "·popularity]";
    }
}
