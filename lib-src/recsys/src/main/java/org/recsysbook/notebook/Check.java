package org.recsysbook.notebook;

import org.recsysbook.bandit.BanditSimulator;
import org.recsysbook.bandit.SeedBanditScenario;
import org.recsysbook.bandit.SimulationResult;
import org.recsysbook.bandit.ThompsonSampling;
import org.recsysbook.bandit.Ucb;
import org.recsysbook.metrics.AveragePrecision;
import org.recsysbook.metrics.Ndcg;
import org.recsysbook.pipeline.Pipeline;
import org.recsysbook.pipeline.PipelineResult;
import org.recsysbook.ranking.Request;
import org.recsysbook.ranking.ScoredItems;
import org.recsysbook.ranking.UserContext;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.retrieval.CosinePopularityBlend;
import org.recsysbook.world.World;

import java.util.Arrays;
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
        ScoredItems candidates = ScoredItems.from(new CosinePopularityBlend(demo).generate(user.userVector(), 50));
        int[] expected = CategoryQuota.seedDefaults(demo).rerank(user, candidates).ids();
        return ExerciseCheck.named("no_noise")
                .unless(run == null, "run the seed's pipeline for seedUser.withContext(UserContext.NONE) into noNoise")
                .answer("noNoise", () -> run.ids(), ids -> Arrays.equals(ids, expected),
                        "the seed's pipeline (seedPipeline) for seedUser with UserContext.NONE")
                .choice("noNoisePrediction", prediction, "abc", 'b',
                        "with both context weights 0, what does the ranker add to each candidate score?")
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
