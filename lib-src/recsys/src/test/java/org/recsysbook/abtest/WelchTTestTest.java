package org.recsysbook.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import org.junit.jupiter.api.Test;

class WelchTTestTest {
    // Student's sleep data (Cushny and Peebles), the example of R's t.test documentation:
    // extra hours of sleep under drug 1 and drug 2.
    static final double[] DRUG1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    static final double[] DRUG2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    /** R: t.test(extra ~ group, data = sleep) gives t = −1.8608, df = 17.776, p = 0.07939, CI (−3.3654832, 0.2054832) for group 1 − group 2. */
    @Test
    void matchesRsSleepExample() {
        Comparison c = WelchTTest.test(DRUG1, DRUG2, 0.05);
        assertEquals(1.8608, c.statistic(), 5e-5);
        assertEquals(0.07939, c.pValue(), 5e-6);
        assertEquals(1.58, c.difference(), 1e-12);
        assertEquals(-0.2054832, c.differenceCi().lower(), 5e-7);
        assertEquals(3.3654832, c.differenceCi().upper(), 5e-7);
        assertEquals(0.75, c.control(), 1e-12);
        assertEquals(2.33, c.treatment(), 1e-12);
        assertEquals("inconclusive", c.decision());
    }

    @Test
    void degreesOfFreedomAreWelchSatterthwaite() {
        // variances of the sleep data: 3.200556 and 4.009000
        assertEquals(17.776, WelchTTest.degreesOfFreedom(10, 3.2005556, 10, 4.009), 5e-4);
        // equal variances and sizes give 2n − 2
        assertEquals(18.0, WelchTTest.degreesOfFreedom(10, 1.0, 10, 1.0), 1e-12);
    }

    @Test
    void summaryFormAgreesWithSampleForm() {
        Comparison c = WelchTTest.test(10, 0.75, 3.2005556, 10, 2.33, 4.009, 0.05);
        assertEquals(0.07939, c.pValue(), 5e-6);
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> WelchTTest.test(new double[] {1}, DRUG2, 0.05), "control.length = 1");
        assertMessage(() -> WelchTTest.test(DRUG1, new double[0], 0.05), "treatment.length = 0");
        assertMessage(() -> WelchTTest.test(10, 1, -1, 10, 1, 1, 0.05), "controlVariance = -1");
        assertMessage(() -> WelchTTest.test(DRUG1, DRUG2, 1.5), "alpha = 1.5");
        assertMessage(() -> WelchTTest.test(new double[] {1, Double.NaN}, DRUG2, 0.05), "control[1] = NaN");
    }
}
