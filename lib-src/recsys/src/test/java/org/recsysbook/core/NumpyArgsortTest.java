package org.recsysbook.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Expected orders printed by NumPy 2.4.6's {@code np.argsort} with its vector sorts disabled
 * ({@code NPY_DISABLE_CPU_FEATURES="AVX512_ICL X86_V4 X86_V3"}), the scalar path this class ports.
 */
class NumpyArgsortTest {

    @Test
    void tiesLandInNumpysScalarOrder() {
        double[] v = {0, 1, 0, 2, 1, 0, 0, 1, 2, 0, 1, 0, 0, 2, 1, 1, 0, 0, 1, 2, 0, 1, 0, 0};
        assertArrayEquals(new int[] {0, 20, 17, 16, 12, 22, 9, 11, 6, 5, 2, 23, 10, 4, 14, 15, 18, 1, 21, 7, 8,
                13, 3, 19}, NumpyArgsort.argsort(v));
    }

    @Test
    void twentyUntriedArmsAsTheChaptersUcbSeesThem() {
        double[] inf = new double[20];
        java.util.Arrays.fill(inf, Double.POSITIVE_INFINITY);
        assertArrayEquals(new int[] {0, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 18, 19},
                NumpyArgsort.argsortDescending(inf));
    }

    @Test
    void nanSortsLast() {
        double n = Double.NaN;
        double[] v = {3, n, 1, 1, n, 0, 2, 1, 1, 0, 3, 2, 1, 0, 0, 1, 2, 2, 1, n};
        assertArrayEquals(new int[] {9, 5, 13, 14, 2, 3, 7, 8, 18, 15, 12, 17, 16, 6, 11, 0, 10, 4, 1, 19},
                NumpyArgsort.argsort(v));
    }

    @Test
    void hundredValuesWithManyTies() {
        int[] raw = {3, 0, 1, 0, 4, 3, 0, 0, 4, 1, 0, 3, 4, 3, 1, 4, 2, 1, 1, 2, 1, 1, 1, 2, 0, 2, 0, 0, 4, 4, 1, 3,
            3, 2, 4, 1, 3, 3, 2, 1, 4, 4, 3, 3, 3, 4, 1, 3, 3, 3, 1, 1, 0, 2, 1, 0, 2, 3, 0, 3, 0, 0, 4, 4, 2, 0, 3,
            0, 0, 0, 2, 4, 3, 1, 4, 2, 4, 3, 0, 0, 1, 4, 3, 4, 1, 0, 0, 2, 4, 3, 2, 4, 1, 2, 3, 4, 3, 4, 3, 1};
        double[] v = new double[raw.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = raw[i];
        }
        assertArrayEquals(new int[] {61, 27, 26, 60, 24, 79, 78, 69, 86, 67, 68, 55, 1, 58, 3, 65, 10, 6, 85, 7,
                52, 73, 35, 80, 84, 46, 54, 50, 39, 51, 99, 30, 2, 22, 21, 20, 18, 9, 17, 92, 14, 64, 56, 93, 53, 90,
                23, 16, 70, 75, 38, 19, 33, 25, 87, 89, 66, 72, 77, 94, 96, 82, 0, 49, 11, 5, 32, 42, 43, 37, 13, 31,
                47, 48, 98, 57, 59, 44, 36, 12, 95, 8, 88, 4, 97, 91, 15, 63, 29, 83, 62, 34, 40, 76, 41, 74, 71, 45,
                28, 81}, NumpyArgsort.argsort(v));
    }

    @Test
    void sortsAndItsHeapsortFallbackSorts() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int n : new int[] {0, 1, 2, 16, 17, 1000}) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextInt(50);
            }
            assertSorted(v, NumpyArgsort.argsort(v));
            int[] t = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = i;
            }
            NumpyArgsort.heapsort(v, t, 0, n);
            assertSorted(v, t);
        }
        assertThrows(IllegalArgumentException.class, () -> NumpyArgsort.argsort(null));
    }

    private static void assertSorted(double[] v, int[] order) {
        assertEquals(v.length, order.length);
        boolean[] seen = new boolean[v.length];
        for (int i = 0; i < order.length; i++) {
            seen[order[i]] = true;
            if (i > 0) {
                assertTrue(v[order[i - 1]] <= v[order[i]], "sorted at " + i);
            }
        }
        for (boolean s : seen) {
            assertTrue(s, "a permutation");
        }
    }
}
