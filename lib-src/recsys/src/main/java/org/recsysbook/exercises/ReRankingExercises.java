package org.recsysbook.exercises;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
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

    static boolean rulesLast(char prediction, ScoredItems rulesLastList, int[] forbidden) {
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
}
