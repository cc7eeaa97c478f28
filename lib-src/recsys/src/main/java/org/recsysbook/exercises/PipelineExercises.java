package org.recsysbook.exercises;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.UserContext;
import org.recsysbook.pipeline.Pipeline;
import org.recsysbook.pipeline.PipelineResult;
import org.recsysbook.pipeline.Recommendation;
import org.recsysbook.ranking.SimulatedRanker;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.rerank.ReRanker;
import org.recsysbook.retrieval.CosinePopularityBlend;
import org.recsysbook.world.World;

import org.recsysbook.exercises.ExerciseCheck.Attempt;

import static org.recsysbook.exercises.ExerciseCheck.fmt;

/** The cases behind {@link Check}'s checks for notebook 01 · the multi-stage pipeline. */
final class PipelineExercises {
    private PipelineExercises() { }

    static boolean categoryQuota(Check.QuotaFunction quota) {
        ExerciseCheck check = ExerciseCheck.named("category_quota").unless(quota == null, "pass your function");
        int[] ranked = {4, 0, 3, 1, 5, 2};
        int[] category = {0, 1, 0, 1, 0, 2};
        String shown = "ranked=[4, 0, 3, 1, 5, 2], category=[0, 1, 0, 1, 0, 2], ";
        check.same(shown + "maxPerCategory=1, nFinal=3", () -> quota.apply(ranked.clone(), category.clone(), 1, 3),
                new int[] {4, 3, 5}, "item 0 is skipped: category 0 already holds item 4");
        check.same(shown + "maxPerCategory=1, nFinal=10", () -> quota.apply(ranked.clone(), category.clone(), 1, 10),
                new int[] {4, 3, 5}, "when the ranked list runs out the list is shorter than nFinal, as in the chapter");
        check.same(shown + "maxPerCategory=3, nFinal=2", () -> quota.apply(ranked.clone(), category.clone(), 3, 2),
                new int[] {4, 0}, "stop as soon as nFinal items are kept");
        SplittableRandom rng = new SplittableRandom(101);
        for (int t = 0; t < 6; t++) {
            int n = 20 + rng.nextInt(20);
            int[] r = Cases.shuffled(n, rng);
            int[] cat = new int[n];
            for (int i = 0; i < n; i++) {
                cat[i] = rng.nextInt(4);
            }
            int max = 1 + rng.nextInt(3);
            int keep = 4 + rng.nextInt(10);
            int[] expected = new CategoryQuota(cat, max, keep).rerank(null, Cases.descending(r)).ids();
            check.same(fmt("a random list of %d items in 4 categories, maxPerCategory=%d, nFinal=%d", n, max, keep),
                    () -> quota.apply(r.clone(), cat.clone(), max, keep), expected,
                    "count the kept items of each category, not the items seen");
        }
        return check.run();
    }

    /** Hidden worlds (seeds of {@link World#chapterDemo}) the length and full-page checks also run on. */
    private static final long[] HIDDEN_WORLDS = {7, 1234};

    /** The final length of the chapter's pipeline on {@code world} with a quota of {@code maxPerCategory}, for user 0. */
    private static int quotaLength(World world, int maxPerCategory) {
        Pipeline p = Pipeline.builder(world).candidates(new CosinePopularityBlend(world), 50)
                .ranker(new SimulatedRanker(42), 50).reRanker(CategoryQuota.of(world, maxPerCategory, 10)).build();
        return p.recommend(Request.forUser(world, 0).withContext(UserContext.CHAPTER_DEMO)).size();
    }

    static boolean quotaOfOne(Check.QuotaLengthFunction length, char why) {
        ExerciseCheck check = ExerciseCheck.named("quota_of_one").unless(length == null, "pass your function");
        String hint = "build the chapter's pipeline on the world you are given, with CategoryQuota.of(world, "
                + "maxPerCategory, 10), and return the result's size()";
        long[] seeds = {42, HIDDEN_WORLDS[0], HIDDEN_WORLDS[1]};
        for (long seed : seeds) {
            for (int max : new int[] {1, 2}) {
                World w = World.chapterDemo(seed);
                int expected = quotaLength(w, max);
                check.answer(fmt("the length for World.chapterDemo(%d) with maxPerCategory=%d", seed, max),
                        () -> length.apply(World.chapterDemo(seed), max), v -> v == expected, hint);
            }
        }
        return check.choice("quotaOneWhy", why, "abc", 'c', "how many different categories can a list hold here?",
                        Map.of('a', "the ranker passes 50 candidates on, and 45 of them are still dropped",
                                'b', "the quota never looks at scores: it counts categories, walking the list "
                                        + "best first"))
                .run();
    }

