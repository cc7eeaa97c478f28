package org.recsysbook.abtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WinsorizerTest {

    /** 1..10 pooled from two arms: the 0.9-quantile is the value of rank ⌈9⌉ = 9, the 0.95-quantile rank 10. */
    @Test
    void capIsTheOrderStatisticOfRankCeilQn() {
        double[] c = {10, 1, 7, 3, 5};
        double[] t = {2, 9, 4, 8, 6};
        assertEquals(9, Winsorizer.cap(c, t, 0.9));
        assertEquals(10, Winsorizer.cap(c, t, 0.95));
        assertEquals(1, Winsorizer.cap(c, t, 0.01));
        assertEquals(5, Winsorizer.cap(c, t, 0.5));
        assertArrayEquals(new double[] {9, 1, 7, 3, 5}, Winsorizer.apply(c, 9));
        assertEquals(10, c[0], "the input is not changed");
    }

    /** The selection agrees with a full sort on mostly-zero data with ties, the case it is written for. */
    @Test
    void selectionAgreesWithASort() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rng.nextInt(3000);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextDouble() < 0.9 ? 0 : Math.floor(100 * rng.nextDouble());
            }
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            int k = rng.nextInt(n);
            assertEquals(sorted[k], Winsorizer.select(v.clone(), k), "n=" + n + " k=" + k);
        }
    }

    /** Capping a lognormal tail shrinks the variance of the mean, so the winsorised test has the smaller p. */
    @Test
    void winsorisingShrinksTheVarianceOfAHeavyTail() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] c = new double[20_000];
        double[] t = new double[20_000];
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.exp(2 * rng.nextGaussian());
            t[i] = 1.1 * Math.exp(2 * rng.nextGaussian());
        }
        Comparison raw = WelchTTest.test(c, t, 0.05);
        Comparison win = Winsorizer.test(c, t, 0.99, 0.05);
        assertTrue(win.differenceCi().width() < 0.3 * raw.differenceCi().width(),
                win.differenceCi() + " against " + raw.differenceCi());
        assertTrue(win.pValue() < raw.pValue());
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> Winsorizer.cap(new double[] {1}, new double[] {2}, 0), "q = 0.0");
        assertMessage(() -> Winsorizer.cap(new double[] {1}, new double[] {2}, 1.5), "q = 1.5");
        assertMessage(() -> Winsorizer.cap(new double[0], new double[0], 0.5), "control.length + treatment.length = 0");
        assertMessage(() -> Winsorizer.cap(new double[] {Double.NaN}, new double[] {2}, 0.5), "values[0] = NaN");
        assertMessage(() -> Winsorizer.apply(new double[] {1}, Double.POSITIVE_INFINITY), "cap = Infinity");
    }
}
