package org.recsysbook.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TwoProportionZTestTest {

    /** statsmodels' documented proportions_ztest example: count = [5, 12], nobs = [83, 99] gives p ≈ 0.159 (pooled). */
    @Test
    void matchesStatsmodelsDocumentedExample() {
        Comparison c = TwoProportionZTest.test(5, 83, 12, 99, 0.05);
        assertEquals(0.159, c.pValue(), 0.0005);
        // by hand: p̄ = 17/182, se = √(p̄(1−p̄)(1/83 + 1/99)), z = (12/99 − 5/83)/se = 1.40783
        assertEquals(1.4078304151258787, c.statistic(), 1e-9);
        assertEquals(0.15918129181156992, c.pValue(), 1e-9);
        assertEquals(12.0 / 99 - 5.0 / 83, c.difference(), 1e-15);
        assertEquals("inconclusive", c.decision());
    }

    /** Unpooled Wald interval and delta-method lift interval, worked by hand for the same data. */
    @Test
    void intervalsAreUnpooledWaldAndDeltaMethod() {
        Comparison c = TwoProportionZTest.test(5, 83, 12, 99, 0.05);
        double pc = 5.0 / 83;
        double pt = 12.0 / 99;
        double z = 1.959963984540054;
        double se = Math.sqrt(pc * (1 - pc) / 83 + pt * (1 - pt) / 99);
        assertEquals(pt - pc - z * se, c.differenceCi().lower(), 1e-9);
        assertEquals(-0.02120789507454425, c.differenceCi().lower(), 1e-9);
        assertEquals(0.1431502097879433, c.differenceCi().upper(), 1e-9);
        assertEquals(pt / pc - 1, c.lift(), 1e-12);
        assertEquals(-1.0033454707902747, c.liftCi().lower(), 1e-9);
        assertEquals(3.027587895032699, c.liftCi().upper(), 1e-9);
    }

    @Test
    void largeExperimentWithARealLiftIsSignificant() {
        // 10.0 % vs 10.6 % on 50,000 users per arm: z = 0.006 / √(0.103·0.897·(2/50000)) = 3.12109
        Comparison c = TwoProportionZTest.test(5000, 50000, 5300, 50000, 0.05);
        assertEquals(3.12109, c.statistic(), 5e-5);
        assertTrue(c.pValue() < 0.002 && c.pValue() > 0.0015, "p = " + c.pValue());
        assertEquals("treatment wins", c.decision());
        assertEquals(0.06, c.lift(), 1e-12);
        Comparison reversed = TwoProportionZTest.test(5300, 50000, 5000, 50000, 0.05);
        assertEquals("control wins", reversed.decision());
        assertEquals(c.pValue(), reversed.pValue(), 1e-15);
    }

    @Test
    void noSuccessesAnywhereMeansNoEvidence() {
        Comparison c = TwoProportionZTest.test(0, 100, 0, 100, 0.05);
        assertEquals(1.0, c.pValue());
        assertTrue(Double.isNaN(c.lift()));
    }

    @Test
    void rejectsBadInputNamingTheParameter() {
        assertMessage(() -> TwoProportionZTest.test(0, 0, 1, 10, 0.05), "controlTrials = 0");
        assertMessage(() -> TwoProportionZTest.test(1, 10, 0, 0, 0.05), "treatmentTrials = 0");
        assertMessage(() -> TwoProportionZTest.test(11, 10, 1, 10, 0.05), "controlSuccesses = 11");
        assertMessage(() -> TwoProportionZTest.test(1, 10, 12, 10, 0.05), "treatmentSuccesses = 12");
        assertMessage(() -> TwoProportionZTest.test(-1, 10, 1, 10, 0.05), "controlSuccesses = -1");
        assertMessage(() -> TwoProportionZTest.test(1, 10, 1, 10, 0.0), "alpha = 0.0");
        assertMessage(() -> TwoProportionZTest.test(1, 10, 1, 10, 1.0), "alpha = 1.0");
    }

    /**
     * Asserts that {@code call} fails with the library's message for {@code "name = value"}: {@code "name must be
     * <allowed>, got value"}, so the message names the parameter, says what is allowed and shows the value.
     */
    static void assertMessage(org.junit.jupiter.api.function.Executable call, String nameEqualsValue) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        int eq = nameEqualsValue.indexOf(" = ");
        String name = nameEqualsValue.substring(0, eq);
        String value = nameEqualsValue.substring(eq + 3);
        String m = e.getMessage();
        assertTrue(m.startsWith(name + " must be ") && m.length() > (name + " must be , got ").length(),
                "message '" + m + "' should say what " + name + " must be");
        assertTrue(m.contains(", got " + value), "message '" + m + "' should show the value: ', got " + value + "'");
    }
}