    static boolean noNoise(char prediction, PipelineResult run) {
        World demo = World.chapterDemo(42);
        Request user = Request.forUser(demo, 0);
        ScoredItems candidates = new CosinePopularityBlend(demo).generate(user.userVector(), 50);
        int[] expected = CategoryQuota.chapterDefaults(demo).rerank(user, candidates).ids();
        return ExerciseCheck.named("no_noise")
                .unless(run == null, "run the chapter's pipeline for chapterUser.withContext(UserContext.NONE) into noNoise")
                .answer("noNoise", () -> run.ids(), ids -> Arrays.equals(ids, expected),
                        "the chapter's pipeline (chapterPipeline) for chapterUser with UserContext.NONE")
                .choice("noNoisePrediction", prediction, "abc", 'a',
                        "with both context weights 0, what does the ranker add to each candidate score?",
                        Map.of('b', "the chapter's context adds noise of up to 0.065, as large as the gaps between "
                                        + "neighbouring candidates, so without it items change places",
                                'c', "SimulatedRanker(42) is seeded: the same request gives the same list on "
                                        + "every run"))
                .run();
    }

    /**
     * The design task's page: exactly ten items (fewer only when the allowed candidates run out), none the user
     * has seen, at most three per category, every category that has an allowed candidate shown, the best allowed
     * candidate included, in ranked order. Run on the chapter's ranked lists for users of three worlds, each with
     * three of their ten best candidates marked seen.
     */
    static boolean fullPage(Check.PageFunction page, String design) {
        ExerciseCheck check = ExerciseCheck.named("full_page").unless(page == null, "pass your function");
        DesignAnswers.written(check, design);
        if (page == null) {
            return check.run();
        }
        SplittableRandom rng = new SplittableRandom(2601);
        long[] seeds = {42, HIDDEN_WORLDS[0], HIDDEN_WORLDS[1]};
        for (long seed : seeds) {
            World w = World.chapterDemo(seed);
            Pipeline ranking = Pipeline.builder(w).candidates(new CosinePopularityBlend(w), 50)
                    .ranker(new SimulatedRanker(42), 50).reRanker(ReRanker.identity()).build();
            for (int t = 0; t < 4; t++) {
                int user = rng.nextInt(w.userCount());
                Request plain = Request.forUser(w, user).withContext(UserContext.CHAPTER_DEMO);
                PipelineResult r = ranking.recommend(plain);
                int[] ids = r.ids();
                double[] scores = r.items().stream().mapToDouble(Recommendation::rankingScore).toArray();
                ScoredItems ranked = new ScoredItems(ids, scores);
                int[] order = Cases.shuffled(Math.min(10, ids.length), rng);
                Request request = plain.withSeen(ids[order[0]], ids[order[1]], ids[order[2]]);
                String input = fmt("user %d of World.chapterDemo(%d), with 3 of the 10 best candidates seen", user, seed);
                Attempt<int[]> out = () -> page.apply(w, request, ranked).ids();
                pageCases(check, input, out, w, request, ranked);
            }
        }
        return check.run();
    }

    private static void pageCases(ExerciseCheck check, String input, ExerciseCheck.Attempt<int[]> out, World w,
                                  Request request, ScoredItems ranked) {
        int allowed = 0;
        int best = -1;
        boolean[] present = new boolean[w.categoryCount()];
        int[] perCategory = new int[w.categoryCount()];
        for (int id : ranked.ids()) {
            if (!request.hasSeen(id)) {
                best = best < 0 ? id : best;
                present[w.category(id)] = true;
                if (perCategory[w.category(id)]++ < 3) {
                    allowed++;
                }
            }
        }
        int full = Math.min(10, allowed);
        int first = best;
        check.answer(input + ": the length", () -> out.get().length, n -> n == full,
                "a page holds ten items: when a rule removes one, another allowed candidate takes its place");
        check.answer(input + ": seen items", out, ids -> Arrays.stream(ids).noneMatch(request::hasSeen),
                "never show what the user has seen (request.hasSeen)");
        check.answer(input + ": at most 3 per category", out, ids -> maxPerCategory(w, ids) <= 3,
                "count the items of each category on the page");
        check.answer(input + ": every category shown", out, ids -> {
            boolean[] shown = new boolean[w.categoryCount()];
            for (int id : ids) {
                shown[w.category(id)] = true;
            }
            return Arrays.equals(shown, present);
        }, "a category with an allowed candidate needs its best one on the page, even if it ranks low");
        check.answer(input + ": ranked order, from the candidates", out, ids -> inRankedOrder(ids, ranked)
                        && Arrays.stream(ids).anyMatch(id -> id == first),
                "take items from the ranked list only, keep their order, and keep the best allowed one");
    }

    private static int maxPerCategory(World w, int[] ids) {
        int[] count = new int[w.categoryCount()];
        int max = 0;
        for (int id : ids) {
            max = Math.max(max, ++count[w.category(id)]);
        }
        return max;
    }

    private static boolean inRankedOrder(int[] ids, ScoredItems ranked) {
        int last = -1;
        for (int id : ids) {
            int at = ranked.indexOf(id);
            if (at <= last) {
                return false;
            }
            last = at;
        }
        return true;
    }
}
