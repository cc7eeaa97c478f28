package org.recsysbook.notebook;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.recsysbook.abtest.ExperimentSimulator;
import org.recsysbook.abtest.PowerAnalysis;
import org.recsysbook.abtest.RateVariant;
import org.recsysbook.abtest.TwoProportionZTest;
import org.recsysbook.bandit.BanditSimulator;
import org.recsysbook.bandit.ContextualSimulator;
import org.recsysbook.bandit.LinUcb;
import org.recsysbook.bandit.SeedBanditScenario;
import org.recsysbook.bandit.SimulationResult;
import org.recsysbook.bandit.ThompsonSampling;
import org.recsysbook.bandit.Ucb;
import org.recsysbook.metrics.AveragePrecision;
import org.recsysbook.metrics.Ndcg;
import org.recsysbook.pipeline.Pipeline;
import org.recsysbook.pipeline.PipelineResult;
import org.recsysbook.ranking.Request;
import org.recsysbook.ranking.UserContext;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.rerank.FreshnessBoost;
import org.recsysbook.rerank.ReRanker;
import org.recsysbook.retrieval.AnnRecall;
import org.recsysbook.retrieval.CosinePopularityBlend;
import org.recsysbook.retrieval.ScoredItems;
import org.recsysbook.world.World;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.recsysbook.notebook.ExerciseCheck.fmt;

/**
 * The self-checks of the workbook's exercises: each notebook from 01 on ends with exercises whose last cell calls
 * one of these, e.g. {@code Check.ndcg((rels, k) -> ndcgAtK(rels, k))}.
 *
 * <p>A check runs hidden cases — computed with the library's own implementation or worked by hand — against the
 * reader's function or answer, shows "✔ passed N cases" or "✘ failed: … (hint: …)", and records the verdict as
 * {@code check_<name>} (see {@link ExerciseCheck}). A hint points at the idea, never at the code; an exercise whose
 * answer is a number or a choice does not show it. A wrong answer, an exception or a {@code null} never stops the
 * notebook: the check reports it. Each check takes well under a second, except where its javadoc says it repeats a
 * simulation.
 */
public final class Check {
    private Check() { }

    // ---- 01 · the multi-stage pipeline -----------------------------------------------------------------------

    /** The seed's category quota as a function: the kept item ids, best first. */
    @FunctionalInterface
    public interface QuotaFunction {
        int[] apply(int[] ranked, int[] category, int maxPerCategory, int nFinal);
    }

    /**
     * Checks a category quota: walk {@code ranked} best first, keep an item while its category ({@code
     * category[item]}) holds fewer than {@code maxPerCategory} kept items, stop at {@code nFinal}. Cases: three
     * worked by hand, then random lists against {@link CategoryQuota}.
     */
    public static boolean categoryQuota(QuotaFunction quota) {
        ExerciseCheck check = ExerciseCheck.named("category_quota").unless(quota == null, "pass your function");
        int[] ranked = {4, 0, 3, 1, 5, 2};
        int[] category = {0, 1, 0, 1, 0, 2};
        String shown = "ranked=[4, 0, 3, 1, 5, 2], category=[0, 1, 0, 1, 0, 2], ";
        check.same(shown + "maxPerCategory=1, nFinal=3", () -> quota.apply(ranked.clone(), category.clone(), 1, 3),
                new int[] {4, 3, 5}, "item 0 is skipped: category 0 already holds item 4");
        check.same(shown + "maxPerCategory=1, nFinal=10", () -> quota.apply(ranked.clone(), category.clone(), 1, 10),
                new int[] {4, 3, 5}, "when the ranked list runs out the list is shorter than nFinal, as in the seed");
        check.same(shown + "maxPerCategory=3, nFinal=2", () -> quota.apply(ranked.clone(), category.clone(), 3, 2),
                new int[] {4, 0}, "stop as soon as nFinal items are kept");
        SplittableRandom rng = new SplittableRandom(101);
        for (int t = 0; t < 6; t++) {
            int n = 20 + rng.nextInt(20);
            int[] r = shuffled(n, rng);
            int[] cat = new int[n];
            for (int i = 0; i < n; i++) {
                cat[i] = rng.nextInt(4);
            }
            int max = 1 + rng.nextInt(3);
            int keep = 4 + rng.nextInt(10);
            int[] expected = new CategoryQuota(cat, max, keep).rerank(null, descending(r)).ids();
            check.same(fmt("a random list of %d items in 4 categories, maxPerCategory=%d, nFinal=%d", n, max, keep),
                    () -> quota.apply(r.clone(), cat.clone(), max, keep), expected,
                    "count the kept items of each category, not the items seen");
        }
        return check.run();
    }

    /**
     * Checks the length of the seed's final list under a quota of one per category, and why it is what it is.
     * Options: (a) the ranker keeps too few candidates, (b) the seed's world has five categories, (c) the quota
     * drops items scored below the mean.
     */
    public static boolean quotaOfOne(int finalLength, char why) {
        World demo = World.seedDemo(42);
        Pipeline one = Pipeline.builder(demo).candidates(new CosinePopularityBlend(demo), 50)
                .ranker(new org.recsysbook.ranking.SimulatedRanker(42), 50)
                .reRanker(CategoryQuota.of(demo, 1, 10)).build();
        int expected = one.recommend(Request.forUser(demo, 0).withContext(UserContext.SEED_DEMO)).size();
        return ExerciseCheck.named("quota_of_one")
                .answer("quotaOneLength", () -> finalLength, v -> v == expected,
                        "rebuild the seed's pipeline with CategoryQuota.of(demo, 1, 10) and take the result's size()")
                .choice("quotaOneWhy", why, "abc", 'b', "how many different categories can a list hold here?")
                .run();
    }

