package org.recsysbook.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.data.Interactions;

/** Every learned generator on the same 4 users × 5 items, against values worked by hand or by a direct solve. */
class LearnedGeneratorsTest {
    // u0: 0 1 2 · u1: 1 2 · u2: 0 3 · u3: 2 3 4
    static final int[][] ROWS = {{0, 1, 2}, {1, 2}, {0, 3}, {2, 3, 4}};

    static Interactions small() {
        int n = 0;
        for (int[] r : ROWS) {
            n += r.length;
        }
        int[] users = new int[n];
        int[] items = new int[n];
        long[] times = new long[n];
        float[] ratings = new float[n];
        int e = 0;
        for (int u = 0; u < ROWS.length; u++) {
            for (int i : ROWS[u]) {
                users[e] = u;
                items[e] = i;
                times[e] = 1000 + e;
                ratings[e] = 4;
                e++;
            }
        }
        return Interactions.of(4, 5, users, items, times, ratings);
    }

    static double[][] dense() {
        double[][] x = new double[4][5];
        for (int u = 0; u < ROWS.length; u++) {
            for (int i : ROWS[u]) {
                x[u][i] = 1;
            }
        }
        return x;
    }

    @Test
    void popularityCountsUsersAndLeavesOutTheHistory() {
        MostPopular pop = new MostPopular(small());
        assertArrayEquals(new double[] {2, 2, 3, 2, 1}, pop.scores(0), 0);
        // user 1 has seen 1 and 2: the rest by count, ties to the lower id
        assertArrayEquals(new int[] {0, 3, 4}, pop.recommendIds(1, 3));
        assertArrayEquals(new int[] {2, 0}, pop.generate(pop.query(4), 2).ids());
    }

    @Test
    void itemKnnScoresAreSumsOfCosinesWorkedByHand() {
        ItemKnn knn = ItemKnn.train(small(), 4);
        assertEquals(0.5, knn.similarity(0, 1), 1e-6);             // one common user of 2 and 2
        assertEquals(2 / Math.sqrt(6), knn.similarity(1, 2), 1e-6); // two common users of 2 and 3
        assertEquals(0, knn.similarity(1, 4), 0);
        ScoredItems r = knn.recommend(1, 3);
        assertArrayEquals(new int[] {0, 4, 3}, r.ids());
        assertEquals(0.5 + 1 / Math.sqrt(6), r.score(0), 1e-6);
        assertEquals(1 / Math.sqrt(3), r.score(1), 1e-6);
        assertEquals(1 / Math.sqrt(6), r.score(2), 1e-6);
        // with one neighbour per item only the closest is kept: items 1 and 3 tie at 0.5 for item 0, the lower id wins
        ItemKnn one = ItemKnn.train(small(), 1);
        assertEquals(0.5, one.similarity(0, 1), 1e-6);
        assertEquals(0, one.similarity(0, 3), 0);
        assertEquals(0, one.similarity(0, 2), 0);
    }

    @Test
    void easeMatchesARidgeRegressionOfEachColumnOnTheOthers() {
        double lambda = 0.5;
        Ease ease = Ease.train(small(), lambda, 1);
        double[][] x = dense();
        for (int j = 0; j < 5; j++) {
            // the direct solve: b = (X₋ⱼᵀX₋ⱼ + λI)⁻¹ X₋ⱼᵀ xⱼ over the four other items
            DMatrixRMaj others = new DMatrixRMaj(4, 4);
            DMatrixRMaj target = new DMatrixRMaj(4, 1);
            for (int u = 0; u < 4; u++) {
                target.set(u, 0, x[u][j]);
                for (int i = 0, c = 0; i < 5; i++) {
                    if (i != j) {
                        others.set(u, c++, x[u][i]);
                    }
                }
            }
            DMatrixRMaj a = new DMatrixRMaj(4, 4);
            CommonOps_DDRM.multTransA(others, others, a);
            for (int c = 0; c < 4; c++) {
                a.add(c, c, lambda);
            }
            DMatrixRMaj rhs = new DMatrixRMaj(4, 1);
            CommonOps_DDRM.multTransA(others, target, rhs);
            DMatrixRMaj b = new DMatrixRMaj(4, 1);
            assertTrue(CommonOps_DDRM.solve(a, rhs, b));
            for (int i = 0, c = 0; i < 5; i++) {
                if (i == j) {
                    assertEquals(0, ease.weight(i, j), 0);
                } else {
                    assertEquals(b.get(c++, 0), ease.weight(i, j), 1e-5, "B[" + i + "][" + j + "]");
                }
            }
        }
        // scores are the history row times B
        double[] s = ease.scores(1);
        assertEquals(ease.weight(1, 4) + ease.weight(2, 4), s[4], 1e-6);
    }

