package org.recsysbook.retrieval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.world.World;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrieversTest {

    /**
     * Four 2-d items: 0 along x, 1 along y, 2 at (0.6, 0.8), 3 along −x; categories a, b, b, a;
     * popularity 0.2, 1.0, 0.5, 0.9.
     */
    static World tiny() {
        return World.of(2, new float[] {1, 0, 0, 1, 0.6f, 0.8f, -1, 0}, new int[] {0, 1, 1, 0},
                new String[] {"a", "b"}, new double[] {0.2, 1.0, 0.5, 0.9}, new double[4], new float[] {2, 0});
    }

    /** Reference: all cosines in double, sorted by score then id. */
    static int[] naiveTop(World w, float[] q, int k) {
        double qn = 0;
        for (float x : q) {
            qn += x * x;
        }
        double norm = Math.sqrt(qn);
        double[] s = new double[w.itemCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = w.itemDot(i, q) / norm;
        }
        return IntStream.range(0, s.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void exactScanOnHandWorkedCosines() {
        ScoredItems c = new ExactScan(tiny()).generate(new float[] {2, 0}, 2);
        assertArrayEquals(new int[] {0, 2}, c.ids());
        assertArrayEquals(new double[] {1.0, 0.6}, c.scores(), 1e-6);
        ScoredItems all = new ExactScan(tiny()).withKernel(DotKernel.scalar()).generate(new float[] {0, -3}, 4);
        assertArrayEquals(new int[] {0, 3, 2, 1}, all.ids()); // cos 0, 0, -0.8, -1; tie 0 before 3
        assertArrayEquals(new double[] {0, 0, -0.8, -1}, all.scores(), 1e-6);
    }

    @Test
    void exactScanMatchesNaiveSortForAnySplitAndKernel() {
        World w = World.builder().items(3000).dim(24).users(10).seed(9).build();
        ExactScan scan = new ExactScan(w);
        for (int u = 0; u < 10; u++) {
            float[] q = w.userVector(u);
            int[] truth = naiveTop(w, q, 50);
            assertArrayEquals(truth, scan.generate(q, 50).ids(), "user " + u);
            assertArrayEquals(truth, scan.withThreads(3).generate(q, 50).ids(), "user " + u + ", 3 slices");
            assertArrayEquals(truth, scan.withKernel(DotKernel.scalar()).generate(q, 50).ids());
        }
    }

    @Test
    void multiQueryScanReturnsWhatEachQueryAloneReturns() {
        World w = World.builder().items(3001).dim(24).users(11).seed(9).build();
        float[][] qs = new float[11][];
        for (int u = 0; u < qs.length; u++) {
            qs[u] = w.userVector(u);
        }
        for (ExactScan scan : new ExactScan[] {new ExactScan(w), new ExactScan(w).withKernel(DotKernel.scalar()),
            new ExactScan(w).withThreads(3)}) {
            ScoredItems[] all = scan.generateAll(qs, 50);
            assertEquals(qs.length, all.length);
            for (int u = 0; u < qs.length; u++) {
                ScoredItems one = scan.generate(qs[u], 50);
                assertArrayEquals(one.ids(), all[u].ids(), scan + ", user " + u);
                for (int i = 0; i < 50; i++) {
                    assertEquals(Double.doubleToRawLongBits(one.score(i)), Double.doubleToRawLongBits(all[u].score(i)),
                            scan + ", user " + u + ", rank " + i);
                }
                assertArrayEquals(naiveTop(w, qs[u], 50), all[u].ids(), "user " + u);
            }
        }
        assertEquals(0, new ExactScan(w).generateAll(new float[0][], 5).length);
        // ties: equal items rank by lower id in both paths
        ScoredItems[] tied = new ExactScan(tiny()).generateAll(new float[][] {{0, -3}, {2, 0}}, 4);
        assertArrayEquals(new int[] {0, 3, 2, 1}, tied[0].ids());
        assertArrayEquals(new int[] {0, 2, 1, 3}, tied[1].ids());
    }

    @Test
    void multiQueryScanRejectsBadInputNamingIt() {
        ExactScan scan = new ExactScan(tiny());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scan.generateAll(null, 1));
        assertTrue(e.getMessage().contains("queries"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> scan.generateAll(new float[][] {{1, 0}, {1, 0, 0}}, 1));
        assertTrue(e.getMessage().contains("queries[1]") && e.getMessage().contains("dimension 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scan.generateAll(new float[][] {{1, 0}}, 5));
        assertTrue(e.getMessage().contains("k"), e.getMessage());
    }

    @Test
    void similarToLeavesTheItemOut() {
        ScoredItems c = new ExactScan(tiny()).similarTo(2, 2);
        assertArrayEquals(new int[] {1, 0}, c.ids()); // cos(2,1) = 0.8, cos(2,0) = 0.6
        assertArrayEquals(new double[] {0.8, 0.6}, c.scores(), 1e-6);
    }

    @Test
    void seedBlendIsSevenTenthsCosinePlusThreeTenthsPopularity() {
        // query (2, 0): cos = 1, 0, 0.6, -1; blend = 0.7 + 0.06, 0.3, 0.42 + 0.15, -0.7 + 0.27
        ScoredItems c = new CosinePopularityBlend(tiny()).generate(new float[] {2, 0}, 4);
        assertArrayEquals(new int[] {0, 2, 1, 3}, c.ids());
        double eps = 0.7 * 1e-8 / 2; // the chapter's + 1e-8 in the denominator
        assertArrayEquals(new double[] {0.76, 0.57, 0.30, -0.43}, c.scores(), 1e-6 + eps);
        ScoredItems popOnly = new CosinePopularityBlend(tiny(), 0, 1).generate(new float[] {2, 0}, 2);
        assertArrayEquals(new int[] {1, 3}, popOnly.ids());
    }

    @Test
    void seedBlendOnTheDemoWorldMatchesTheFormula() {
        World w = World.chapterDemo(42);
        float[] u = w.userVector(0);
        ScoredItems c = new CosinePopularityBlend(w).generate(u, 50);
        double norm = 0;
        for (float x : u) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        double[] blend = new double[w.itemCount()];
        for (int i = 0; i < blend.length; i++) {
            blend[i] = 0.7 * w.itemDot(i, u) / (norm + 1e-8) + 0.3 * w.popularity(i);
        }
        double[] sorted = blend.clone();
        Arrays.sort(sorted);
        for (int r = 0; r < 50; r++) {
            assertEquals(sorted[sorted.length - 1 - r], c.score(r), 1e-5, "rank " + r);
            assertEquals(blend[c.id(r)], c.score(r), 1e-5);
        }
    }

    @Test
    void popularityAndSameCategorySources() {
        World w = tiny();
        assertArrayEquals(new int[] {1, 3, 2}, new PopularityCandidates(w).generate(new float[] {1, 1}, 3).ids());
        assertArrayEquals(new int[] {1}, new PopularityCandidates(w).generate(new float[] {1, 1}, 1).ids());
        SameCategoryCandidates rule = new SameCategoryCandidates(w);
        // centre of a = (1,0)+(-1,0) = 0 (no direction), centre of b = (0.6, 1.8): b is picked
        assertEquals(1, rule.favouriteCategory(new float[] {1, 0}));
        ScoredItems c = rule.generate(new float[] {0, 1}, 3);
        assertArrayEquals(new int[] {1, 2}, c.ids()); // category b holds only two items
        assertArrayEquals(new double[] {1.0, 0.5}, c.scores());
    }

    @Test
    void mergeInterleavesByRankWithoutDuplicates() {
        CandidateGenerator first = (q, k) -> new ScoredItems(new int[] {1, 2, 3}, new double[] {9, 8, 7});
        CandidateGenerator second = (q, k) -> new ScoredItems(new int[] {2, 4, 5}, new double[] {0.3, 0.2, 0.1});
        MergedCandidates m = new MergedCandidates(10, List.of(first, second));
        ScoredItems c = m.generate(new float[] {1}, 4);
        assertArrayEquals(new int[] {1, 2, 4, 3}, c.ids());
        assertArrayEquals(new double[] {9, 0.3, 0.2, 7}, c.scores()); // item 2 came from the second source first
        assertArrayEquals(new int[] {1, 2, 4, 3, 5}, m.generate(new float[] {1}, 10).ids());
        assertEquals(4, m.explain(new float[] {1}, 4).rowCount());
    }

    @Test
    void recallCountsTheSharedIds() {
        ScoredItems approx = new ScoredItems(new int[] {1, 2, 3, 4}, new double[4]);
        ScoredItems exact = new ScoredItems(new int[] {1, 3, 5, 6}, new double[4]);
        assertEquals(0.5, AnnRecall.atK(approx, exact, 4));
        assertEquals(0.5, AnnRecall.atK(approx, exact, 2));
        assertEquals(1.0, AnnRecall.of(exact, exact));
    }

    @Test
    void hnswFindsAlmostAllTrueNeighbours() {
        World w = World.builder().items(3000).dim(16).users(30).seed(4).build();
        HnswIndex index = HnswIndex.builder(w).m(16).beamWidth(100).threads(1).build();
        ExactScan exact = new ExactScan(w);
        double recall = 0;
        for (int u = 0; u < 30; u++) {
            float[] q = w.userVector(u);
            ScoredItems truth = exact.generate(q, 20);
            ScoredItems found = index.search(q, 20, 100);
            recall += AnnRecall.of(found, truth);
            for (int i = 0; i < found.size(); i++) { // HNSW scores are the true cosines
                assertEquals(w.itemDot(found.id(i), q) / norm(q), found.score(i), 1e-5);
            }
        }
        assertTrue(recall / 30 >= 0.9, "mean recall@20 " + recall / 30);
        assertTrue(index.graphBytes() > 3000L * 16, "graph bytes " + index.graphBytes());
        assertEquals(20, index.generate(w.userVector(0), 20).size());
    }

    @Test
    void parallelHnswBuildAlsoWorks() {
        World w = World.builder().items(4500).dim(16).users(10).seed(6).build();
        HnswIndex index = HnswIndex.builder(w).threads(2).build();
        ExactScan exact = new ExactScan(w);
        double recall = 0;
        for (int u = 0; u < 10; u++) {
            recall += AnnRecall.of(index.search(w.userVector(u), 10, 100), exact.generate(w.userVector(u), 10));
        }
        assertTrue(recall / 10 >= 0.9, "mean recall@10 " + recall / 10);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void badInputIsRefusedWithParameterValueAndRange() {
        World w = tiny();
        ExactScan scan = new ExactScan(w);
        var e = assertThrows(IllegalArgumentException.class, () -> scan.generate(new float[] {1, 0, 0}, 1));
        assertEquals("query must have dimension 2 (the catalog's), got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scan.generate(new float[] {Float.NaN, 0}, 1));
        assertEquals("query[0] must be finite, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scan.generate(new float[] {0, 0}, 1));
        assertEquals("query must not be all zeros (it has no direction)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scan.generate(new float[] {1, 0}, 0));
        assertEquals("k must be in [1, 4] (the catalog size), got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scan.generate(new float[] {1, 0}, 5));
        assertEquals("k must be in [1, 4] (the catalog size), got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scan.similarTo(4, 1));
        assertEquals("item must be in [0, 4) (4 items), got 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scan.similarTo(-1, 1));
        assertEquals("item must be in [0, 4) (4 items), got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scan.similarTo(0, 4));
        assertTrue(e.getMessage().contains("k must be in [1, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> scan.withThreads(0));
        assertThrows(IllegalArgumentException.class,
                () -> new CosinePopularityBlend(w).generate(new float[] {1, 0}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new CosinePopularityBlend(w).generate(new float[] {1}, 1));
        e = assertThrows(IllegalArgumentException.class, () -> new CosinePopularityBlend(w, Double.NaN, 0.3));
        assertEquals("cosineWeight must be finite, got NaN", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new PopularityCandidates(w).generate(new float[] {1, 0}, 5));
        assertThrows(IllegalArgumentException.class,
                () -> new SameCategoryCandidates(w).generate(new float[] {0, 0}, 1));
        e = assertThrows(IllegalArgumentException.class, () -> new MergedCandidates(4, List.of()));
        assertTrue(e.getMessage().contains("sources"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ExactScan(new float[] {1, 2, 3}, 2));
        assertEquals("vectors.length must be a positive multiple of dim=2, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AnnRecall.atK(new ScoredItems(new int[] {1}, new double[1]),
                        new ScoredItems(new int[] {1, 2}, new double[2]), 2));
        assertEquals("approx must hold at least k=2 ids, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ScoredItems(new int[] {1}, new double[2]));
        assertEquals("scores.length must be 1 (the length of ids), got 2", e.getMessage());
    }

    @Test
    void hnswBadInput() {
        World w = World.builder().items(200).dim(4).users(1).seed(1).build();
        var e = assertThrows(IllegalArgumentException.class, () -> HnswIndex.builder(w).m(1));
        assertEquals("M must be in [2, 512], got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HnswIndex.builder(w).beamWidth(0));
        assertEquals("beamWidth must be in [1, 3200], got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HnswIndex.builder(w).threads(0));
        HnswIndex index = HnswIndex.builder(w).threads(1).build();
        e = assertThrows(IllegalArgumentException.class, () -> index.search(w.userVector(0), 10, 5));
        assertEquals("breadth must be in [k=10, 200], got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> index.search(w.userVector(0), 201, 201));
        assertEquals("k must be in [1, 200] (the catalog size), got 201", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> index.search(new float[3], 1, 1));
        assertEquals("query must have dimension 4 (the catalog's), got 3", e.getMessage());
    }
}
