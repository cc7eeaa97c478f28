package org.recsysbook.exercises;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.UserContext;
import org.recsysbook.pipeline.Pipeline;
import org.recsysbook.pipeline.PipelineResult;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.retrieval.CosinePopularityBlend;
import org.recsysbook.world.World;

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
                new int[] {4, 3, 5}, "when the ranked list runs out the list is shorter than nFinal, as in the seed");
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

    static boolean quotaOfOne(int finalLength, char why) {
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

    static boolean noNoise(char prediction, PipelineResult run) {
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
}
