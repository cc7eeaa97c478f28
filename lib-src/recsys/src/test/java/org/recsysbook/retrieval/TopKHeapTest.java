package org.recsysbook.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopKHeapTest {

    @Test
    void keepsTheBestKBestFirstWithTiesToTheLowerId() {
        TopKHeap h = new TopKHeap(3);
        double[] scores = {0.1, 0.9, 0.5, 0.9, -2, 0.7, 0.5};
        for (int i = 0; i < scores.length; i++) {
            h.offer(i, scores[i]);
        }
        assertEquals(0.7, h.threshold());
        ScoredItems c = h.drain();
        assertArrayEquals(new int[] {1, 3, 5}, c.ids());
        assertArrayEquals(new double[] {0.9, 0.9, 0.7}, c.scores());
        assertEquals(0, h.size());
    }

    @Test
    void fewerOffersThanKGiveAllOfThem() {
        TopKHeap h = new TopKHeap(10);
        assertEquals(Double.NEGATIVE_INFINITY, h.threshold());
        h.offer(4, 1);
        h.offer(2, 3);
        assertArrayEquals(new int[] {2, 4}, h.drain().ids());
    }

    @Test
    void mergingSplitHeapsEqualsOneHeap() {
        TopKHeap left = new TopKHeap(2);
        TopKHeap right = new TopKHeap(2);
        left.offer(0, 0.5);
        left.offer(1, 0.8);
        left.offer(2, 0.2);
        right.offer(3, 0.8);
        right.offer(4, 0.6);
        TopKHeap all = new TopKHeap(2);
        all.offerAll(right);
        all.offerAll(left);
        assertArrayEquals(new int[] {1, 3}, all.drain().ids());
    }

    @Test
    void refusesKBelowOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TopKHeap(0));
        assertEquals("k must be >= 1, got 0", e.getMessage());
    }
}
