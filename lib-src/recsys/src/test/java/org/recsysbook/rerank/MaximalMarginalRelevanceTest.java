package org.recsysbook.rerank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.ScoredItems;

class MaximalMarginalRelevanceTest {
    /** Item 0 = (1, 0); item 1 = (0.96, 0.28), cosine 0.96 with item 0; item 2 = (0, 1), orthogonal to 0. */
    private static final float[] VECTORS = {1f, 0f, 0.96f, 0.28f, 0f, 1f};
    /** Relevance scaled to [0, 1]: item 0 → 1, item 1 → 0.8, item 2 → 0. */
    private static final ScoredItems RANKED = new ScoredItems(new int[] {0, 1, 2}, new double[] {1.0, 0.9, 0.5});

    @Test
    void lambdaOneKeepsTheRankedOrder() {
        ScoredItems out = new MaximalMarginalRelevance(VECTORS, 2, 1.0, 3).rerank(CategoryQuotaTest.ANYONE, RANKED);
        assertArrayEquals(new int[] {0, 1, 2}, out.ids());
        assertArrayEquals(new double[] {1.0, 0.9, 0.5}, out.scores());
    }

    @Test
    void lambdaHalfPrefersTheOrthogonalItem() {
        // After item 0: item 1 → 0.5·0.8 − 0.5·0.96 = −0.08; item 2 → 0.5·0 − 0.5·0 = 0.
        ScoredItems out = new MaximalMarginalRelevance(VECTORS, 2, 0.5, 3).rerank(CategoryQuotaTest.ANYONE, RANKED);
        assertArrayEquals(new int[] {0, 2, 1}, out.ids());
    }

    @Test
    void lambdaSevenTenthsStillPrefersRelevance() {
        // After item 0: item 1 → 0.7·0.8 − 0.3·0.96 = 0.272; item 2 → 0.
        ScoredItems out = new MaximalMarginalRelevance(VECTORS, 2, 0.7, 2).rerank(CategoryQuotaTest.ANYONE, RANKED);
        assertArrayEquals(new int[] {0, 1}, out.ids());
    }

    @Test
    void cosineIgnoresVectorLength() {
        float[] scaled = {3f, 0f, 0.96f, 0.28f, 0f, 5f};
        ScoredItems out = new MaximalMarginalRelevance(scaled, 2, 0.5, 3).rerank(CategoryQuotaTest.ANYONE, RANKED);
        assertArrayEquals(new int[] {0, 2, 1}, out.ids());
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaximalMarginalRelevance(new float[5], 2, 0.5, 3));
        assertEquals("vectors.length must be a positive multiple of dim=2, got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MaximalMarginalRelevance(new float[] {1, Float.NaN}, 2, 0.5, 3));
        assertTrue(e.getMessage().contains("vectors[1] (item 0) is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaximalMarginalRelevance(VECTORS, 2, 1.5, 3));
        assertEquals("lambda must be in [0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaximalMarginalRelevance(VECTORS, 2, Double.NaN, 3));
        assertEquals("lambda must be in [0, 1], got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaximalMarginalRelevance(VECTORS, 2, 0.5, 0));
        assertEquals("k must be ≥ 1, got 0", e.getMessage());
        MaximalMarginalRelevance mmr = new MaximalMarginalRelevance(VECTORS, 2, 0.5, 3);
        e = assertThrows(IllegalArgumentException.class,
                () -> mmr.rerank(CategoryQuotaTest.ANYONE, new ScoredItems(new int[] {3}, new double[] {1})));
        assertTrue(e.getMessage().contains("item 3, not in the catalog [0, 3)"), e.getMessage());
    }
}
