package org.recsysbook.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Diversity, novelty, coverage, exposure, serendipity and fairness against values worked out by hand. */
class BeyondAccuracyTest {
    private static final double EPS = 1e-12;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void intraListDiversityByHand() {
        // items 0 = (1,0), 1 = (0,1), 2 = (1,1): distances 1, 1 - 1/√2, 1 - 1/√2 (with the chapter's 1e-8)
        double[][] rows = {{1, 0}, {0, 1}, {1, 1}};
        double expected = (1 + 2 * (1 - 1 / (Math.sqrt(2) + 1e-8))) / 3;
        assertEquals(expected, IntraListDiversity.of(rows, new int[] {0, 1, 2}), EPS);
        float[] flat = {1, 0, 0, 1, 1, 1};
        assertEquals(expected, IntraListDiversity.of(flat, 2, new int[] {0, 1, 2}), EPS);
        assertEquals(1.0, IntraListDiversity.of(flat, 2, new int[] {1, 0}), 1e-7);
        assertEquals(0.0, IntraListDiversity.of(flat, 2, new int[] {2}), EPS);
        assertEquals(0.0, IntraListDiversity.of(rows, new int[0]), EPS);
        // the mean over lists is the plain average of the lists' values
        int[][] lists = {{0, 1, 2}, {1, 0}, {2}};
        assertEquals((expected + 1.0 + 0.0) / 3, IntraListDiversity.mean(flat, 2, lists), 1e-7);
    }

