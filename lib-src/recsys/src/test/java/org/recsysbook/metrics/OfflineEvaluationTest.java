package org.recsysbook.metrics;

import org.junit.jupiter.api.Test;
import org.recsysbook.world.InteractionLog;
import org.recsysbook.world.World;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The split, the baselines, the harness and the sampled-metrics comparison on hand-built data. */
class OfflineEvaluationTest {
    private static final double EPS = 1e-12;

    /** User 0: train click 1, test clicks 2 and 1 (a re-click); user 1: train only; user 2: test click 4. */
    private static InteractionLog handLog() {
        InteractionLog log = new InteractionLog();
        log.add(0, 1, 1, true, 0);
        log.add(0, 3, 2, false, 1);
        log.add(1, 1, 1, true, 1);
        log.add(1, 0, 2, true, 2);
        log.add(0, 2, 1, true, 3);
        log.add(0, 1, 2, true, 4);
        log.add(0, 3, 3, false, 4);
        log.add(2, 4, 1, true, 5);
        return log;
    }

    @Test
    void temporalSplitByHand() {
        TemporalSplit s = TemporalSplit.atDay(handLog(), 3, 3, 5);
        assertEquals(3, s.firstTestDay());
        assertArrayEquals(new int[] {0, 2}, s.testUsers());
        assertArrayEquals(new int[] {2}, s.relevant(0).items());          // the re-click of item 1 is not new
        assertArrayEquals(new int[] {4}, s.relevant(2).items());
        assertTrue(s.relevant(1).isEmpty());
        assertArrayEquals(new int[] {1}, s.trainItems(0));
        assertArrayEquals(new int[] {0, 1}, s.trainItems(1));
        assertArrayEquals(new long[] {1, 2, 0, 0, 0}, s.trainClickCounts());
        assertEquals(4, s.trainRows());
        assertEquals(4, s.testRows());
        // 8 rows over days 0..5; a quarter in test is closest to cutting at day 4 (6 rows before it)
        assertEquals(4, TemporalSplit.byFraction(handLog(), 0.25, 3, 5).firstTestDay());
        assertThrows(IllegalArgumentException.class, () -> TemporalSplit.atDay(handLog(), 0, 3, 5));
        assertThrows(IllegalArgumentException.class, () -> TemporalSplit.atDay(handLog(), 3, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> TemporalSplit.atDay(handLog(), 3, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> TemporalSplit.byFraction(handLog(), 1.0, 3, 5));
    }

    @Test
    void baselines() {
        TemporalSplit s = TemporalSplit.atDay(handLog(), 3, 3, 5);
        Recommender pop = Baselines.popularity(s);
        assertArrayEquals(new int[] {0, 2, 3}, pop.recommend(0, 3));       // item 1 is user 0's, skipped
        assertArrayEquals(new int[] {1, 0, 2, 3, 4}, pop.recommend(2, 10)); // the whole catalog, ties by id
        Recommender rnd = Baselines.random(s, 7);
        int[] r = rnd.recommend(1, 3);
        assertEquals(3, r.length);
        assertArrayEquals(r, rnd.recommend(1, 3));
        for (int item : r) {
            assertTrue(item >= 2, Arrays.toString(r));                      // items 0 and 1 are user 1's
        }
        int[] all = rnd.recommend(1, 10);
        Arrays.sort(all);
        assertArrayEquals(new int[] {2, 3, 4}, all);
        // item vectors on a circle; user 0's history (item 1) points at 40°, nearest first: 2 (60°), 0 (0°)
        float[] v = new float[10];
        double[] angles = {0, 40, 60, 180, 270};
        for (int i = 0; i < 5; i++) {
            v[2 * i] = (float) Math.cos(Math.toRadians(angles[i]));
            v[2 * i + 1] = (float) Math.sin(Math.toRadians(angles[i]));
        }
        Recommender emb = Baselines.embedding(s, v, 2);
        assertArrayEquals(new int[] {2, 0, 4}, emb.recommend(0, 3));
        assertArrayEquals(pop.recommend(2, 2), emb.recommend(2, 2));     // no history: popularity
        assertThrows(IllegalArgumentException.class, () -> Baselines.embedding(s, new float[8], 2));
        assertThrows(IllegalArgumentException.class, () -> pop.recommend(3, 2));
        assertThrows(IllegalArgumentException.class, () -> pop.recommend(0, 0));
    }

    private static Map<String, Recommender> fixed() {
        Map<String, Recommender> recs = new LinkedHashMap<>();
        recs.put("good", (u, k) -> new int[][] {{1, 2}, {3, 0}, {2, 3}}[u]);
        recs.put("bad", (u, k) -> new int[] {0, 4});
        return recs;
    }

    @Test
    void harnessByHand() {
        // users 0, 1, 2 with relevant {1}, {0, 4}, {} ; k = 2
        RelevantItems[] rel = {RelevantItems.of(1), RelevantItems.of(0, 4), RelevantItems.none()};
        OfflineResult r = OfflineEvaluation.builder(new int[] {0, 1, 2}, rel).k(2)
                .metrics(HitRate.at(2), Precision.at(2), ReciprocalRank.full())
                .catalogSize(5).bootstrap(200, 1).build().evaluate(fixed());
        assertArrayEquals(new String[] {"HR@2", "P@2", "MRR", "coverage", "exposure Gini"}, r.metrics());
        // good: hits for users 0 and 1 -> HR 2/3, P (1/2 + 1/2 + 0)/3, MRR (1 + 1/2 + 0)/3
        assertEquals(2.0 / 3, r.value("good", "HR@2"), EPS);
        assertEquals(1.0 / 3, r.value("good", "P@2"), EPS);
        assertEquals(0.5, r.value("good", "MRR"), EPS);
        // bad: [0, 4] hits both of user 1's items only
        assertEquals(1.0 / 3, r.value("bad", "HR@2"), EPS);
        assertEquals(1.0 / 3, r.value("bad", "P@2"), EPS);
        assertEquals(1.0 / 3, r.value("bad", "MRR"), EPS);
        // good exposes items 0..3 (counts 1, 1, 2, 2), bad items 0 and 4 three times each
        assertEquals(0.8, r.value("good", "coverage"), EPS);
        assertEquals(0.4, r.value("bad", "coverage"), EPS);
        assertEquals(ExposureDistribution.gini(new long[] {1, 1, 2, 2, 0}), r.value("good", "exposure Gini"), EPS);
        assertEquals(0.6, r.value("bad", "exposure Gini"), EPS);   // [0,0,0,3,3]: (2·3 + 4·3) / (5·6)
        assertTrue(Double.isNaN(r.low("good", "coverage")));
        assertArrayEquals(new double[] {1, 1, 0}, r.perUser("good", "HR@2"), EPS);
        for (String rec : r.recommenders()) {
            for (String m : new String[] {"HR@2", "P@2", "MRR"}) {
                assertTrue(r.low(rec, m) <= r.value(rec, m) && r.value(rec, m) <= r.high(rec, m), rec + " " + m);
                assertTrue(r.low(rec, m) >= 0 && r.high(rec, m) <= 1);
            }
        }
        Table t = r.table();
        assertEquals(10, t.rowCount());
        assertEquals("good", t.stringColumn("recommender").get(0));
        assertTrue(r.summary().stringColumn("HR@2").get(0).startsWith("0.667 ["), r.summary().printAll());
        assertEquals("0.800", r.summary().stringColumn("coverage").get(0));
        assertTrue(r.chart("HR@2").asJavascript("c").contains("HR@2"));
        // fairness: items {0, 1} against {2, 3, 4}; users 0 and 2 against user 1
        Table f = Fairness.table(r, "HR@2", new int[] {0, 0, 1, 1, 1}, new String[] {"low ids", "high ids"},
                new int[] {0, 1, 0}, new String[] {"even", "odd"});
        double d2 = 1 / (Math.log(3) / Math.log(2));
        // good: [1, 2], [3, 0], [2, 3] -> low ids get 1 (item 1 at rank 1) + d2 (item 0 at rank 2) of 3 + 3 d2
        assertEquals((1 + d2) / (3 + 3 * d2), f.doubleColumn("low ids share of exposure").get(0), EPS);
        assertEquals(0.5, f.doubleColumn("HR@2 even").get(0), EPS);
        assertEquals(1.0, f.doubleColumn("HR@2 odd").get(0), EPS);
        assertEquals(0.5, f.doubleColumn("HR@2 gap").get(0), EPS);
        assertThrows(IllegalArgumentException.class, () -> Fairness.table(r, "HR@2", new int[] {0, 0, 1, 1, 1},
                new String[] {"a", "b"}, new int[] {0}, new String[] {"x"}));
        assertThrows(IllegalArgumentException.class, () -> r.perUser("good", "coverage"));
        assertThrows(IllegalArgumentException.class, () -> r.value("nobody", "HR@2"));
    }

    @Test
    void bootstrapIntervalMatchesTheNormalApproximation() {
        // 400 users, half with a hit: the mean is 0.5 with standard error sqrt(0.25 / 400) = 0.025,
        // so the 95% interval spans about ±1.96 · 0.025 = ±0.049
        int n = 400;
        int[] users = new int[n];
        RelevantItems[] rel = new RelevantItems[n];
        for (int u = 0; u < n; u++) {
            users[u] = u;
            rel[u] = RelevantItems.of(u % 2 == 0 ? 7 : 8);
        }
        Map<String, Recommender> recs = Map.of("seven", (u, k) -> new int[] {7});
        OfflineResult r = OfflineEvaluation.builder(users, rel).k(1).metrics(HitRate.at(1))
                .bootstrap(2000, 3).build().evaluate(recs);
        assertEquals(0.5, r.value("seven", "HR@1"), EPS);
        double halfWidth = (r.high("seven", "HR@1") - r.low("seven", "HR@1")) / 2;
        assertEquals(0.049, halfWidth, 0.006);
    }

    @Test
    void parallelRunEqualsSerialRun() {
        World world = World.builder().items(300).users(120).dim(8).categories(4).seed(3).build();
        InteractionLog log = HistoricalLog.simulate(world, world.clickModel(), 6, 8, 0.8, 0.5, 5);
        TemporalSplit split = TemporalSplit.atDay(log, 4, world.userCount(), world.itemCount());
        Map<String, Recommender> recs = new LinkedHashMap<>();
        recs.put("popularity", Baselines.popularity(split));
        recs.put("embedding", Baselines.embedding(split, world.itemVectors(), world.dim()));
        recs.put("random", Baselines.random(split, 9));
        OfflineEvaluation.Builder b = OfflineEvaluation.builder(split).k(5)
                .novelty(Novelty.fromCounts(split.trainClickCounts()))
                .diversity(world.itemVectors(), world.dim())
                .serendipity(recs.get("popularity"))
                .bootstrap(100, 17);
        Table serial = b.parallelism(1).build().evaluate(recs).table();
        Table parallel = b.parallelism(4).build().evaluate(recs).table();
        assertEquals(serial.rowCount(), parallel.rowCount());
        for (String col : new String[] {"value", "low", "high"}) {
            assertArrayEquals(serial.doubleColumn(col).asDoubleArray(), parallel.doubleColumn(col).asDoubleArray(),
                    0.0, col);
        }
        Table otherSeed = b.parallelism(2).bootstrap(100, 18).build().evaluate(recs).table();
        assertNotEquals(Arrays.toString(serial.doubleColumn("low").asDoubleArray()),
                Arrays.toString(otherSeed.doubleColumn("low").asDoubleArray()));
    }

    @Test
    void harnessBadInput() {
        RelevantItems[] rel = {RelevantItems.of(1)};
        OfflineEvaluation ev = OfflineEvaluation.builder(new int[] {0}, rel).k(2).catalogSize(5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ev.evaluate(Map.of("long", (u, k) -> new int[] {1, 2, 3})));
        assertTrue(e.getMessage().contains("holds 3 items; at most k = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ev.evaluate(Map.of("dup", (u, k) -> new int[] {2, 2})));
        assertTrue(e.getMessage().contains("item 2 twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ev.evaluate(Map.of("out", (u, k) -> new int[] {9})));
        assertTrue(e.getMessage().contains("item 9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ev.evaluate(Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> OfflineEvaluation.builder(new int[] {0, 1}, rel));
        assertThrows(IllegalArgumentException.class,
                () -> OfflineEvaluation.builder(new int[0], new RelevantItems[0]));
        assertThrows(IllegalArgumentException.class,
                () -> OfflineEvaluation.builder(new int[] {0}, rel).bootstrap(5, 1));
        assertThrows(IllegalArgumentException.class,
                () -> OfflineEvaluation.builder(new int[] {0}, rel).confidence(1.0));
        assertThrows(IllegalArgumentException.class,
                () -> OfflineEvaluation.builder(new int[] {0}, rel).k(0));
        assertThrows(IllegalArgumentException.class,
                () -> OfflineEvaluation.builder(new int[] {0}, rel).parallelism(0));
    }

    @Test
    void sampledMetricsByHand() {
        // user 0's only relevant test item is 2; the recommender ranks [3, 0, 2, 4] (item 1 is seen)
        TemporalSplit s = TemporalSplit.atDay(handLog(), 3, 3, 5);
        Map<String, Recommender> recs = Map.of("fixed", (u, k) -> new int[] {3, 0, 2, 4});
        // with more negatives than candidates, every non-relevant unseen item is a negative: 3, 0 and 4,
        // so the sampled rank equals the full rank, 3
        Table t = SampledMetrics.compare(recs, s, new int[] {0}, 50, 3, 1, 1);
        assertEquals(1.0, t.doubleColumn(2).get(0), EPS);
        assertEquals(1.0, t.doubleColumn(3).get(0), EPS);
        assertEquals(0.5, t.doubleColumn(2).get(1), EPS);                    // 1 / log2(3 + 1)
        // at k = 2 the full rank 3 misses; with one sampled negative the target ranks 1 or 2 and always hits
        Table one = SampledMetrics.compare(recs, s, new int[] {0}, 1, 2, 1, 1);
        assertEquals(0.0, one.doubleColumn(2).get(0), EPS);
        assertEquals(1.0, one.doubleColumn(3).get(0), EPS);
        // a recommender that leaves the target out gets no credit, however short its list
        Table missing = SampledMetrics.compare(Map.of("short", (u, k) -> new int[] {3}), s, new int[] {0}, 50, 3, 1, 1);
        assertEquals(0.0, missing.doubleColumn(2).get(0), EPS);
        assertEquals(0.0, missing.doubleColumn(3).get(0), EPS);
        // the sweep over 1 and 50 negatives, and the full catalog (user 2's target 4 among items 0, 2, 3)
        Map<String, Recommender> ordered = new LinkedHashMap<>();
        ordered.put("fixed", (u, k) -> new int[] {3, 0, 2, 4});
        Table sweep = SampledMetrics.sweep(ordered, s, new int[] {1, 50}, 3, 1);
        assertEquals(3, sweep.rowCount());
        assertArrayEquals(new int[] {1, 50, 4}, sweep.intColumn("negatives").asIntArray());
        // user 0: target 2 at full rank 3; user 2: target 4 behind 3, 0 and 2 -> full rank 4
        assertEquals(0.5, sweep.doubleColumn("HR@3").get(1), EPS);
        assertEquals(0.5, sweep.doubleColumn("HR@3").get(2), EPS);
        assertEquals(1.0, sweep.doubleColumn("HR@3").get(0), EPS);            // one negative: rank 1 or 2
        assertTrue(SampledMetrics.sweepChart(sweep, "HR@3").asJavascript("c").contains("log"));
        assertThrows(IllegalArgumentException.class, () -> SampledMetrics.sweepChart(sweep, "MAP"));
        assertThrows(IllegalArgumentException.class, () -> SampledMetrics.compare(recs, s, new int[] {1}, 5, 2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> SampledMetrics.compare(recs, s, new int[] {0}, 0, 2, 1, 1));
    }

    @Test
    void expectedClicksAgainstOffline() {
        // one user along +x; item 0 along +x (cos 1), item 1 along -x (cos -1); popularity 0, default weights:
        // attractiveness sigmoid(5 cos - 3), examination 1 at position 1 and 1/log2(3) at position 2
        World w = World.of(1, new float[] {1, -1}, new int[] {0, 0}, new String[] {"a"}, new double[] {0, 0},
                new double[] {0, 0}, new float[] {1});
        double a0 = 1 / (1 + Math.exp(-2));
        double a1 = 1 / (1 + Math.exp(8));
        double expected = a0 + a1 / (Math.log(3) / Math.log(2));
        assertEquals(expected, ExpectedClicks.perVisit(w.clickModel(), new int[] {0}, new int[][] {{0, 1}}), 1e-12);
        Map<String, Recommender> recs = new LinkedHashMap<>();
        recs.put("best first", (u, k) -> new int[] {0, 1});
        recs.put("worst first", (u, k) -> new int[] {1, 0});
        OfflineResult offline = OfflineEvaluation.builder(new int[] {0}, new RelevantItems[] {RelevantItems.of(1)})
                .k(2).metrics(ReciprocalRank.full()).bootstrap(10, 1).build().evaluate(recs);
        Table t = ExpectedClicks.versusOffline(offline, "MRR", w.clickModel());
        // offline, item 1 is the relevant one, so "worst first" wins; online, item 0 gets the clicks
        assertArrayEquals(new int[] {2, 1}, t.intColumn("offline rank").asIntArray());
        assertArrayEquals(new int[] {1, 2}, t.intColumn("online rank").asIntArray());
        assertEquals(expected, t.doubleColumn("expected clicks per visit").get(0), 1e-12);
        assertArrayEquals(new int[] {1, 3, 1, 4}, ExpectedClicks.ranks(new double[] {5, 2, 5, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> ExpectedClicks.perVisit(w.clickModel(), new int[] {0}, new int[0][]));
    }

    @Test
    void historicalLog() {
        World world = World.builder().items(200).users(300).dim(4).categories(2).seed(1).build();
        InteractionLog uniform = HistoricalLog.simulate(world, world.clickModel(), 10, 10, 1.0, 0.0, 4);
        assertEquals(300 * 10 * 10, uniform.size());
        // uniform exposure: 30 000 shows over 200 items, 150 each on average, sd about 12
        long[] shown = new long[200];
        for (int r = 0; r < uniform.size(); r++) {
            shown[uniform.item(r)]++;
        }
        long min = Arrays.stream(shown).min().getAsLong();
        long max = Arrays.stream(shown).max().getAsLong();
        assertTrue(min > 90 && max < 210, min + " .. " + max);
        InteractionLog again = HistoricalLog.simulate(world, world.clickModel(), 10, 10, 1.0, 0.0, 4);
        assertEquals(uniform.clicks(), again.clicks());
        assertThrows(IllegalArgumentException.class,
                () -> HistoricalLog.simulate(world, world.clickModel(), 1, 10, 1.0, 0.0, 4));
        assertThrows(IllegalArgumentException.class,
                () -> HistoricalLog.simulate(world, world.clickModel(), 5, 201, 1.0, 0.0, 4));
        assertThrows(IllegalArgumentException.class,
                () -> HistoricalLog.simulate(world, world.clickModel(), 5, 10, 0.0, 0.0, 4));
        assertThrows(IllegalArgumentException.class,
                () -> HistoricalLog.simulate(world, world.clickModel(), 5, 10, 1.0, 1.5, 4));
    }
}
