package org.recsysbook.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class EpsilonGreedyTest {
    private static final int[] ALL = {0, 1, 2, 3};

    /** A fixed-ε policy that has received {@code rewards[a]} once from each arm {@code a}. */
    private static EpsilonGreedy afterOneRewardEach(double epsilon, long seed, double... rewards) {
        EpsilonGreedy p = EpsilonGreedy.fixed(rewards.length, epsilon, new SplittableRandom(seed));
        for (int a = 0; a < rewards.length; a++) {
            p.update(a, rewards[a]);
        }
        return p;
    }

    @Test
    void zeroEpsilonIsGreedy() {
        EpsilonGreedy p = EpsilonGreedy.fixed(4, 0, new SplittableRandom(1));
        p.update(2, 1);
        p.update(1, 0.5);
        for (int i = 0; i < 100; i++) {
            assertEquals(2, p.selectOne(ALL));
        }
    }

    @Test
    void tiesAreBrokenUniformlyAtRandom() {
        EpsilonGreedy p = EpsilonGreedy.fixed(4, 0, new SplittableRandom(2));
        int[] count = new int[4];
        int n = 4000;
        for (int i = 0; i < n; i++) {
            count[p.selectOne(ALL)]++;
        }
        for (int c : count) {
            // binomial(4000, 1/4): sd ≈ 27; allow 5 sd
            assertEquals(1000, c, 140, "each of four tied arms about a quarter of the time");
        }
    }

    @Test
    void explorationRateIsEpsilon() {
        EpsilonGreedy p = afterOneRewardEach(0.2, 3, 1, 0, 0, 0);
        int n = 20_000;
        int others = 0;
        for (int i = 0; i < n; i++) {
            if (p.selectOne(ALL) != 0) {
                others++;
            }
        }
        // a non-best arm is shown with probability ε · 3/4 = 0.15; sd of the fraction ≈ 0.0025
        assertEquals(0.15, (double) others / n, 0.0125);
    }

    @Test
    void slateSlotsAreDistinctAndGreedyOrdered() {
        EpsilonGreedy p = afterOneRewardEach(0, 4, 0.1, 0.5, 0.0, 0.9);
        assertEquals("[3, 1, 0, 2]", java.util.Arrays.toString(p.select(ALL, 4)));
        EpsilonGreedy random = EpsilonGreedy.fixed(4, 1, new SplittableRandom(4));
        for (int i = 0; i < 100; i++) {
            int[] s = random.select(ALL, 4);
            assertEquals(4, java.util.Arrays.stream(s).distinct().count());
        }
    }

    @Test
    void decayingEpsilonHalvesAfterTau() {
        EpsilonGreedy p = EpsilonGreedy.decaying(2, 0.8, 10, new SplittableRandom(5));
        assertEquals(0.8, p.epsilon(), 1e-15);
        for (int i = 0; i < 10; i++) {
            p.update(0, 1);
        }
        assertEquals(0.4, p.epsilon(), 1e-15);
        for (int i = 0; i < 30; i++) {
            p.update(1, 0);
        }
        assertEquals(0.8 / 5, p.epsilon(), 1e-15);
    }

    @Test
    void statsAreSampleMeanAndStandardError() {
        EpsilonGreedy p = EpsilonGreedy.fixed(2, 0.1, new SplittableRandom(6));
        p.update(1, 2);
        p.update(1, 4);
        ArmStats s = p.stats(1);
        assertEquals(3, s.mean(), 1e-15);
        assertEquals(1, s.std(), 1e-15, "sd sqrt(2), standard error sqrt(2)/sqrt(2) = 1");
        assertEquals(2, s.trials());
        assertTrue(Double.isNaN(p.stats(0).std()));
    }

    @Test
    void rejectsEpsilonOutsideTheUnitInterval() {
        SplittableRandom rng = new SplittableRandom(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EpsilonGreedy.fixed(3, 1.2, rng));
        assertEquals("epsilon must be in [0, 1], got 1.2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EpsilonGreedy.fixed(3, -0.1, rng));
        assertThrows(IllegalArgumentException.class, () -> EpsilonGreedy.fixedFactory(Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> EpsilonGreedy.decaying(3, 2, 10, rng));
        assertTrue(e.getMessage().equals("epsilon0 must be in [0, 1], got 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EpsilonGreedy.decayingFactory(0.5, 0));
        assertEquals("tau must be a finite number > 0, got 0.0", e.getMessage());
    }
}
