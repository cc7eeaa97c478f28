package org.recsysbook.abtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CupedTest {

    /** X = 1..4, Y = 2, 4, 5, 8: Cov = 9.5/3, Var X = 5/3, θ = 1.9; Y − 1.9(X − 2.5) = 4.85, 4.95, 4.05, 5.15. */
    @Test
    void thetaAndAdjustmentByHand() {
        double[] x = {1, 2, 3, 4};
        double[] y = {2, 4, 5, 8};
        assertEquals(1.9, Cuped.theta(y, x), 1e-12);
        assertArrayEquals(new double[] {4.85, 4.95, 4.05, 5.15}, Cuped.adjust(y, x, 1.9, 2.5), 1e-12);
        // ρ² = Cov² / (Var X · Var Y) = (9.5/3)² / (5/3 · 18.75/3)
        assertEquals((9.5 / 3) * (9.5 / 3) / (5.0 / 3 * 18.75 / 3), Cuped.varianceReduction(y, x), 1e-12);
    }

    /** With Y = X + noise, ρ² = Var X/(Var X + Var noise) = 0.8, so the interval shrinks by about √(1 − 0.8). */
    @Test
    void shrinksTheIntervalByTheCorrelation() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 4000;
        double[][] x = new double[2][n];
        double[][] y = new double[2][n];
        for (int a = 0; a < 2; a++) {
            for (int i = 0; i < n; i++) {
                x[a][i] = 2 * gaussian(rng);
                y[a][i] = x[a][i] + gaussian(rng) + (a == 1 ? 0.1 : 0);
            }
        }
        Comparison plain = WelchTTest.test(y[0], y[1], 0.05);
        Comparison cuped = Cuped.test(y[0], x[0], y[1], x[1], 0.05);
        double ratio = cuped.differenceCi().width() / plain.differenceCi().width();
        assertEquals(Math.sqrt(0.2), ratio, 0.03);
        assertTrue(cuped.pValue() < plain.pValue());
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> Cuped.theta(new double[] {1, 2, 3}, new double[] {1, 2}), "covariate.length = 2");
        assertMessage(() -> Cuped.theta(new double[] {1}, new double[] {1}), "metric.length = 1");
        assertMessage(() -> Cuped.test(new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2}, new double[] {1}, 0.05),
                "treatmentCovariate.length = 1");
        assertMessage(() -> Cuped.test(new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2}, 1),
                "alpha = 1.0");
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }
}
