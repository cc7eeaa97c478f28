package org.recsysbook.abtest;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.Interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

class MixtureSequentialTestTest {

    /** θ̂ = 0.02, V = τ² = 10⁻⁴: Λ = √(1/2)·exp(10⁻⁴·4·10⁻⁴ / (2·10⁻⁴·2·10⁻⁴)) = e/√2 = 1.92211. */
    @Test
    void likelihoodRatioByHand() {
        assertEquals(Math.E / Math.sqrt(2), MixtureSequentialTest.likelihoodRatio(0.02, 1e-4, 1e-4), 1e-12);
        // no difference observed: Λ = √(V/(V+τ²)) < 1, evidence for the null
        assertEquals(Math.sqrt(0.5), MixtureSequentialTest.likelihoodRatio(0, 1e-4, 1e-4), 1e-12);
    }

    @Test
    void pValueIsTheRunningMinimumOfOneOverLambda() {
        MixtureSequentialTest t = new MixtureSequentialTest(0.05, 0.01);
        assertEquals(1.0, t.pValue());
        assertEquals(1.0, t.look(0, 1e-4), 1e-15);  // 1/Λ = √2 > 1, capped at 1
        double p2 = t.look(0.02, 1e-4);
        assertEquals(Math.sqrt(2) / Math.E, p2, 1e-12);
        assertEquals(p2, t.look(0, 1e-4), 1e-15, "a later, weaker look never raises the p-value");
        assertFalse(t.rejected());
        // a large effect with little noise: Λ = √(10⁻⁶/(1.01·10⁻⁴))·exp(10⁻⁴·0.03² / (2·10⁻⁶·1.01·10⁻⁴)) ≫ 20
        t.look(0.03, 1e-6);
        assertTrue(t.rejected());
        assertEquals(4, t.looks());
    }

    /** At the edge of the confidence interval the ratio of the shifted estimate equals 1/α exactly. */
    @Test
    void confidenceIntervalEdgeIsWhereLambdaReachesOneOverAlpha() {
        MixtureSequentialTest t = new MixtureSequentialTest(0.05, 0.01);
        Interval ci = t.confidenceInterval(0.005, 2e-5);
        double half = ci.upper() - 0.005;
        assertEquals(20.0, MixtureSequentialTest.likelihoodRatio(half, 2e-5, 1e-4), 1e-9);
        // always wider than the fixed-horizon 95 % interval ±1.96√V
        assertTrue(half > 1.96 * Math.sqrt(2e-5));
    }

    @Test
    void lookAtProportionsUsesTheUnpooledVariance() {
        MixtureSequentialTest a = new MixtureSequentialTest(0.05, 0.01);
        MixtureSequentialTest b = new MixtureSequentialTest(0.05, 0.01);
        a.lookProportions(100, 1000, 130, 1000);
        b.look(0.03, 0.1 * 0.9 / 1000 + 0.13 * 0.87 / 1000);
        assertEquals(b.pValue(), a.pValue(), 1e-15);
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> new MixtureSequentialTest(0, 0.01), "alpha = 0.0");
        assertMessage(() -> new MixtureSequentialTest(0.05, 0), "tau = 0.0");
        assertMessage(() -> new MixtureSequentialTest(0.05, 0.01).look(0.01, -1), "variance = -1.0");
        assertMessage(() -> new MixtureSequentialTest(0.05, 0.01).lookProportions(5, 4, 1, 4), "controlSuccesses = 5");
        assertMessage(() -> new MixtureSequentialTest(0.05, 0.01).lookProportions(0, 0, 1, 4), "controlTrials = 0");
    }
}
