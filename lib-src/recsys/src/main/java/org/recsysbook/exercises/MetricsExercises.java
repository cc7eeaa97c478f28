package org.recsysbook.exercises;

import java.util.Arrays;

import org.recsysbook.metrics.AveragePrecision;
import org.recsysbook.metrics.Ndcg;

import static org.recsysbook.exercises.ExerciseCheck.fmt;

/** The cases behind {@link Check}'s checks for notebook 05 · evaluation metrics. */
final class MetricsExercises {
    private MetricsExercises() { }

    static boolean ndcg(Check.NdcgFunction ndcg) {
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

    static boolean averagePrecision(Check.ApFunction ap) {
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

    static boolean sampledRandomHitRate(Check.RandomHitRateFunction hitRate, double measured) {
        ExerciseCheck check = ExerciseCheck.named("sampled_random_hit_rate")
                .unless(hitRate == null, "pass your function");
        // the notebook's case, then cases the check chooses; 1e-9 rejects k / n, the off-by-one
        int[][] cases = {{10, 50}, {5, 19}, {10, 99}, {1, 1}, {20, 10}};
        String[] hints = {"in a random order every place is equally likely for the held-out item",
                "the held-out item competes with n negatives: n + 1 places in all",
                "the held-out item competes with n negatives: n + 1 places in all",
                "one negative: the held-out item is first half of the time",
                "a top-k longer than the n + 1 items always holds the held-out item"};
        for (int i = 0; i < cases.length; i++) {
            int k = cases[i][0];
            int n = cases[i][1];
            double expected = Math.min(1.0, k / (n + 1.0));
            check.answer(fmt("HR@%d with %d negatives", k, n), () -> hitRate.apply(k, n),
                    p -> Math.abs(p - expected) <= 1e-9, hints[i]);
        }
        return check.note(fmt("measured in the sweep: HR@10 = %.4f for the random recommender", measured)).run();
    }
}
