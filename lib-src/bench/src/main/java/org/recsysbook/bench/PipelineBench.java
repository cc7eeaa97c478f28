package org.recsysbook.bench;

import java.util.Locale;
import java.util.SplittableRandom;

import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.UserContext;
import org.recsysbook.pipeline.Pipeline;
import org.recsysbook.pipeline.PipelineResult;
import org.recsysbook.ranking.ClickTrainingSet;
import org.recsysbook.ranking.LearnedRanker;
import org.recsysbook.ranking.LogisticRegression;
import org.recsysbook.ranking.RankingFeatures;
import org.recsysbook.rerank.BusinessRules;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.rerank.FreshnessBoost;
import org.recsysbook.rerank.MaximalMarginalRelevance;
import org.recsysbook.rerank.ReRanker;
import org.recsysbook.retrieval.HnswIndex;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.InteractionLog;
import org.recsysbook.world.World;

/**
 * A whole recommendation request at catalog scale, on one core: 1000 candidates from Lucene HNSW →
 * the learned ranker (logistic regression over affinity, popularity, freshness, category match) keeps
 * 100 → re-ranking (business rules, freshness boost, MMR to 20, category quota with backfill to 10). Prints the
 * median and p99 of the whole request and of each stage. Target: p99 ≤ 10 ms on 1M × 64.
 *
 * <p>Usage: {@code PipelineBench [items=1000000] [requests=2000] [dim=64] [efSearch=1000]}. The world
 * and the HNSW graph are built on all cores first (minutes for 1M items); the learned ranker is
 * trained (inverse propensity weighting) on clicks logged from 2000 simulated requests that each show 10
 * random candidates; then requests run one at a time on the main thread.
 *
 * <p>Every warm-up and timed request is for a different user (the world holds {@code min(500, requests) +
 * requests} users): no query vector repeats, so nothing a repeated query would leave in the caches flatters the
 * figures. Only the ranker's training traffic drew from the same users, before any request was timed; the
 * pipeline keeps no per-user state.
 */
public final class PipelineBench {
    private static final int CANDIDATES = 1000;
    private static final int RANKED = 100;
    private static final int FINAL = 10;

    private PipelineBench() {
    }

