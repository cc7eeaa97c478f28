package org.recsysbook.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void picksTheLargestBestFirst() {
        double[] s = {0.3, 0.9, 0.1, 0.7, 0.5};
        assertArrayEquals(new int[] {1, 3, 4}, TopK.indices(s, 3));
    }

    @Test
    void kAboveLengthReturnsEverythingSorted() {
        double[] s = {0.3, 0.9, 0.1};
        assertArrayEquals(new int[] {1, 0, 2}, TopK.indices(s, 10));
    }

    @Test
    void tiesGoToTheLowerIndex() {
        double[] s = {1, 2, 2, 1, 2};
        assertArrayEquals(new int[] {1, 2, 4, 0}, TopK.indices(s, 4));
    }

    @Test
    void agreesWithAFullSortOnRandomData() {
        SplittableRandom r = new SplittableRandom(7);
        double[] s = new double[500];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextDouble();
        }
        double[] sorted = s.clone();
        Arrays.sort(sorted);
        int[] top = TopK.indices(s, 20);
        for (int i = 0; i < 20; i++) {
            assertTrue(s[top[i]] == sorted[sorted.length - 1 - i]);
        }
    }

    @Test
    void rejectsKBelowOneAndNaN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopK.indices(new double[] {1}, 0));
        assertTrue(e.getMessage().contains("k must be ≥ 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TopK.indices(new double[] {1, Double.NaN}, 1));
        assertTrue(e.getMessage().equals("scores[1] must be a number, got NaN"), e.getMessage());
    }


    @Test
    void keepsTheBestKBestFirstWithTiesToTheLowerId() {
        TopK h = new TopK(3);
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
        TopK h = new TopK(10);
        assertEquals(Double.NEGATIVE_INFINITY, h.threshold());
        h.offer(4, 1);
        h.offer(2, 3);
        assertArrayEquals(new int[] {2, 4}, h.drain().ids());
    }

    @Test
    void mergingSplitHeapsEqualsOneHeap() {
        TopK left = new TopK(2);
        TopK right = new TopK(2);
        left.offer(0, 0.5);
        left.offer(1, 0.8);
        left.offer(2, 0.2);
        right.offer(3, 0.8);
        right.offer(4, 0.6);
        TopK all = new TopK(2);
        all.offerAll(right);
        all.offerAll(left);
        assertArrayEquals(new int[] {1, 3}, all.drain().ids());
    }

    @Test
    void theHeapRefusesKBelowOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TopK(0));
        assertEquals("k must be ≥ 1, got 0", e.getMessage());
    }
}
