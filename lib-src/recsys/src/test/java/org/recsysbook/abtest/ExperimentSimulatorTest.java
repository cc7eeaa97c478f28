package org.recsysbook.abtest;

import org.recsysbook.studies.PeekingStudy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ExperimentSimulatorTest {
    static final RateVariant CONTROL = RateVariant.of("control", 0.05);

    @Test
    void everyUserArrivesOnceAndTheSplitHolds() {
        ExperimentData d = ExperimentSimulator.of(4000, 7).run(CONTROL, CONTROL.withName("b"));
        assertEquals(4000, d.users(0) + d.users(1));
        assertFalse(d.sampleRatioMismatch().mismatch());
        // usersThrough grows to the total; with arrivals over 7 days about 1/7 have arrived after day 0
        assertEquals(d.users(0), d.usersThrough(0, 6));
        assertEquals(4000.0 / 7, d.usersThrough(0, 0) + d.usersThrough(1, 0), 100);
        ExperimentData again = ExperimentSimulator.of(4000, 7).run(CONTROL, CONTROL.withName("b"));
        assertEquals(d.value(ExperimentMetric.REVENUE_PER_USER, 1), again.value(ExperimentMetric.REVENUE_PER_USER, 1), 0,
                "one seed, one log");
    }

    @Test
    void aRealLiftIsEstimatedWithinItsInterval() {
        ExperimentData d = ExperimentSimulator.of(20_000, 7).withSeed(5)
                .run(CONTROL, CONTROL.withName("treatment").withLift(0.25));
        Comparison ctr = d.compare(ExperimentMetric.CTR, 0.05);
        assertTrue(ctr.liftCi().contains(0.25), ctr.toString());
        assertTrue(ctr.significant(), ctr.toString());
        assertEquals("treatment wins", ctr.decision());
    }

    @Test
    void trackingLossCausesASampleRatioMismatch() {
        ExperimentData d = ExperimentSimulator.of(20_000, 7).withTrackingLoss(1, 0.3).run(CONTROL, CONTROL.withName("b"));
        assertTrue(d.lostUsers(1) > 1000, "lost " + d.lostUsers(1));
        assertEquals(0, d.lostUsers(0));
        assertTrue(d.sampleRatioMismatch().mismatch(), d.sampleRatioMismatch().toString());
        // the lost users are the unengaged ones, so the damaged arm looks better than it is
        assertTrue(d.value(ExperimentMetric.CTR, 1) > d.value(ExperimentMetric.CTR, 0));
    }

    @Test
    void cupedNeedsAndUsesThePrePeriod() {
        ExperimentData d = ExperimentSimulator.of(6000, 7).withPreDays(14).run(CONTROL, CONTROL.withName("b"));
        double[] y = d.values(ExperimentMetric.SESSION_DURATION, 0);
        double[] x = d.preExperimentValues(ExperimentMetric.SESSION_DURATION, 0);
        assertEquals(y.length, x.length);
        assertTrue(Cuped.varianceReduction(y, x) > 0.02, "keen users stay keen");
        Comparison plain = d.compare(ExperimentMetric.SESSION_DURATION, 0.05);
        Comparison cuped = d.compareCuped(ExperimentMetric.SESSION_DURATION, 0.05);
        assertTrue(cuped.differenceCi().width() < plain.differenceCi().width());
    }

    @Test
    void reportHasOneRowPerMetricWithAdjustedPValues() {
        ExperimentData d = ExperimentSimulator.of(3000, 5).run(CONTROL, CONTROL.withName("treatment").withLift(0.1));
        Table t = d.report(0.05);
        assertEquals(5, t.rowCount(), "no diversity or coverage without items");
        assertEquals("CTR", t.stringColumn("metric").get(0));
        for (int r = 0; r < t.rowCount(); r++) {
            assertTrue(t.doubleColumn("p_bh").get(r) >= t.doubleColumn("p_value").get(r) - 1e-15);
            assertTrue(t.doubleColumn("ci_low").get(r) <= t.doubleColumn("difference").get(r));
        }
    }

    @Test
    void noveltyShowsAsAFadingDailyLift() {
        RateVariant treatment = CONTROL.withName("treatment").withNovelty(new NoveltyEffect(0.6, 1.5));
        ExperimentData d = ExperimentSimulator.of(20_000, 10).withArrivalDays(1).run(CONTROL, treatment);
        double[] lift = d.dailyCtrLift();
        assertTrue(lift[0] > 0.4 && lift[0] < 0.8, "day 0 lift " + lift[0]);
        assertTrue(lift[9] < 0.2, "day 9 lift " + lift[9]);
    }

    @Test
    void peekingRejectsAtLeastAsOftenAsTheFixedHorizon() {
        PeekingStudy.Result r = new PeekingStudy(ExperimentSimulator.of(1000, 7), 0.05, 0.01).withoutProgress()
                .runAa(60, CONTROL, 9);
        assertTrue(r.peekingRate() >= r.fixedHorizonRate());
        for (int d = 1; d < 7; d++) {
            assertTrue(r.peekingRateByDay()[d] >= r.peekingRateByDay()[d - 1]);
        }
        assertEquals(60, r.finalPValues().length);
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> ExperimentSimulator.of(0, 7), "users = 0");
        assertMessage(() -> ExperimentSimulator.of(10, 0), "days = 0");
        assertMessage(() -> ExperimentSimulator.of(10, 7).withArrivalDays(8), "arrivalDays = 8");
        assertMessage(() -> ExperimentSimulator.of(10, 7).withPreDays(-1), "preDays = -1");
        assertMessage(() -> ExperimentSimulator.of(10, 7).withTrackingLoss(2, 0.1), "arm = 2");
        assertMessage(() -> ExperimentSimulator.of(10, 7).withTrackingLoss(1, 1.1), "probability = 1.1");
        assertMessage(() -> ExperimentSimulator.of(10, 7).run(CONTROL), "variants.length = 1");
        assertMessage(() -> ExperimentSimulator.of(10, 7).withSplit("s", 1, 0), "shares[1] = 0.0");
        ExperimentData d = ExperimentSimulator.of(100, 3).run(CONTROL, CONTROL.withName("b"));
        assertMessage(() -> d.compare(ExperimentMetric.CTR, 0, 2, 0.05), "arm = 2");
        assertMessage(() -> d.lookAtConversion(3, 0.05), "day = 3");
        assertMessage(() -> d.compareCuped(ExperimentMetric.COVERAGE, 0.05), "metric = COVERAGE");
        assertMessage(() -> d.values(ExperimentMetric.DIVERSITY, 0), "metric = DIVERSITY");
        assertMessage(() -> d.compareCuped(ExperimentMetric.REVENUE_PER_USER, 0.05), "preDays = 0");
        assertMessage(() -> d.preExperimentValues(ExperimentMetric.REVENUE_PER_USER, 0), "preDays = 0");
        assertMessage(() -> new PeekingStudy(ExperimentSimulator.of(10, 3), 0.05, 0), "tau = 0.0");
    }
}
