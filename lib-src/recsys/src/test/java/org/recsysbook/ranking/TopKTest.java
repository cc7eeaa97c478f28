package org.recsysbook.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopK.indices(new double[] {1}, 0));
        assertTrue(e.getMessage().contains("k must be ≥ 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TopK.indices(new double[] {1, Double.NaN}, 1));
        assertTrue(e.getMessage().contains("scores[1] is NaN"), e.getMessage());
    }
}
