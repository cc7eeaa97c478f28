package org.recsysbook.exercises;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.SplittableRandom;

import org.recsysbook.abtest.ExperimentSimulator;
import org.recsysbook.bandit.LinUcb;
import org.recsysbook.bandit.SoftmaxPolicy;
import org.recsysbook.bandit.StochasticPolicy;
import org.recsysbook.bandit.ThompsonSampling;
import org.recsysbook.bandit.Ucb;
import org.recsysbook.bandit.offpolicy.InversePropensityScoring;
import org.recsysbook.bandit.offpolicy.LoggedBandit;
import org.recsysbook.bandit.simulation.BanditSimulator;
import org.recsysbook.bandit.simulation.ContextualSimulator;
import org.recsysbook.bandit.simulation.ContextualTraffic;
import org.recsysbook.bandit.simulation.ChapterBanditDemo;
import org.recsysbook.bandit.simulation.SimulationResult;
import org.recsysbook.rerank.FreshnessBoost;
import org.recsysbook.rerank.MaximalMarginalRelevance;
import org.recsysbook.abtest.PowerAnalysis;
import org.recsysbook.abtest.RateVariant;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.UserContext;
import org.recsysbook.notebook.Results;
import org.recsysbook.pipeline.Pipeline;
import org.recsysbook.pipeline.PipelineResult;
import org.recsysbook.ranking.SimulatedRanker;
import org.recsysbook.rerank.BusinessRules;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.rerank.ReRanker;
import org.recsysbook.retrieval.AnnRecall;
import org.recsysbook.retrieval.CosinePopularityBlend;
import org.recsysbook.world.World;
import org.recsysbook.notebook.TestSinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each exercise check passes a correct answer and fails a stub's default, without throwing. */
class CheckTest {
    private org.recsysbook.display.RecordingSink sink;

    @BeforeEach
    void freshSink() {
        sink = TestSinks.fresh();
        Results.clear();
    }

    static int[] quota(int[] ranked, int[] category, int max, int n) {
        int[] counts = new int[8];
        int[] out = new int[n];
        int kept = 0;
        for (int item : ranked) {
            if (kept == n) {
                break;
            }
            if (counts[category[item]]++ < max) {
                out[kept++] = item;
            }
        }
        return Arrays.copyOf(out, kept);
    }

    @Test
    void categoryQuota() {
        assertTrue(Check.categoryQuota(CheckTest::quota));
        assertFalse(Check.categoryQuota((r, c, m, n) -> Arrays.copyOf(r, Math.min(n, r.length))));
        assertFalse(Check.categoryQuota((r, c, m, n) -> new int[0]));
        assertFalse(Check.categoryQuota(null));
        assertEquals(Boolean.FALSE, Results.get("check_category_quota"));
    }

