package org.recsysbook.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.ranking.Ranker;
import org.recsysbook.ranking.SimulatedRanker;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.rerank.ReRanker;
import org.recsysbook.retrieval.CandidateGenerator;
import org.recsysbook.retrieval.CosinePopularityBlend;
import org.recsysbook.world.World;

/**
 * The chapter's {@code RecommendationPipeline}: candidate generation → ranking → re-ranking, the funnel
 * that narrows a catalog of millions to the ten items a user sees. Each stage is one small interface
 * ({@link CandidateGenerator}, {@link Ranker}, {@link ReRanker}); {@link #recommend} runs them in turn
 * and times each one.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.builder(world)
 *         .candidates(new CosinePopularityBlend(world), 50)
 *         .ranker(new SimulatedRanker(42), 50)
 *         .reRanker(CategoryQuota.of(world, 3, 10))
 *         .build();
 * PipelineResult r = p.recommend(request);
 * }</pre>
 *
 * <p>A pipeline holds no per-request state; it is as thread-safe as its stages.
 */
public final class Pipeline {
    private final World world;
    private final CandidateGenerator generator;
    private final int nCandidates;
    private final Ranker ranker;
    private final int nRanked;
    private final ReRanker reRanker;

    private Pipeline(Builder b) {
        this.world = b.world;
        this.generator = b.generator;
        this.nCandidates = b.nCandidates;
        this.ranker = b.ranker;
        this.nRanked = b.nRanked;
        this.reRanker = b.reRanker;
    }

    /** A builder over {@code world}'s catalog. */
    public static Builder builder(World world) {
        return new Builder(world);
    }

    /**
     * The chapter's {@code recommend}: 50 candidates by {@code 0.7·cos + 0.3·popularity}, all 50 scored by the
     * simulated ranker, then at most 3 per category until 10. The ranker draws its noise from NumPy's stream as
     * the chapter's script leaves it after {@code np.random.seed(seed)} and the world's draws
     * ({@link SimulatedRanker#chapterDemo}), so on {@code World.chapterDemo(seed)} the result is the chapter's
     * printout digit for digit.
     */
    public static Pipeline chapterDemo(World world, long seed) {
        return builder(world)
                .candidates(new CosinePopularityBlend(world), 50)
                .ranker(SimulatedRanker.chapterDemo(seed), 50)
                .reRanker(CategoryQuota.chapterDefaults(world))
                .build();
    }

    public World world() {
        return world;
    }

    public CandidateGenerator candidateGenerator() {
        return generator;
    }

    public Ranker ranker() {
        return ranker;
    }

    public ReRanker reRanker() {
        return reRanker;
    }

    /**
     * Runs the three stages for one request.
     *
     * @throws IllegalArgumentException if the request's vector does not have the catalog's dimension or
     *                                  a stage gets or returns bad input (for example no candidates)
     */
    public PipelineResult recommend(Request request) {
        if (request == null) {
            throw new IllegalArgumentException("request must not be null");
        }
        if (request.dim() != world.dim()) {
            throw new IllegalArgumentException("request.userVector must have the catalog's dimension " + world.dim()
                    + ", got " + request.dim());
        }
        long t0 = System.nanoTime();
        ScoredItems candidates = generator.generate(request.userVector(), nCandidates);
        long t1 = System.nanoTime();
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("candidate generation (" + generator.name()
                    + ") returned no candidates; a pipeline needs at least 1");
        }
        ScoredItems ranked = ranker.rank(request, candidates, nRanked);
        long t2 = System.nanoTime();
        ScoredItems shown = reRanker.rerank(request, ranked);
        long t3 = System.nanoTime();

        List<Recommendation> items = new ArrayList<>(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            int item = shown.id(i);
            world.checkItem(item);
            int c = candidates.indexOf(item);
            int r = ranked.indexOf(item);
            items.add(new Recommendation(i + 1, item, world.categoryName(item),
                    c >= 0 ? candidates.score(c) : Double.NaN,
                    r >= 0 ? ranked.score(r) : Double.NaN,
                    shown.score(i)));
        }
        return new PipelineResult(request, items,
                new Funnel(world.itemCount(), candidates.size(), ranked.size(), shown.size()),
                new StageTimes(t1 - t0, t2 - t1, t3 - t2));
    }

    @Override
    public String toString() {
        return "Pipeline[" + generator.name() + " → " + nCandidates + " candidates → " + ranker + " → top "
                + nRanked + " → " + reRanker + "]";
    }

    /** Builds a {@link Pipeline}; every stage must be set. */
    public static final class Builder {
        private final World world;
        private CandidateGenerator generator;
        private int nCandidates;
        private Ranker ranker;
        private int nRanked;
        private ReRanker reRanker = ReRanker.identity();

        private Builder(World world) {
            if (world == null) {
                throw new IllegalArgumentException("world must not be null");
            }
            this.world = world;
        }

        /**
         * Stage 1: the generator and how many candidates it returns, in [1, catalog size].
         */
        public Builder candidates(CandidateGenerator candidateGenerator, int k) {
            if (candidateGenerator == null) {
                throw new IllegalArgumentException("candidateGenerator must not be null");
            }
            if (k < 1 || k > world.itemCount()) {
                throw new IllegalArgumentException("k (candidates) must be in [1, " + world.itemCount()
                        + "], got " + k);
            }
            this.generator = candidateGenerator;
            this.nCandidates = k;
            return this;
        }

        /** Stage 2: the ranker and how many of the best-scored candidates it passes on, ≥ 1. */
        public Builder ranker(Ranker newRanker, int keep) {
            if (newRanker == null) {
                throw new IllegalArgumentException("ranker must not be null");
            }
            if (keep < 1) {
                throw new IllegalArgumentException("keep (ranked items) must be ≥ 1, got " + keep);
            }
            this.ranker = newRanker;
            this.nRanked = keep;
            return this;
        }

        /** Stage 3: the re-ranker (compose several with {@link ReRanker#then}); none leaves the ranked list as is. */
        public Builder reRanker(ReRanker newReRanker) {
            if (newReRanker == null) {
                throw new IllegalArgumentException("reRanker must not be null; use ReRanker.identity() for none");
            }
            this.reRanker = newReRanker;
            return this;
        }

        public Pipeline build() {
            if (generator == null || ranker == null) {
                throw new IllegalArgumentException("a pipeline needs a candidate generator and a ranker; missing "
                        + (generator == null ? "candidates(...)" : "ranker(...)"));
            }
            return new Pipeline(this);
        }
    }
}