    /**
     * Checks the seed's demo run without ranking noise ({@code UserContext.NONE}) and the prediction made before
     * it. Options: (a) the same list as with the seed's context, (b) the candidates in candidate-score order,
     * thinned by the quota only, (c) a different list on every run.
     */
    public static boolean noNoise(char prediction, PipelineResult run) {
        World demo = World.seedDemo(42);
        Request user = Request.forUser(demo, 0);
        ScoredItems candidates = new CosinePopularityBlend(demo).generate(user.userVector(), 50);
        int[] expected = CategoryQuota.seedDefaults(demo).rerank(user, candidates).ids();
        return ExerciseCheck.named("no_noise")
                .unless(run == null, "run the seed's pipeline for seedUser.withContext(UserContext.NONE) into noNoise")
                .answer("noNoise", () -> run.ids(), ids -> Arrays.equals(ids, expected),
                        "the seed's pipeline (seedPipeline) for seedUser with UserContext.NONE")
                .choice("noNoisePrediction", prediction, "abc", 'b',
                        "with both context weights 0, what does the ranker add to each candidate score?")
                .run();
    }

    // ---- 02 · candidate generation -------------------------------------------------------------------------

    /** The positions of the k highest scores, best first. */
    @FunctionalInterface
    public interface TopKFunction {
        int[] apply(double[] scores, int k);
    }

    /**
     * Checks a top-k selection: the positions of the k highest scores, best first, ties to the lower position,
     * all of them when k exceeds the length. Hand-worked cases, then random ones against a full sort.
     */
    public static boolean topK(TopKFunction topK) {
        ExerciseCheck check = ExerciseCheck.named("top_k").unless(topK == null, "pass your function");
        check.same("scores=[0.3, 0.9, 0.1, 0.7], k=2", () -> topK.apply(new double[] {0.3, 0.9, 0.1, 0.7}, 2),
                new int[] {1, 3}, "return positions, not scores, best first");
        check.same("scores=[0.5, 0.8, 0.5, 0.8], k=3", () -> topK.apply(new double[] {0.5, 0.8, 0.5, 0.8}, 3),
                new int[] {1, 3, 0}, "equal scores: the lower position first");
        check.same("scores=[-2, -1, -3], k=5", () -> topK.apply(new double[] {-2, -1, -3}, 5), new int[] {1, 0, 2},
                "k larger than the list: return every position; scores may be negative");
        SplittableRandom rng = new SplittableRandom(202);
        for (int t = 0; t < 3; t++) {
            int n = 1000 + rng.nextInt(5000);
            int k = 1 + rng.nextInt(50);
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = rng.nextDouble() * 2 - 1;
            }
            int[] expected = java.util.stream.IntStream.range(0, n).boxed()
                    .sorted((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : a - b)
                    .limit(k).mapToInt(Integer::intValue).toArray();
            check.same(fmt("%d random scores, k=%d", n, k), () -> topK.apply(scores.clone(), k), expected,
                    "keep the k best seen so far; a newcomer replaces the worst of them when it beats it");
        }
        return check.run();
    }

    /**
     * Checks the overlap with pure cosine of the seed's blend with weights (0.5, 1) on the seed's demo, and which
     * weights suit a brand-new user. Options: (a) cosine-heavy (1, 0.5), (b) popularity-heavy (0.5, 1): a new
     * user's profile says little, and popular items are the safer bet, (c) the weights make no difference.
     */
    public static boolean popularityHeavyBlend(double overlap, char newUserWeights) {
        World demo = World.seedDemo(42);
        float[] profile = demo.userVector(0);
        double expected = AnnRecall.of(new CosinePopularityBlend(demo, 0.5, 1.0).generate(profile, 50),
                new CosinePopularityBlend(demo, 1.0, 0.0).generate(profile, 50));
        return ExerciseCheck.named("popularity_heavy_blend")
                .answer("overlapPopularityHeavy", () -> overlap, o -> Math.abs(o - expected) <= 1e-9,
                        "AnnRecall.of(the (0.5, 1) blend's 50 candidates, cosineOnly)")
                .choice("newUserWeights", newUserWeights, "abc", 'b',
                        "how much does a profile vector know about a user who has clicked nothing yet?")
                .run();
    }