    /** NDCG@k in the chapter's form, with the i-th rank (from 0) discounted by log2(i + offset); the chapter's is 2. */
    static double ndcg(double[] rels, int k, int offset) {
        double[] ideal = rels.clone();
        Arrays.sort(ideal);
        double dcg = 0;
        double idcg = 0;
        for (int i = 0; i < Math.min(k, rels.length); i++) {
            dcg += rels[i] / (Math.log(i + offset) / Math.log(2));
            idcg += ideal[ideal.length - 1 - i] / (Math.log(i + offset) / Math.log(2));
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    @Test
    void ndcgInTheSeedsForm() {
        Check.NdcgFunction mine = (rels, k) -> ndcg(rels, k, 2);
        assertTrue(Check.ndcg(mine));
        assertFalse(Check.ndcg((rels, k) -> 0));
        // ranks counted from 2 in the discount (log2(i + 3) for the i-th, from 0): an off-by-one
        assertFalse(Check.ndcg((rels, k) -> ndcg(rels, k, 3)));
        // forgetting the empty list's 0 gives NaN there, one failed case
        assertFalse(Check.ndcg((rels, k) -> {
            double v = mine.apply(rels, k);
            return v == 0 ? Double.NaN : v;
        }));
    }

    @Test
    void averagePrecisionInTheSeedsForm() {
        assertTrue(Check.averagePrecision(rels -> {
            double sum = 0;
            int hits = 0;
            for (int i = 0; i < rels.length; i++) {
                if (rels[i] > 0) {
                    sum += (double) ++hits / (i + 1);
                }
            }
            return hits == 0 ? 0 : sum / hits;
        }));
        assertFalse(Check.averagePrecision(rels -> 0));
    }

    @Test
    void ucbIndexWithTheSeedsLogarithm() {
        assertTrue(Check.ucbIndex((mean, n, total, c) -> n == 0 ? Double.POSITIVE_INFINITY
                : mean + c * Math.sqrt(Math.log(total + 1.0) / n)));
        // the textbook ln(total) is a different index
        assertFalse(Check.ucbIndex((mean, n, total, c) -> n == 0 ? Double.POSITIVE_INFINITY
                : mean + c * Math.sqrt(Math.log(total) / n)));
        // a division by zero for an untried arm is a failed case, not an exception
        assertFalse(Check.ucbIndex((mean, n, total, c) -> mean + c * Math.sqrt(Math.log(total + 1.0) / (n / n))));
    }

    @Test
    void sampledHitRateFromFirstPrinciples() {
        assertTrue(Check.sampledRandomHitRate((k, n) -> Math.min(1.0, k / (n + 1.0)), 0.2));
        // the off-by-one the exercise is about: 10 / 50 = 0.2 instead of 10 / 51
        assertFalse(Check.sampledRandomHitRate((k, n) -> Math.min(1.0, (double) k / n), 0.2));
        // the notebook's answer typed in, without the computation
        assertFalse(Check.sampledRandomHitRate((k, n) -> 10.0 / 51, 0.2));
        // forgetting that a top-k longer than the list always hits
        assertFalse(Check.sampledRandomHitRate((k, n) -> k / (n + 1.0), 0.2));
        assertFalse(Check.sampledRandomHitRate(null, 0.2));
    }

    static int chapterPipelineLength(World w, int max) {
        return Pipeline.builder(w).candidates(new CosinePopularityBlend(w), 50).ranker(new SimulatedRanker(42), 50)
                .reRanker(CategoryQuota.of(w, max, 10)).build()
                .recommend(Request.forUser(w, 0).withContext(UserContext.CHAPTER_DEMO)).size();
    }

    @Test
    void quotaOfOneComputedOnTheWorldsTheCheckChooses() {
        assertTrue(Check.quotaOfOne(CheckTest::chapterPipelineLength, 'c'));
        // the notebook's figure typed in
        assertFalse(Check.quotaOfOne((w, max) -> 5, 'c'));
        // the chapter's quota of three instead of the one asked for
        assertFalse(Check.quotaOfOne((w, max) -> chapterPipelineLength(w, 3), 'c'));
        assertFalse(Check.quotaOfOne(CheckTest::chapterPipelineLength, 'a'));
        assertTrue(lastVerdict().contains("45 of them"), lastVerdict());
        assertFalse(Check.quotaOfOne(CheckTest::chapterPipelineLength, 'b'));
        assertTrue(lastVerdict().contains("never looks at scores"), lastVerdict());
        assertFalse(Check.quotaOfOne(CheckTest::chapterPipelineLength, '?'));
        assertFalse(Check.noNoise('a', null));
    }

    @Test
    void noNoiseAgainstTheQuotaOverTheCandidates() {
        World demo = World.chapterDemo(42);
        PipelineResult run = Pipeline.chapterDemo(demo, 42)
                .recommend(Request.forUser(demo, 0).withContext(UserContext.NONE));
        assertTrue(Check.noNoise('a', run));
        assertFalse(Check.noNoise('b', run));
        assertTrue(lastVerdict().contains("noise of up to 0.065"), lastVerdict());
        assertFalse(Check.noNoise('c', run));
        // the run with the chapter's context is not the one asked for
        assertFalse(Check.noNoise('a', Pipeline.chapterDemo(demo, 42)
                .recommend(Request.forUser(demo, 0).withContext(UserContext.CHAPTER_DEMO))));
    }

    /** A page that meets every rule: the best allowed item of each category first, then the rest by score. */
    static ScoredItems fullPage(World w, Request request, ScoredItems ranked) {
        int[] perCategory = new int[w.categoryCount()];
        boolean[] keep = new boolean[ranked.size()];
        int kept = 0;
        for (int i = 0; i < ranked.size(); i++) {
            int c = w.category(ranked.id(i));
            if (!request.hasSeen(ranked.id(i)) && perCategory[c] == 0) {
                keep[i] = true;
                perCategory[c]++;
                kept++;
            }
        }
        for (int i = 0; i < ranked.size() && kept < 10; i++) {
            int c = w.category(ranked.id(i));
            if (!keep[i] && !request.hasSeen(ranked.id(i)) && perCategory[c] < 3) {
                keep[i] = true;
                perCategory[c]++;
                kept++;
            }
        }
        int[] ids = java.util.stream.IntStream.range(0, ranked.size()).filter(i -> keep[i]).map(ranked::id).toArray();
        double[] scores = java.util.stream.IntStream.range(0, ranked.size()).filter(i -> keep[i])
                .mapToDouble(ranked::score).toArray();
        return new ScoredItems(ids, scores);
    }

    static final String MEMO = "word ".repeat(60);

    @Test
    void fullPageAcceptsADesignThatMeetsEveryRuleAndRejectsEachRuleBroken() {
        assertTrue(Check.fullPage(CheckTest::fullPage, MEMO));
        // the chapter's quota alone shows seen items
        assertFalse(Check.fullPage((w, r, ranked) -> CategoryQuota.of(w, 3, 10).rerank(r, ranked), MEMO));
        assertTrue(lastVerdict().contains("hasSeen"), lastVerdict());
        // rules, then the quota: a full page, but a category can go missing
        assertFalse(Check.fullPage((w, r, ranked) -> BusinessRules.dropSeenAndBlocked(w.itemCount())
                .then(CategoryQuota.of(w, 3, 10)).rerank(r, ranked), MEMO));
        assertTrue(lastVerdict().contains("even if it ranks low"), lastVerdict());
        // rules then truncation: no quota at all
        assertFalse(Check.fullPage((w, r, ranked) -> BusinessRules.dropSeenAndBlocked(w.itemCount())
                .then(ReRanker.truncate(10)).rerank(r, ranked), MEMO));
        // rules after the quota: a short page
        assertFalse(Check.fullPage((w, r, ranked) -> CategoryQuota.of(w, 3, 10)
                .then(BusinessRules.dropSeenAndBlocked(w.itemCount())).rerank(r, ranked), MEMO));
        assertTrue(lastVerdict().contains("another allowed candidate takes its place"), lastVerdict());
        // the right items, best-of-category first: not the ranked order
        assertFalse(Check.fullPage((w, r, ranked) -> {
            ScoredItems page = fullPage(w, r, ranked);
            int[] ids = page.ids().clone();
            int t = ids[0];
            ids[0] = ids[ids.length - 1];
            ids[ids.length - 1] = t;
            return new ScoredItems(ids, page.scores());
        }, MEMO));
        assertFalse(Check.fullPage(null, MEMO));
    }

    private String lastVerdict() {
        String last = null;
        for (var o : sink.outputs()) {
            Object text = o.data().getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
            if (text instanceof String t && (t.startsWith("✔") || t.startsWith("✘"))) {
                last = t;
            }
        }
        return last;
    }

    /** A small version of notebook 04's set-up: users and their ranked lists on a world with item ages. */
    static final World RERANK_WORLD = World.builder().items(3000).dim(16).seed(11).build();

    static List<Request> rerankUsers() {
        return java.util.stream.IntStream.range(0, 40).mapToObj(u -> Request.forUser(RERANK_WORLD, u)).toList();
    }

    static List<ScoredItems> rerankLists(List<Request> users) {
        CosinePopularityBlend blend = new CosinePopularityBlend(RERANK_WORLD);
        return users.stream().map(r -> blend.generate(r.userVector(), 100)).toList();
    }

    static double meanAge(List<Request> users, List<ScoredItems> ranked, double halfLife) {
        ReRanker boost = FreshnessBoost.of(RERANK_WORLD, 0.2, halfLife).then(ReRanker.truncate(10));
        return java.util.stream.IntStream.range(0, users.size())
                .flatMap(q -> java.util.Arrays.stream(boost.rerank(users.get(q), ranked.get(q)).ids()))
                .mapToDouble(RERANK_WORLD::ageDays).average().orElseThrow();
    }

    @Test
    void freshnessHalfLifeComputedForHalfLivesTheCheckChooses() {
        List<Request> users = rerankUsers();
        List<ScoredItems> ranked = rerankLists(users);
        Check.MeanAgeFunction mine = h -> meanAge(users, ranked, h);
        char right = meanAge(users, ranked, 1) < meanAge(users, ranked, 7) ? 'c' : 'a';
        assertTrue(Check.freshnessHalfLife(RERANK_WORLD, users, ranked, mine, right));
        // the figure for one day typed in
        double oneDay = meanAge(users, ranked, 1);
        assertFalse(Check.freshnessHalfLife(RERANK_WORLD, users, ranked, h -> oneDay, right));
        // the chapter's bonus 0.05 of 4.3's table instead of 0.2
        assertFalse(Check.freshnessHalfLife(RERANK_WORLD, users, ranked, h -> {
            ReRanker boost = FreshnessBoost.of(RERANK_WORLD, 0.05, h).then(ReRanker.truncate(10));
            return java.util.stream.IntStream.range(0, users.size())
                    .flatMap(q -> java.util.Arrays.stream(boost.rerank(users.get(q), ranked.get(q)).ids()))
                    .mapToDouble(RERANK_WORLD::ageDays).average().orElseThrow();
        }, right));
        assertFalse(Check.freshnessHalfLife(RERANK_WORLD, users, ranked, mine, right == 'c' ? 'a' : 'c'));
        assertFalse(Check.freshnessHalfLife(RERANK_WORLD, users, ranked, null, right));
    }

    @Test
    void rulesLastAgainstTheLibrarysChain() {
        List<Request> users = rerankUsers();
        List<ScoredItems> ranked = rerankLists(users);
        int[] top4 = ranked.get(0).head(4).ids();
        Request seen = users.get(0).withSeen(top4[0], top4[1], top4[2]);
        ScoredItems list = CategoryQuota.of(RERANK_WORLD, 3, 10).withBackfill()
                .then(BusinessRules.dropSeenAndBlocked(RERANK_WORLD.itemCount(), top4[3])).rerank(seen, ranked.get(0));
        assertTrue(list.size() < 10);
        assertTrue(Check.rulesLast('a', RERANK_WORLD, seen, ranked.get(0), top4[3], list));
        assertFalse(Check.rulesLast('b', RERANK_WORLD, seen, ranked.get(0), top4[3], list));
        assertTrue(lastVerdict().contains("leaves a hole"), lastVerdict());
        assertFalse(Check.rulesLast('c', RERANK_WORLD, seen, ranked.get(0), top4[3], list));
        // the rules first give another list: the one 4.4 shows, not the one asked for
        ScoredItems rulesFirst = BusinessRules.dropSeenAndBlocked(RERANK_WORLD.itemCount(), top4[3])
                .then(CategoryQuota.of(RERANK_WORLD, 3, 10).withBackfill()).rerank(seen, ranked.get(0));
        assertFalse(Check.rulesLast('a', RERANK_WORLD, seen, ranked.get(0), top4[3], rulesFirst));
        assertFalse(Check.rulesLast('a', RERANK_WORLD, seen, ranked.get(0), top4[3], null));
    }

    @Test
    void freshAndVariedMeasuresEachTargetAgainstThePlainTopTen() {
        World world = World.builder().items(20_000).dim(32).seed(11).build();
        org.recsysbook.ranking.Ranker oracle = new org.recsysbook.ranking.LearnedRanker(
                new org.recsysbook.ranking.RankingFeatures(world),
                org.recsysbook.ranking.LogisticRegression.of(-3, 5, 1, 1, 0));
        CosinePopularityBlend blend = new CosinePopularityBlend(world);
        List<Request> users = java.util.stream.IntStream.range(0, 60).mapToObj(u -> Request.forUser(world, u)).toList();
        List<ScoredItems> ranked = users.stream().map(r -> oracle.rank(r, blend.generate(r.userVector(), 1000), 100))
                .toList();
        assertTrue(Check.freshAndVaried(world, users, ranked,
                FreshnessBoost.of(world, 0.1, 7).then(CategoryQuota.of(world, 3, 10).withBackfill()), MEMO));
        // the plain top ten meets no target
        assertFalse(Check.freshAndVaried(world, users, ranked, ReRanker.truncate(10), MEMO));
        // too strong a boost with a tight quota: fresh and varied, but too much relevance lost
        assertFalse(Check.freshAndVaried(world, users, ranked,
                FreshnessBoost.of(world, 0.3, 7).then(CategoryQuota.of(world, 1, 10).withBackfill()), MEMO));
        assertTrue(lastVerdict().contains("97 %"), lastVerdict());
        // MMR alone: more varied, not fresher
        assertFalse(Check.freshAndVaried(world, users, ranked, MaximalMarginalRelevance.of(world, 0.5, 10), MEMO));
        assertTrue(lastVerdict().contains("freshness boost"), lastVerdict());
        // a quota without backfill leaves short pages
        assertFalse(Check.freshAndVaried(world, users, ranked,
                FreshnessBoost.of(world, 0.1, 7).then(CategoryQuota.of(world, 1, 10)), MEMO));
        assertTrue(lastVerdict().contains("withBackfill"), lastVerdict());
        assertFalse(Check.freshAndVaried(world, users, ranked, null, MEMO));
    }

    static double bestOf(BanditSimulator sim, double[] cs) {
        return Cases.argMax(cs, c -> sim.run(Ucb.factory(c)).totalRewardInterval(0.95).mean());
    }

    @Test
    void ucbExplorationOnASimulatorAndValuesTheCheckChooses() {
        assertTrue(Check.ucbExploration(CheckTest::bestOf, 'a'));
        // the notebook's answer typed in
        double notebook = bestOf(new BanditSimulator(ChapterBanditDemo.environment(ChapterBanditDemo.SEED),
                ChapterBanditDemo.ROUNDS, 200, 2024), new double[] {0.1, 0.25, 0.5, 1});
        assertFalse(Check.ucbExploration((sim, cs) -> notebook, 'a'));
        // the c with the fewest clicks
        assertFalse(Check.ucbExploration((sim, cs) -> Cases.argMax(cs,
                c -> -sim.run(Ucb.factory(c)).totalRewardInterval(0.95).mean()), 'a'));
        assertFalse(Check.ucbExploration(CheckTest::bestOf, 'b'));
        assertTrue(lastVerdict().contains("costs the same"), lastVerdict());
        assertFalse(Check.ucbExploration(null, 'a'));
    }

    @Test
    void thompsonPriorExplainsAWrongPrediction() {
        BanditSimulator sim = new BanditSimulator(ChapterBanditDemo.environment(ChapterBanditDemo.SEED),
                ChapterBanditDemo.ROUNDS, 200, 2024);
        SimulationResult withPrior = sim.run((k, r) -> new ThompsonSampling(k, 2, 8, r));
        double flat = sim.run(ThompsonSampling.factory()).totalRewardInterval(0.95).mean();
        double informed = withPrior.totalRewardInterval(0.95).mean();
        char right = informed > flat + 3 ? 'c' : informed < flat - 3 ? 'a' : 'b';
        assertTrue(Check.thompsonPrior(right, withPrior));
        char wrong = right == 'b' ? 'a' : 'b';
        assertFalse(Check.thompsonPrior(wrong, withPrior));
        assertTrue(lastVerdict().contains(wrong == 'b' ? "differ by" : "can only save"), lastVerdict());
        // the flat prior's run is not the run asked for
        assertFalse(Check.thompsonPrior(right, sim.run(ThompsonSampling.factory())));
        assertFalse(Check.thompsonPrior(right, null));
    }

    static double ndcgOf(org.recsysbook.retrieval.LearnedGenerator model, org.recsysbook.data.Split split) {
        return org.recsysbook.metrics.SplitEvaluation.builder(split).k(10).bootstrap(10, 1).progress(false)
                .metrics(org.recsysbook.metrics.Ndcg.at(10)).build()
                .evaluate(java.util.Map.of("m", model::recommendIds)).value("m", "NDCG@10");
    }

    @Test
    void likedOnlyForThresholdsTheCheckChooses() {
        // 150 users rate 30 of 120 items each, popular items (low ids) more often, 1 to 5 stars
        SplittableRandom rng = new SplittableRandom(909);
        int users = 150;
        int per = 30;
        int[] u = new int[users * per];
        int[] it = new int[users * per];
        long[] times = new long[users * per];
        float[] stars = new float[users * per];
        for (int user = 0; user < users; user++) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int j = 0; j < per; j++) {
                int item;
                do {
                    item = (int) (120 * Math.pow(rng.nextDouble(), 2));
                } while (!seen.add(item));
                int e = user * per + j;
                u[e] = user;
                it[e] = item;
                times[e] = rng.nextLong(1_000_000);
                stars[e] = 1 + rng.nextInt(5);
            }
        }
        org.recsysbook.data.Split split = org.recsysbook.data.Split.chronological(
                org.recsysbook.data.Interactions.of(users, 120, u, it, times, stars), 0.25);
        org.recsysbook.retrieval.Ease ease = org.recsysbook.retrieval.Ease.train(split.train(), 0.5, 1);
        Check.ThresholdNdcgFunction mine = t -> ndcgOf(ease, split.relevantAtLeast(t));
        char right = ndcgOf(ease, split.relevantAtLeast(4.0)) < ndcgOf(ease, split) ? 'c' : 'a';
        assertTrue(Check.likedOnly(mine, right, ease, split, 4.0));
        // the figure for 4 stars typed in
        double typed = ndcgOf(ease, split.relevantAtLeast(4.0));
        assertFalse(Check.likedOnly(t -> typed, right, ease, split, 4.0));
        // every rating relevant, whatever the threshold
        assertFalse(Check.likedOnly(t -> ndcgOf(ease, split), right, ease, split, 4.0));
        assertFalse(Check.likedOnly(mine, 'b', ease, split, 4.0));
        assertTrue(lastVerdict().contains("relevant items are not"), lastVerdict());
        assertFalse(Check.likedOnly(null, right, ease, split, 4.0));
    }

