package org.recsysbook.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class ScoredItemsTest {
    /** Four items in categories a, b, b, a with popularity 0.2, 1.0, 0.5, 0.9. */
    private static final Catalog TINY = new Catalog() {
        @Override
        public String categoryName(int item) {
            return item == 1 || item == 2 ? "b" : "a";
        }

        @Override
        public double popularity(int item) {
            return new double[] {0.2, 1.0, 0.5, 0.9}[item];
        }

        @Override
        public float[] userVector(int user) {
            return new float[] {2, 0};
        }
    };


    @Test
    void copiesItsArrays() {
        int[] ids = {4, 2};
        double[] scores = {0.5, 0.25};
        ScoredItems s = new ScoredItems(ids, scores);
        ids[0] = 99;
        scores[0] = 99;
        assertEquals(4, s.id(0));
        assertEquals(0.5, s.score(0));
        s.ids()[1] = 77;
        assertEquals(2, s.id(1));
    }

    @Test
    void bestOrdersByScoreAndHeadCuts() {
        ScoredItems s = new ScoredItems(new int[] {10, 11, 12, 13}, new double[] {0.1, 0.4, 0.3, 0.2});
        ScoredItems best = s.best(2);
        assertArrayEquals(new int[] {11, 12}, best.ids());
        assertArrayEquals(new double[] {0.4, 0.3}, best.scores());
        assertArrayEquals(new int[] {10, 11}, s.head(2).ids());
        assertEquals(4, s.head(10).size());
        assertEquals(2, s.indexOf(12));
        assertEquals(-1, s.indexOf(5));
    }

    @Test
    void rejectsMismatchedLengthsNegativeIdsAndNaN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScoredItems(new int[] {1, 2}, new double[] {0.5}));
        assertTrue(e.getMessage().contains("ids.length=2 and scores.length=1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ScoredItems(new int[] {-3}, new double[] {0.5}));
        assertTrue(e.getMessage().contains("ids[0] is -3; item ids must be ≥ 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ScoredItems(new int[] {1}, new double[] {Double.NaN}));
        assertTrue(e.getMessage().contains("scores[0] is NaN"), e.getMessage());
    }

    @Test
    void bestBreaksTiesByTheEarlierPositionAndKeepsAnEmptyListEmpty() {
        // Positions 0..4 hold ids 30, 10, 20, 40, 50 with scores 0.5, 0.9, 0.5, 0.9, 0.1:
        // the two 0.9s keep their order (10 before 40), then the two 0.5s (30 before 20).
        ScoredItems s = new ScoredItems(new int[] {30, 10, 20, 40, 50}, new double[] {0.5, 0.9, 0.5, 0.9, 0.1});
        assertArrayEquals(new int[] {10, 40, 30, 20}, s.best(4).ids());
        assertArrayEquals(new double[] {0.9, 0.9, 0.5, 0.5}, s.best(4).scores());
        assertEquals(5, s.best(99).size());
        assertEquals(0, ScoredItems.empty().best(3).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.best(0));
        assertEquals("n must be ≥ 1, got 0", e.getMessage());
    }

    @Test
    void tableHoldsRankItemScoreCategoryAndPopularity() {
        Table t = new ScoredItems(new int[] {3, 1}, new double[] {0.75, 0.25}).toTable(TINY);
        assertEquals(2, t.rowCount());
        assertEquals(1, t.intColumn("rank").getInt(0));
        assertEquals(2, t.intColumn("rank").getInt(1));
        assertEquals(3, t.intColumn("item").getInt(0));
        assertEquals(0.25, t.doubleColumn("score").getDouble(1));
        assertEquals("a", t.stringColumn("category").get(0));
        assertEquals("b", t.stringColumn("category").get(1));
        assertEquals(0.9, t.doubleColumn("popularity").getDouble(0));
        assertEquals(1.0, t.doubleColumn("popularity").getDouble(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoredItems.empty().toTable(null));
        assertEquals("world must not be null", e.getMessage());
    }
}
