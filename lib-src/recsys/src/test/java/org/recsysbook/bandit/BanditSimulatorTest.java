package org.recsysbook.bandit;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.recsysbook.bandit.simulation.BanditEnvironment;
import org.recsysbook.bandit.simulation.BanditSimulator;
import org.recsysbook.bandit.simulation.BernoulliArms;
import org.recsysbook.bandit.simulation.ChapterBanditDemo;
import org.recsysbook.bandit.simulation.SimulationResult;
import org.recsysbook.core.Interval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BanditSimulatorTest {

    @Test
    void pseudoRegretIsTheGapTimesRounds() {
        SimulationResult r = new BanditSimulator(new BernoulliArms(0.2, 0.5), 100, 3, 1).run(FirstArms.factory());
        assertEquals(30, r.cumulativeRegret(2)[99], 1e-9, "0.3 lost per round");
        assertEquals(0.3, r.meanCumulativeRegret()[0], 1e-12);
        assertArrayEquals(new double[] {100, 0}, r.meanPulls());
        assertEquals("first arms", r.policy());
    }

    @Test
    void slateRegretComparesWithTheBestSlate() {
        SimulationResult r = new BanditSimulator(new BernoulliArms(0.1, 0.2, 0.3), 10, 1, 2, 1).run(FirstArms.factory());
        assertEquals(10 * (0.5 - 0.3), r.cumulativeRegret(0)[9], 1e-9);
    }

    @Test
    void certainArmsPayEveryRound() {
        SimulationResult r = new BanditSimulator(new BernoulliArms(1, 0), 50, 2, 1).run(FirstArms.factory());
        assertArrayEquals(new double[] {50, 50}, r.totalRewards());
        Interval i = r.totalRewardInterval(0.95);
        assertEquals(50, i.mean(), 0);
        assertEquals(50, i.lower(), 0);
    }

    @Test
    void parallelEqualsSerial() {
        BanditSimulator sim = new BanditSimulator(ChapterBanditDemo.environment(3), 200, 16, 11);
        for (BanditPolicy.Factory f : List.of(ThompsonSampling.factory(), EpsilonGreedy.fixedFactory(0.1))) {
            SimulationResult par = sim.run(f);
            SimulationResult ser = sim.runSerial(f);
            for (int run = 0; run < 16; run++) {
                assertArrayEquals(ser.cumulativeReward(run), par.cumulativeReward(run));
                assertArrayEquals(ser.cumulativeRegret(run), par.cumulativeRegret(run));
                assertArrayEquals(ser.pulls(run), par.pulls(run));
            }
        }
    }

    @Test
    void seedsMatter() {
        BanditEnvironment env = new BernoulliArms(0.3, 0.5, 0.4);
        double[] a = new BanditSimulator(env, 100, 4, 1).run(ThompsonSampling.factory()).totalRewards();
        double[] b = new BanditSimulator(env, 100, 4, 1).run(ThompsonSampling.factory()).totalRewards();
        double[] c = new BanditSimulator(env, 100, 4, 2).run(ThompsonSampling.factory()).totalRewards();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void policiesMeetTheSameClicks() {
        // A policy that burns random numbers but shows the same arms earns the same clicks: the click
        // draws do not depend on the policy's generator.
        BanditSimulator sim = new BanditSimulator(new BernoulliArms(0.5, 0.5), 100, 3, 9);
        BanditPolicy.Factory burning = (arms, rng) -> new FirstArms(arms) {
            @Override
            public int[] select(int[] candidates, int nSelect) {
                rng.nextDouble();
                rng.nextGaussian();
                return super.select(candidates, nSelect);
            }
        };
        SimulationResult a = sim.run(FirstArms.factory());
        SimulationResult b = sim.run(burning);
        for (int run = 0; run < 3; run++) {
            assertArrayEquals(a.cumulativeReward(run), b.cumulativeReward(run));
        }
        assertTrue(a.totalRewards()[0] > 30 && a.totalRewards()[0] < 70, "Binomial(100, 0.5) clicks");
    }

    @Test
    void thompsonSamplingBeatsTheSeedsUcbOnTheSeedsScenario() {
        BanditSimulator sim = new BanditSimulator(ChapterBanditDemo.environment(42), 500, 40, 5);
        Interval ts = sim.run(ThompsonSampling.factory()).totalRewardInterval(0.95);
        Interval ucb = sim.run(Ucb.factory(2)).totalRewardInterval(0.95);
        assertTrue(ts.lower() > ucb.upper(), ts + " vs " + ucb);
    }

    @Test
    void rejectsZeroRoundsRunsAndBadSlates() {
        BanditEnvironment env = new BernoulliArms(0.1, 0.2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BanditSimulator(env, 0, 10, 1));
        assertEquals("rounds must be ≥ 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BanditSimulator(env, 10, 0, 1));
        assertEquals("runs must be ≥ 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BanditSimulator(env, 10, 1, 3, 1));
        assertEquals("nSelect must be in [1, 2] (the number of candidates), got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BanditSimulator(null, 10, 1, 1));
    }

    @Test
    void quantilesInterpolateBetweenRuns() {
        // Runs differ only in their clicks; with rates 0 and 1 every run is the same, so all quantiles agree.
        SimulationResult r = new BanditSimulator(new BernoulliArms(0, 1), 20, 5, 3).run(FirstArms.factory());
        assertArrayEquals(r.meanCumulativeRegret(), r.cumulativeRegretQuantile(0.1), 1e-12);
        assertEquals(20, r.cumulativeRegretQuantile(0.9)[19], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> r.cumulativeRegretQuantile(1.5));
    }

    @Test
    void betaDistributedArmsAreSeeded() {
        BernoulliArms a = BernoulliArms.betaDistributed(5, 2, 8, new SplittableRandom(1));
        BernoulliArms b = BernoulliArms.betaDistributed(5, 2, 8, new SplittableRandom(1));
        assertArrayEquals(a.rates(), b.rates());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BernoulliArms(0.5, 1.2));
        assertEquals("rates[1] must be in [0, 1], got 1.2", e.getMessage());
        assertEquals(2, new BernoulliArms(0.1, 0.3, 0.7).bestArm());
    }
}
