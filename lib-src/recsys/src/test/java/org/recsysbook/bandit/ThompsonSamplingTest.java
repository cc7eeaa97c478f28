package org.recsysbook.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ThompsonSamplingTest {

    @Test
    void priorIsUniformBeta() {
        ArmStats s = new ThompsonSampling(3, new SplittableRandom(1)).stats(1);
        assertEquals(0.5, s.mean(), 1e-15);
        assertEquals(Math.sqrt(1.0 / 12), s.std(), 1e-15, "Beta(1,1): sqrt(1/(4·3))");
        assertEquals(0, s.trials());
    }

    @Test
    void statsAreTheBetaPosteriorsClosedForms() {
        ThompsonSampling ts = new ThompsonSampling(3, new SplittableRandom(1));
        ts.update(2, 1);
        ts.update(2, 1);
        ts.update(2, 0);
        ArmStats s = ts.stats(2);
        // Beta(3, 2): mean 3/5, std sqrt(6 / (25 · 6)) = 0.2, trials a + b − 2 = 3 as the chapter counts them
        assertEquals(0.6, s.mean(), 1e-15);
        assertEquals(0.2, s.std(), 1e-15);
        assertEquals(3, s.trials());
        assertEquals(3, ts.alpha(2), 0);
        assertEquals(2, ts.beta(2), 0);
    }

    @Test
    void fractionalRewardSplitsBetweenAlphaAndBeta() {
        ThompsonSampling ts = new ThompsonSampling(1, 2, 3, new SplittableRandom(1));
        ts.update(0, 0.25);
        assertEquals(2.25, ts.alpha(0), 1e-15);
        assertEquals(3.75, ts.beta(0), 1e-15);
        assertEquals(2.25 / 6, ts.stats(0).mean(), 1e-15);
    }

    @Test
    void picksTheArmWhosePosteriorIsFarAhead() {
        ThompsonSampling ts = new ThompsonSampling(4, new SplittableRandom(9));
        for (int i = 0; i < 100; i++) {
            ts.update(2, 1);
            ts.update(0, 0);
            ts.update(1, 0);
            ts.update(3, 0);
        }
        int[] all = {0, 1, 2, 3};
        for (int i = 0; i < 50; i++) {
            assertEquals(2, ts.selectOne(all));
        }
        int[] two = ts.select(all, 2);
        assertEquals(2, two[0]);
        assertTrue(two[1] != 2, "distinct arms");
    }

    @Test
    void drawsFollowThePosteriorMean() {
        ThompsonSampling ts = new ThompsonSampling(1, 3, 7, new SplittableRandom(4));
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            sum += ts.sample(0);
        }
        // Beta(3, 7): mean 0.3, sd sqrt(21/1100) ≈ 0.138
        assertEquals(0.3, sum / n, 5 * 0.138 / Math.sqrt(n));
    }

    @Test
    void learnsTheBestArmInSimulation() {
        ThompsonSampling ts = new ThompsonSampling(3, new SplittableRandom(2));
        SplittableRandom clicks = new SplittableRandom(3);
        double[] rates = {0.1, 0.6, 0.3};
        int[] all = {0, 1, 2};
        int bestPicks = 0;
        for (int t = 0; t < 2000; t++) {
            int a = ts.selectOne(all);
            ts.update(a, clicks.nextDouble() < rates[a] ? 1 : 0);
            if (t >= 1000 && a == 1) {
                bestPicks++;
            }
        }
        assertTrue(bestPicks > 900, "in the second half the best arm is chosen > 90% of the time: " + bestPicks);
    }

    @Test
    void rejectsRewardsOutsideTheUnitInterval() {
        ThompsonSampling ts = new ThompsonSampling(2, new SplittableRandom(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ts.update(0, 1.5));
        assertEquals("reward must be in [0, 1], got 1.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ts.update(0, -0.01));
        assertThrows(IllegalArgumentException.class, () -> ts.update(0, Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> ts.update(2, 1));
        assertEquals("arm must be in [0, 2) (2 arms), got 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ts.stats(-1));
    }

    @Test
    void rejectsBadPriors() {
        SplittableRandom rng = new SplittableRandom(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ThompsonSampling(2, 0, 1, rng));
        assertTrue(e.getMessage().startsWith("alpha0 must be a finite number > 0, got 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ThompsonSampling(2, 1, -1, rng));
        e = assertThrows(IllegalArgumentException.class, () -> new ThompsonSampling(0, rng));
        assertEquals("arms must be ≥ 1, got 0", e.getMessage());
    }

    @Test
    void sameSeedSamePicks() {
        ThompsonSampling a = new ThompsonSampling(10, new SplittableRandom(8));
        ThompsonSampling b = new ThompsonSampling(10, new SplittableRandom(8));
        int[] all = BanditPolicy.allArms(10);
        for (int t = 0; t < 100; t++) {
            int[] pa = a.select(all, 3);
            assertArrayEquals(pa, b.select(all, 3));
            a.update(pa[0], t % 3 == 0 ? 1 : 0);
            b.update(pa[0], t % 3 == 0 ? 1 : 0);
        }
    }
}
