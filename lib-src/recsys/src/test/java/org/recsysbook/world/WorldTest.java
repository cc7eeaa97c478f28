package org.recsysbook.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.Test;

class WorldTest {

    private static double norm(float[] v, int off, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += v[off + j] * v[off + j];
        }
        return Math.sqrt(s);
    }

    @Test
    void chapterDemoHasTheChaptersShape() {
        World w = World.chapterDemo(42);
        assertEquals(1000, w.itemCount());
        assertEquals(20, w.dim());
        assertEquals(20_000, w.itemVectors().length);
        assertEquals(List.of("cat_0", "cat_1", "cat_2", "cat_3", "cat_4"), w.categoryNames());
        assertEquals("cat_3", w.categoryName(13));
        assertEquals(4, w.category(999));
        for (int i = 0; i < w.itemCount(); i++) {
            assertEquals(1.0, norm(w.itemVectors(), i * 20, 20), 1e-5);
        }
        double max = 0;
        double sum = 0;
        for (double p : w.popularity()) {
            assertTrue(p > 0 && p <= 1, "popularity in (0, 1]: " + p);
            max = Math.max(max, p);
            sum += p;
        }
        assertEquals(1.0, max, 0.0);
        // The maximum of 1000 exponentials is about scale·(ln 1000 + 0.577) = 7.5 scales, so the mean of
        // popularity/max is about 1/7.5 = 0.13; allow a wide band.
        assertTrue(sum / 1000 > 0.08 && sum / 1000 < 0.2, "mean popularity " + sum / 1000);
        assertTrue(w.userCount() >= 1);
    }

    @Test
    void sameSeedSameWorldOtherSeedOtherWorld() {
        assertArrayEquals(World.chapterDemo(7).itemVectors(), World.chapterDemo(7).itemVectors());
        assertArrayEquals(World.chapterDemo(7).userVector(0), World.chapterDemo(7).userVector(0));
        assertFalse(java.util.Arrays.equals(World.chapterDemo(7).itemVectors(), World.chapterDemo(8).itemVectors()));
    }

    @Test
    void lowRankWorldDoesNotDependOnThreadCount() throws Exception {
        WorldBuilder b = World.builder().items(3 * World.CHUNK + 17).dim(16).users(World.CHUNK + 5).seed(3);
        World parallel = b.build();
        World serial = new ForkJoinPool(1).submit(b::build).get();
        assertArrayEquals(parallel.itemVectors(), serial.itemVectors());
        assertArrayEquals(parallel.userVectors(), serial.userVectors());
        assertArrayEquals(parallel.popularity(), serial.popularity());
        assertArrayEquals(parallel.categories(), serial.categories());
        assertArrayEquals(parallel.ageDays(), serial.ageDays());
    }

    @Test
    void lowRankItemsAreUnitAndCategoriesShowInTheVectors() {
        World w = World.builder().items(2000).dim(32).categories(10).seed(5).build();
        for (int i = 0; i < w.itemCount(); i++) {
            assertEquals(1.0, norm(w.itemVectors(), i * 32, 32), 1e-5);
        }
        double same = 0;
        double other = 0;
        int nSame = 0;
        int nOther = 0;
        for (int i = 0; i < 400; i++) {
            for (int j = i + 1; j < 400; j++) {
                double c = w.itemDot(i, w.itemVector(j));
                if (w.category(i) == w.category(j)) {
                    same += c;
                    nSame++;
                } else {
                    other += c;
                    nOther++;
                }
            }
        }
        assertTrue(same / nSame > other / nOther + 0.2,
                "same-category cosine " + same / nSame + " vs other " + other / nOther);
    }

    @Test
    void ageIsExponentialWithMeanThirtyDays() {
        double[] age = World.lowRank(20_000, 4, 1).ageDays();
        double s = 0;
        for (double a : age) {
            assertTrue(a >= 0);
            s += a;
        }
        // standard error of the mean of 20 000 exponentials with mean 30 is 30/sqrt(20000) = 0.21
        assertEquals(30.0, s / age.length, 1.0);
    }

    @Test
    void ofNormalisesItemsAndComputesAffinity() {
        World w = World.of(2, new float[] {3, 4, 0, 2}, new int[] {0, 1}, new String[] {"a", "b"},
                new double[] {0.5, 1}, new double[] {1, 2}, new float[] {0, -5});
        assertArrayEquals(new float[] {0.6f, 0.8f}, w.itemVector(0), 1e-6f);
        assertEquals(-0.8, w.affinity(0, 0), 1e-6);
        assertEquals(-1.0, w.affinity(0, 1), 1e-6);
        assertEquals("b", w.categoryName(1));
    }

    @Test
    void badInputNamesParameterValueAndRange() {
        World w = World.chapterDemo(1);
        var e = assertThrows(IllegalArgumentException.class, () -> w.itemVector(1000));
        assertTrue(e.getMessage().contains("item") && e.getMessage().contains("1000")
                && e.getMessage().contains("[0, 1000)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.category(-1));
        assertThrows(IllegalArgumentException.class, () -> w.userVector(w.userCount()));
        e = assertThrows(IllegalArgumentException.class, () -> w.checkVector("query", new float[3]));
        assertTrue(e.getMessage().contains("query") && e.getMessage().contains("20")
                && e.getMessage().contains("3"), e.getMessage());
        float[] nan = new float[20];
        nan[4] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> w.checkVector("query", nan));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> w.checkVector("query", new float[20]));
        assertTrue(e.getMessage().contains("all zeros"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> World.builder().items(0));
        assertTrue(e.getMessage().contains("items") && e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> World.builder().noise(Double.NaN));
        e = assertThrows(IllegalArgumentException.class,
                () -> World.builder().items(40_000_000).dim(64).build());
        assertTrue(e.getMessage().contains("items × dim"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> World.of(2, new float[] {1, 0, 0, 0},
                new int[] {0, 0}, new String[] {"a"}, new double[2], new double[2], new float[0]));
        assertTrue(e.getMessage().contains("item 1") && e.getMessage().contains("all zeros"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> World.of(2, new float[] {1, 0},
                new int[] {3}, new String[] {"a"}, new double[1], new double[1], new float[0]));
        assertTrue(e.getMessage().contains("categories[0]") && e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> World.of(2, new float[] {1, 0, 1},
                new int[] {0}, new String[] {"a"}, new double[1], new double[1], new float[0]));
    }
}
