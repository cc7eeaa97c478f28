package org.recsysbook.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pieces of a simulated arm: visits, novelty, behaviour and the rate-described variant. */
class SimulationPartsTest {

    @Test
    void noveltyHalvesEveryHalfLife() {
        NoveltyEffect n = new NoveltyEffect(0.4, 2);
        assertEquals(0.4, n.extraLift(0), 1e-15);
        assertEquals(0.2, n.extraLift(2), 1e-15);
        assertEquals(0.05, n.extraLift(6), 1e-15);
        assertEquals(0.0, NoveltyEffect.NONE.extraLift(5));
        assertMessage(() -> new NoveltyEffect(-1, 2), "initialExtraLift = -1.0");
        assertMessage(() -> new NoveltyEffect(0.3, 0), "halfLifeDays = 0.0");
        assertMessage(() -> n.extraLift(-1), "daysInTest = -1");
    }

    @Test
    void visitCountsAndDiversity() {
        Visit v = new Visit();
        v.show(10, 1);
        v.show(11, 1);
        v.show(12, 2);
        v.show(13, 3);
        v.click();
        v.convert(25);
        v.spend(12.5);
        assertEquals(4, v.impressions());
        assertEquals(3.0 / 4, v.categoryDiversity(), 1e-15);
        assertEquals(25, v.revenue(), 0);
        v.reset();
        assertEquals(0, v.impressions());
        assertTrue(Double.isNaN(v.categoryDiversity()));
        assertMessage(() -> v.convert(-1), "value = -1.0");
        assertMessage(() -> v.spend(-2), "secondsSpent = -2.0");
        assertMessage(() -> v.returnProbability(1.5), "p = 1.5");
        assertMessage(() -> v.show(-1, 0), "item = -1");
    }

    @Test
    void behaviourCapsTheReturnChance() {
        Behaviour b = Behaviour.defaults();
        Visit v = new Visit();
        b.setReturn(v);
        assertEquals(0.08, v.returnProbability(), 1e-15);
        for (int i = 0; i < 100; i++) {
            v.click();
        }
        b.setReturn(v);
        assertEquals(0.7, v.returnProbability(), 1e-15);
        assertMessage(() -> new Behaviour(1.2, 30, 30, 40, 0.1, 0, 0, 1), "conversionRate = 1.2");
        assertMessage(() -> new Behaviour(0.1, -30, 30, 40, 0.1, 0, 0, 1), "orderValue = -30.0");
        assertMessage(() -> new Behaviour(0.1, 30, 30, 40, 0.1, -0.1, 0, 1), "returnPerClick = -0.1");
    }

    @Test
    void rateVariantClickProbabilityAndEngagement() {
        RateVariant c = RateVariant.of("control", 0.05);
        double m = c.engagement(7);
        assertEquals(0.05 * m, c.clickProbability(7, 0), 1e-15);
        RateVariant t = c.withName("treatment").withLift(0.1).withNovelty(new NoveltyEffect(0.2, 1));
        assertEquals(0.05 * m * (1 + 0.1 + 0.2), t.clickProbability(7, 0), 1e-15);
        assertEquals(0.05 * m * (1 + 0.1 + 0.1), t.clickProbability(7, 1), 1e-15);
        assertEquals(m, t.engagement(7), 0, "the same user is equally keen in every arm");
        // log-normal with mean 1: the average over many users is close to 1 (sd of the mean ≈ √(e − 1)/√n = 0.004)
        double s = 0;
        int n = 100_000;
        for (int u = 0; u < n; u++) {
            s += c.engagement(u);
        }
        assertEquals(1.0, s / n, 0.02);
        assertEquals(1.0, c.withEngagementSpread(0).engagement(3), 0);
        assertMessage(() -> RateVariant.of("x", 0), "ctr = 0.0");
        assertMessage(() -> RateVariant.of("", 0.1), "name = \"\"");
        assertMessage(() -> c.withLift(-1), "lift = -1.0");
        assertMessage(() -> c.withImpressionsPerVisit(0), "impressionsPerVisit = 0");
    }

    @Test
    void rateVariantServesTheExpectedClicks() {
        RateVariant c = RateVariant.of("control", 0.05).withEngagementSpread(0);
        SplittableRandom rng = new SplittableRandom(3);
        Visit v = new Visit();
        long clicks = 0;
        int visits = 20_000;
        for (int i = 0; i < visits; i++) {
            v.reset();
            c.serve(i, 0, 0, rng, v);
            clicks += v.clicks();
            assertEquals(10, v.impressions());
        }
        // 200,000 impressions at 5 %: 10,000 clicks, sd ≈ 97
        assertEquals(10_000, clicks, 400);
    }
}
