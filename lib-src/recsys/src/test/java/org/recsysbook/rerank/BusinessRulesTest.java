package org.recsysbook.rerank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;

class BusinessRulesTest {
    private static final Request SAW_3 = CategoryQuotaTest.ANYONE.withSeen(3);
    private static final ScoredItems RANKED = new ScoredItems(new int[] {5, 3, 1, 7}, new double[] {4, 3, 2, 1});

    @Test
    void dropsSeenAndBlockedItemsKeepingOrder() {
        ScoredItems out = BusinessRules.dropSeenAndBlocked(10, 5).rerank(SAW_3, RANKED);
        assertArrayEquals(new int[] {1, 7}, out.ids());
        assertArrayEquals(new double[] {2, 1}, out.scores());
        assertArrayEquals(new int[] {3, 1, 7}, new BusinessRules(10, false, 5).rerank(SAW_3, RANKED).ids());
    }

    @Test
    void reRankersComposeInOrder() {
        // Items 0…9 in categories i % 2; after the rules drop 5 and 3, the quota of 1 per category keeps 1 only.
        int[] cats = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        ReRanker chain = BusinessRules.dropSeenAndBlocked(10, 5).then(new CategoryQuota(cats, 1, 10));
        assertArrayEquals(new int[] {1}, chain.rerank(SAW_3, RANKED).ids());
        ReRanker same = ReRanker.chain(List.of(BusinessRules.dropSeenAndBlocked(10, 5), new CategoryQuota(cats, 1, 10)));
        assertArrayEquals(new int[] {1}, same.rerank(SAW_3, RANKED).ids());
        assertArrayEquals(new int[] {5, 3}, ReRanker.truncate(2).rerank(SAW_3, RANKED).ids());
        assertEquals(RANKED, ReRanker.chain(List.of()).rerank(SAW_3, RANKED));
    }

    @Test
    void rejectsUnknownItems() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusinessRules.dropSeenAndBlocked(10, 10));
        assertEquals("blockedItems holds 10; item ids must be in [0, 10)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BusinessRules.dropSeenAndBlocked(4).rerank(SAW_3, RANKED));
        assertTrue(e.getMessage().contains("item 5, not in the catalog [0, 4)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReRanker.truncate(0));
        assertEquals("k must be ≥ 1, got 0", e.getMessage());
    }
}
