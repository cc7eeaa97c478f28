package org.recsysbook.exercises;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.recsysbook.data.Interactions;
import org.recsysbook.data.Split;
import org.recsysbook.metrics.Ndcg;
import org.recsysbook.metrics.SplitEvaluation;
import org.recsysbook.retrieval.Ease;
import org.recsysbook.retrieval.LearnedGenerator;

/** The cases behind {@link Check}'s checks for notebook 09 · real data, candidate generation. */
final class RealDataExercises {
    private RealDataExercises() { }

    static boolean chronologicalHoldOut(Check.HoldOutFunction holdOut) {
        ExerciseCheck check = ExerciseCheck.named("chronological_hold_out").unless(holdOut == null,
                "pass your function");
        check.same("items=[7, 3, 9, 1, 5], times=[50, 10, 40, 30, 20], testFraction=0.4",
                () -> holdOut.apply(new int[] {7, 3, 9, 1, 5}, new long[] {50, 10, 40, 30, 20}, 0.4),
                new int[] {7, 9}, "sort by time first: the two latest ratings are at times 50 and 40");
        check.same("items=[4, 2, 8, 6], times=[10, 30, 30, 20], testFraction=0.25",
                () -> holdOut.apply(new int[] {4, 2, 8, 6}, new long[] {10, 30, 30, 20}, 0.25),
                new int[] {8}, "items 2 and 8 were rated in the same second: the tie goes by item id, so 8 is later");
        check.same("items=[5], times=[100], testFraction=0.5", () -> holdOut.apply(new int[] {5}, new long[] {100},
                0.5), new int[0], "a user with one rating keeps it for training");
        check.same("items=[1, 2], times=[1, 2], testFraction=0.01", () -> holdOut.apply(new int[] {1, 2},
                new long[] {1, 2}, 0.01), new int[] {2}, "every user with two or more ratings keeps at least one "
                + "for the test");
        SplittableRandom rng = new SplittableRandom(909);
        for (int t = 0; t < 6; t++) {
            int n = 2 + rng.nextInt(30);
            int[] items = distinct(n, 50, rng);
            long[] times = new long[n];
            for (int i = 0; i < n; i++) {
                times[i] = 1000 + rng.nextInt(8);
            }
            double f = 0.1 + 0.8 * rng.nextDouble();
            Interactions one = Interactions.of(1, 50, new int[n], items, times, new float[n]);
            int[] expected = Split.chronological(one, f).test().sortedItems(0);
            check.same(String.format(Locale.ROOT, "a random user with %d ratings at 8 distinct times, testFraction=%.3f",
                    n, f), () -> holdOut.apply(items.clone(), times.clone(), f), expected,
                    "round f·n, keep it between 1 and n − 1, and break ties in time by item id");
        }
        return check.run();
    }

