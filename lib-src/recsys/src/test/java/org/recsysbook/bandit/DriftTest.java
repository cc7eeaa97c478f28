package org.recsysbook.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Drifting arms, discounted Thompson sampling and the static model that goes stale. */
class DriftTest {

    @Test
    void driftingArmsInterpolateBetweenKeys() {
        DriftingArms d = new DriftingArms(new int[] {10, 20}, new double[][] {{0.0, 1.0}, {1.0, 0.5}});
        assertEquals(0.0, d.clickRate(0, 0), 0, "before the first key: the first key's rate");
        assertEquals(0.5, d.clickRate(0, 15), 1e-15);
        assertEquals(0.75, d.clickRate(1, 15), 1e-15);
        assertEquals(0.5, d.clickRate(1, 99), 0, "after the last key: the last key's rate");
        assertFalse(d.stationary());
        DriftingArms jump = DriftingArms.abrupt(new double[] {0.2, 0.4}, new double[] {0.6, 0.1}, 50);
        assertArrayEquals(new double[] {0.2, 0.4}, jump.rates(49), 0);
        assertArrayEquals(new double[] {0.6, 0.1}, jump.rates(50), 0);
        double[] best = jump.bestRates(52);
        assertEquals(52, best.length);
        assertEquals(0.4, best[49], 0);
        assertEquals(0.6, best[50], 0);
    }

    @Test
    void driftingArmsRejectBadKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DriftingArms(new int[] {5, 5}, new double[][] {{0.1}, {0.2}}));
        assertEquals("keyRounds[1] must be ≥ 6, got 5", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new DriftingArms(new int[] {0, 5}, new double[][] {{0.1}, {0.2, 0.3}}));
        assertThrows(IllegalArgumentException.class,
                () -> new DriftingArms(new int[] {0}, new double[][] {{1.1}}));
    }

    @Test
    void regretFollowsTheMovingBest() {
        // A policy stuck on arm 0 loses nothing before the change and 0.5 per round after it.
        DriftingArms d = DriftingArms.abrupt(new double[] {0.6, 0.1}, new double[] {0.1, 0.6}, 10);
        SimulationResult r = new BanditSimulator(d, 20, 1, 1).run(FirstArms.factory());
        assertEquals(0, r.cumulativeRegret(0)[9], 1e-12);
        assertEquals(5, r.cumulativeRegret(0)[19], 1e-9);
    }

    @Test
    void perArmDiscountingByHand() {
        DiscountedThompsonSampling d = new DiscountedThompsonSampling(2, 0.5, new SplittableRandom(1));
        d.update(0, 1); // S0 = 1
        d.update(1, 0); // F1 = 1, arm 0 untouched
        d.update(0, 1); // S0 = 0.5 · 1 + 1 = 1.5
        ArmStats s0 = d.stats(0);
        assertEquals(2.5 / 3.5, s0.mean(), 1e-15, "Beta(1 + 1.5, 1)");
        assertEquals(Math.sqrt(2.5 / (3.5 * 3.5 * 4.5)), s0.std(), 1e-15);
        assertEquals(2, s0.trials());
        assertEquals(1 / 3.0, d.stats(1).mean(), 1e-15, "Beta(1, 1 + 1)");
    }

    @Test
    void allArmDiscountingByHand() {
        DiscountedThompsonSampling d = new DiscountedThompsonSampling(2, 0.5, true, 1, 1, new SplittableRandom(1));
        d.update(0, 1); // S0 = 1
        d.update(1, 0); // S0 = 0.5, F1 = 1
        d.update(0, 1); // S0 = 1.25, F1 = 0.5
        assertEquals(2.25 / 3.25, d.stats(0).mean(), 1e-15, "Beta(1 + 1.25, 1)");
        assertEquals(1 / 2.5, d.stats(1).mean(), 1e-15, "Beta(1, 1 + 0.5)");
        assertTrue(d.name().endsWith("all arms)"), d.name());
    }

    @Test
    void noDiscountIsThompsonSampling() {
        DiscountedThompsonSampling d = new DiscountedThompsonSampling(2, 1, true, 1, 1, new SplittableRandom(1));
        ThompsonSampling t = new ThompsonSampling(2, new SplittableRandom(1));
        double[] rewards = {1, 0, 0, 1, 1};
        for (double r : rewards) {
            d.update(1, r);
            t.update(1, r);
        }
        assertEquals(t.stats(1), d.stats(1));
    }

    @Test
    void discountedSamplingFollowsAnAbruptChange() {
        DriftingArms d = DriftingArms.abrupt(new double[] {0.6, 0.2}, new double[] {0.2, 0.6}, 500);
        BanditSimulator sim = new BanditSimulator(d, 1500, 10, 4);
        double stationary = sim.run(ThompsonSampling.factory()).totalRegretInterval(0.95).mean();
        double discounted = sim.run(DiscountedThompsonSampling.factory(0.98)).totalRegretInterval(0.95).mean();
        double frozen = sim.run(StaticModel.factory(100)).totalRegretInterval(0.95).mean();
        assertTrue(discounted < stationary, discounted + " < " + stationary);
        assertTrue(stationary < frozen, stationary + " < " + frozen);
        assertEquals(0.4 * 1000, frozen, 40, "the frozen model loses 0.4 per round after the change");
    }

    @Test
    void rejectsBadGamma() {
        SplittableRandom rng = new SplittableRandom(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiscountedThompsonSampling(2, 0, rng));
        assertEquals("gamma must be in (0, 1], got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiscountedThompsonSampling.factory(1.01));
        assertThrows(IllegalArgumentException.class, () -> DiscountedThompsonSampling.allArmsFactory(-0.5));
        DiscountedThompsonSampling d = new DiscountedThompsonSampling(2, 0.9, rng);
        assertThrows(IllegalArgumentException.class, () -> d.update(0, 2));
    }

    @Test
    void staticModelFreezesAfterTraining() {
        StaticModel m = new StaticModel(3, 4, new SplittableRandom(1));
        m.update(0, 0);
        m.update(1, 1);
        m.update(2, 0);
        assertFalse(m.frozen());
        m.update(1, 1);
        assertTrue(m.frozen());
        for (int i = 0; i < 10; i++) {
            m.update(1, 0);
            m.update(2, 1);
        }
        assertEquals(1, m.stats(1).mean(), 0, "later rewards are not learned");
        assertEquals(1, m.selectOne(new int[] {0, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new StaticModel(3, 0, new SplittableRandom(1)));
    }
}