    /**
     * Checks the exact scan time of a 10M × 64 catalog extrapolated from the measured bandwidth of one core
     * ({@code 4 · n · d} bytes read per query), within 5 %, and whether it fits a 50 ms budget. Options: (a) it
     * fits, (b) it needs several times the budget on one core, (c) memory bandwidth does not limit the scan.
     */
    public static boolean exactScanAt10M(double scanMs, char budgetVerdict, double gbPerSecond) {
        ExerciseCheck check = ExerciseCheck.named("exact_scan_at_10m");
        if (!(gbPerSecond > 0)) {
            return check.unless(true, "pass the measured bandwidth, speed.doubleColumn(\"GB/s\").get(1)").run();
        }
        double expected = 4.0 * 10_000_000 * 64 / (gbPerSecond * 1e9) * 1000;
        return check.answer("scanMsAt10M", () -> scanMs, v -> Math.abs(v - expected) <= 0.05 * expected,
                        "bytes read per query divided by bytes per second, in milliseconds")
                .choice("budgetVerdict", budgetVerdict, "abc", expected <= 50 ? 'a' : 'b',
                        "compare your figure with 50 ms, the budget of the whole funnel")
                .run();
    }

    // ---- 03 · ranking -----------------------------------------------------------------------------------------

    /** The inverse-propensity label of one logged impression. */
    @FunctionalInterface
    public interface IpwLabelFunction {
        double apply(boolean clicked, int position);
    }

    /** The mean log-loss of predicted click probabilities. */
    @FunctionalInterface
    public interface LogLossFunction {
        double apply(double[] predicted, boolean[] clicked);
    }

    /**
     * Checks the inverse-propensity label: a click at position p (from 1) becomes {@code 1 / e(p)} with the click
     * model's examination {@code e(p) = 1 / log2(p + 1)}; a skip stays 0. Worked by hand.
     */
    public static boolean ipwLabel(IpwLabelFunction label) {
        ExerciseCheck check = ExerciseCheck.named("ipw_label").unless(label == null, "pass your function");
        check.near("clicked=true, position=1", () -> label.apply(true, 1), 1, 1e-9,
                "position 1 is always examined, so a click there counts once");
        check.near("clicked=true, position=3", () -> label.apply(true, 3), 2, 1e-9,
                "divide the click by the examination probability of its position");
        check.near("clicked=true, position=7", () -> label.apply(true, 7), 3, 1e-9,
                "e(p) = 1 / log2(p + 1), with positions counted from 1");
        check.near("clicked=true, position=10", () -> label.apply(true, 10), Math.log(11) / Math.log(2), 1e-9,
                "Math.log is the natural logarithm: divide by Math.log(2) for log2");
        check.near("clicked=false, position=3", () -> label.apply(false, 3), 0, 0, "a skip is a 0 at any position");
        return check.run();
    }

    /** Checks the mean log-loss (cross-entropy, natural logarithm) against hand-worked values. */
    public static boolean logLoss(LogLossFunction loss) {
        ExerciseCheck check = ExerciseCheck.named("log_loss").unless(loss == null, "pass your function");
        check.near("predicted=[0.5], clicked=[true]", () -> loss.apply(new double[] {0.5}, new boolean[] {true}),
                Math.log(2), 1e-9, "the loss of one click predicted at p is −ln p");
        check.near("predicted=[0.9, 0.2], clicked=[true, false]",
                () -> loss.apply(new double[] {0.9, 0.2}, new boolean[] {true, false}),
                -(Math.log(0.9) + Math.log(0.8)) / 2, 1e-9, "a skip predicted at p costs −ln(1 − p)");
        check.near("predicted=[0.1, 0.1, 0.1, 0.1], clicked=[true, false, false, false]",
                () -> loss.apply(new double[] {0.1, 0.1, 0.1, 0.1}, new boolean[] {true, false, false, false}),
                -(Math.log(0.1) + 3 * Math.log(0.9)) / 4, 1e-9, "the mean over impressions, not the sum");
        check.near("predicted=[0.99], clicked=[false]", () -> loss.apply(new double[] {0.99}, new boolean[] {false}),
                -Math.log(0.01), 1e-9, "a confident mistake costs a lot");
        return check.run();
    }

    /**
     * Checks the CTR ratio of position 1 to position 10 that examination alone would give, and why the logged
     * ratio {@code ctr[0] / ctr[9]} differs. Options: (a) users examine deeper than the click model says, (b) the
     * production ranker put the more attractive items on top, (c) the click model ignores positions.
     */
    public static boolean examinationRatio(double predictedRatio, char why, double[] ctrByPosition) {
        double expected = Math.log(11) / Math.log(2);
        ExerciseCheck check = ExerciseCheck.named("examination_ratio")
                .answer("examinationRatio", () -> predictedRatio, r -> Math.abs(r - expected) <= 0.01,
                        "equally attractive items: the ratio of the two examination probabilities e(1) / e(10)");
        if (ctrByPosition != null && ctrByPosition.length >= 10 && ctrByPosition[9] > 0) {
            double measured = ctrByPosition[0] / ctrByPosition[9];
            check.note(fmt("logged: CTR@1 / CTR@10 = %.2f", measured))
                    .choice("ratioWhy", why, "abc", measured > expected ? 'b' : 'a',
                            "what did the production ranker put on position 1?");
        } else {
            check.unless(true, "pass the notebook's ctr array (ctr by position, 10 values)");
        }
        return check.run();
    }

    // ---- 04 · re-ranking -------------------------------------------------------------------------------------

    /** Maximal marginal relevance over a list: the positions of the chosen items, in the order chosen. */
    @FunctionalInterface
    public interface MmrFunction {
        int[] apply(double[] relevance, double[][] similarity, double lambda, int k);
    }