    static boolean easeWeights(Check.EaseWeightsFunction weights) {
        ExerciseCheck check = ExerciseCheck.named("ease_weights").unless(weights == null, "pass your function");
        double[][] p2 = {{2, -1}, {-1, 4}};
        check.answer("p=[[2, -1], [-1, 4]]", () -> weights.apply(copy(p2)),
                b -> close(b, new double[][] {{0, 0.25}, {0.5, 0}}, 1e-12), "expected [[0, 0.25], [0.5, 0]]: divide "
                        + "each column by its diagonal entry, change the sign, and zero the diagonal");
        SplittableRandom rng = new SplittableRandom(4242);
        for (int t = 0; t < 5; t++) {
            int users = 6 + rng.nextInt(6);
            int items = 3 + rng.nextInt(4);
            int[][] rows = new int[users][];
            int total = 0;
            for (int u = 0; u < users; u++) {
                rows[u] = distinct(1 + rng.nextInt(items), items, rng);
                total += rows[u].length;
            }
            int[] us = new int[total];
            int[] is = new int[total];
            int e = 0;
            for (int u = 0; u < users; u++) {
                for (int i : rows[u]) {
                    us[e] = u;
                    is[e++] = i;
                }
            }
            Interactions x = Interactions.of(users, items, us, is, new long[total], new float[total]);
            double lambda = 0.5 + rng.nextInt(5);
            Ease ease = Ease.train(x, lambda, 1, false);
            DMatrixRMaj g = new DMatrixRMaj(items, items);
            for (int u = 0; u < users; u++) {
                for (int a : rows[u]) {
                    for (int b : rows[u]) {
                        g.add(a, b, 1);
                    }
                }
            }
            for (int i = 0; i < items; i++) {
                g.add(i, i, lambda);
            }
            CommonOps_DDRM.invert(g);
            double[][] p = new double[items][items];
            double[][] expected = new double[items][items];
            for (int i = 0; i < items; i++) {
                for (int j = 0; j < items; j++) {
                    p[i][j] = g.get(i, j);
                    expected[i][j] = ease.weight(i, j);
                }
            }
            check.answer(String.format(Locale.ROOT, "P of a random %d × %d matrix with λ = %.1f", users, items, lambda),
                    () -> weights.apply(copy(p)), b -> close(b, expected, 1e-5),
                    "B_ij = −P_ij / P_jj: the column's diagonal, not the row's");
        }
        return check.run();
    }

    private static double ndcgAt10(LearnedGenerator model, Split split) {
        return SplitEvaluation.builder(split).k(10).bootstrap(10, 1).progress(false).metrics(Ndcg.at(10))
                .build().evaluate(java.util.Map.of("m", model::recommendIds)).value("m", "NDCG@10");
    }

    static boolean likedOnly(Check.ThresholdNdcgFunction ndcg, char why, LearnedGenerator model, Split split,
                             double threshold) {
        ExerciseCheck check = ExerciseCheck.named("liked_only").unless(ndcg == null, "pass your function");
        double before = ndcgAt10(model, split);
        double expected = Double.NaN;
        // the exercise's threshold, then one the check chooses
        for (double t : new double[] {threshold, threshold - 1}) {
            double value = ndcgAt10(model, split.relevantAtLeast(t));
            expected = Double.isNaN(expected) ? value : expected;
            check.answer(String.format(Locale.ROOT, "NDCG@10 with ratings ≥ %.1f relevant", t), () -> ndcg.apply(t),
                    v -> Math.abs(v - value) < 1e-9,
                    "evaluate the same model on split.relevantAtLeast(threshold) with SplitEvaluation");
        }
        char right = expected < before ? 'c' : 'a';
        return check.note(String.format(Locale.ROOT, "measured: NDCG@10 %.4f with every test rating relevant, %.4f "
                        + "with ratings ≥ %.1f only", before, expected, threshold))
                .choice("likedWhy", why, "abc", right, "compare what the model was trained to predict with what the "
                        + "test now counts", java.util.Map.of(
                                'a', "the model was trained on every rating, liked or not: it predicts what users "
                                        + "watch, and counting only liked movies removes some of its hits",
                                'b', "the training data is the same, but the test's relevant items are not",
                                'c', "NDCG@10 did not fall here: compare the two figures the check measured"))
                .run();
    }

    private static int[] distinct(int n, int range, SplittableRandom rng) {
        int[] all = new int[range];
        for (int i = 0; i < range; i++) {
            all[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int r = i + rng.nextInt(range - i);
            int t = all[i];
            all[i] = all[r];
            all[r] = t;
        }
        return Arrays.copyOf(all, n);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    private static boolean close(double[][] a, double[][] b, double tol) {
        if (a == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != b[i].length) {
                return false;
            }
            for (int j = 0; j < b[i].length; j++) {
                if (!(Math.abs(a[i][j] - b[i][j]) <= tol)) {
                    return false;
                }
            }
        }
        return true;
    }
}
