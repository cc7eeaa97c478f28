package org.recsysbook.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import org.junit.jupiter.api.Test;

class StratifiedEstimateTest {

    /**
     * Segment 1: control 10/100, treatment 24/200 (+0.02), 300 of 400 users; segment 2: 5/50 against 7/50 (+0.04),
     * 100 users. d = 0.75·0.02 + 0.25·0.04 = 0.025; Var = 0.75²(0.12·0.88/200 + 0.1·0.9/100) + 0.25²(0.14·0.86/50 +
     * 0.1·0.9/50); the control's standardised rate 0.75·0.1 + 0.25·0.1 = 0.1, so the lift is 25 %.
     */
    @Test
    void weightsEachSegmentByItsShareOfAllUsers() {
        Comparison c = StratifiedEstimate.test(new long[] {100, 50}, new long[] {10, 5}, new long[] {200, 50},
                new long[] {24, 7}, 0.05);
        assertEquals(0.025, c.difference(), 1e-12);
        double var = 0.5625 * (0.12 * 0.88 / 200 + 0.09 / 100) + 0.0625 * (0.14 * 0.86 / 50 + 0.09 / 50);
        assertEquals(0.025 / Math.sqrt(var), c.statistic(), 1e-9);
        assertEquals(1.959964 * Math.sqrt(var), c.differenceCi().halfWidth(), 1e-6);
        assertEquals(0.25, c.lift(), 1e-12);
        assertEquals(0.1, c.control(), 1e-12);
        assertEquals(0.125, c.treatment(), 1e-12);
    }

    /** One segment: the plain difference of rates and the unpooled Wald interval of the two-proportion test. */
    @Test
    void oneSegmentIsThePlainComparison() {
        Comparison s = StratifiedEstimate.test(new long[] {400}, new long[] {40}, new long[] {600}, new long[] {66}, 0.05);
        Comparison z = TwoProportionZTest.test(40, 400, 66, 600, 0.05);
        assertEquals(z.difference(), s.difference(), 1e-12);
        assertEquals(z.differenceCi().width(), s.differenceCi().width(), 1e-12);
    }

    /**
     * Simpson's paradox by hand: the treatment wins in both segments (12 % vs 10 %, 5 % vs 4 %) but holds most of the
     * low-rate segment, so the pooled rates say it loses (5.7 % vs 9.33 %); the stratified difference is positive.
     */
    @Test
    void reversesThePooledComparisonsSign() {
        long[] nc = {900, 100};
        long[] xc = {90, 4};
        long[] nt = {100, 900};
        long[] xt = {12, 45};
        Comparison pooled = TwoProportionZTest.test(94, 1000, 57, 1000, 0.05);
        Comparison strat = StratifiedEstimate.test(nc, xc, nt, xt, 0.05);
        assertTrue(pooled.difference() < 0);
        assertEquals(0.5 * 0.02 + 0.5 * 0.01, strat.difference(), 1e-12);
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> StratifiedEstimate.test(new long[0], new long[0], new long[0], new long[0], 0.05),
                "controlUsers.length = 0");
        assertMessage(() -> StratifiedEstimate.test(new long[] {10}, new long[] {1, 2}, new long[] {10},
                new long[] {1}, 0.05), "controlSuccesses.length = 2");
        assertMessage(() -> StratifiedEstimate.test(new long[] {10}, new long[] {1}, new long[] {10}, new long[] {1}, 0),
                "alpha = 0.0");
        assertMessage(() -> StratifiedEstimate.test(new long[] {10, 0}, new long[] {1, 0}, new long[] {10, 5},
                new long[] {1, 1}, 0.05), "controlUsers[1] = 0");
        assertMessage(() -> StratifiedEstimate.test(new long[] {10}, new long[] {1}, new long[] {10}, new long[] {11},
                0.05), "treatmentSuccesses[0] = 11");
    }
}