    /** Ten of the candidates drawn without replacement, in random order. */
    private static ScoredItems randomTen(ScoredItems candidates, SplittableRandom rng) {
        int n = candidates.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int m = Math.min(FINAL, n);
        int[] ids = new int[m];
        double[] scores = new double[m];
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            ids[i] = candidates.id(idx[i]);
            scores[i] = candidates.score(idx[i]);
        }
        return new ScoredItems(ids, scores);
    }

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int dim = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int ef = args.length > 3 ? Integer.parseInt(args[3]) : CANDIDATES;
        if (items < CANDIDATES || ef < CANDIDATES) {
            throw new IllegalArgumentException("items and efSearch must be ≥ " + CANDIDATES + ", got " + items
                    + " and " + ef);
        }
        BenchStats.begin("PipelineBench");
        int warmup = Math.min(500, requests);
        System.out.printf(Locale.ROOT, "# %d items × %d dims (low-rank world), %d requests (+ %d warm-up), each for a different user: HNSW top-%d (ef %d) → "
                + "learned ranker keeps %d → rules, freshness, MMR, quota → %d%n", items, dim, requests, warmup,
                CANDIDATES, ef, RANKED, FINAL);

        long t0 = System.nanoTime();
        World world = World.builder().items(items).dim(dim).users(warmup + requests).seed(42)
                .build();
        System.out.printf(Locale.ROOT, "world generation (all cores): %.1f s%n", (System.nanoTime() - t0) / 1e9);
        int cores = Runtime.getRuntime().availableProcessors();
        HnswIndex index = HnswIndex.builder(world).threads(cores).searchBreadth(ef).build();
        System.out.printf(Locale.ROOT, "HNSW build (M %d, beam width %d, %d threads): %.1f s; search on %s%n",
                index.m(), index.beamWidth(), cores, index.buildSeconds(),
                index.int8() ? "int8 codes, re-scored with the floats (the default from 1M items)" : "the floats");

        t0 = System.nanoTime();
        ClickModel clicks = new ClickModel(world, new ClickModel.Weights(5, 1, 1, -3));
        RankingFeatures features = new RankingFeatures(world);
        // Randomised logging: each request shows 10 of its 100 HNSW candidates drawn at random, so the
        // training rows spread over the candidates' whole range of affinity, popularity and freshness.
        SplittableRandom explore = new SplittableRandom(5);
        InteractionLog log = ClickTrainingSet.logTraffic(clicks,
                r -> randomTen(index.generate(r.userVector(), RANKED), explore),
                UserContext.NONE, 2000, 11);
        LogisticRegression model = ClickTrainingSet.fromLog(log, world, features)
                .fit(ClickTrainingSet.PositionBias.INVERSE_PROPENSITY, 1e-4);
        System.out.printf(Locale.ROOT, "learned ranker trained on %d impressions in %.1f s: %s%n", log.size(),
                (System.nanoTime() - t0) / 1e9, model);

        SplittableRandom rng = new SplittableRandom(3);
        int[] blocked = new int[100];
        for (int i = 0; i < blocked.length; i++) {
            blocked[i] = rng.nextInt(items);
        }
        ReRanker reRank = BusinessRules.dropSeenAndBlocked(items, blocked)
                .then(FreshnessBoost.of(world, 0.05, 7))
                .then(MaximalMarginalRelevance.of(world, 0.7, 2 * FINAL))
                .then(CategoryQuota.of(world, 3, FINAL).withBackfill());
        Pipeline pipeline = Pipeline.builder(world)
                .candidates(index, CANDIDATES)
                .ranker(new LearnedRanker(features, model), RANKED)
                .reRanker(reRank)
                .build();

        Request[] pool = new Request[world.userCount()];
        for (int u = 0; u < pool.length; u++) {
            int[] seen = new int[20];
            for (int i = 0; i < seen.length; i++) {
                seen[i] = rng.nextInt(items);
            }
            pool[u] = Request.forUser(world, u).withContext(UserContext.CHAPTER_DEMO).withSeen(seen);
        }
        for (int q = 0; q < warmup; q++) {
            pipeline.recommend(pool[q]);   // users 0 … warmup-1
        }
        BenchStats total = new BenchStats("whole request (HNSW → learned ranker → re-rank)");
        BenchStats cand = new BenchStats("  candidate generation: HNSW top-" + CANDIDATES);
        BenchStats rank = new BenchStats("  ranking: learned ranker, keep " + RANKED);
        BenchStats rerank = new BenchStats("  re-ranking: rules → freshness → MMR → quota");
        long shown = 0;
        for (int q = 0; q < requests; q++) {
            Request r = pool[warmup + q];   // users warmup … warmup+requests-1, each once
            long c = BenchStats.cpuNow();
            long s = System.nanoTime();
            PipelineResult res = pipeline.recommend(r);
            total.add(System.nanoTime() - s, BenchStats.cpuNow() - c);
            cand.add(res.times().candidateNanos());
            rank.add(res.times().rankingNanos());
            rerank.add(res.times().reRankingNanos());
            shown += res.size();
        }
        total.print();
        cand.print();
        rank.print();
        rerank.print();
        System.out.printf(Locale.ROOT, "mean final list length %.2f%n", (double) shown / requests);
        String scope = items == 1_000_000 && dim == 64 ? ""
                : String.format(Locale.ROOT, "target set for 1M x 64, this run is %d x %d", items, dim);
        total.verdict("whole request p99 <= 10 ms (wall clock, distinct users)",
                total.hasP99() && total.p99Millis() <= 10,
                total.hasP99() ? scope : "too few requests to judge a p99" + (scope.isEmpty() ? "" : "; " + scope));
        BenchStats.end();
    }
}
