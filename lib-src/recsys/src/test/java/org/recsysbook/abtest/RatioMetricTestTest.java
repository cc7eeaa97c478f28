package org.recsysbook.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import org.junit.jupiter.api.Test;

class RatioMetricTestTest {
    /**
     * Clicks x = (1, 0, 3, 2), impressions y = (10, 5, 10, 5): R = 6/30 = 0.2; s²x = 5/3, s²y = 25/3,
     * sxy = 5/3; Var R = (s²x/ȳ² − 2x̄ sxy/ȳ³ + x̄² s²y/ȳ⁴)/4 = (0.0296296 − 0.0118519 + 0.0059259)/4 = 0.00592593.
     */
    @Test
    void deltaMethodVarianceByHand() {
        double[] rv = RatioMetricTest.ratioAndVariance("control", new double[] {1, 0, 3, 2}, new double[] {10, 5, 10, 5});
        assertEquals(0.2, rv[0], 1e-15);
        assertEquals(0.0059259259, rv[1], 1e-10);
    }

    @Test
    void comparisonIsAZTestOnTheRatios() {
        double[] x = {1, 0, 3, 2};
        double[] y = {10, 5, 10, 5};
        double[] x2 = {2, 1, 4, 3};
        // treatment: R = 10/30, x̄ = 2.5, same spreads: Var = (0.0296296 − 2·2.5·(5/3)/421.875 + 6.25·(25/3)/3164.0625)/4
        double vt = (5.0 / 3 / 56.25 - 2 * 2.5 * (5.0 / 3) / 421.875 + 6.25 * (25.0 / 3) / 3164.0625) / 4;
        Comparison c = RatioMetricTest.test(x, y, x2, y, 0.05);
        assertEquals(1.0 / 3 - 0.2, c.difference(), 1e-12);
        assertEquals((1.0 / 3 - 0.2) / Math.sqrt(0.0059259259259 + vt), c.statistic(), 1e-6);
        assertEquals(2.0 / 3, c.lift(), 1e-12);
        assertTrue(c.differenceCi().contains(c.difference()));
    }

    @Test
    void rejectsBadInput() {
        double[] ok = {1, 2};
        assertMessage(() -> RatioMetricTest.test(new double[] {1}, new double[] {1}, ok, ok, 0.05), "controlNumerator.length = 1");
        assertMessage(() -> RatioMetricTest.test(ok, new double[] {1, 2, 3}, ok, ok, 0.05), "controlDenominator.length = 3");
        assertMessage(() -> RatioMetricTest.test(ok, ok, new double[] {-1, 2}, ok, 0.05), "treatmentNumerator[0] = -1.0");
        assertMessage(() -> RatioMetricTest.test(ok, ok, ok, new double[] {0, 0}, 0.05), "sum of treatmentDenominator = 0.0");
        assertMessage(() -> RatioMetricTest.test(ok, ok, ok, ok, -1), "alpha = -1.0");
    }
}