    @Test
    void easePrunesRareItems() {
        Ease ease = Ease.train(small(), 0.5, 2);
        assertArrayEquals(new int[] {0, 1, 2, 3}, ease.keptItems()); // item 4 has one interaction
        assertEquals(Double.NEGATIVE_INFINITY, ease.scores(0)[4], 0);
        assertArrayEquals(new int[] {3}, ease.recommendIds(0, 5)); // 0, 1, 2 seen, 4 pruned
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ease.train(small(), 1, 9)).getMessage()
                .contains("no item has minCount = 9"));
    }

    @Test
    void alsUserVectorsSolveTheWeightedLeastSquaresDirectly() {
        // 3 factors: every row by Cholesky
        userVectorsSolveDirectly(new ImplicitAls.Settings(3, 6, 0.3, 2.0, 7));
    }

    @Test
    void alsLowRankUpdatesGiveTheSameSolution() {
        // 8 factors: rows with at most 2 interactions (users 1 and 2, items 0, 1, 3, 4) by the Woodbury update
        assertEquals(2, ImplicitAls.lowRankLimit(8));
        userVectorsSolveDirectly(new ImplicitAls.Settings(8, 5, 0.5, 4.0, 3));
    }

    @Test
    void alsWeightedPenaltySolvesWithLambdaTimesEachRowsInteractions() {
        // Spark's convention: λ_u = λ · n_u, by Cholesky (3 factors) and by the Woodbury update (8 factors)
        userVectorsSolveDirectly(new ImplicitAls.Settings(3, 6, 0.3, 2.0, 7, ImplicitAls.Regularization.WEIGHTED));
        userVectorsSolveDirectly(new ImplicitAls.Settings(8, 5, 0.5, 4.0, 3, ImplicitAls.Regularization.WEIGHTED));
        // and it is another model than the fixed penalty's
        ImplicitAls.Settings fixed = new ImplicitAls.Settings(3, 6, 0.3, 2.0, 7);
        assertTrue(!java.util.Arrays.equals(ImplicitAls.train(small(), fixed).itemVectors(), ImplicitAls.train(
                small(), fixed.withRegularization(0.3, ImplicitAls.Regularization.WEIGHTED)).itemVectors()));
        assertEquals(0.3 * 7, fixed.withRegularization(0.3, ImplicitAls.Regularization.WEIGHTED).penalty(7), 1e-15);
        assertEquals(0.3, fixed.penalty(7), 0);
    }

    private static void userVectorsSolveDirectly(ImplicitAls.Settings s) {
        ImplicitAls als = ImplicitAls.train(small(), s);
        int f = s.factors();
        float[] yv = als.itemVectors();
        double[][] x = dense();
        for (int u = 0; u < 4; u++) {
            // (Yᵀ C_u Y + λI) x_u = Yᵀ C_u p_u with C_u written out as a 5 × 5 diagonal
            DMatrixRMaj y = new DMatrixRMaj(5, f);
            for (int i = 0; i < 5; i++) {
                for (int k = 0; k < f; k++) {
                    y.set(i, k, yv[i * f + k]);
                }
            }
            DMatrixRMaj c = new DMatrixRMaj(5, 5);
            DMatrixRMaj p = new DMatrixRMaj(5, 1);
            for (int i = 0; i < 5; i++) {
                c.set(i, i, 1 + s.alpha() * x[u][i]);
                p.set(i, 0, x[u][i]);
            }
            DMatrixRMaj cy = new DMatrixRMaj(5, f);
            CommonOps_DDRM.mult(c, y, cy);
            DMatrixRMaj a = new DMatrixRMaj(f, f);
            CommonOps_DDRM.multTransA(y, cy, a);
            int n = 0;
            for (int i = 0; i < 5; i++) {
                n += x[u][i] > 0 ? 1 : 0;
            }
            for (int k = 0; k < f; k++) {
                a.add(k, k, s.penalty(n));
            }
            DMatrixRMaj cp = new DMatrixRMaj(5, 1);
            CommonOps_DDRM.mult(c, p, cp);
            DMatrixRMaj rhs = new DMatrixRMaj(f, 1);
            CommonOps_DDRM.multTransA(y, cp, rhs);
            DMatrixRMaj sol = new DMatrixRMaj(f, 1);
            assertTrue(CommonOps_DDRM.solve(a, rhs, sol));
            float[] xu = als.userVector(u);
            for (int k = 0; k < f; k++) {
                assertEquals(sol.get(k, 0), xu[k], 1e-4, "x[" + u + "][" + k + "]");
            }
            // folding the training history in gives the trained vector again
            double[] folded = als.foldIn(small().sortedItems(u));
            for (int k = 0; k < f; k++) {
                assertEquals(xu[k], folded[k], 1e-5);
            }
        }
    }

    @Test
    void alsObjectiveMatchesTheSumOverEveryCellAndNeverIncreases() {
        objectiveMatchesAndNeverIncreases(new ImplicitAls.Settings(2, 8, 0.1, 3.0, 11));
        objectiveMatchesAndNeverIncreases(new ImplicitAls.Settings(2, 8, 0.1, 3.0, 11,
                ImplicitAls.Regularization.WEIGHTED));
    }

    private static void objectiveMatchesAndNeverIncreases(ImplicitAls.Settings s) {
        ImplicitAls als = ImplicitAls.train(small(), s);
        double[] loss = als.lossByIteration();
        for (int t = 1; t < loss.length; t++) {
            assertTrue(loss[t] <= loss[t - 1] + 1e-9, "loss rose at iteration " + t + ": " + loss[t - 1] + " → "
                    + loss[t]);
        }
        float[] xv = als.userVectors();
        float[] yv = als.itemVectors();
        double[][] p = dense();
        double direct = 0;
        for (int u = 0; u < 4; u++) {
            for (int i = 0; i < 5; i++) {
                double d = 0;
                for (int k = 0; k < 2; k++) {
                    d += (double) xv[u * 2 + k] * yv[i * 2 + k];
                }
                direct += (1 + s.alpha() * p[u][i]) * (p[u][i] - d) * (p[u][i] - d);
            }
        }
        for (int u = 0; u < 4; u++) {
            int n = 0;
            for (int i = 0; i < 5; i++) {
                n += p[u][i] > 0 ? 1 : 0;
            }
            for (int k = 0; k < 2; k++) {
                direct += s.penalty(n) * xv[u * 2 + k] * xv[u * 2 + k];
            }
        }
        for (int i = 0; i < 5; i++) {
            int n = 0;
            for (int u = 0; u < 4; u++) {
                n += p[u][i] > 0 ? 1 : 0;
            }
            for (int k = 0; k < 2; k++) {
                direct += s.penalty(n) * yv[i * 2 + k] * yv[i * 2 + k];
            }
        }
        assertEquals(direct, loss[loss.length - 1], 1e-4);
    }

    @Test
    void alsIsReproducibleUnderItsSeed() {
        ImplicitAls.Settings s = new ImplicitAls.Settings(3, 4, 0.3, 2.0, 5);
        assertArrayEquals(ImplicitAls.train(small(), s).itemVectors(), ImplicitAls.train(small(), s).itemVectors());
        assertTrue(!java.util.Arrays.equals(ImplicitAls.train(small(), s).itemVectors(),
                ImplicitAls.train(small(), s.withSeed(6)).itemVectors()));
    }

    @Test
    void badSettingsAndQueriesAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImplicitAls.DEFAULTS.withFactors(0))
                .getMessage().startsWith("factors must be ≥ 1, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImplicitAls.DEFAULTS.withIterations(-1))
                .getMessage().startsWith("iterations must be ≥ 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImplicitAls.DEFAULTS.withRegularization(-1))
                .getMessage().startsWith("regularization must be a finite number ≥ 0, got -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImplicitAls.DEFAULTS.withAlpha(Double.NaN))
                .getMessage().startsWith("alpha must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ease.train(small(), -0.1, 1)).getMessage()
                .startsWith("lambda must be a finite number ≥ 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ease.train(small(), 1, 0)).getMessage()
                .startsWith("minCount must be ≥ 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ItemKnn.train(small(), 0)).getMessage()
                .startsWith("neighbours must be ≥ 1"));
        MostPopular pop = new MostPopular(small());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> pop.recommend(0, 0)).getMessage()
                .startsWith("k must be in [1, 5]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> pop.recommend(4, 1)).getMessage()
                .startsWith("user must be in [0, 4)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> pop.generate(new float[5], 1)).getMessage()
                .contains("marks no item"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> pop.generate(new float[4], 1)).getMessage()
                .contains("length 5"));
    }
}
