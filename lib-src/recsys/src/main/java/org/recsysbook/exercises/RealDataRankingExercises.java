package org.recsysbook.exercises;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.recsysbook.data.MovieLens;
import org.recsysbook.studies.RealDataRanking;

import tech.tablesaw.api.Table;

/** The cases behind {@link Check}'s checks for notebook 10 · real data, ranking and re-ranking. */
final class RealDataRankingExercises {
    private RealDataRankingExercises() { }

    static boolean genreDiversity(Check.GenreDiversityFunction diversity, MovieLens ml) {
        ExerciseCheck check = ExerciseCheck.named("genre_diversity").unless(diversity == null, "pass your function");
        check.near("masks=[0b011, 0b110]", () -> diversity.apply(new int[] {0b011, 0b110}), 1 - 1.0 / 3, 1e-9,
                "Jaccard distance: 1 − |shared genres| / |genres of either|");
        check.near("masks=[0b1, 0b1, 0b1]", () -> diversity.apply(new int[] {1, 1, 1}), 0, 1e-9,
                "three movies of the same single genre are not diverse at all");
        check.near("masks=[0b1, 0b10, 0b100, 0b1000]", () -> diversity.apply(new int[] {1, 2, 4, 8}), 1, 1e-9,
                "average over all pairs a < b");
        check.near("masks=[0b101]", () -> diversity.apply(new int[] {5}), 0, 1e-9,
                "a list of one movie has no pairs: 0");
        SplittableRandom rng = new SplittableRandom(1010);
        for (int t = 0; t < 5; t++) {
            int[] list = new int[10];
            for (int j = 0; j < list.length; j++) {
                list[j] = rng.nextInt(ml.itemCount());
            }
            int[] masks = Arrays.stream(list).map(ml::genreMask).toArray();
            check.near(String.format(Locale.ROOT, "the genre masks of 10 random movies %s", Arrays.toString(masks)),
                    () -> diversity.apply(masks.clone()), RealDataRanking.genreDiversity(ml, list), 1e-9,
                    "a movie without genres has an empty set: count its pairs with distance 0 when both are empty");
        }
        return check.run();
    }

    static boolean calibrationBins(Check.CalibrationFunction bins) {
        ExerciseCheck check = ExerciseCheck.named("calibration_bins").unless(bins == null, "pass your function");
        double[] p = {0.9, 0.1, 0.4, 0.2};
        float[] y = {1, 0, 1, 0};
        check.same("predicted=[0.9, 0.1, 0.4, 0.2], labels=[1, 0, 1, 0], bins=2",
                () -> bins.apply(p.clone(), y.clone(), 2), new double[] {0.15, 0.0, 0.65, 1.0},
                "sort by prediction first: the low group is {0.1, 0.2}, the high one {0.4, 0.9}");
        SplittableRandom rng = new SplittableRandom(2020);
        for (int t = 0; t < 5; t++) {
            int n = 20 + rng.nextInt(200);
            int b = 2 + rng.nextInt(8);
            double[] pr = new double[n];
            float[] lb = new float[n];
            for (int i = 0; i < n; i++) {
                pr[i] = rng.nextDouble();
                lb[i] = rng.nextDouble() < pr[i] ? 1 : 0;
            }
            Table table = RealDataRanking.calibration(pr, lb, b);
            double[] expected = new double[2 * b];
            for (int g = 0; g < b; g++) {
                expected[2 * g] = table.doubleColumn("mean predicted").get(g);
                expected[2 * g + 1] = table.doubleColumn("observed rate").get(g);
            }
            check.same(String.format(Locale.ROOT, "%d random predictions, bins=%d", n, b),
                    () -> bins.apply(pr.clone(), lb.clone(), b), expected,
                    "group g holds the sorted rows from floor(g·n/bins) to floor((g+1)·n/bins) − 1");
        }
        return check.run();
    }

    static boolean sampledLead(char prediction, double fullRatio, double sampledRatio) {
        char right = sampledRatio < fullRatio ? 'b' : 'a';
        return ExerciseCheck.named("sampled_lead")
                .note(String.format(Locale.ROOT, "measured: EASE's HR@10 is %.2f× popularity's on the full catalog and "
                        + "%.2f× with 100 sampled negatives", fullRatio, sampledRatio))
                .choice("sampledPrediction", prediction, "abc", right,
                        "with 100 negatives, what share of the catalog must an item beat to reach the top 10?",
                        java.util.Map.of('a', "with 100 negatives a weak model also puts the held-out movie in the "
                                        + "top 10 often: the metric saturates, and leads shrink",
                                'b', "the lead did not shrink here: compare the two ratios the check measured",
                                'c', "the ratio moved: sampling changes how hard the task is, and not equally for "
                                        + "both models"))
                .run();
    }
}
