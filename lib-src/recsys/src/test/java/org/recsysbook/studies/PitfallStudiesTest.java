package org.recsysbook.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.recsysbook.abtest.Winsorizer;

/** The A/B-testing pitfalls measured by simulation: each study shows its effect and its cure, and is reproducible. */
class PitfallStudiesTest {

    @Test
    void sharedSupplyMakesTheUserLevelTestOverstateTheLaunch() {
        InterferenceStudy.Result r = new InterferenceStudy(20, 400, 0.10, 0.20, 0.7, 1.5).run(60, 1);
        // the launch is held back by supply; the user-level split lets treatment take control's supply
        assertTrue(r.launchLift() > 0.03 && r.launchLift() < 0.16, r.toString());
        assertTrue(r.userSplitLift() > r.launchLift() + 0.05, r.toString());
        assertTrue(Math.abs(r.marketSplitLift() - r.launchLift()) < 0.04, r.toString());
        assertTrue(r.marketSplitCoverage() > r.userSplitCoverage(), r.toString());
        assertEquals(r, new InterferenceStudy(20, 400, 0.10, 0.20, 0.7, 1.5).run(60, 1), "same seed, same result");
    }

    @Test
    void withPlentifulSupplyThereIsNoInterference() {
        // supply never binds: every design measures the 20 % lift of intent (each mean over 60 replications has a
        // standard error of about 0.01)
        InterferenceStudy.Result r = new InterferenceStudy(20, 400, 0.10, 0.20, 3, 4).run(60, 2);
        assertEquals(0.20, r.launchLift(), 0.035, r.toString());
        assertEquals(0.20, r.userSplitLift(), 0.035, r.toString());
        assertEquals(0.20, r.marketSplitLift(), 0.045, r.toString());
        assertEquals(r.launchLift(), r.userSplitLift(), 0.045, r.toString());
    }

    @Test
    void aSharedLogShrinksTheDifferenceOfExploration() {
        SharedLogStudy.Result r = new SharedLogStudy(20, 2000, 14, 0.1, 0.01, 0.09).run(80, 3);
        assertTrue(r.sharedLogLift() < r.separateLogsLift() - 0.05, r.toString());
        assertTrue(r.controlCtrShared() > r.controlCtrSeparate(), r.toString());
        assertTrue(r.launchLift() > 0, r.toString());
    }

    @Test
    void simpsonsParadoxAndItsStratifiedCure() {
        SimpsonStudy study = new SimpsonStudy(new String[] {"busy week", "quiet week"}, new int[] {50_000, 50_000},
                new double[] {0.10, 0.04}, new double[] {0.10, 0.10}, new double[] {0.1, 0.5});
        assertEquals(0.10, study.trueLift(), 1e-12);
        SimpsonStudy.Result r = study.run(20, 4);
        assertTrue(r.pooledLift() < -0.15, r.toString());
        assertEquals(0.10, r.stratifiedLift(), 0.03, r.toString());
        assertEquals(1.0, r.pooledControlWins(), r.toString());
        SimpsonStudy.Run one = study.once(new SplittableRandom(4));
        for (int s = 0; s < 2; s++) {
            assertTrue(one.bySegment()[s].difference() > 0, one.toString());
        }
        assertTrue(one.pooled().difference() < 0 && one.stratified().difference() > 0, one.toString());
        // equal shares in every segment: pooled and stratified agree
        SimpsonStudy balanced = new SimpsonStudy(new String[] {"busy week", "quiet week"}, new int[] {50_000, 50_000},
                new double[] {0.10, 0.04}, new double[] {0.10, 0.10}, new double[] {0.5, 0.5});
        SimpsonStudy.Result b = balanced.run(20, 4);
        assertEquals(b.stratifiedLift(), b.pooledLift(), 0.01, b.toString());
    }

    @Test
    void winsorisingBuysPowerAndCostsTheEstimand() {
        HeavyTailStudy.Result buyers = new HeavyTailStudy(20_000, 0.05, 30, 1.5, 0.2, 0, 0.99).run(60, 0.05, 5);
        HeavyTailStudy.Result baskets = new HeavyTailStudy(20_000, 0.05, 30, 1.5, 0, 0.2, 0.99).run(60, 0.05, 5);
        assertEquals(0.05 * 0.2 * 30, buyers.trueDifference(), 1e-12);
        assertTrue(buyers.winsorisedPower() > buyers.rawPower() + 0.2, buyers.toString());
        assertTrue(buyers.varianceRatio() < 0.1, buyers.toString());
        // more buyers: the capped lift stays near the true one; bigger baskets: the cap cuts much of it away
        assertEquals(0.2, buyers.winsorisedLift(), 0.05, buyers.toString());
        assertTrue(baskets.winsorisedLift() < 0.7 * baskets.trueLift(), baskets.toString());
        assertTrue(buyers.winsorisedBias() < -0.2, buyers.toString());
        assertTrue(buyers.winsorisedUsersFor80() < buyers.rawUsersFor80(), buyers.toString());
    }

