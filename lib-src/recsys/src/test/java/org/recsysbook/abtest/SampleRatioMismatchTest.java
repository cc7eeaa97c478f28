package org.recsysbook.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import org.junit.jupiter.api.Test;

class SampleRatioMismatchTest {

    /** 50,500 vs 49,500 on a 50/50 design: χ² = 2·500²/50,000 = 10, p = P(χ²₁ ≥ 10) = 0.0015654. */
    @Test
    void chiSquareByHand() {
        SampleRatioMismatch.Result r = SampleRatioMismatch.test(50_500, 49_500);
        assertEquals(10.0, r.chiSquare(), 1e-9);
        assertEquals(0.001565402258002549, r.pValue(), 1e-9);
        assertFalse(r.mismatch(), "p = 0.0016 is above the customary 0.001");
        assertTrue(SampleRatioMismatch.test(new long[] {50_500, 49_500}, new double[] {1, 1}, 0.01).mismatch());
    }

    /**
     * Far in the tail the p-value keeps its digits: for one degree of freedom p = erfc(√(χ²/2)), computed here by
     * the C library's erfc. 1 − CDF gave a relative error of 3e-8 at p = 3.8e-10 and 0 at p = 5.6e-89.
     */
    @Test
    void tailPValuesKeepTheirDigits() {
        // 50/50 design with 200,000 users, off by d: χ² = d²/50,000.
        long[][] arms = {{101_400, 98_600}, {102_500, 97_500}, {104_472, 95_528}};
        double[] erfc = {3.8254023259386303e-10, 5.08946897381438e-29, 5.574793836784946e-89};
        for (int i = 0; i < arms.length; i++) {
            SampleRatioMismatch.Result r = SampleRatioMismatch.test(arms[i][0], arms[i][1]);
            assertEquals(erfc[i], r.pValue(), 1e-12 * erfc[i], "p for " + arms[i][0] + " vs " + arms[i][1]);
            assertTrue(r.mismatch());
        }
    }

    @Test
    void unequalDesignAndThreeArms() {
        // 40/60 design, 40,100 vs 59,900: χ² = 100²/40,000 + 100²/60,000 = 0.41667
        SampleRatioMismatch.Result r = SampleRatioMismatch.test(new long[] {40_100, 59_900}, new double[] {0.4, 0.6}, 0.001);
        assertEquals(0.4166667, r.chiSquare(), 1e-6);
        assertFalse(r.mismatch());
        // three arms, shares 1:1:2 given unnormalised, a gross mismatch
        SampleRatioMismatch.Result r3 = SampleRatioMismatch.test(new long[] {300, 300, 400}, new double[] {1, 1, 2}, 0.001);
        assertEquals(250.0, r3.expected()[0], 1e-9);
        assertEquals(50.0 * 50 / 250 + 50.0 * 50 / 250 + 100.0 * 100 / 500, r3.chiSquare(), 1e-9);
        assertTrue(r3.mismatch());
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> SampleRatioMismatch.test(new long[] {1}, new double[] {1}, 0.001), "observed.length = 1");
        assertMessage(() -> SampleRatioMismatch.test(new long[] {1, 2}, new double[] {1, 1, 1}, 0.001), "shares.length = 3");
        assertMessage(() -> SampleRatioMismatch.test(new long[] {-1, 2}, new double[] {1, 1}, 0.001), "observed[0] = -1");
        assertMessage(() -> SampleRatioMismatch.test(new long[] {0, 0}, new double[] {1, 1}, 0.001), "sum of observed = 0");
        assertMessage(() -> SampleRatioMismatch.test(new long[] {1, 2}, new double[] {1, 0}, 0.001), "shares[1] = 0.0");
        assertMessage(() -> SampleRatioMismatch.test(new long[] {1, 2}, new double[] {1, 1}, 2), "alpha = 2.0");
    }
}
