package org.recsysbook.retrieval;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.World;

import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnTradeoffTest {

    @Test
    void measuresEveryCatalogAndBreadth() {
        AnnTradeoff t = AnnTradeoff.run(new int[] {1500, 3000}, 16, 10, new int[] {10, 60}, 15, 8, 40, 1);
        assertEquals(2, t.catalogs().size());
        assertEquals(4, t.points().size());
        for (AnnTradeoff.Point p : t.points()) {
            assertTrue(p.recall() >= 0 && p.recall() <= 1, "recall " + p.recall());
            assertTrue(p.medianMs() > 0 && p.p99Ms() >= p.medianMs());
            assertTrue(p.visited() >= 10, "visited " + p.visited());
        }
        assertTrue(t.recall(3000, 60) >= 0.9, "recall@10 at breadth 60: " + t.recall(3000, 60));
        assertEquals(4L * 3000 * 16, t.catalog(3000).vectorBytes());
        assertTrue(t.catalog(3000).graphBytes() > t.catalog(1500).graphBytes());
        assertEquals(2, t.catalogTable().rowCount());
        assertEquals(4, t.sweepTable().rowCount());
        assertEquals(2, t.recalls(1500).length);
        assertNotNull(t.recallChart());
        assertNotNull(t.latencyChart());
        assertNotNull(t.buildChart());
        assertNotNull(t.memoryChart());
        var e = assertThrows(IllegalArgumentException.class, () -> t.catalog(2000));
        assertTrue(e.getMessage().contains("2000") && e.getMessage().contains("[1500, 3000]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.recall(1500, 20));
    }

    @Test
    void refusesBadSettings() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> AnnTradeoff.run(new int[] {1000}, 8, 10, new int[] {5}, 10, 8, 40, 1));
        assertEquals("every breadth must be >= k=10, got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AnnTradeoff.run(new int[] {50}, 8, 10, new int[] {100}, 10, 8, 40, 1));
        assertEquals("every catalog size must be >= the largest breadth 100, got 50", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AnnTradeoff.run(new int[] {1000}, 8, 10, new int[] {10}, 0, 8, 40, 1));
        assertEquals("queries must be in [1, 100000], got 0", e.getMessage());
    }

    @Test
    void scanSpeedHasOneRowPerVariant() {
        World w = World.builder().items(5000).dim(8).users(5).seed(2).build();
        Table t = AnnTradeoff.scanSpeed(w, 5, 10);
        assertEquals(3, t.rowCount());
        assertEquals("scalar", t.stringColumn("kernel").get(0));
        assertThrows(IllegalArgumentException.class, () -> AnnTradeoff.scanSpeed(w, 6, 10));
    }

    @Test
    void expectedClicksAddTheTrueClickProbabilities() {
        World w = RetrieversTest.tiny();
        CandidateGenerator fixed = (q, k) -> new ScoredItems(new int[] {2, 0}, new double[2]);
        Table t = SourceComparison.expectedClicks(w, List.of(fixed), 1, 2);
        // user (2, 0): item 2 has cos 0.6 and popularity 0.5, item 0 cos 1 and popularity 0.2
        double a2 = 1 / (1 + Math.exp(-(5 * 0.6 + 0.5 - 3)));
        double a0 = 1 / (1 + Math.exp(-(5 * 1.0 + 0.2 - 3)));
        assertEquals(a2 + ClickModel.examination(2) * a0, t.doubleColumn(1).get(0), 1e-6);
        assertEquals((0.5 + 0.2) / 2, t.doubleColumn(2).get(0), 1e-12);
        assertNotNull(SourceComparison.chart(t));
        assertThrows(IllegalArgumentException.class, () -> SourceComparison.expectedClicks(w, List.of(fixed), 2, 2));
    }
}
