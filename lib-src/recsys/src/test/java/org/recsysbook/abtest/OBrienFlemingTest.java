package org.recsysbook.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import org.junit.jupiter.api.Test;

class OBrienFlemingTest {

    /**
     * Jennison and Turnbull, "Group Sequential Methods with Applications to Clinical Trials" (2000), Table 2.3:
     * C<sub>B</sub>(K, 0.05) = 1.977, 2.004, 2.024, 2.040 for K = 2 … 5 and 2.087 for K = 10.
     */
    @Test
    void constantsMatchThePublishedTable() {
        assertEquals(1.959964, OBrienFleming.constant(1, 0.05), 1e-5);
        assertEquals(1.977, OBrienFleming.constant(2, 0.05), 0.001);
        assertEquals(2.004, OBrienFleming.constant(3, 0.05), 0.001);
        assertEquals(2.024, OBrienFleming.constant(4, 0.05), 0.001);
        assertEquals(2.040, OBrienFleming.constant(5, 0.05), 0.001);
        assertEquals(2.087, OBrienFleming.constant(10, 0.05), 0.001);
    }

    /** P(|S₁| ≥ b or |S₂| ≥ b) with S₂ = S₁ + N(0, 1): one look is the normal tail; a boundary of 10 is almost never crossed. */
    @Test
    void crossingProbabilityLimits() {
        // one look: P(|Z| ≥ 1.96) = 0.05
        assertEquals(0.05, OBrienFleming.crossingProbability(1, 1.959964), 1e-4);
        assertEquals(0.0, OBrienFleming.crossingProbability(2, 10), 1e-6);
        // two looks at the constant's boundary C√2: the design's α
        assertEquals(0.05, OBrienFleming.crossingProbability(2, 1.977 * Math.sqrt(2)), 2e-4);
    }

    @Test
    void boundariesAreStrictEarlyAndNearTheUsualValueLate() {
        OBrienFleming b = new OBrienFleming(14, 0.05);
        assertEquals(b.constant() * Math.sqrt(14), b.boundary(1), 1e-12);
        assertEquals(b.constant(), b.boundary(14), 1e-12);
        assertTrue(b.boundary(1) > 7.5 && b.boundary(14) < 2.2);
        assertTrue(b.crosses(14, -2.3));
        assertFalse(b.crosses(1, 5.0));
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> new OBrienFleming(0, 0.05), "looks = 0");
        assertMessage(() -> new OBrienFleming(101, 0.05), "looks = 101");
        assertMessage(() -> new OBrienFleming(5, 1.5), "alpha = 1.5");
        assertMessage(() -> new OBrienFleming(5, 0.05).boundary(6), "look = 6");
        assertMessage(() -> new OBrienFleming(5, 0.05).crosses(1, Double.NaN), "z = NaN");
    }
}