    @Test
    void sampledLeadExplainsAWrongPrediction() {
        assertTrue(Check.sampledLead('b', 3.0, 1.2));
        assertFalse(Check.sampledLead('a', 3.0, 1.2));
        assertTrue(lastVerdict().contains("saturates"), lastVerdict());
        assertTrue(Check.sampledLead('a', 1.2, 3.0));
        assertFalse(Check.sampledLead('?', 3.0, 1.2));
    }

    @Test
    void designAnswersAreRecordedForReviewOnceWritten() {
        String design = "word ".repeat(60);
        assertTrue(Check.design("pipeline", design));
        assertTrue(lastVerdict().contains("rubric"), lastVerdict());
        assertEquals(Boolean.TRUE, Results.get("check_design_pipeline"));
        assertFalse(Check.design("pipeline", "word ".repeat(59)));
        assertFalse(Check.design("pipeline", ""));
        assertTrue(lastVerdict().contains("not answered yet"), lastVerdict());
        assertFalse(Check.design("pipeline", null));
    }

    @Test
    void rankingExercises() {
        assertTrue(Check.ipwLabel((clicked, p) -> clicked ? Math.log(p + 1) / Math.log(2) : 0));
        assertFalse(Check.ipwLabel((clicked, p) -> clicked ? 1.0 / (Math.log(p + 1) / Math.log(2)) : 0));
        // positions counted from 0: log2(p + 2)
        assertFalse(Check.ipwLabel((clicked, p) -> clicked ? Math.log(p + 2) / Math.log(2) : 0));
        // the natural logarithm
        assertFalse(Check.ipwLabel((clicked, p) -> clicked ? Math.log(p + 1) : 0));
        assertTrue(Check.logLoss((p, c) -> {
            double s = 0;
            for (int i = 0; i < p.length; i++) {
                s -= c[i] ? Math.log(p[i]) : Math.log(1 - p[i]);
            }
            return s / p.length;
        }));
        assertFalse(Check.logLoss((p, c) -> 0));
        Check.ExaminationRatioFunction ratio = (top, deep) -> Math.log(deep + 1) / Math.log(top + 1);
        double[] ctr = {0.8, 0.5, 0.4, 0.35, 0.3, 0.28, 0.26, 0.25, 0.24, 0.2};
        assertTrue(Check.examinationRatio(ratio, 'b', ctr));
        // the notebook's log2(11) typed in
        assertFalse(Check.examinationRatio((top, deep) -> Math.log(11) / Math.log(2), 'b', ctr));
        // the off-by-one: log2(p) for log2(p + 1) (and a division by log2(1) = 0 at position 1)
        assertFalse(Check.examinationRatio((top, deep) -> Math.log(deep) / Math.log(top), 'b', ctr));
        // upside down: e(deep) / e(top)
        assertFalse(Check.examinationRatio((top, deep) -> Math.log(top + 1) / Math.log(deep + 1), 'b', ctr));
        assertFalse(Check.examinationRatio(ratio, 'a', ctr));
        assertTrue(lastVerdict().contains("smaller than e(1) / e(10)"), lastVerdict());
        assertFalse(Check.examinationRatio(ratio, 'c', ctr));
        // a logged ratio below examination's makes (a) the right reading
        double[] flat = {0.3, 0.28, 0.26, 0.25, 0.24, 0.23, 0.22, 0.21, 0.2, 0.1};
        assertTrue(Check.examinationRatio(ratio, 'a', flat));
        assertFalse(Check.examinationRatio(ratio, 'b', null));
    }

