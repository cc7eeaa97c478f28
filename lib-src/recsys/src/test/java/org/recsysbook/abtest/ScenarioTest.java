package org.recsysbook.abtest;

import org.recsysbook.studies.AbTestCharts;

import org.recsysbook.studies.OfflineVsOnline;

import org.recsysbook.studies.MultipleMetricsStudy;

import org.recsysbook.studies.PeekingStudy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.World;

import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** The item-level arms, the offline-versus-online scenario, the studies and the charts. */
class ScenarioTest {
    static final OfflineVsOnline SCENARIO = OfflineVsOnline.standard(600, 3);

    @Test
    void rankingVariantShowsTheBestPooledItems() {
        World w = SCENARIO.world();
        ClickModel clicks = new ClickModel(w);
        // a scorer that prefers low item ids: with no exploration the slate is items 0 … 4 in order
        SlateVariant v = SlateVariant.ranking("ids", clicks, Behaviour.defaults(), 1, (u, i) -> -i, 8, 5, 0);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, v.slate(7, 0, new SplittableRandom(1)));
        // with exploration the slate stays inside the pool of the 8 best
        SlateVariant noisy = SlateVariant.ranking("ids", clicks, Behaviour.defaults(), 1, (u, i) -> -i, 8, 5, 1.0);
        for (int item : noisy.slate(7, 0, new SplittableRandom(2))) {
            assertTrue(item < 8, "item " + item);
        }
        assertMessage(() -> SlateVariant.ranking("x", clicks, Behaviour.defaults(), 1, (u, i) -> 0, 4, 5, 0), "poolSize = 4");
        assertMessage(() -> SlateVariant.ranking("x", clicks, Behaviour.defaults(), -1, (u, i) -> 0, 8, 5, 0), "matchExponent = -1.0");
        assertMessage(() -> SlateVariant.ranking("x", clicks, Behaviour.defaults(), 1, (u, i) -> 0, 8, 0, 0), "slateSize = 0");
    }

    @Test
    void aPipelineIsAnArm() {
        World w = SCENARIO.world();
        ClickModel clicks = new ClickModel(w);
        org.recsysbook.pipeline.Pipeline seed = org.recsysbook.pipeline.Pipeline.chapterDemo(w, 42);
        SlateVariant arm = SlateVariant.pipeline("seed pipeline", seed, clicks, Behaviour.defaults(), 1);
        int[] expected = seed.recommend(org.recsysbook.core.Request.forUser(w, 5)).ids();
        assertArrayEquals(expected, arm.slate(5, 0, new SplittableRandom(1)));
        ExperimentData d = ExperimentSimulator.of(200, 3).run(arm, SCENARIO.control());
        assertTrue(d.users(0) > 50 && d.coverage(0) > 0);
        assertMessage(() -> SlateVariant.pipeline("x", seed, new ClickModel(World.chapterDemo(1)), Behaviour.defaults(), 1),
                "clickModel.world() = " + new ClickModel(World.chapterDemo(1)).world());
    }

    @Test
    void itemLevelArmsFillEveryRowOfTheReport() {
        ExperimentData d = ExperimentSimulator.of(600, 5).run(SCENARIO.control(), SCENARIO.treatment());
        Table t = d.report(0.05);
        assertEquals(7, t.rowCount());
        assertEquals("descriptive", t.stringColumn("decision").get(6));
        assertTrue(d.coverage(0) > 0 && d.coverage(0) <= 1);
        double diversity = d.value(ExperimentMetric.DIVERSITY, 0);
        assertTrue(diversity >= 0.1 && diversity <= 1, "diversity " + diversity);
    }

    @Test
    void popularityHelpsOfflineAuc() {
        double[] auc = SCENARIO.offlineAuc(600, 5);
        assertTrue(auc[1] > auc[0], "treatment " + auc[1] + " vs control " + auc[0]);
        assertMessage(() -> SCENARIO.offlineAuc(0, 5), "users = 0");
        assertMessage(() -> SCENARIO.offlineAuc(601, 5), "users = 601");
    }

    @Test
    void correctionsOrderTheFamilyWiseRates() {
        MultipleMetricsStudy.Result r = MultipleMetricsStudy.run(ExperimentSimulator.of(800, 5),
                RateVariant.of("a", 0.05), 40, 0.05, 1);
        // Bonferroni's adjusted minimum is m·p(1), BH's is at most that and at least p(1)
        assertTrue(r.anyBonferroni() <= r.anyBh() && r.anyBh() <= r.anyRaw(), r.toString());
        assertEquals(5, r.perMetricRaw().length);
    }

    @Test
    void studiesDoNotDependOnTheThreads() {
        PeekingStudy s = new PeekingStudy(ExperimentSimulator.of(500, 4), 0.05, 0.01).withoutProgress();
        PeekingStudy.Result a = s.runAa(30, RateVariant.of("a", 0.05), 4);
        PeekingStudy.Result b = s.runAa(30, RateVariant.of("a", 0.05), 4);
        assertArrayEquals(a.finalPValues(), b.finalPValues(), 0);
        assertArrayEquals(a.peekingRateByDay(), b.peekingRateByDay(), 0);
    }

    @Test
    void chartsCarryTitlesAndAxisTitles() {
        PeekingStudy.Result r = new PeekingStudy(ExperimentSimulator.of(300, 3), 0.05, 0.01).withoutProgress()
                .runAa(10, RateVariant.of("a", 0.05), 1);
        for (Figure f : new Figure[] {AbTestCharts.peeking(r), AbTestCharts.pValues(r),
                AbTestCharts.sampleSizes(0.1, 0.05, 0.8, new double[] {0.01, 0.02})}) {
            String js = f.asJavascript("x");
            assertTrue(js.contains("title"), js);
        }
        assertTrue(AbTestCharts.peeking(r).asJavascript("x").contains("experiments declared significant (%)"));
        assertMessage(() -> AbTestCharts.peeking(null), "r = null");
    }
}
