package org.recsysbook.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import org.junit.jupiter.api.Test;

class PowerAnalysisTest {

    /** The published calculators' figure: p = 10 %, δ = 2 points, α = 0.05, power 0.8 → 3,623 per arm. */
    @Test
    void sampleSizeMatchesPublishedCalculator() {
        assertEquals(3623, PowerAnalysis.sampleSizePerArm(0.10, 0.02, 0.05, 0.8));
    }

    /** By hand with z₀.₉₇₅ = 1.959964, z₀.₈ = 0.841621: (1.959964·√0.18 + 0.841621·√0.1956)² / 0.02² = 3622.6. */
    @Test
    void sampleSizeFollowsTheFormula() {
        double a = 1.959963984540054 * Math.sqrt(0.18) + 0.8416212335729143 * Math.sqrt(0.09 + 0.12 * 0.88);
        assertEquals((long) Math.ceil(a * a / 0.0004), PowerAnalysis.sampleSizePerArm(0.10, 0.02, 0.05, 0.8));
        // halving the effect needs about four times the users
        long quarter = PowerAnalysis.sampleSizePerArm(0.10, 0.01, 0.05, 0.8);
        assertTrue(quarter > 3.8 * 3623 && quarter < 4.1 * 3623, "n = " + quarter);
    }

    @Test
    void powerAndMdeInvertTheSampleSize() {
        assertEquals(0.8, PowerAnalysis.power(0.10, 0.02, 0.05, 3623), 1e-3);
        assertEquals(0.02, PowerAnalysis.minimumDetectableEffect(0.10, 0.05, 0.8, 3623), 1e-5);
        assertTrue(PowerAnalysis.power(0.10, 0.02, 0.05, 1000) < 0.5);
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> PowerAnalysis.sampleSizePerArm(0.10, 0.02, 0.05, 1.0), "power = 1.0");
        assertMessage(() -> PowerAnalysis.sampleSizePerArm(0.10, 0.02, 0.05, 0.0), "power = 0.0");
        assertMessage(() -> PowerAnalysis.sampleSizePerArm(0.10, 0.02, -0.05, 0.8), "alpha = -0.05");
        assertMessage(() -> PowerAnalysis.sampleSizePerArm(0.10, -0.02, 0.05, 0.8), "minimumDetectableEffect = -0.02");
        assertMessage(() -> PowerAnalysis.sampleSizePerArm(0.95, 0.1, 0.05, 0.8), "minimumDetectableEffect = 0.1");
        assertMessage(() -> PowerAnalysis.sampleSizePerArm(1.2, 0.1, 0.05, 0.8), "baselineRate = 1.2");
        assertMessage(() -> PowerAnalysis.power(0.1, 0.02, 0.05, 0), "usersPerArm = 0");
    }
}
