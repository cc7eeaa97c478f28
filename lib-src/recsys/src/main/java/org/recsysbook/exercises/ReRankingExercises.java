package org.recsysbook.exercises;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.metrics.Ndcg;
import org.recsysbook.metrics.RelevantItems;
import org.recsysbook.rerank.BusinessRules;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.rerank.FreshnessBoost;
import org.recsysbook.rerank.ReRanker;
import org.recsysbook.world.World;

import static org.recsysbook.exercises.ExerciseCheck.fmt;

/** The cases behind {@link Check}'s checks for notebook 04 · re-ranking. */
final class ReRankingExercises {
    private ReRankingExercises() { }

    static boolean mmr(Check.MmrFunction mmr) {
        ExerciseCheck check = ExerciseCheck.named("mmr").unless(mmr == null, "pass your function");
        double[] rel = {1.0, 0.9, 0.5};
        double[][] sim = {{1, 0.95, 0.1}, {0.95, 1, 0.2}, {0.1, 0.2, 1}};
        String shown = "relevance=[1, 0.9, 0.5], similarity=[[1, 0.95, 0.1], [0.95, 1, 0.2], [0.1, 0.2, 1]], ";
        check.same(shown + "lambda=1, k=3", () -> mmr.apply(rel.clone(), Cases.copy(sim), 1.0, 3), new int[] {0, 1, 2},
                "λ = 1 is relevance only: the ranked order");
        check.same(shown + "lambda=0.5, k=3", () -> mmr.apply(rel.clone(), Cases.copy(sim), 0.5, 3),
                new int[] {0, 2, 1},
                "after the first pick, subtract (1 − λ) times the largest similarity to the items chosen");
        check.same(shown + "lambda=0.5, k=2", () -> mmr.apply(rel.clone(), Cases.copy(sim), 0.5, 2), new int[] {0, 2},
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
            double[][] s = Cases.cosines(vectors, dim, n);
            double lambda = Math.round(rng.nextDouble() * 10) / 10.0;
            int k = 2 + rng.nextInt(n - 2);
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = i;
            }
            int[] expected = new org.recsysbook.rerank.MaximalMarginalRelevance(vectors, dim, lambda, k)
                    .rerank(null, new ScoredItems(ids, r)).ids();
            check.same(fmt("a random list of %d items, lambda=%s, k=%d", n, fmt(lambda), k),
                    () -> mmr.apply(r.clone(), Cases.copy(s), lambda, k), expected,
                    "the largest similarity to any chosen item, updated after every pick");
        }
        return check.run();
    }

    static boolean freshnessHalfLife(World world, List<Request> users, List<ScoredItems> ranked,
                                     Check.MeanAgeFunction meanAge, char why) {
        ExerciseCheck check = ExerciseCheck.named("freshness_half_life");
        if (world == null || users == null || ranked == null || users.size() != ranked.size() || meanAge == null) {
            return check.unless(true, "pass the notebook's world, users and ranked, and your function").run();
        }
        double week = meanShownAge(world, users, ranked, 7);
        double day = meanShownAge(world, users, ranked, 1);
        // the exercise's half-life, then half-lives the check chooses
        for (double halfLife : new double[] {1, 7, 0.5, 3.5}) {
            double expected = meanShownAge(world, users, ranked, halfLife);
            check.answer(fmt("the mean age shown with a half-life of %s days", fmt(halfLife)),
                    () -> meanAge.apply(halfLife), a -> Math.abs(a - expected) <= 1e-9,
                    "FreshnessBoost.of(world, 0.2, halfLifeDays).then(ReRanker.truncate(10)) for every user, then "
                            + "the mean of world.ageDays over all shown items");
        }
        return check.choice("halfLifeWhy", why, "abc", day < week ? 'c' : 'a',
                        "compare the bonus of an item half a day old with one five days old, at both half-lives",
                        Map.of('a', "the bonus 0.2 · 2^(−age / h) only falls faster with a shorter h: no item "
                                        + "gains more than with 7 days",
                                'b', "the newest items still gain nearly the full 0.2, so the boost still reorders "
                                        + "the list: compare with the ranked lists' mean age",
                                'c', "the mean age did not fall: look at which items lose their bonus"))
                .note(fmt("mean age shown: half-life 7 days %.2f, 1 day %.2f", week, day))
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

    static boolean rulesLast(char prediction, World world, Request seen, ScoredItems ranked, int blocked,
                             ScoredItems rulesLastList) {
        ExerciseCheck check = ExerciseCheck.named("rules_last");
        if (world == null || seen == null || ranked == null || rulesLastList == null) {
            return check.unless(true, "pass world, seenTop3, ranked.get(0), top4[3] and your rulesLastList").run();
        }
        ScoredItems quota = CategoryQuota.of(world, 3, 10).withBackfill().rerank(seen, ranked);
        ScoredItems expected = BusinessRules.dropSeenAndBlocked(world.itemCount(), blocked).rerank(seen, quota);
        long removed = Arrays.stream(quota.ids()).filter(id -> seen.hasSeen(id) || id == blocked).count();
        return check.answer("rulesLastList", () -> rulesLastList, l -> Arrays.equals(l.ids(), expected.ids()),
                        "CategoryQuota.of(world, 3, 10).withBackfill() then BusinessRules.dropSeenAndBlocked(...) "
                                + "on ranked.get(0), for seenTop3")
                .choice("rulesLastPrediction", prediction, "abc", expected.size() < 10 ? 'a' : 'b',
                        "after the rules remove an item, which stage could put another one in its place?",
                        Map.of('a', "the quota's ten held none of the forbidden items, so the rules removed "
                                        + "nothing",
                                'b', "the quota has already cut the list to ten: each item the rules remove leaves "
                                        + "a hole",
                                'c', "the rules run last, and they drop every item the user has seen"))
                .note(fmt("the quota's ten held %d of the forbidden items; the rules removed them, leaving %d",
                        removed, expected.size()))
                .run();
    }

    /** The means over the users of one re-ranker's lists: NDCG@10 (graded by the ranked scores), age, categories. */
    private record PageQuality(double ndcg, double age, double categories) { }

    private static PageQuality quality(World world, List<Request> users, List<ScoredItems> ranked, ReRanker r) {
        double ndcg = 0;
        double age = 0;
        double categories = 0;
        for (int q = 0; q < users.size(); q++) {
            int[] list = r.rerank(users.get(q), ranked.get(q)).ids();
            ndcg += Ndcg.of(list, RelevantItems.graded(ranked.get(q).ids(), ranked.get(q).scores()), 10);
            age += Arrays.stream(list).mapToDouble(world::ageDays).average().orElse(0);
            categories += Arrays.stream(list).map(world::category).distinct().count();
        }
        int n = users.size();
        return new PageQuality(ndcg / n, age / n, categories / n);
    }

    /**
     * The design task: a re-ranker whose pages are ten items of the ranked list, with at most half the mean age of
     * the plain top ten, two more categories on average, and at least 97 % of its NDCG@10.
     */
    static boolean freshAndVaried(World world, List<Request> users, List<ScoredItems> ranked, ReRanker design,
                                  String text) {
        ExerciseCheck check = ExerciseCheck.named("fresh_and_varied");
        DesignAnswers.written(check, text);
        if (world == null || users == null || ranked == null || users.size() != ranked.size() || design == null) {
            return check.unless(true, "pass the notebook's world, users and ranked, and your re-ranker").run();
        }
        PageQuality plain = quality(world, users, ranked, ReRanker.truncate(10));
        ExerciseCheck.Attempt<PageQuality> mine = () -> quality(world, users, ranked, design);
        check.answer("every page", () -> {
            for (int q = 0; q < users.size(); q++) {
                ScoredItems from = ranked.get(q);
                int[] list = design.rerank(users.get(q), from).ids();
                if (list.length != 10 || Arrays.stream(list).distinct().count() != 10
                        || Arrays.stream(list).anyMatch(id -> from.indexOf(id) < 0)) {
                    return false;
                }
            }
            return true;
        }, ok -> ok, "every page holds ten different items of its ranked list (a quota needs withBackfill())");
        check.answer(fmt("the mean age shown (the plain top 10: %.2f days)", plain.age()), mine,
                m -> m.age() <= plain.age() / 2, "at most half the plain top ten's mean age: a freshness boost");
        check.answer(fmt("the categories per page (the plain top 10: %.2f)", plain.categories()), mine,
                m -> m.categories() >= plain.categories() + 2, "two more categories per page: a quota or MMR");
        check.answer(fmt("NDCG@10 (the plain top 10: %.4f)", plain.ndcg()), mine, m -> m.ndcg() >= 0.97 * plain.ndcg(),
                "at least 97 % of the plain top ten's NDCG@10: each change costs relevance, so take no more than "
                        + "the targets need");
        return check.run();
    }
}