    /**
     * Checks greedy MMR: relevance already in [0, 1], {@code similarity[i][j]} the cosine of items i and j; each
     * step takes the position with the largest {@code λ·rel − (1 − λ)·max cos to the chosen} (0 before the first
     * choice), ties to the lower position. Cases: one worked by hand, then random lists against
     * {@link org.recsysbook.rerank.MaximalMarginalRelevance}.
     */
    public static boolean mmr(MmrFunction mmr) {
        ExerciseCheck check = ExerciseCheck.named("mmr").unless(mmr == null, "pass your function");
        double[] rel = {1.0, 0.9, 0.5};
        double[][] sim = {{1, 0.95, 0.1}, {0.95, 1, 0.2}, {0.1, 0.2, 1}};
        String shown = "relevance=[1, 0.9, 0.5], similarity=[[1, 0.95, 0.1], [0.95, 1, 0.2], [0.1, 0.2, 1]], ";
        check.same(shown + "lambda=1, k=3", () -> mmr.apply(rel.clone(), copy(sim), 1.0, 3), new int[] {0, 1, 2},
                "λ = 1 is relevance only: the ranked order");
        check.same(shown + "lambda=0.5, k=3", () -> mmr.apply(rel.clone(), copy(sim), 0.5, 3), new int[] {0, 2, 1},
                "after the first pick, subtract (1 − λ) times the largest similarity to the items chosen");
        check.same(shown + "lambda=0.5, k=2", () -> mmr.apply(rel.clone(), copy(sim), 0.5, 2), new int[] {0, 2},
                "return k positions");
        SplittableRandom rng = new SplittableRandom(404);
        for (int t = 0; t < 6; t++) {
            int n = 6 + rng.nextInt(10);
            int dim = 3 + rng.nextInt(4);
            float[] vectors = new float[n * dim];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = (float) rng.nextGaussian();
            }
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = i == 0 ? 1 : i == n - 1 ? 0 : rng.nextDouble();
            }
            double[][] s = cosines(vectors, dim, n);
            double lambda = Math.round(rng.nextDouble() * 10) / 10.0;
            int k = 2 + rng.nextInt(n - 2);
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = i;
            }
            int[] expected = new org.recsysbook.rerank.MaximalMarginalRelevance(vectors, dim, lambda, k)
                    .rerank(null, new ScoredItems(ids, r)).ids();
            check.same(fmt("a random list of %d items, lambda=%s, k=%d", n, fmt(lambda), k),
                    () -> mmr.apply(r.clone(), copy(s), lambda, k), expected,
                    "the largest similarity to any chosen item, updated after every pick");
        }
        return check.run();
    }

    /**
     * Checks the mean age of the items shown by {@code FreshnessBoost.of(world, 0.2, 1).then(ReRanker.truncate(10))}
     * over the notebook's users and ranked lists, and why it is lower than with a half-life of 7 days. Options: (a) a
     * shorter half-life gives every item a larger bonus, (b) it keeps nearly the full bonus for the newest items only,
     * so they win the places that items a few days old held, (c) the boost no longer acts.
     */
    public static boolean freshnessHalfLife(World world, List<Request> users, List<ScoredItems> ranked,
                                            double meanAge, char why) {
        ExerciseCheck check = ExerciseCheck.named("freshness_half_life");
        if (world == null || users == null || ranked == null || users.size() != ranked.size()) {
            return check.unless(true, "pass the notebook's world, users and ranked").run();
        }
        double expected = meanShownAge(world, users, ranked, 1);
        double week = meanShownAge(world, users, ranked, 7);
        return check.answer("ageHalfLifeOne", () -> meanAge, a -> Math.abs(a - expected) <= 1e-9,
                        "FreshnessBoost.of(world, 0.2, 1).then(ReRanker.truncate(10)) for every user, then the mean "
                                + "of world.ageDays over all shown items")
                .choice("halfLifeWhy", why, "abc", expected < week ? 'b' : 'a',
                        "compare the bonus of an item half a day old with one five days old, at both half-lives")
                .note(fmt("mean age shown: half-life 7 days %.2f, 1 day %.2f", week, expected))
                .run();
    }

    private static double meanShownAge(World world, List<Request> users, List<ScoredItems> ranked, double halfLife) {
        ReRanker boost = FreshnessBoost.of(world, 0.2, halfLife).then(ReRanker.truncate(10));
        double sum = 0;
        int n = 0;
        for (int q = 0; q < users.size(); q++) {
            for (int id : boost.rerank(users.get(q), ranked.get(q)).ids()) {
                sum += world.ageDays(id);
                n++;
            }
        }
        return sum / n;
    }

    /**
     * Checks a prediction about business rules placed after the quota, against the list that chain produced for a
     * user who has seen the three best items, with the fourth blocked. Options: (a) ten items, the rules never
     * shorten a list, (b) fewer than ten: the rules drop items after the quota filled the list and nothing refills
     * it, (c) the seen items come back.
     *
     * @param forbidden the items the list must not hold (the three seen and the blocked one)
     */
    public static boolean rulesLast(char prediction, ScoredItems rulesLastList, int[] forbidden) {
        return ExerciseCheck.named("rules_last")
                .unless(rulesLastList == null || forbidden == null,
                        "run the quota-then-rules chain for seenTop3 into rulesLastList")
                .answer("rulesLastList", () -> rulesLastList, l -> l.size() < 10 && Arrays.stream(l.ids())
                                .noneMatch(id -> Arrays.stream(forbidden).anyMatch(f -> f == id)),
                        "CategoryQuota.of(world, 3, 10).withBackfill() then BusinessRules.dropSeenAndBlocked(...) "
                                + "on ranked.get(0), for seenTop3")
                .choice("rulesLastPrediction", prediction, "abc", 'b',
                        "after the rules remove an item, which stage could put another one in its place?")
                .note(rulesLastList == null ? null : "the list holds " + rulesLastList.size() + " items")
                .run();
    }

    // ---- 05 · evaluation metrics -----------------------------------------------------------------------------

    /** NDCG@k of grades given in rank order, the seed's form. */
    @FunctionalInterface
    public interface NdcgFunction {
        double apply(double[] relevances, int k);
    }

    /** Average precision of binary grades given in rank order, the seed's form. */
    @FunctionalInterface
    public interface ApFunction {
        double apply(int[] relevances);
    }

    /**
     * Checks NDCG@k in the seed's form (ideal order from the list's own grades, 0 when the list holds nothing
     * relevant) against {@link Ndcg#ofRelevances(double[], int)}.
     */
    public static boolean ndcg(NdcgFunction ndcg) {
        ExerciseCheck check = ExerciseCheck.named("ndcg").unless(ndcg == null, "pass your function");
        double[][] lists = {{1, 1, 0, 1, 0, 0, 0, 0, 0, 0}, {0, 0, 1}, {3, 2, 3, 0, 1, 2}, {0, 0, 0, 0},
                {2, 0, 0, 0, 0, 1}, {1, 0, 1, 1}};
        int[] ks = {10, 3, 6, 3, 3, 10};
        String[] hints = {"DCG divides each grade by log2(rank + 1), ranks from 1",
                "the ideal DCG sorts this list's own grades, best first",
                "graded relevance: the gain is the grade itself", "a list with nothing relevant scores 0, not NaN",
                "only the first k ranks count, in the DCG and in the ideal DCG",
                "k may be larger than the list: use the ranks that exist"};
        for (int i = 0; i < lists.length; i++) {
            double[] rel = lists[i];
            int k = ks[i];
            check.near(Arrays.toString(rel) + ", k=" + k, () -> ndcg.apply(rel.clone(), k), Ndcg.ofRelevances(rel, k),
                    1e-9, hints[i]);
        }
        return check.run();
    }

    /**
     * Checks average precision in the seed's form: the mean of precision@i over the ranks i that hold a relevant
     * item, 0 for a list without any; against {@link AveragePrecision#ofRelevances(int[])}.
     */
    public static boolean averagePrecision(ApFunction ap) {
        ExerciseCheck check = ExerciseCheck.named("average_precision").unless(ap == null, "pass your function");
        int[][] lists = {{1, 1, 0, 1, 0, 0, 0, 0, 0, 0}, {0, 1, 0, 1}, {0, 0, 0}, {0, 0, 0, 0, 1}, {1, 1, 1}};
        String[] hints = {"precision@i counts the relevant items among the first i",
                "average only over the ranks that hold a relevant item", "no relevant item: AP is 0",
                "divide by the relevant items found in the list", "a perfect list scores 1"};
        for (int i = 0; i < lists.length; i++) {
            int[] rel = lists[i];
            check.near(Arrays.toString(rel), () -> ap.apply(rel.clone()), AveragePrecision.ofRelevances(rel), 1e-9,
                    hints[i]);
        }
        return check.run();
    }

    /**
     * Checks a prediction of a random recommender's HR@10 when the held-out item is ranked among 50 sampled
     * negatives; shows the measured value beside it.
     */
    public static boolean sampledRandomHitRate(double prediction, double measured) {
        return ExerciseCheck.named("sampled_random_hit_rate")
                .note(fmt("measured in the sweep: HR@10 = %.4f for the random recommender", measured))
                .answer("randomHrPrediction", () -> prediction, p -> Math.abs(p - 10.0 / 51) <= 0.005,
                        "in a random order every place is equally likely for the held-out item")
                .run();
    }

    // ---- 06 · A/B testing ------------------------------------------------------------------------------------

    /** The two-proportion z statistic of treatment (B) against control (A). */
    @FunctionalInterface
    public interface ZStatisticFunction {
        double apply(long successesA, long trialsA, long successesB, long trialsB);
    }

    /**
     * Checks the pooled two-proportion z statistic {@code (p̂B − p̂A) / sqrt(p̄(1 − p̄)(1/nA + 1/nB))} against
     * {@link TwoProportionZTest}.
     */
    public static boolean zStatistic(ZStatisticFunction z) {
        ExerciseCheck check = ExerciseCheck.named("z_statistic").unless(z == null, "pass your function");
        long[][] cases = {{5, 83, 12, 99}, {1000, 10_000, 1100, 10_000}, {120, 1000, 100, 1000}, {50, 400, 50, 400},
                {30, 200, 45, 500}};
        String[] hints = {"p̂ = successes / trials in each arm; the difference is treatment minus control",
                "the standard error uses the pooled rate p̄ = all successes / all trials",
                "a treatment below control gives a negative z", "equal rates give z = 0",
                "unequal arm sizes enter through 1/nA + 1/nB"};
        for (int i = 0; i < cases.length; i++) {
            long[] c = cases[i];
            double expected = TwoProportionZTest.test(c[0], c[1], c[2], c[3], 0.05).statistic();
            check.near(fmt("successesA=%d, trialsA=%d, successesB=%d, trialsB=%d", c[0], c[1], c[2], c[3]),
                    () -> z.apply(c[0], c[1], c[2], c[3]), expected, 1e-9, hints[i]);
        }
        return check.run();
    }

    /**
     * Checks whether the sample-ratio check fires for a 2 % tracking loss in the treatment arm with 20,000 and with
     * 200,000 users (14 days, the 5 % base rate of 6.5), and why. Options: (a) the bug is worse in a big
     * experiment, (b) the same 2 % is more users than chance can explain once the arms are large, (c) a big
     * experiment runs more days. Repeats both simulations (a fraction of a second).
     */
    public static boolean smallTrackingLoss(boolean firesAt20k, boolean firesAt200k, char why) {
        RateVariant base = RateVariant.of("control", 0.05);
        boolean[] expected = new boolean[2];
        int[] sizes = {20_000, 200_000};
        for (int i = 0; i < 2; i++) {
            expected[i] = ExperimentSimulator.of(sizes[i], 14).withTrackingLoss(1, 0.02)
                    .run(base, base.withName("treatment")).sampleRatioMismatch().mismatch();
        }
        return ExerciseCheck.named("small_tracking_loss")
                .answer("srmAt20k", () -> firesAt20k, v -> v == expected[0],
                        "ExperimentSimulator.of(20_000, 14).withTrackingLoss(1, 0.02), then sampleRatioMismatch()")
                .answer("srmAt200k", () -> firesAt200k, v -> v == expected[1], "the same with 200,000 users")
                .choice("srmWhy", why, "abc", 'b', "how does the chance spread of an arm's size grow with its users?")
                .run();
    }

    /**
     * Checks the users per arm needed to detect 10 % → 11 % instead of 10 % → 12 % (α = 0.05, power 0.8), and the
     * factor predicted before computing it: within 0.3 of the true ratio.
     */
    public static boolean halfTheEffect(double predictedFactor, long usersForOnePoint) {
        long twoPoints = PowerAnalysis.sampleSizePerArm(0.10, 0.02, 0.05, 0.80);
        long onePoint = PowerAnalysis.sampleSizePerArm(0.10, 0.01, 0.05, 0.80);
        double ratio = (double) onePoint / twoPoints;
        return ExerciseCheck.named("half_the_effect")
                .answer("usersForOnePoint", () -> usersForOnePoint, n -> n == onePoint,
                        "PowerAnalysis.sampleSizePerArm with a minimum detectable effect of 0.01")
                .answer("sizeFactorPrediction", () -> predictedFactor, f -> Math.abs(f - ratio) <= 0.3,
                        "the standard error shrinks like 1 / sqrt(n): what n halves it?")
                .note(usersForOnePoint == onePoint ? fmt("%,d users per arm instead of %,d: %.2f times as many",
                        onePoint, twoPoints, ratio) : null)
                .run();
    }

    // ---- 08 · online learning --------------------------------------------------------------------------------

    /** The inverse propensity score estimate of a new policy's mean reward from a log. */
    @FunctionalInterface
    public interface IpsFunction {
        double apply(double[] rewards, double[] loggingPropensities, double[] targetProbabilities);
    }

    /** The inverse of {@code A + x xᵀ} from the inverse of A. */
    @FunctionalInterface
    public interface ShermanMorrisonFunction {
        double[][] apply(double[][] aInverse, double[] x);
    }

    /**
     * Checks the IPS estimate {@code mean(r · π(a|x) / μ(a|x))} over the logged impressions, against hand-worked
     * values.
     */
    public static boolean ips(IpsFunction ips) {
        ExerciseCheck check = ExerciseCheck.named("ips").unless(ips == null, "pass your function");
        check.near("rewards=[1, 0], logging=[0.5, 0.5], target=[1, 0]",
                () -> ips.apply(new double[] {1, 0}, new double[] {0.5, 0.5}, new double[] {1, 0}), 1, 1e-9,
                "weight each reward by target / logging probability of the logged action");
        check.near("rewards=[1, 1, 0, 1], logging=[0.8, 0.2, 0.5, 0.5], target=[0.4, 0.6, 0.9, 0.1]",
                () -> ips.apply(new double[] {1, 1, 0, 1}, new double[] {0.8, 0.2, 0.5, 0.5},
                        new double[] {0.4, 0.6, 0.9, 0.1}), (0.5 + 3 + 0 + 0.2) / 4, 1e-9,
                "divide by the number of logged impressions, not by the sum of the weights (that is SNIPS)");
        check.near("rewards=[0, 0, 0], logging=[0.3, 0.3, 0.4], target=[1, 1, 1]",
                () -> ips.apply(new double[3], new double[] {0.3, 0.3, 0.4}, new double[] {1, 1, 1}), 0, 1e-12,
                "no reward, no estimate above 0");
        check.near("rewards=[1, 1], logging=[0.1, 0.9], target=[0.1, 0.9]",
                () -> ips.apply(new double[] {1, 1}, new double[] {0.1, 0.9}, new double[] {0.1, 0.9}), 1, 1e-9,
                "when the target is the logging policy every weight is 1");
        return check.run();
    }

    /**
     * Checks the Sherman–Morrison update {@code (A + x xᵀ)⁻¹ = A⁻¹ − A⁻¹x xᵀA⁻¹ / (1 + xᵀA⁻¹x)} against a direct
     * inversion, on a hand-worked 2 × 2 case and random symmetric positive definite matrices.
     */
    public static boolean shermanMorrison(ShermanMorrisonFunction update) {
        ExerciseCheck check = ExerciseCheck.named("sherman_morrison").unless(update == null, "pass your function");
        check.same("aInverse=[[1, 0], [0, 1]], x=[1, 1]", () -> flat(update.apply(new double[][] {{1, 0}, {0, 1}},
                        new double[] {1, 1})), new double[] {2.0 / 3, -1.0 / 3, -1.0 / 3, 2.0 / 3},
                "the denominator is 1 + xᵀA⁻¹x");
        SplittableRandom rng = new SplittableRandom(808);
        for (int t = 0; t < 4; t++) {
            int d = 2 + rng.nextInt(4);
            double[][] a = new double[d][d];
            for (int i = 0; i < d; i++) {
                a[i][i] = 1;
            }
            for (int s = 0; s < d + 2; s++) {
                double[] v = new double[d];
                for (int j = 0; j < d; j++) {
                    v[j] = rng.nextGaussian();
                }
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        a[i][j] += v[i] * v[j];
                    }
                }
            }
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = rng.nextGaussian();
            }
            double[][] aInv = invert(a);
            double[][] updated = copy(a);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    updated[i][j] += x[i] * x[j];
                }
            }
            double[] expected = flat(invert(updated));
            check.answer(fmt("a random %d × %d case", d, d), () -> flat(update.apply(copy(aInv), x.clone())),
                    v -> v.length == expected.length && closeAll(v, expected, 1e-8),
                    "subtract the outer product of A⁻¹x with itself, scaled by the denominator");
        }
        return check.run();
    }

    /**
     * Checks which exploration weight α in {0, 0.1, 1, 3} gives LinUCB the highest click rate over the last 1000 of
     * 5000 users on the notebook's contextual simulator, and why even α = 0 beats Thompson sampling. Options: (a)
     * LinUCB with α = 0 still explores at random, (b) users bring different contexts, so a greedy model per item
     * already shows different users different items and learns from them all, (c) α = 0 uses Thompson sampling's
     * prior. Repeats the four simulations (about a second).
     */
    public static boolean linUcbExploration(ContextualSimulator simulator, double bestAlpha, char why) {
        ExerciseCheck check = ExerciseCheck.named("linucb_exploration");
        if (simulator == null) {
            return check.unless(true, "pass the notebook's ctxSim").run();
        }
        double[] alphas = {0, 0.1, 1, 3};
        double best = Double.NaN;
        double bestRate = Double.NEGATIVE_INFINITY;
        int rounds = simulator.rounds();
        int window = Math.min(1000, rounds);
        for (double alpha : alphas) {
            double[] reward = simulator.run(LinUcb.factory(alpha)).meanCumulativeReward();
            double rate = (reward[rounds - 1] - (rounds > window ? reward[rounds - 1 - window] : 0)) / window;
            if (rate > bestRate) {
                bestRate = rate;
                best = alpha;
            }
        }
        double right = best;
        return check.answer("bestAlpha", () -> bestAlpha, a -> a == right,
                        "ctxSim.run(LinUcb.factory(alpha)) for each α; compare the click rate of the last 1000 users")
                .choice("alphaZeroWhy", why, "abc", 'b',
                        "what differs from one round to the next for LinUCB, and not for Thompson sampling?")
                .run();
    }

    // ---- 07 · bandits ----------------------------------------------------------------------------------------

    /** The seed's UCB index of one arm. */
    @FunctionalInterface
    public interface UcbIndexFunction {
        double apply(double mean, long pulls, long totalPulls, double c);
    }

    /** Checks the seed's UCB index {@code mean + c·sqrt(ln(total + 1) / n)}, +∞ for an arm never pulled. */
    public static boolean ucbIndex(UcbIndexFunction index) {
        ExerciseCheck check = ExerciseCheck.named("ucb_index").unless(index == null, "pass your function");
        double[][] cases = {{0.5, 10, 100, 2}, {0.2, 1, 1, 2}, {0.3, 50, 500, 0.5}, {0.4, 7, 20, 0}, {0, 3, 3, 1}};
        String[] hints = {"the bonus is c · sqrt(ln(total + 1) / n), natural logarithm",
                "with the seed's code, the logarithm is of total + 1", "the bonus grows with c",
                "c = 0: no bonus at all", "an arm that never clicked still gets its bonus"};
        for (int i = 0; i < cases.length; i++) {
            double[] x = cases[i];
            double expected = x[0] + x[3] * Math.sqrt(Math.log(x[2] + 1) / x[1]);
            check.near(fmt("mean=%s, pulls=%d, totalPulls=%d, c=%s", fmt(x[0]), (long) x[1], (long) x[2], fmt(x[3])),
                    () -> index.apply(x[0], (long) x[1], (long) x[2], x[3]), expected, 1e-9, hints[i]);
        }
        check.near("mean=0, pulls=0, totalPulls=40, c=2", () -> index.apply(0, 0, 40, 2), Double.POSITIVE_INFINITY, 0,
                "an arm never pulled must be tried first: its index is Double.POSITIVE_INFINITY");
        return check.run();
    }

    /**
     * Checks which c in {0.1, 0.25, 0.5, 1} earns the seed's UCB the most clicks over 200 runs of 500 rounds, and
     * why a small c is risky. Options: (a) a small c makes each round slower, (b) with little exploration an unlucky
     * start can lock the policy onto a poor item, (c) a small c ignores the sample means. Repeats the four
     * simulations (about a second).
     */
    public static boolean ucbExploration(double bestC, char why) {
        BanditSimulator sim = new BanditSimulator(SeedBanditScenario.environment(SeedBanditScenario.SEED),
                SeedBanditScenario.ROUNDS, 200, 2024);
        double[] cs = {0.1, 0.25, 0.5, 1};
        double best = cs[0];
        double bestReward = Double.NEGATIVE_INFINITY;
        for (double c : cs) {
            double reward = sim.run(Ucb.factory(c)).totalRewardInterval(0.95).mean();
            if (reward > bestReward) {
                bestReward = reward;
                best = c;
            }
        }
        double right = best;
        return ExerciseCheck.named("ucb_exploration")
                .answer("bestC", () -> bestC, c -> c == right,
                        "run sim.run(Ucb.factory(c)) for each c and compare the mean total rewards")
                .choice("smallCWhy", why, "abc", 'b', "what happens to an item that was unlucky in its first rounds?")
                .run();
    }

    /**
     * Checks Thompson sampling run with the Beta(2, 8) prior the click rates were drawn from, on the notebook's 200
     * runs of 500 rounds, and the prediction made before it. Options: (a) fewer clicks than the flat prior, (b)
     * about the same, (c) more. Repeats both simulations (about half a second).
     */
    public static boolean thompsonPrior(char prediction, SimulationResult withPrior) {
        BanditSimulator sim = new BanditSimulator(SeedBanditScenario.environment(SeedBanditScenario.SEED),
                SeedBanditScenario.ROUNDS, 200, 2024);
        double flat = sim.run(ThompsonSampling.factory()).totalRewardInterval(0.95).mean();
        double informed = sim.run((k, r) -> new ThompsonSampling(k, 2, 8, r)).totalRewardInterval(0.95).mean();
        char right = informed > flat + 3 ? 'c' : informed < flat - 3 ? 'a' : 'b';
        return ExerciseCheck.named("thompson_prior")
                .unless(withPrior == null, "run the prior's factory on sim into withPrior")
                .answer("withPrior", () -> withPrior.totalRewardInterval(0.95).mean(),
                        m -> Math.abs(m - informed) < 1e-6,
                        "sim.run with the factory (k, r) -> new ThompsonSampling(k, 2, 8, r)")
                .choice("priorPrediction", prediction, "abc", right,
                        "the prior says a rate near 0.2 is likely before any click: what does that save?")
                .note(fmt("mean clicks in 500 rounds: flat prior %.1f, Beta(2, 8) prior %.1f", flat, informed))
                .run();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static double[] flat(double[][] m) {
        if (m == null) {
            return null;
        }
        int n = 0;
        for (double[] row : m) {
            n += row.length;
        }
        double[] out = new double[n];
        int k = 0;
        for (double[] row : m) {
            for (double v : row) {
                out[k++] = v;
            }
        }
        return out;
    }

    private static boolean closeAll(double[] a, double[] b, double tolerance) {
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= tolerance * Math.max(1, Math.abs(b[i])))) {
                return false;
            }
        }
        return true;
    }

    /** The inverse of a small symmetric positive definite matrix, by EJML. */
    private static double[][] invert(double[][] a) {
        DMatrixRMaj m = new DMatrixRMaj(a);
        DMatrixRMaj inv = new DMatrixRMaj(a.length, a.length);
        if (!CommonOps_DDRM.invert(m, inv)) {
            throw new IllegalStateException("singular test matrix");
        }
        double[][] out = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                out[i][j] = inv.get(i, j);
            }
        }
        return out;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** The cosine of every pair of the n row vectors, computed in double as the library's MMR does. */
    private static double[][] cosines(float[] v, int dim, int n) {
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                double ni = 0;
                double nj = 0;
                for (int d = 0; d < dim; d++) {
                    dot += v[i * dim + d] * v[j * dim + d];
                    ni += v[i * dim + d] * v[i * dim + d];
                    nj += v[j * dim + d] * v[j * dim + d];
                }
                s[i][j] = dot / (Math.sqrt(ni) * Math.sqrt(nj));
            }
        }
        return s;
    }

    private static int[] shuffled(int n, SplittableRandom rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** The ids with descending scores, so that their order is the ranked order. */
    private static ScoredItems descending(int[] ids) {
        double[] scores = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            scores[i] = ids.length - i;
        }
        return new ScoredItems(ids.clone(), scores);
    }
}
