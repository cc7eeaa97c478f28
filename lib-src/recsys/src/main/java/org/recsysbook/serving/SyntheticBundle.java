package org.recsysbook.serving;

import org.recsysbook.ranking.Ranker;
import org.recsysbook.core.Request;
import org.recsysbook.ranking.SimulatedRanker;
import org.recsysbook.core.TopK;
import org.recsysbook.core.UserContext;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.rerank.ReRanker;
import org.recsysbook.retrieval.CandidateGenerator;
import org.recsysbook.retrieval.ApproximateBlend;
import org.recsysbook.retrieval.CosinePopularityBlend;
import org.recsysbook.retrieval.HnswIndex;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.world.World;

/**
 * A model bundle over the synthetic world: the chapter's funnel with its blend of cosine and popularity as
 * candidate generation, its simulated ranker, and its category quota (at most 3 per category) as re-ranking, filled
 * up by backfill to {@link RecommendationService#MAX_K} items.
 *
 * <p>Candidate generation comes in two kinds. Without an index it is the exact blend, one pass over every item
 * vector ({@link CosinePopularityBlend}: about 30 ms for 1M × 64 on one core, memory-bound). With an
 * {@link HnswIndex} over the world it is the {@link ApproximateBlend}: the index's {@link #ANN_NEAREST} nearest
 * items and the most popular ones that could still make the list (at most {@link #ANN_MAX_POPULAR}), scored by the
 * same blend: the HNSW retrieval the notebooks and the pipeline benchmark use at catalog scale.
 *
 * <p>Two bundles over the same world with different blend weights or ranker seeds are two model versions; they may
 * share one index.
 */
public final class SyntheticBundle implements ModelBundle {
    /** Candidates returned by stage 1. */
    public static final int CANDIDATES = 200;
    /** Items stage 2 passes on. */
    public static final int RANKED = 100;
    /** With an index: the neighbours asked of it, and the most popular items scored beside them at most. */
    public static final int ANN_NEAREST = 200;
    public static final int ANN_MAX_POPULAR = 500;

    private final World world;
    private final String version;
    private final CandidateGenerator retrieval;
    private final Ranker ranker;
    private final ReRanker reRanker;
    private final ScoredItems popular;

    private SyntheticBundle(World world, String version, double cosineWeight, double popularityWeight,
                            long rankerSeed, HnswIndex index) {
        if (world == null) {
            throw new IllegalArgumentException("world must not be null");
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version must be a non-empty label, got "
                    + (version == null ? "null" : "\"" + version + "\""));
        }
        if (world.itemCount() < CANDIDATES) {
            throw new IllegalArgumentException("world.itemCount() must be ≥ " + CANDIDATES + ", got "
                    + world.itemCount());
        }
        this.world = world;
        this.version = version;
        this.retrieval = index == null ? new CosinePopularityBlend(world, cosineWeight, popularityWeight)
                : new ApproximateBlend(world, index, cosineWeight, popularityWeight, ANN_NEAREST,
                        Math.min(ANN_MAX_POPULAR, world.itemCount()));
        this.ranker = new SimulatedRanker(rankerSeed);
        this.reRanker = CategoryQuota.of(world, CategoryQuota.DEFAULT_MAX_PER_CATEGORY, RecommendationService.MAX_K)
                .withBackfill();
        double[] pop = world.popularity();
        int[] top = TopK.indices(pop, RecommendationService.MAX_K);
        double[] s = new double[top.length];
        for (int i = 0; i < top.length; i++) {
            s[i] = pop[top[i]];
        }
        this.popular = new ScoredItems(top, s);
    }

    /** The chapter's weights, 0.7·cos + 0.3·popularity, and ranker seed 42. */
    public static SyntheticBundle of(World world, String version) {
        return new SyntheticBundle(world, version, CosinePopularityBlend.CHAPTER_COSINE_WEIGHT,
                CosinePopularityBlend.CHAPTER_POPULARITY_WEIGHT, 42, null);
    }

    /** A bundle with other blend weights (each finite) and another ranker seed: another model version. */
    public static SyntheticBundle of(World world, String version, double cosineWeight, double popularityWeight,
                                     long rankerSeed) {
        return new SyntheticBundle(world, version, cosineWeight, popularityWeight, rankerSeed, null);
    }

    /**
     * A bundle whose candidate generation is the {@link ApproximateBlend} over {@code index} (an index over
     * {@code world}'s items; its search breadth should be at least {@link #CANDIDATES}), or the exact blend when
     * {@code index} is null.
     */
    public static SyntheticBundle of(World world, String version, double cosineWeight, double popularityWeight,
                                     long rankerSeed, HnswIndex index) {
        return new SyntheticBundle(world, version, cosineWeight, popularityWeight, rankerSeed, index);
    }

    public World world() {
        return world;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int itemCount() {
        return world.itemCount();
    }

    @Override
    public int userCount() {
        return world.userCount();
    }

    @Override
    public Request request(int user, UserContext context) {
        world.checkUser(user);
        return Request.forUser(world, user).withContext(context);
    }

    @Override
    public CandidateGenerator retrieval() {
        return retrieval;
    }

    @Override
    public int candidates() {
        return CANDIDATES;
    }

    @Override
    public Ranker ranker() {
        return ranker;
    }

    @Override
    public int ranked() {
        return RANKED;
    }

    @Override
    public ReRanker reRanker() {
        return reRanker;
    }

    @Override
    public ScoredItems popular(int k) {
        if (k < 1 || k > popular.size()) {
            throw new IllegalArgumentException("k must be in [1, " + popular.size() + "], got " + k);
        }
        return popular.head(k);
    }

    @Override
    public String title(int item) {
        world.checkItem(item);
        return "Item " + item;
    }

    @Override
    public String genres(int item) {
        return world.categoryName(item);
    }

    @Override
    public String toString() {
        return "SyntheticBundle[" + version + ", " + world.itemCount() + " items, " + world.userCount() + " users]";
    }
}