    @Test
    void theStudysCapIsTheWinsorizersCap() {
        HeavyTailStudy s = new HeavyTailStudy(1000, 0.05, 30, 1.5, 0.2, 0, 0.99);
        double[] c = s.revenue(1000, 0.05, 30, new SplittableRandom(9));
        double[] t = s.revenue(1000, 0.06, 30, new SplittableRandom(10));
        double cap = Winsorizer.cap(c, t, 0.99);
        int above = 0;
        for (double v : c) {
            above += v > cap ? 1 : 0;
        }
        for (double v : t) {
            above += v > cap ? 1 : 0;
        }
        assertTrue(above <= 20 && above >= 10, "about 1 % of 2000 users above the 99th percentile: " + above);
    }

    @Test
    void theHoldoutSeesWhatTwoWeeksCannot() {
        LongTermHoldoutStudy study = new LongTermHoldoutStudy(3, 0.01, new org.recsysbook.abtest.NoveltyEffect(0.08, 7),
                -0.004);
        assertEquals(0.09, study.lift(1), 1e-12);
        assertEquals(0.01 + 0.04 - 0.004, study.lift(2), 1e-12);
        LongTermHoldoutStudy.Result r = study.run(100_000, 0.05, 12, 6);
        assertEquals((0.09 + 0.046) / 2, r.trueTwoWeekLift(), 1e-12);
        assertEquals(r.trueTwoWeekLift(), r.abTestLift(), 2 * r.abTestHalfWidth() / 1.96 * 1.5 + 0.005, r.toString());
        assertTrue(r.abTestLift() - r.abTestHalfWidth() > 0, "the A/B test says ship: " + r);
        assertTrue(r.lastWeekLift() + r.holdoutHalfWidth()[11] < 0, "the holdout sees the loss: " + r);
        assertTrue(r.firstWeekSignificantlyNegative() > 2, r.toString());
        // no novelty and no drift: the holdout measures the lasting lift in every week
        LongTermHoldoutStudy.Result flat = new LongTermHoldoutStudy(3, 0.05, org.recsysbook.abtest.NoveltyEffect.NONE, 0)
                .run(100_000, 0.2, 4, 7);
        for (int w = 0; w < 4; w++) {
            assertEquals(0.05, flat.holdoutLift()[w], 0.02, flat.toString());
        }
    }

    @Test
    void chartsHaveTheirBars() {
        assertNotNull(AbTestCharts.holdout(new LongTermHoldoutStudy(3, 0.01, org.recsysbook.abtest.NoveltyEffect.NONE,
                0).run(200, 0.5, 2, 1)));
        assertNotNull(AbTestCharts.interference(new InterferenceStudy(4, 50, 0.1, 0.2, 0.7, 1.5).run(2, 1)));
        assertNotNull(AbTestCharts.sharedLog(new SharedLogStudy(3, 10, 2, 0.5, 0.01, 0.09).run(2, 1)));
        SimpsonStudy s = new SimpsonStudy(new String[] {"a"}, new int[] {100}, new double[] {0.5}, new double[] {0},
                new double[] {0.5});
        assertNotNull(AbTestCharts.simpson(s.once(new SplittableRandom(1))));
        assertNotNull(AbTestCharts.heavyTail(List.of("more buyers"),
                List.of(new HeavyTailStudy(200, 0.05, 30, 1.5, 0.2, 0, 0.99).run(2, 0.05, 1))));
        assertThrows(IllegalArgumentException.class, () -> AbTestCharts.heavyTail(List.of("a", "b"), List.of()));
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> new InterferenceStudy(5, 400, 0.1, 0.2, 0.7, 1.5), "markets must be an even number ≥ 4, got 5");
        assertMessage(() -> new InterferenceStudy(20, 400, 0.9, 0.2, 0.7, 1.5),
                "intentLift must be > −1 with bookingIntent · (1 + intentLift) ≤ 1, got 0.2");
        assertMessage(() -> new InterferenceStudy(20, 400, 0.1, 0.2, 1.5, 0.7),
                "maxSupplyRatio must be finite and ≥ minSupplyRatio (1.5), got 0.7");
        assertMessage(() -> new SharedLogStudy(20, 2000, 14, 0, 0.01, 0.09), "epsilon must be in (0, 1], got 0.0");
        assertMessage(() -> new SharedLogStudy(20, 2000, 14, 0.1, 0.09, 0.01),
                "maxCtr must be in (minCtr, 1] with minCtr = 0.09, got 0.01");
        assertMessage(() -> new SimpsonStudy(new String[] {"a"}, new int[] {100}, new double[] {0.5},
                new double[] {1.5}, new double[] {0.5}), "lift[0] must be such that rate[0] · (1 + lift) is in [0, 1], got 1.5");
        assertMessage(() -> new HeavyTailStudy(1000, 0.05, 30, 1.5, 0, 0, 0.99),
                "conversionLift and orderLift must be not both 0 (the study measures an effect), got 0.0");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