    @Test
    void mmrAgainstAHandWorkedOrder() {
        Check.MmrFunction greedy = (rel, sim, lambda, k) -> {
            int n = rel.length;
            int[] out = new int[Math.min(k, n)];
            boolean[] taken = new boolean[n];
            double[] maxSim = new double[n];
            for (int step = 0; step < out.length; step++) {
                int best = -1;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    double v = lambda * rel[i] - (1 - lambda) * (step == 0 ? 0 : maxSim[i]);
                    if (!taken[i] && v > bestValue) {
                        best = i;
                        bestValue = v;
                    }
                }
                taken[best] = true;
                out[step] = best;
                for (int i = 0; i < n; i++) {
                    maxSim[i] = step == 0 ? sim[i][best] : Math.max(maxSim[i], sim[i][best]);
                }
            }
            return out;
        };
        assertTrue(Check.mmr(greedy));
        // relevance order alone is not MMR
        assertFalse(Check.mmr((rel, sim, lambda, k) -> java.util.stream.IntStream.range(0, k).toArray()));
    }

    @Test
    void abTestingExercises() {
        assertTrue(Check.zStatistic((sA, nA, sB, nB) -> {
            double pooled = (double) (sA + sB) / (nA + nB);
            return ((double) sB / nB - (double) sA / nA) / Math.sqrt(pooled * (1 - pooled) * (1.0 / nA + 1.0 / nB));
        }));
        // the unpooled standard error is a different statistic
        assertFalse(Check.zStatistic((sA, nA, sB, nB) -> {
            double pA = (double) sA / nA;
            double pB = (double) sB / nB;
            return (pB - pA) / Math.sqrt(pA * (1 - pA) / nA + pB * (1 - pB) / nB);
        }));
    }

    /** Σ w_s (p_t,s − p_c,s) with w_s the share of all users; or, with {@code weights}, other (wrong) weights. */
    static double stratified(long[] nc, long[] xc, long[] nt, long[] xt, String weights) {
        double total = 0;
        for (int s = 0; s < nc.length; s++) {
            total += weights.equals("control") ? nc[s] : nc[s] + nt[s];
        }
        double d = 0;
        for (int s = 0; s < nc.length; s++) {
            double w = switch (weights) {
                case "equal" -> 1.0 / nc.length;
                case "control" -> nc[s] / total;
                default -> (nc[s] + nt[s]) / total;
            };
            d += w * ((double) xt[s] / nt[s] - (double) xc[s] / nc[s]);
        }
        return d;
    }

    @Test
    void stratifiedDifferenceOnCasesTheCheckChooses() {
        assertTrue(Check.stratifiedDifference((nc, xc, nt, xt) -> stratified(nc, xc, nt, xt, "all"), 'c'));
        // the plain mean of the segments' differences, and the control's mix as weights, are off-by-a-weight
        assertFalse(Check.stratifiedDifference((nc, xc, nt, xt) -> stratified(nc, xc, nt, xt, "equal"), 'c'));
        assertTrue(lastVerdict().contains("not 1 / (number of segments)"), lastVerdict());
        assertFalse(Check.stratifiedDifference((nc, xc, nt, xt) -> stratified(nc, xc, nt, xt, "control"), 'c'));
        assertTrue(lastVerdict().contains("not one arm's"), lastVerdict());
        // the pooled difference, segments ignored
        assertFalse(Check.stratifiedDifference((nc, xc, nt, xt) -> {
            long a = 0, b = 0, c = 0, d = 0;
            for (int s = 0; s < nc.length; s++) {
                a += nc[s];
                b += xc[s];
                c += nt[s];
                d += xt[s];
            }
            return (double) d / c - (double) b / a;
        }, 'c'));
        // the notebook's figure typed in
        assertFalse(Check.stratifiedDifference((nc, xc, nt, xt) -> 0.0055, 'c'));
        assertFalse(Check.stratifiedDifference(null, 'c'));
        assertFalse(Check.stratifiedDifference((nc, xc, nt, xt) -> stratified(nc, xc, nt, xt, "all"), 'a'));
        assertTrue(lastVerdict().contains("wins within each week"), lastVerdict());
        assertFalse(Check.stratifiedDifference((nc, xc, nt, xt) -> stratified(nc, xc, nt, xt, "all"), 'b'));
        assertTrue(lastVerdict().contains("not noise but a bias"), lastVerdict());
    }

    static boolean srm(int users, String salt) {
        RateVariant base = RateVariant.of("control", 0.05);
        return ExperimentSimulator.of(users, 14).withSplit(salt, 0.5, 0.5).withTrackingLoss(1, 0.04)
                .run(base, base.withName("treatment")).sampleRatioMismatch().mismatch();
    }

    @Test
    void smallTrackingLossAgainstTheSimulationForSaltsTheCheckChooses() {
        assertTrue(Check.smallTrackingLoss(CheckTest::srm, 'b'));
        // the answers of the notebook typed in: silent at 20,000, fires at 200,000 — right only if every salt agrees
        boolean typedPasses = Check.smallTrackingLoss((users, salt) -> users > 100_000, 'b');
        assertEquals(typedPasses, srm(20_000, "salt-7") == false && srm(200_000, "salt-7")
                && !srm(20_000, "checkout-2026") && srm(200_000, "checkout-2026")
                && !srm(20_000, "experiment") && srm(200_000, "experiment"));
        // the old exercise's 2 % loss gives other verdicts
        assertFalse(Check.smallTrackingLoss((users, salt) -> {
            RateVariant base = RateVariant.of("control", 0.05);
            return ExperimentSimulator.of(users, 14).withSplit(salt, 0.5, 0.5).withTrackingLoss(1, 0.02)
                    .run(base, base.withName("treatment")).sampleRatioMismatch().mismatch();
        }, 'b'));
        // never fires
        assertFalse(Check.smallTrackingLoss((users, salt) -> false, 'b'));
        assertFalse(Check.smallTrackingLoss(CheckTest::srm, 'a'));
        assertTrue(lastVerdict().contains("at any size"), lastVerdict());
    }

    @Test
    void experimentPlanNeedsPowerTrafficAndWholeWeeks() {
        long needed = PowerAnalysis.sampleSizePerArm(0.05, 0.0025, 0.05, 0.80);
        int days = (int) Math.ceil(2.0 * needed / 6000);
        int weeks = (days + 6) / 7;
        assertTrue(Check.experimentPlan(needed, 7 * weeks, MEMO));
        assertTrue(Check.experimentPlan(3000L * 7 * weeks, 7 * weeks, MEMO));
        // too few users for 80 % power
        assertFalse(Check.experimentPlan(needed / 2, 7 * weeks, MEMO));
        // not a whole number of weeks
        assertFalse(Check.experimentPlan(needed, 7 * weeks - 1, MEMO));
        // more users than the traffic brings in that time
        assertFalse(Check.experimentPlan(3000L * 7 * weeks + 1, 7 * weeks, MEMO));
        // a week longer than needed
        assertFalse(Check.experimentPlan(needed, 7 * weeks + 7, MEMO));
        assertFalse(Check.experimentPlan(0, 0, MEMO));
        assertFalse(Check.experimentPlan(needed, 7 * weeks, "too short"));
    }

    @Test
    void onlineLearningExercises() {
        assertTrue(Check.ips((r, mu, pi) -> {
            double s = 0;
            for (int i = 0; i < r.length; i++) {
                s += r[i] * pi[i] / mu[i];
            }
            return s / r.length;
        }));
        assertFalse(Check.ips((r, mu, pi) -> 0));
        // self-normalised IPS divides by the sum of the weights: another estimator
        assertFalse(Check.ips((r, mu, pi) -> {
            double s = 0;
            double w = 0;
            for (int i = 0; i < r.length; i++) {
                s += r[i] * pi[i] / mu[i];
                w += pi[i] / mu[i];
            }
            return s / w;
        }));
        assertTrue(Check.shermanMorrison((aInv, x) -> {
            int d = x.length;
            double[] u = new double[d];
            double den = 1;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    u[i] += aInv[i][j] * x[j];
                }
                den += x[i] * u[i];
            }
            double[][] out = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    out[i][j] = aInv[i][j] - u[i] * u[j] / den;
                }
            }
            return out;
        }));
        assertFalse(Check.shermanMorrison((aInv, x) -> aInv));
        assertFalse(Check.shermanMorrison((aInv, x) -> null));
        assertFalse(Check.linUcbExploration(null, (sim, alphas) -> 1, 'b'));
    }

    static final World CONTEXT_WORLD = World.builder().items(500).dim(8).users(300).categories(5).seed(7).build();

    static double bestAlpha(ContextualSimulator sim, double[] alphas) {
        int n = sim.rounds();
        return Cases.argMax(alphas, a -> {
            double[] reward = sim.run(LinUcb.factory(a)).meanCumulativeReward();
            return (reward[n - 1] - reward[n - 1001]) / 1000;
        });
    }

    @Test
    void linUcbExplorationForValuesTheCheckChooses() {
        ContextualTraffic traffic = ContextualTraffic.randomItems(CONTEXT_WORLD, 10, new SplittableRandom(1));
        ContextualSimulator sim = new ContextualSimulator(traffic, 1500, 4, 11);
        assertTrue(Check.linUcbExploration(sim, CheckTest::bestAlpha, 'b'));
        double typed = bestAlpha(sim, new double[] {0, 0.1, 1, 3});
        assertFalse(Check.linUcbExploration(sim, (s, alphas) -> typed, 'b'));
        assertFalse(Check.linUcbExploration(sim, CheckTest::bestAlpha, 'a'));
        assertTrue(lastVerdict().contains("no randomness"), lastVerdict());
    }

    static double[] launch(ContextualTraffic traffic, StochasticPolicy logging, StochasticPolicy target, long seed) {
        LoggedBandit aa1 = LoggedBandit.collect(traffic, logging, 10_000, new SplittableRandom(seed));
        LoggedBandit aa2 = LoggedBandit.collect(traffic, logging, 10_000, new SplittableRandom(seed + 1));
        LoggedBandit control = LoggedBandit.collect(traffic, logging, 10_000, new SplittableRandom(seed + 2));
        LoggedBandit treatment = LoggedBandit.collect(traffic, target, 10_000, new SplittableRandom(seed + 3));
        return new double[] {z(aa1, aa2), new InversePropensityScoring().estimate(aa1, target),
                treatment.meanReward() - control.meanReward(), z(control, treatment)};
    }

    static double z(LoggedBandit a, LoggedBandit b) {
        double pa = a.meanReward();
        double pb = b.meanReward();
        double pooled = (pa * a.size() + pb * b.size()) / (a.size() + b.size());
        return (pb - pa) / Math.sqrt(pooled * (1 - pooled) * (1.0 / a.size() + 1.0 / b.size()));
    }

    @Test
    void capstoneAgainstTheChecksOwnRunForSeedsItChooses() {
        ContextualTraffic traffic = ContextualTraffic.randomItems(CONTEXT_WORLD, 10, new SplittableRandom(1));
        StochasticPolicy logging = new SoftmaxPolicy("popularity", (x, a) -> traffic.popularity(a), 10, 0.3, 0.1);
        StochasticPolicy target = new SoftmaxPolicy("personalised", traffic::affinity, 10, 0.1, 0);
        double[] report = launch(traffic, logging, target, 2026);
        char right = Math.abs(report[0]) >= 1.96 ? 'c' : report[3] >= 1.96 ? 'a' : 'b';
        Check.LaunchReportFunction mine = seed -> launch(traffic, logging, target, seed);
        assertTrue(Check.launchReport(mine, traffic, logging, target, 2026, right, MEMO));
        // the notebook seed's figures typed in
        assertFalse(Check.launchReport(seed -> report.clone(), traffic, logging, target, 2026, right, MEMO));
        // IPS on the A/B's control log (seed + 2) instead of the A/A's first log
        assertFalse(Check.launchReport(seed -> {
            double[] r = launch(traffic, logging, target, seed);
            r[1] = new InversePropensityScoring().estimate(
                    LoggedBandit.collect(traffic, logging, 10_000, new SplittableRandom(seed + 2)), target);
            return r;
        }, traffic, logging, target, 2026, right, MEMO));
        // the A/B difference the wrong way round
        assertFalse(Check.launchReport(seed -> {
            double[] r = launch(traffic, logging, target, seed);
            r[2] = -r[2];
            r[3] = -r[3];
            return r;
        }, traffic, logging, target, 2026, right, MEMO));
        assertFalse(Check.launchReport(mine, traffic, logging, target, 2026, right == 'a' ? 'b' : 'a', MEMO));
        assertFalse(Check.launchReport(null, traffic, logging, target, 2026, right, MEMO));
        assertFalse(Check.launchReport(mine, traffic, logging, target, 2026, right, null));
    }

    @Test
    void candidateGenerationExercises() {
        Check.TopKFunction bySort = (scores, k) -> java.util.stream.IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : a - b)
                .limit(k).mapToInt(Integer::intValue).toArray();
        assertTrue(Check.topK(bySort));
        assertFalse(Check.topK((scores, k) -> new int[0]));
        // 10M items x 64 floats = 2.56 GB per query: 341 ms at 7.5 GB/s, 25.6 ms at 100 GB/s
        Check.ScanTimeFunction scan = (n, d, gb) -> 4.0 * n * d / (gb * 1e9) * 1000;
        assertTrue(Check.exactScanAt10M(scan, 'c', 7.5));
        assertTrue(Check.exactScanAt10M(scan, 'a', 100));
        assertFalse(Check.exactScanAt10M(scan, 'a', 7.5));
        assertTrue(lastVerdict().contains("6.8 times the 50 ms budget"), lastVerdict());
        assertFalse(Check.exactScanAt10M(scan, 'b', 7.5));
        // the old answer's assumed 10 GB/s instead of the measured bandwidth
        assertFalse(Check.exactScanAt10M((n, d, gb) -> 4.0 * n * d / 1e10 * 1000, 'c', 7.5));
        // the notebook's figure typed in
        assertFalse(Check.exactScanAt10M((n, d, gb) -> 341.33, 'c', 7.5));
        // 8 bytes a value (doubles), and 1 GB = 2^30 bytes: both off by the factors the exercise is about
        assertFalse(Check.exactScanAt10M((n, d, gb) -> 8.0 * n * d / (gb * 1e9) * 1000, 'c', 7.5));
        assertFalse(Check.exactScanAt10M((n, d, gb) -> 4.0 * n * d / (gb * (1 << 30)) * 1000, 'c', 7.5));
        assertFalse(Check.exactScanAt10M(scan, 'c', 0));
        assertFalse(Check.exactScanAt10M(null, 'c', 7.5));
    }

    static double overlap(World w, int user, double wCos, double wPop) {
        float[] profile = w.userVector(user);
        return AnnRecall.of(new CosinePopularityBlend(w, wCos, wPop).generate(profile, 50),
                new CosinePopularityBlend(w, 1.0, 0.0).generate(profile, 50));
    }

    @Test
    void blendOverlapOnWorldsAndWeightsTheCheckChooses() {
        assertTrue(Check.popularityHeavyBlend(CheckTest::overlap, 'a'));
        // the notebook's figure typed in
        double notebook = overlap(World.chapterDemo(42), 0, 0.5, 1.0);
        assertFalse(Check.popularityHeavyBlend((w, u, c, p) -> notebook, 'a'));
        // the weights swapped
        assertFalse(Check.popularityHeavyBlend((w, u, c, p) -> overlap(w, u, p, c), 'a'));
        // always the notebook's user
        assertFalse(Check.popularityHeavyBlend((w, u, c, p) -> overlap(w, 0, c, p), 'a'));
        assertFalse(Check.popularityHeavyBlend(CheckTest::overlap, 'b'));
        assertTrue(lastVerdict().contains("trusts what we know least"), lastVerdict());
        assertFalse(Check.popularityHeavyBlend(CheckTest::overlap, 'c'));
        assertFalse(Check.popularityHeavyBlend(null, '?'));
    }
}