    @Test
    void intraListDiversityOfTheChaptersExample() {
        double[][] f = ChapterMetricsDemo.itemFeatures(ChapterMetricsDemo.SEED);
        assertEquals(50, f.length);
        assertEquals(10, f[0].length);
        // NumPy 2.4.6: np.random.seed(42); f = np.random.randn(50, 10); f /= norm(f, axis=1, keepdims=True)
        assertEquals(0.19172212977588837, f[0][0], 1e-15);
        assertEquals(-0.4524810003667275, f[49][9], 1e-15);
        assertEquals(1.0, norm(f[7]), 1e-12);
        // seed_metrics.py's intra_list_diversity (prints 0.9821 and 0.8504)
        assertEquals(0.982121089036928, IntraListDiversity.of(f, new int[] {0, 1, 2, 3, 4}), 1e-12);
        assertEquals(0.8504378221877422, IntraListDiversity.of(f, new int[] {0, 10, 20, 30, 40}), 1e-12);
        assertNotEquals(f[0][0], ChapterMetricsDemo.itemFeatures(7)[0][0]);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void intraListDiversityBadInput() {
        double[][] ragged = {{1, 0}, {0, 1, 0}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntraListDiversity.of(ragged, new int[] {0, 1}));
        assertEquals("vectors[1].length must be 2 (the dimension of vectors[0]; all item vectors must have the same "
                + "dimension), got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> IntraListDiversity.of(new float[5], 2, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("a multiple of dim = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> IntraListDiversity.of(new float[4], 2, new int[] {0, 2}));
        assertTrue(e.getMessage().contains("item 2") && e.getMessage().contains("[0, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IntraListDiversity.of(new float[4], 0, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> IntraListDiversity.of(ragged, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> IntraListDiversity.mean(new float[4], 2, new int[0][]));
    }

    /**
     * The pair count n(n − 1)/2 is a long: in int it wraps from 46,342 items on and ILD comes out negative (an
     * end-to-end list that long takes seconds, so the count is checked where it is computed).
     */
    @Test
    void intraListDiversityCountsPairsOfLongLists() {
        assertEquals(1_073_767_311L, IntraListDiversity.pairs(46_342));
        assertEquals(4_999_950_000L, IntraListDiversity.pairs(100_000));
        assertEquals(0L, IntraListDiversity.pairs(1));
        // the mean divides by pairs(n): ±1 alternating one-dimensional vectors, half the pairs at distance 2
        int n = 2_000;
        float[] v = new float[n];
        int[] items = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 2 == 0 ? 1 : -1;
            items[i] = i;
        }
        assertEquals(2.0 * 1_000 * 1_000 / IntraListDiversity.pairs(n), IntraListDiversity.of(v, 1, items), 1e-6);
    }

    @Test
    void intraListDiversityRefusesNaNAndInfiniteVectors() {
        double[][] rows = {{1, 0}, {Double.NaN, 1}, {0, Double.POSITIVE_INFINITY}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntraListDiversity.of(rows, new int[] {0, 1}));
        assertEquals("vectors[1][0] must be a finite number, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IntraListDiversity.of(rows, new int[] {2}));
        assertEquals("vectors[2][1] must be a finite number, got Infinity", e.getMessage());
        float[] flat = {1, 0, Float.NaN, 1, 0, Float.NEGATIVE_INFINITY};
        e = assertThrows(IllegalArgumentException.class, () -> IntraListDiversity.of(flat, 2, new int[] {0, 1}));
        assertEquals("vectors[item 1][0] must be a finite number, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> IntraListDiversity.mean(flat, 2, new int[][] {{0}, {2, 0}}));
        assertEquals("vectors[item 2][1] must be a finite number, got -Infinity", e.getMessage());
        // the rows a list does not name may hold anything
        assertEquals(0.0, IntraListDiversity.of(flat, 2, new int[] {0}), EPS);
    }

    @Test
    void noveltyByHand() {
        // 8 interactions: item 0 six times, items 1 and 2 once, item 3 never
        Novelty n = Novelty.fromCounts(new long[] {6, 1, 1, 0});
        assertEquals(log2(8.0 / 6), n.selfInformation(0), EPS);
        assertEquals(3.0, n.selfInformation(1), EPS);
        assertEquals(3.0, n.selfInformation(3), EPS);           // never seen: as if seen once
        assertEquals((log2(8.0 / 6) + 3) / 2, n.of(new int[] {0, 1}), EPS);
        assertEquals(0.0, n.of(new int[0]), EPS);
        assertEquals(((log2(8.0 / 6) + 3) / 2 + 3) / 2, n.mean(new int[][] {{0, 1}, {2}}), EPS);
        Novelty same = Novelty.fromInteractions(new int[] {0, 0, 1, 0, 2, 0, 0, 0}, 4);
        assertEquals(n.selfInformation(0), same.selfInformation(0), EPS);
        assertEquals(8, same.totalInteractions());
        assertThrows(IllegalArgumentException.class, () -> Novelty.fromCounts(new long[] {1, -1}));
        assertThrows(IllegalArgumentException.class, () -> Novelty.fromCounts(new long[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> n.of(new int[] {4}));
        assertThrows(IllegalArgumentException.class, () -> Novelty.fromInteractions(new int[] {5}, 4));
    }

    @Test
    void catalogCoverage() {
        assertEquals(0.75, CatalogCoverage.of(new int[][] {{0, 1}, {1, 2}}, 4), EPS);
        // the chapter's example
        assertEquals(0.10, CatalogCoverage.of(new int[][] {{0, 1, 2}, {0, 1, 3}, {0, 2, 4}}, 50), EPS);
        assertEquals(0.18, CatalogCoverage.of(List.of(new int[] {0, 10, 20}, new int[] {5, 15, 25},
                new int[] {30, 35, 40}), 50), EPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CatalogCoverage.of(new int[][] {{0, 4}}, 4));
        assertTrue(e.getMessage().contains("item 4") && e.getMessage().contains("[0, 4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CatalogCoverage.of(new int[][] {{0}}, 0));
    }

    /** Coverage and exposure follow the package's rules as the other list metrics do: no repeated item, no empty input. */
    @Test
    void coverageAndExposureRefuseRepeatedItemsAndNoLists() {
        int[][] repeats = {{0, 1}, {2, 3, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CatalogCoverage.of(repeats, 4));
        assertEquals("lists[1] must be a ranked list, each item at most once, got item 2 twice (ranks 1 and 3)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExposureDistribution.of(repeats, 4));
        assertEquals("lists[1] must be a ranked list, each item at most once, got item 2 twice (ranks 1 and 3)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CatalogCoverage.of(new int[0][], 4));
        assertEquals("lists must hold at least one list, got none", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExposureDistribution.of(new int[0][], 4));
        assertEquals("lists must hold at least one list, got none", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CatalogCoverage.of(List.of(), 4));
        assertEquals("lists must hold at least one list, got none", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Novelty.fromCounts(new long[] {1, 1}).mean(new int[0][]));
        assertEquals("lists must hold at least one list, got none", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IntraListDiversity.mean(new float[2], 1, new int[0][]));
        assertEquals("lists must hold at least one list, got none", e.getMessage());
        // empty lists are lists: they expose nothing
        assertEquals(0.0, CatalogCoverage.of(new int[][] {{}}, 4), EPS);
        assertEquals(0.25, ExposureDistribution.of(new int[][] {{}, {3}}, 4).coverage(), EPS);
    }

    @Test
    void exposureDistribution() {
        // counts [3, 1, 1, 1, 0]: sorted [0,1,1,1,3], weights -4,-2,0,2,4 -> 12 / (5 * 6)
        ExposureDistribution d = ExposureDistribution.of(new int[][] {{0, 1}, {0, 2}, {0, 3}}, 5);
        assertArrayEquals(new long[] {3, 1, 1, 1, 0}, d.counts());
        assertEquals(0.4, d.gini(), EPS);
        assertEquals(0.5 + 0.5 * log2(6), d.entropy(), EPS);
        assertEquals((0.5 + 0.5 * log2(6)) / log2(5), d.normalizedEntropy(), EPS);
        assertEquals(0.8, d.coverage(), EPS);
        assertEquals(0.0, ExposureDistribution.gini(new long[] {4, 4, 4}), EPS);
        assertEquals(0.75, ExposureDistribution.gini(new long[] {0, 9, 0, 0}), EPS);
        assertEquals(2.0, ExposureDistribution.entropy(new long[] {1, 1, 1, 1}), EPS);
        assertEquals(0.0, ExposureDistribution.gini(new long[] {0, 0}), EPS);
        assertThrows(IllegalArgumentException.class, () -> ExposureDistribution.gini(new long[] {1, -2}));
        assertThrows(IllegalArgumentException.class, () -> ExposureDistribution.fromCounts(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> ExposureDistribution.of(new int[][] {{7}}, 5));
    }

    @Test
    void serendipity() {
        int[] ranked = {3, 1, 7, 5, 9};
        RelevantItems rel = RelevantItems.of(1, 5, 8);
        int[] popular = {1, 2, 3};
        assertEquals(1.0 / 5, Serendipity.of(ranked, rel, popular, 5), EPS);   // 5 is relevant and not popular
        assertEquals(0.0, Serendipity.of(ranked, rel, popular, 3), EPS);       // 1 is relevant but popular
        assertEquals(2.0 / 10, Serendipity.of(ranked, rel, new int[0], 10), EPS);
        assertThrows(IllegalArgumentException.class, () -> Serendipity.of(ranked, rel, popular, 0));
        assertThrows(IllegalArgumentException.class, () -> Serendipity.of(ranked, rel, null, 3));
        assertThrows(IllegalArgumentException.class, () -> Serendipity.of(new int[] {1, 1}, rel, popular, 3));
    }

    @Test
    void exposureShares() {
        int[][] lists = {{0, 1}, {2, 0}};
        int[] groups = {0, 0, 1};
        assertArrayEquals(new double[] {0.75, 0.25},
                Fairness.exposureShares(lists, groups, 2, Fairness.Weighting.COUNT), EPS);
        double d2 = 1 / log2(3);
        assertArrayEquals(new double[] {(1 + 2 * d2) / (2 + 2 * d2), 1 / (2 + 2 * d2)},
                Fairness.exposureShares(lists, groups, 2, Fairness.Weighting.POSITION), EPS);
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3}, Fairness.catalogShares(groups, 2), EPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fairness.exposureShares(lists, new int[] {0, 2, 1}, 2, Fairness.Weighting.COUNT));
        assertTrue(e.getMessage().contains("itemGroup[1] is 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Fairness.exposureShares(new int[][] {{3}}, groups, 2, Fairness.Weighting.COUNT));
    }

    @Test
    void qualityGapAndHeadTail() {
        Fairness.GroupQuality q = Fairness.qualityGap(new double[] {1, 0.5, 0.2, 0.4}, new int[] {0, 0, 1, 1}, 3);
        assertEquals(0.75, q.means()[0], EPS);
        assertEquals(0.3, q.means()[1], EPS);
        assertTrue(Double.isNaN(q.means()[2]));
        assertArrayEquals(new int[] {2, 2, 0}, q.users());
        assertEquals(0.45, q.gap(), EPS);
        assertArrayEquals(new int[] {0, 1, 0, 1}, Fairness.headTail(new long[] {5, 1, 9, 1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Fairness.headTail(new long[] {1}, 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> Fairness.qualityGap(new double[] {1}, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Fairness.qualityGap(new double[] {Double.NaN}, new int[] {0}, 1));
    }
}
