package org.recsysbook.rerank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.UserContext;

class CategoryQuotaTest {
    /** Items 0…9 in categories i % 2: evens are category 0, odds category 1; item 9 alone in category 2. */
    private static final int[] CATEGORIES = {0, 1, 0, 1, 0, 1, 0, 1, 0, 2};
    static final Request ANYONE = new Request(0, new float[] {1}, UserContext.NONE, null);

    @Test
    void skipsItemsWhoseCategoryIsFull() {
        // Ranked: 0, 2, 4, 6 (category 0), 1 (1), 8 (0), 3 (1), 9 (2).
        ScoredItems ranked = new ScoredItems(new int[] {0, 2, 4, 6, 1, 8, 3, 9},
                new double[] {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2});
        ScoredItems out = new CategoryQuota(CATEGORIES, 3, 5).rerank(ANYONE, ranked);
        assertArrayEquals(new int[] {0, 2, 4, 1, 3}, out.ids());
        assertArrayEquals(new double[] {0.9, 0.8, 0.7, 0.5, 0.3}, out.scores());
    }

    @Test
    void mayReturnFewerThanNFinalWhenCategoriesRunOut() {
        ScoredItems ranked = new ScoredItems(new int[] {0, 2, 4, 1}, new double[] {4, 3, 2, 1});
        ScoredItems out = new CategoryQuota(CATEGORIES, 1, 10).rerank(ANYONE, ranked);
        assertArrayEquals(new int[] {0, 1}, out.ids());
        assertEquals(0, new CategoryQuota(CATEGORIES, 1, 10).rerank(ANYONE, ScoredItems.empty()).size());
    }

    @Test
    void backfillTopsAShortListUpWithTheBestSkippedItems() {
        // Quota 1: keeps 0 (cat 0) and 1 (cat 1); skipped 2, 4 (cat 0) are appended in ranked order.
        ScoredItems ranked = new ScoredItems(new int[] {0, 2, 4, 1}, new double[] {4, 3, 2, 1});
        ScoredItems out = new CategoryQuota(CATEGORIES, 1, 3).withBackfill().rerank(ANYONE, ranked);
        assertArrayEquals(new int[] {0, 1, 2}, out.ids());
        assertArrayEquals(new double[] {4, 1, 3}, out.scores());
        assertArrayEquals(new int[] {0, 1, 2, 4},
                new CategoryQuota(CATEGORIES, 1, 10).withBackfill().rerank(ANYONE, ranked).ids());
    }

    @Test
    void rejectsQuotaBelowOneKBelowOneAndUnknownItems() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CategoryQuota(CATEGORIES, 0, 10));
        assertEquals("maxPerCategory must be ≥ 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CategoryQuota(CATEGORIES, 3, 0));
        assertEquals("nFinal must be ≥ 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CategoryQuota(new int[] {0, -2}, 3, 1));
        assertEquals("itemCategory[1] must be ≥ 0, got -2", e.getMessage());
        CategoryQuota q = new CategoryQuota(CATEGORIES, 3, 10);
        e = assertThrows(IllegalArgumentException.class,
                () -> q.rerank(ANYONE, new ScoredItems(new int[] {1, 10}, new double[] {1, 0})));
        assertTrue(e.getMessage().contains("item 10, not in the catalog [0, 10)"), e.getMessage());
    }
}
