package org.recsysbook.abtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import org.junit.jupiter.api.Test;

class MultipleTestingTest {
    /** The 15 p-values of Benjamini and Hochberg's 1995 paper; at q = 0.05 their procedure rejects 4, Bonferroni 3. */
    static final double[] BH_1995 = {0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
                                     0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000};

    @Test
    void paperExampleRejectsFourWithBhAndThreeWithBonferroni() {
        assertEquals(4, count(MultipleTesting.rejected(MultipleTesting.benjaminiHochberg(BH_1995), 0.05)));
        assertEquals(3, count(MultipleTesting.rejected(MultipleTesting.bonferroni(BH_1995), 0.05)));
    }

    /** p = (0.01, 0.04, 0.03, 0.005): BH by hand, sorted 0.005, 0.01, 0.03, 0.04 → 0.02, 0.02, 0.04, 0.04. */
    @Test
    void adjustedValuesByHandInInputOrder() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02}, MultipleTesting.benjaminiHochberg(p), 1e-12);
        assertArrayEquals(new double[] {0.04, 0.16, 0.12, 0.02}, MultipleTesting.bonferroni(p), 1e-12);
        assertArrayEquals(new double[] {1.0, 1.0}, MultipleTesting.bonferroni(new double[] {0.6, 0.9}), 1e-12);
    }

    @Test
    void familyWiseErrorOfSevenMetrics() {
        assertEquals(1 - Math.pow(0.95, 7), MultipleTesting.familyWiseErrorRate(7, 0.05), 1e-15);
        assertEquals(0.3017, MultipleTesting.familyWiseErrorRate(7, 0.05), 1e-4);
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> MultipleTesting.bonferroni(new double[0]), "pValues.length = 0");
        assertMessage(() -> MultipleTesting.benjaminiHochberg(new double[] {0.1, 1.5}), "pValues[1] = 1.5");
        assertMessage(() -> MultipleTesting.benjaminiHochberg(new double[] {-0.1}), "pValues[0] = -0.1");
        assertMessage(() -> MultipleTesting.rejected(new double[] {0.1}, 0), "alpha = 0.0");
        assertMessage(() -> MultipleTesting.familyWiseErrorRate(0, 0.05), "m = 0");
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }
}
