package org.recsysbook.retrieval;

import java.util.Arrays;

import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.TopK;
import org.recsysbook.world.World;

/**
 * The chapter's blend of cosine and popularity ({@link CosinePopularityBlend}) served from an HNSW index instead of a
 * pass over the whole catalog: the index's {@code nearest} items by cosine, then the most popular items in order of
 * popularity for as long as one of them could still enter the top {@code k} (up to a cap), each scored {@code w_cos·cos +
 * w_pop·popularity} with the exact formula of the full pass, best {@code k} kept.
 *
 * <p>Why the popular items stop where they do (the threshold rule of Fagin's algorithm): an item the index did not
 * return has, if the index is exact, a cosine at most that of the last one it did return, {@code c_min}; so an item
 * of popularity {@code p} scores at most {@code w_cos·c_min + w_pop·p}, and once that bound falls below the
 * {@code k}-th best score found, no less popular item can enter. The result is then the exact blend's top {@code k}
 * whenever the index's {@code nearest} are the true nearest; what the index misses, the blend may miss (the serving
 * benchmark prints the recall against the exact pass), and what the cap on popular items cuts off. Both weights
 * must be ≥ 0 for the bound to hold.
 */
public final class ApproximateBlend implements CandidateGenerator {
    private final World world;
    private final HnswIndex index;
    private final double cosineWeight;
    private final double popularityWeight;
    private final double[] popularity;
    /** Every item, most popular first. */
    private final int[] byPopularity;
    private final int nearest;
    private final int maxPopular;
    private final DotKernel kernel = DotKernel.best();

    /**
     * A blend over {@code index}'s {@code nearest} neighbours and the popular items of {@code world}.
     *
     * @param index            an index over {@code world}'s item vectors
     * @param cosineWeight     the cosine's weight, finite and ≥ 0
     * @param popularityWeight popularity's weight, finite and ≥ 0
     * @param nearest          how many neighbours the index returns, in [1, items] (at least k are asked for);
     *                         more costs a wider search and leaves fewer popular items to score
     * @param maxPopular       the most popular items scored per request, in [0, items]: the threshold rule stops
     *                         earlier when it can, this caps its cost when it cannot (then the result can miss a
     *                         popular item of middling cosine)
     */
    public ApproximateBlend(World world, HnswIndex index, double cosineWeight, double popularityWeight,
                            int nearest, int maxPopular) {
        if (world == null || index == null) {
            throw new IllegalArgumentException("world and index must not be null");
        }
        if (index.size() != world.itemCount() || index.dim() != world.dim()) {
            throw new IllegalArgumentException("index must cover the world's " + world.itemCount() + " × "
                    + world.dim() + " item vectors, got " + index.size() + " × " + index.dim());
        }
        if (!(cosineWeight >= 0) || !(popularityWeight >= 0) || Double.isInfinite(cosineWeight)
                || Double.isInfinite(popularityWeight)) {
            throw new IllegalArgumentException("cosineWeight and popularityWeight must be finite and ≥ 0, got "
                    + cosineWeight + " and " + popularityWeight);
        }
        if (nearest < 1 || nearest > world.itemCount()) {
            throw new IllegalArgumentException("nearest must be in [1, " + world.itemCount() + "], got " + nearest);
        }
        if (maxPopular < 0 || maxPopular > world.itemCount()) {
            throw new IllegalArgumentException("maxPopular must be in [0, " + world.itemCount() + "], got "
                    + maxPopular);
        }
        this.maxPopular = maxPopular;
        this.world = world;
        this.index = index;
        this.cosineWeight = cosineWeight;
        this.popularityWeight = popularityWeight;
        this.nearest = nearest;
        this.popularity = world.popularity();
        this.byPopularity = maxPopular == 0 ? new int[0] : TopK.indices(popularity, maxPopular);
    }

    /** The best {@code k} by the blend of the index's {@code max(k, nearest)} nearest items and the popular ones. */
    @Override
    public ScoredItems generate(float[] query, int k) {
        return generateCounting(query, k).candidates();
    }

    /** The result of {@link #generateCounting}: the candidates and how many popular items were scored. */
    public record Result(ScoredItems candidates, int popularScored) {
    }

    /** {@link #generate} that also says how many popular items beyond the index's were scored. */
    public Result generateCounting(float[] query, int k) {
        int dim = world.dim();
        Queries.unit(query, dim);
        Queries.checkK(k, world.itemCount());
        ScoredItems near = index.generate(query, Math.max(k, nearest));
        double norm = 0;
        for (float x : query) {
            norm += (double) x * x;
        }
        double length = Math.sqrt(norm);
        double scale = cosineWeight / (length + 1e-8);
        float[] items = world.itemVectors();
        int[] seen = new int[near.size()];
        double minCosine = Double.POSITIVE_INFINITY;
        TopK heap = new TopK(k);
        for (int i = 0; i < near.size(); i++) {
            int item = near.id(i);
            seen[i] = item;
            minCosine = Math.min(minCosine, near.score(i));
            heap.offer(item, scale * kernel.dot(query, 0, items, item * dim, dim) + popularityWeight * popularity[item]);
        }
        Arrays.sort(seen);
        // The most an item outside the index's answer can take from its cosine (a little slack for float rounding).
        double cosinePart = scale * length * minCosine + 1e-6;
        int scored = 0;
        for (int r = 0; r < byPopularity.length && r < maxPopular; r++) {
            int item = byPopularity[r];
            double bound = cosinePart + popularityWeight * popularity[item];
            if (heap.size() >= k && bound < heap.threshold()) {
                break;
            }
            if (Arrays.binarySearch(seen, item) < 0) {
                heap.offer(item, scale * kernel.dot(query, 0, items, item * dim, dim)
                        + popularityWeight * popularity[item]);
                scored++;
            }
        }
        return new Result(heap.drain(), scored);
    }

    public HnswIndex index() {
        return index;
    }

    @Override
    public String name() {
        return "HNSW + popular, blended";
    }

    @Override
    public String toString() {
        return "ApproximateBlend[" + cosineWeight + "·cos + " + popularityWeight + "·popularity over " + index.name()
                + ", its " + nearest + " nearest, and up to " + maxPopular + " popular items]";
    }
}
