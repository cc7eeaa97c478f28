package org.recsysbook.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.recsysbook.world.InteractionLog;
import org.recsysbook.world.World;

import tech.tablesaw.api.Table;

/** The recommenders and the pre-screen notebook 05 uses to show what offline metrics are for; and RMSE. */
class OfflineUsesTest {
    private static final World WORLD = World.builder().items(300).users(300).dim(16).seed(3).build();
    private static final TemporalSplit SPLIT;

    static {
        InteractionLog log = HistoricalLog.simulate(WORLD, WORLD.clickModel(), 14, 10, 0.5, 0.7, 5);
        SPLIT = TemporalSplit.atDay(log, 10, WORLD.userCount(), WORLD.itemCount());
    }

    @Test
    void offlineMetricsCatchTheSignBugAndTheLeak() {
        Map<String, Recommender> recs = new LinkedHashMap<>();
        recs.put("popularity", Baselines.popularity(SPLIT));
        recs.put("embedding", Baselines.embedding(SPLIT, WORLD.itemVectors(), WORLD.dim()));
        recs.put("random", Baselines.random(SPLIT, 1));
        recs.put("flipped", OfflineUses.signFlipped(SPLIT, WORLD.itemVectors(), WORLD.dim()));
        recs.put("leaky", OfflineUses.leakyEmbedding(SPLIT, WORLD.itemVectors(), WORLD.dim()));
        OfflineResult r = OfflineEvaluation.builder(SPLIT).k(10).metrics(Ndcg.at(10)).bootstrap(50, 1).progress(false)
                .build().evaluate(recs);
        assertTrue(r.value("flipped", "NDCG@10") < r.value("embedding", "NDCG@10"));
        assertTrue(r.value("leaky", "NDCG@10") > 2 * r.value("embedding", "NDCG@10"));
        // no list holds an item the user clicked in training
        for (String name : recs.keySet()) {
            int[][] lists = r.lists(name);
            int[] users = r.users();
            for (int q = 0; q < users.length; q++) {
                for (int item : lists[q]) {
                    assertTrue(java.util.Arrays.binarySearch(SPLIT.trainItems(users[q]), item) < 0, name);
                }
            }
        }
        Table screen = OfflineUses.preScreen(r, "popularity", "NDCG@10", 200, 7);
        assertEquals(4, screen.rowCount());
        for (int i = 0; i < screen.rowCount(); i++) {
            double low = screen.doubleColumn("low").get(i), high = screen.doubleColumn("high").get(i);
            assertTrue(low <= screen.doubleColumn("difference").get(i) && screen.doubleColumn("difference").get(i) <= high);
            String verdict = screen.stringColumn("verdict").get(i);
            assertEquals(high < 0 ? "discard" : low > 0 ? "A/B test: better offline" : "A/B test: no offline difference",
                    verdict);
        }
        assertEquals("discard", screen.where(screen.stringColumn("candidate").isEqualTo("flipped"))
                .stringColumn("verdict").get(0));
        // seeded: the same table twice
        assertEquals(screen.print(), OfflineUses.preScreen(r, "popularity", "NDCG@10", 200, 7).print());
    }

    @Test
    void theBlendRunsFromEmbeddingToPopularityAndTheSweepTimesIt() {
        Recommender pop = OfflineUses.blend(SPLIT, WORLD.itemVectors(), WORLD.dim(), 1.0);
        Recommender base = Baselines.popularity(SPLIT);
        long[] clicks = SPLIT.trainClickCounts();
        int user = SPLIT.testUsers()[0];
        int[] a = pop.recommend(user, 10), b = base.recommend(user, 10);
        for (int j = 0; j < 10; j++) {
            assertEquals(clicks[b[j]], clicks[a[j]], "the same popularity at every rank (ties may differ)");
        }
        Table sweep = OfflineUses.sweep(SPLIT, WORLD.itemVectors(), WORLD.dim(), new double[] {0, 0.5, 1}, 10);
        assertEquals(3, sweep.rowCount());
        assertTrue(sweep.doubleColumn("seconds").min() > 0);
        assertThrows(IllegalArgumentException.class, () -> OfflineUses.blend(SPLIT, WORLD.itemVectors(), WORLD.dim(), 1.5));
        assertThrows(IllegalArgumentException.class, () -> OfflineUses.signFlipped(SPLIT, new float[3], WORLD.dim()));
    }

    @Test
    void rmseIsTheRootOfTheMeanSquaredError() {
        assertEquals(Math.sqrt((0 + 4 + 1) / 3.0), Rmse.of(new double[] {1, 2, 3}, new double[] {1, 4, 2}), 1e-12);
        assertEquals(0, Rmse.of(new double[] {2.5}, new double[] {2.5}));
        assertThrows(IllegalArgumentException.class, () -> Rmse.of(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Rmse.of(new double[0], new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rmse.of(new double[] {Double.NaN}, new double[] {1}));
        assertTrue(e.getMessage().contains("predicted[0]"), e.getMessage());
    }
}
