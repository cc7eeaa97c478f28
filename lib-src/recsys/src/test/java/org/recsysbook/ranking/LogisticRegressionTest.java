package org.recsysbook.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    /** x = 0: 10 rows, 3 clicks; x = 1: 10 rows, 7 clicks. The MLE reproduces each group's rate. */
    private static double[][] twoGroups() {
        double[] x = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < 10; i++) {
            y[i] = i < 3 ? 1 : 0;
            x[10 + i] = 1;
            y[10 + i] = i < 7 ? 1 : 0;
        }
        return new double[][] {x, y};
    }

    @Test
    void unpenalisedFitMatchesTheClosedForm() {
        double[][] d = twoGroups();
        LogisticRegression m = LogisticRegression.fit(d[0], 1, d[1], 0.0);
        assertEquals(Math.log(3.0 / 7.0), m.intercept(), 1e-9);
        assertEquals(2 * Math.log(7.0 / 3.0), m.weight(0), 1e-9);
        assertEquals(0.7, m.probability(new double[] {1}), 1e-9);
        assertTrue(m.iterations() < 20, "Newton should converge fast, took " + m.iterations());
    }

    @Test
    void rowWeightsActLikeRepeatedRows() {
        // Group x=0: one click weighing 3 and one non-click weighing 1 → rate 3/4.
        double[] x = {0, 0, 1, 1};
        double[] y = {1, 0, 1, 0};
        double[] w = {3, 1, 1, 1};
        LogisticRegression m = LogisticRegression.fit(x, 1, y, w, 0.0);
        assertEquals(Math.log(3.0), m.intercept(), 1e-9);
        assertEquals(0.0 - Math.log(3.0), m.weight(0), 1e-9);
    }

    @Test
    void softLabelsAreFittedByTheirMean() {
        // Inverse-propensity labels: x=0 rows carry 0 and 2 (mean 1 would be unbounded), use 0, 0, 0, 2 → mean 0.5;
        // x=1 rows carry 0, 0, 0, 0, 1.25 → mean 0.25.
        double[] x = {0, 0, 0, 0, 1, 1, 1, 1, 1};
        double[] y = {0, 0, 0, 2, 0, 0, 0, 0, 1.25};
        LogisticRegression m = LogisticRegression.fit(x, 1, y, 0.0);
        assertEquals(0.0, m.intercept(), 1e-9);
        assertEquals(Math.log(1.0 / 3.0), m.weight(0), 1e-9);
    }

    @Test
    void l2ShrinksTheWeightButNotTheIntercept() {
        double[][] d = twoGroups();
        LogisticRegression free = LogisticRegression.fit(d[0], 1, d[1], 0.0);
        LogisticRegression shrunk = LogisticRegression.fit(d[0], 1, d[1], 1.0);
        assertTrue(Math.abs(shrunk.weight(0)) < Math.abs(free.weight(0)));
        // Stationarity: mean(σ − y)·x + λ w = 0 for the weight, mean(σ − y) = 0 for the intercept.
        double g0 = 0;
        double g1 = 0;
        for (int i = 0; i < 20; i++) {
            double r = LogisticRegression.sigmoid(shrunk.logit(new double[] {d[0][i]})) - d[1][i];
            g0 += r / 20;
            g1 += r * d[0][i] / 20;
        }
        assertEquals(0.0, g0, 1e-9);
        assertEquals(0.0, g1 + 1.0 * shrunk.weight(0), 1e-9);
    }

    @Test
    void sigmoidIsStableAtTheExtremes() {
        assertEquals(0.5, LogisticRegression.sigmoid(0), 0);
        assertEquals(1.0, LogisticRegression.sigmoid(800), 0);
        assertEquals(0.0, LogisticRegression.sigmoid(-800), 0);
        assertEquals(800.0, LogisticRegression.softplus(800), 1e-12);
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new double[3], 2, new double[2], 0));
        assertTrue(e.getMessage().contains("x.length must be rows × features = 2 × 2 = 4, got 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new double[] {0, Double.NaN}, 1, new double[2], 0));
        assertTrue(e.getMessage().contains("x[1] must be a finite number, got NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new double[] {0, 1}, 1, new double[] {0, -1}, 0));
        assertTrue(e.getMessage().contains("y[1] must be a finite number ≥ 0, got -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new double[] {0, 1}, 1, new double[] {0, 1}, -0.5));
        assertTrue(e.getMessage().contains("l2 must be a finite number ≥ 0, got -0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(new double[] {1, 1, 1}, 1, new double[] {0, 1, 0}, 0));
        assertTrue(e.getMessage().contains("Hessian is singular"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.of(0.0, 1.0).logit(new double[] {1, 2}));
        assertTrue(e.getMessage().contains("x must have 1 features, got 2"), e.getMessage());
    }
}
