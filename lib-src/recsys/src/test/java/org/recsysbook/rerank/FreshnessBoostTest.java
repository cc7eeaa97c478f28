package org.recsysbook.rerank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.ScoredItems;

class FreshnessBoostTest {

    @Test
    void boostHalvesEveryHalfLifeAndReorders() {
        // Ages 0, 10, 20 days, w = 0.1, half-life 10 → bonuses 0.1, 0.05, 0.025.
        FreshnessBoost boost = new FreshnessBoost(new double[] {0, 10, 20}, 0.1, 10);
        assertEquals(0.05, boost.bonus(10), 1e-15);
        ScoredItems ranked = new ScoredItems(new int[] {2, 0, 1}, new double[] {0.3, 0.28, 0.2});
        ScoredItems out = boost.rerank(CategoryQuotaTest.ANYONE, ranked);
        assertArrayEquals(new int[] {0, 2, 1}, out.ids());
        assertArrayEquals(new double[] {0.38, 0.325, 0.25}, out.scores(), 1e-12);
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FreshnessBoost(new double[] {1}, 0.1, 0));
        assertEquals("halfLifeDays must be a finite number > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FreshnessBoost(new double[] {1}, Double.NaN, 1));
        assertEquals("weight must be a finite number ≥ 0, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FreshnessBoost(new double[] {1, Double.NaN}, 0.1, 1));
        assertEquals("ageDays[1] must be a finite number ≥ 0, got NaN", e.getMessage());
        FreshnessBoost boost = new FreshnessBoost(new double[] {1}, 0.1, 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> boost.rerank(CategoryQuotaTest.ANYONE, new ScoredItems(new int[] {1}, new double[] {1})));
        assertTrue(e.getMessage().contains("item 1, not in the catalog [0, 1)"), e.getMessage());
    }
}
