package org.recsysbook.retrieval;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.junit.jupiter.api.Test;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.world.World;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packed searcher against Lucene's own searcher on the same graph, and against exact answers. */
class HnswIndexTest {

    private static long lastVisited;

    private static ScoreDoc[] lucene(OnHeapHnswGraph graph, World w, float[] q, int ef) throws IOException {
        float[] items = w.itemVectors();
        int dim = w.dim();
        float[] u = Queries.unit(q, dim);
        DotKernel kernel = DotKernel.best();
        RandomVectorScorer scorer = new RandomVectorScorer() {
            @Override
            public float score(int node) {
                return Math.max(0f, (1f + kernel.dot(u, 0, items, node * dim, dim)) * 0.5f);
            }

            @Override
            public int maxOrd() {
                return w.itemCount();
            }
        };
        var collector = HnswGraphSearcher.search(scorer, ef, graph, null, Integer.MAX_VALUE);
        lastVisited = collector.visitedCount();
        return collector.topDocs().scoreDocs;
    }

    /** 8000 × 32 items and 60 users; built on one thread, the graph is the same in every test. */
    private static World world8000() {
        return World.builder().items(8000).dim(32).users(60).seed(11).build();
    }

    private static Set<Integer> ids(ScoredItems s) {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.id(i));
        }
        return out;
    }

    @Test
    void packedSearchFindsWhatLucenesSearcherFindsOnTheSameGraph() throws IOException {
        World w = world8000();
        HnswIndex.Builder b = HnswIndex.builder(w).threads(1).seed(5);
        OnHeapHnswGraph graph = b.buildLuceneGraph();
        HnswIndex index = b.pack(graph, System.nanoTime());
        assertEquals(graph.numLevels(), index.levels());
        int same = 0;
        int total = 0;
        int differentQueries = 0;
        int sameVisits = 0;
        for (int ef : new int[] {10, 50, 150}) {
            for (int u = 0; u < 60; u++) {
                float[] q = w.userVector(u);
                ScoreDoc[] docs = lucene(graph, w, q, ef);
                Set<Integer> theirs = new HashSet<>();
                for (ScoreDoc d : docs) {
                    theirs.add(d.doc);
                }
                HnswIndex.Search search = index.searchCounting(q, ef, ef);
                Set<Integer> ours = ids(search.candidates());
                sameVisits += search.visited() == lastVisited ? 1 : 0;
                assertEquals(docs.length, ours.size());
                int before = same;
                for (int id : ours) {
                    same += theirs.contains(id) ? 1 : 0;
                }
                total += ours.size();
                differentQueries += same - before == ours.size() ? 0 : 1;
            }
        }
        // The packed search follows Lucene's rules step by step, so it visits the same nodes and keeps the
        // same results. Lucene compares (1 + dot) / 2 in float and the packed search the dot itself, so a
        // one-ulp tie could in principle order two nodes differently; the data are seeded, so that would
        // show here as a fixed failure, not a flaky one. On these 180 searches nothing differs.
        assertEquals(total, same, differentQueries + " of 180 searches keep different results");
        assertEquals(180, sameVisits, "searches that scored as many nodes as Lucene's");
    }

    @Test
    void fullBreadthOnASmallCatalogIsExact() {
        World w = World.builder().items(300).dim(8).users(20).seed(3).build();
        HnswIndex index = HnswIndex.builder(w).threads(1).m(4).beamWidth(20).build();
        ExactScan exact = new ExactScan(w);
        for (int u = 0; u < 20; u++) {
            ScoredItems truth = exact.generate(w.userVector(u), 10);
            ScoredItems found = index.search(w.userVector(u), 10, 300);
            assertArrayEquals(truth.ids(), found.ids(), "user " + u);
        }
        World tiny = RetrieversTest.tiny();
        HnswIndex t = HnswIndex.builder(tiny).threads(1).build();
        float[] q = {0.6f, 0.8f};
        assertArrayEquals(RetrieversTest.naiveTop(tiny, q, 4), t.search(q, 4, 4).ids());
        assertEquals(1.0, t.search(q, 1, 4).score(0), 1e-6);
    }

    @Test
    void aCachedGraphIsReadBackAndAnswersAsTheBuiltOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        World w = World.builder().items(5000).dim(16).users(20).seed(8).build();
        java.nio.file.Path file = dir.resolve("cache").resolve("g.bin");
        HnswIndex built = HnswIndex.builder(w).threads(1).seed(9).cacheFile(file).build();
        assertTrue(!built.fromCache() && java.nio.file.Files.size(file) > 4L * 5000, "built, then written");
        HnswIndex read = HnswIndex.builder(w).threads(1).seed(9).cacheFile(file).build();
        assertTrue(read.fromCache());
        assertEquals(built.graphBytes(), read.graphBytes());
        assertEquals(built.levels(), read.levels());
        for (int u = 0; u < 20; u++) {
            HnswIndex.Search a = built.searchCounting(w.userVector(u), 20, 40);
            HnswIndex.Search b = read.searchCounting(w.userVector(u), 20, 40);
            assertArrayEquals(a.candidates().ids(), b.candidates().ids());
            assertEquals(a.visited(), b.visited());
        }
        // Other settings or other vectors: the file is not used, the graph is built and the file replaced.
        assertTrue(!HnswIndex.builder(w).threads(1).seed(9).m(8).cacheFile(file).build().fromCache());
        World other = World.builder().items(5000).dim(16).users(20).seed(5).build();
        assertTrue(!HnswIndex.builder(other).threads(1).seed(9).cacheFile(file).build().fromCache());
        assertTrue(HnswIndex.builder(other).threads(1).seed(9).cacheFile(file).build().fromCache());
        // A graph built on floats is not served to a builder that builds on int8 codes, and back.
        assertTrue(!HnswIndex.builder(other).threads(1).seed(9).buildOnInt8(true).cacheFile(file).build().fromCache());
        HnswIndex onCodes = HnswIndex.builder(other).threads(1).seed(9).buildOnInt8(true).cacheFile(file).build();
        assertTrue(onCodes.fromCache() && onCodes.builtOnInt8());
        assertTrue(!HnswIndex.builder(other).threads(1).seed(9).buildOnInt8(false).cacheFile(file).build().fromCache());
        java.nio.file.Files.write(file, new byte[] {1, 2, 3});
        assertTrue(!HnswIndex.builder(other).threads(1).seed(9).cacheFile(file).build().fromCache(),
                "a torn file is rebuilt");
        assertTrue(assertThrowsIae(() -> HnswIndex.builder(w).cacheFile(null)).contains("cacheFile"));
        // cacheOnly: the graph is read or the build refuses; nothing is built or written
        assertTrue(HnswIndex.builder(other).threads(1).seed(9).cacheOnly(true).cacheFile(file).build().fromCache());
        long written = java.nio.file.Files.getLastModifiedTime(file).toMillis();
        IllegalStateException stale = assertThrows(IllegalStateException.class,
                () -> HnswIndex.builder(w).threads(1).seed(9).cacheOnly(true).cacheFile(file).build());
        assertTrue(stale.getMessage().contains("cacheOnly"), stale.getMessage());
        assertEquals(written, java.nio.file.Files.getLastModifiedTime(file).toMillis(), "the file is left as it was");
        java.nio.file.Path none = file.resolveSibling("none.bin");
        assertThrows(IllegalStateException.class,
                () -> HnswIndex.builder(w).threads(1).cacheOnly(true).cacheFile(none).build());
        assertTrue(!java.nio.file.Files.exists(none), "no file written");
        assertThrows(IllegalStateException.class, () -> HnswIndex.builder(w).cacheOnly(true).build());
    }

    @Test
    void theApproximateBlendFindsMostOfTheExactBlend() {
        World w = world8000();
        HnswIndex index = HnswIndex.builder(w).threads(1).searchBreadth(100).build();
        ApproximateBlend approx = new ApproximateBlend(w, index, 0.7, 0.3, 100, 8000);
        CosinePopularityBlend exact = new CosinePopularityBlend(w, 0.7, 0.3);
        double shared = 0;
        for (int u = 0; u < 60; u++) {
            ScoredItems a = approx.generate(w.userVector(u), 100);
            ScoredItems e = exact.generate(w.userVector(u), 100);
            Set<Integer> ids = ids(e);
            for (int i = 0; i < a.size(); i++) {
                shared += ids.contains(a.id(i)) ? 1 : 0;
                int j = e.indexOf(a.id(i));
                if (j >= 0) {
                    assertEquals(e.score(j), a.score(i), 1e-5, "the same blend score as the exact pass");
                }
            }
            assertEquals(100, a.size());
        }
        double recall = shared / 60 / 100;
        assertTrue(recall > 0.97 && recall <= 1, "recall@100 of the approximate blend: " + recall);
        // Without popular items it is the index's neighbours re-scored: the popular items' share of the blend is lost.
        ApproximateBlend nearOnly = new ApproximateBlend(w, index, 0.7, 0.3, 100, 0);
        double sharedNear = 0;
        for (int u = 0; u < 60; u++) {
            ScoredItems a = nearOnly.generate(w.userVector(u), 100);
            Set<Integer> ids = ids(exact.generate(w.userVector(u), 100));
            for (int i = 0; i < a.size(); i++) {
                sharedNear += ids.contains(a.id(i)) ? 1 : 0;
            }
        }
        assertTrue(sharedNear / 60 / 100 < recall - 0.1, "the popular items matter: " + sharedNear / 6000);
        assertTrue(assertThrowsIae(() -> new ApproximateBlend(w, index, 0.7, 0.3, 10, -1)).contains("maxPopular"));
        assertTrue(assertThrowsIae(() -> new ApproximateBlend(w, index, 0.7, 0.3, 0, 10)).contains("nearest"));
        assertTrue(assertThrowsIae(() -> new ApproximateBlend(w, index, 0.7, -0.3, 10, 10)).contains("popularityWeight"));
        assertTrue(assertThrowsIae(() -> new ApproximateBlend(w, index, Double.NaN, 0.3, 10, 10))
                .contains("cosineWeight"));
        World small = World.builder().items(100).dim(32).users(5).seed(1).build();
        assertTrue(assertThrowsIae(() -> new ApproximateBlend(small, index, 0.7, 0.3, 10, 10)).contains("index"));
    }

    private static String assertThrowsIae(org.junit.jupiter.api.function.Executable e) {
        return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void seededSingleThreadBuildsAreReproducible() {
        World w = World.builder().items(5000).dim(16).users(30).seed(8).build();
        HnswIndex a = HnswIndex.builder(w).threads(1).seed(9).build();
        HnswIndex b = HnswIndex.builder(w).threads(1).seed(9).build();
        assertEquals(a.graphBytes(), b.graphBytes());
        assertEquals(a.levels(), b.levels());
        for (int u = 0; u < 30; u++) {
            HnswIndex.Search sa = a.searchCounting(w.userVector(u), 20, 40);
            HnswIndex.Search sb = b.searchCounting(w.userVector(u), 20, 40);
            assertArrayEquals(sa.candidates().ids(), sb.candidates().ids());
            assertArrayEquals(sa.candidates().scores(), sb.candidates().scores());
            assertEquals(sa.visited(), sb.visited());
        }
    }

    @Test
    void concurrentSearchesGiveTheSequentialAnswers() throws Exception {
        World w = World.builder().items(5000).dim(16).users(40).seed(2).build();
        HnswIndex index = HnswIndex.builder(w).threads(1).build();
        int[][] expected = new int[40][];
        for (int u = 0; u < 40; u++) {
            expected[u] = index.search(w.userVector(u), 10, 60).ids();
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?>[] f = new Future<?>[40];
            int[][] got = new int[40][];
            for (int u = 0; u < 40; u++) {
                int user = u;
                f[u] = pool.submit(() -> {
                    for (int r = 0; r < 5; r++) {
                        got[user] = index.search(w.userVector(user), 10, 60).ids();
                    }
                });
            }
            for (Future<?> x : f) {
                x.get();
            }
            for (int u = 0; u < 40; u++) {
                assertArrayEquals(expected[u], got[u], "user " + u);
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(Arrays.stream(expected).allMatch(e -> e.length == 10));
    }

    @Test
    void int8SearchReturnsExactScoresAndAlmostTheFloatRecall() throws IOException {
        World w = world8000();
        HnswIndex.Builder b = HnswIndex.builder(w).threads(1).seed(5);
        OnHeapHnswGraph graph = b.buildLuceneGraph();
        HnswIndex floats = b.pack(graph, System.nanoTime());
        HnswIndex codes = b.int8(true).pack(graph, System.nanoTime());
        assertTrue(codes.int8() && !floats.int8());
        assertEquals(floats.graphBytes() + 16 + 8000L * 32, codes.graphBytes());
        ExactScan exact = new ExactScan(w);
        double recallFloat = 0;
        double recallInt8 = 0;
        for (int u = 0; u < 60; u++) {
            float[] q = w.userVector(u);
            ScoredItems truth = exact.generate(q, 20);
            ScoredItems found = codes.search(q, 20, 60);
            recallInt8 += AnnRecall.of(found, truth);
            recallFloat += AnnRecall.of(floats.search(q, 20, 60), truth);
            double norm = Math.sqrt(dot(q, q));
            for (int i = 0; i < found.size(); i++) { // re-scored: the true cosines, in order
                assertEquals(w.itemDot(found.id(i), q) / norm, found.score(i), 1e-5);
                assertTrue(i == 0 || found.score(i - 1) >= found.score(i));
            }
        }
        recallFloat /= 60;
        recallInt8 /= 60;
        System.out.println("recall@20 at ef 60: floats " + recallFloat + ", int8 " + recallInt8);
        assertTrue(recallInt8 >= recallFloat - 0.01, "int8 " + recallInt8 + " against floats " + recallFloat);
    }

    @Test
    void int8CodesAndABreadthOf150AreTheDefaultFromOneMillionItems() {
        assertFalse(HnswIndex.defaultInt8(HnswIndex.INT8_FROM_ITEMS - 1));
        assertTrue(HnswIndex.defaultInt8(HnswIndex.INT8_FROM_ITEMS));
        assertEquals(1_000_000, HnswIndex.INT8_FROM_ITEMS);
        assertEquals(100, HnswIndex.defaultSearchBreadth(HnswIndex.INT8_FROM_ITEMS - 1, false));
        assertEquals(150, HnswIndex.defaultSearchBreadth(HnswIndex.INT8_FROM_ITEMS - 1, true));
        assertEquals(150, HnswIndex.defaultSearchBreadth(HnswIndex.INT8_FROM_ITEMS, false));
        assertEquals(150, HnswIndex.defaultSearchBreadth(HnswIndex.INT8_FROM_ITEMS, true));
        assertEquals(150, HnswIndex.LARGE_SEARCH_BREADTH);
        World w = world8000();
        HnswIndex small = HnswIndex.builder(w).threads(1).build();
        assertFalse(small.int8());
        assertEquals(100, small.searchBreadth());
        HnswIndex codes = HnswIndex.builder(w).threads(1).int8(true).build();
        assertTrue(codes.int8());
        assertEquals(150, codes.searchBreadth());
        assertEquals(120, HnswIndex.builder(w).threads(1).int8(true).searchBreadth(120).build().searchBreadth());
    }

    @Test
    void aGraphBuiltOnInt8CodesFindsWhatTheFloatBuiltOneFinds() {
        assertFalse(HnswIndex.defaultBuildOnInt8(HnswIndex.BUILD_ON_CODES_FROM_ITEMS - 1));
        assertTrue(HnswIndex.defaultBuildOnInt8(HnswIndex.BUILD_ON_CODES_FROM_ITEMS));
        World w = world8000();
        HnswIndex floats = HnswIndex.builder(w).threads(1).seed(3).build();
        HnswIndex codes = HnswIndex.builder(w).threads(1).seed(3).buildOnInt8(true).build();
        assertTrue(!floats.builtOnInt8() && codes.builtOnInt8() && !codes.int8(), "the search still scores floats");
        ExactScan exact = new ExactScan(w);
        double recallFloats = 0;
        double recallCodes = 0;
        boolean differ = false;
        for (int u = 0; u < 60; u++) {
            float[] q = w.userVector(u);
            ScoredItems truth = exact.generate(q, 20);
            ScoredItems a = floats.search(q, 20, 40);
            ScoredItems b = codes.search(q, 20, 40);
            recallFloats += AnnRecall.of(a, truth);
            recallCodes += AnnRecall.of(b, truth);
            differ |= floats.searchCounting(q, 20, 40).visited() != codes.searchCounting(q, 20, 40).visited();
        }
        assertTrue(differ, "the two builds gave the same graph: the codes were not used");
        assertTrue(recallCodes / 60 >= recallFloats / 60 - 0.01, recallCodes / 60 + " against " + recallFloats / 60);
    }

    @Test
    void buildCpuSecondsCountsTheBuildThreads() {
        World w = world8000();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long caller = mx.getCurrentThreadCpuTime();
        HnswIndex one = HnswIndex.builder(w).threads(1).build();
        double callerSeconds = (mx.getCurrentThreadCpuTime() - caller) / 1e9;
        // one thread: the build is this thread's work, nearly all of the call
        assertTrue(one.buildCpuSeconds() > 0.9 * callerSeconds && one.buildCpuSeconds() <= callerSeconds + 1e-3,
                one.buildCpuSeconds() + " s against this thread's " + callerSeconds + " s");
        assertTrue(one.buildCpuSeconds() <= one.buildSeconds() * 1.05 + 0.02, one.toString());

        long process = os.getProcessCpuTime();
        caller = mx.getCurrentThreadCpuTime();
        HnswIndex two = HnswIndex.builder(w).threads(2).build();
        callerSeconds = (mx.getCurrentThreadCpuTime() - caller) / 1e9;
        double processSeconds = (os.getProcessCpuTime() - process) / 1e9;
        // two threads: the pool's CPU is added to this thread's, never more than the process used or 2 × wall
        assertTrue(two.buildCpuSeconds() >= callerSeconds, two.buildCpuSeconds() + " < " + callerSeconds);
        assertTrue(two.buildCpuSeconds() <= processSeconds * 1.02 + 0.02,
                two.buildCpuSeconds() + " s against the process's " + processSeconds + " s");
        assertTrue(two.buildCpuSeconds() <= 2 * two.buildSeconds() * 1.05 + 0.02, two.toString());
        assertTrue(two.buildCpuSeconds() > 0.2 * one.buildCpuSeconds(), two + " against " + one);
    }

    @Test
    void withInt8SearchesTheSameGraphAsTheBuilderOption() {
        World w = world8000();
        HnswIndex.Builder b = HnswIndex.builder(w).threads(1).seed(5);
        OnHeapHnswGraph graph = b.buildLuceneGraph();
        HnswIndex floats = b.int8(false).pack(graph, System.nanoTime());
        HnswIndex codes = b.int8(true).pack(graph, System.nanoTime());
        HnswIndex switched = floats.withInt8(true);
        assertTrue(switched.int8() && floats.withInt8(false) == floats && !switched.withInt8(false).int8());
        assertEquals(codes.graphBytes(), switched.graphBytes());
        for (int u = 0; u < 20; u++) {
            float[] q = w.userVector(u);
            assertArrayEquals(codes.search(q, 10, 40).ids(), switched.search(q, 10, 40).ids(), "user " + u);
            assertArrayEquals(floats.search(q, 10, 40).ids(), switched.withInt8(false).search(q, 10, 40).ids());
        }
    }

    @Test
    void int8DotOfTheVectorKernelMatchesTheScalarOne() {
        java.util.Random r = new java.util.Random(4);
        for (int n : new int[] {1, 7, 16, 37, 64, 100}) {
            float[] q = new float[n];
            byte[] c = new byte[n + 3];
            for (int i = 0; i < n; i++) {
                q[i] = (float) r.nextGaussian();
                c[i + 3] = (byte) (r.nextInt(255) - 127);
            }
            float scalar = DotKernel.scalar().dotCodes(q, c, 3, n);
            double exact = 0;
            for (int i = 0; i < n; i++) {
                exact += (double) q[i] * c[i + 3];
            }
            assertEquals(exact, scalar, 1e-3 * n);
            assertEquals(exact, DotKernel.best().dotCodes(q, c, 3, n), 1e-3 * n, "n " + n);
        }
    }

    @Test
    void exactByteDotOfTheVectorKernelMatchesTheScalarOne() {
        java.util.Random r = new java.util.Random(5);
        for (int n : new int[] {1, 7, 16, 37, 64, 100}) {
            byte[] a = new byte[n + 2];
            byte[] b = new byte[n + 5];
            int exact = 0;
            for (int i = 0; i < n; i++) {
                a[i + 2] = (byte) (r.nextInt(256) - 128);
                b[i + 5] = (byte) (r.nextInt(256) - 128);
                exact += a[i + 2] * b[i + 5];
            }
            assertEquals(exact, DotKernel.scalar().dotBytes(a, 2, b, 5, n), "n " + n);
            assertEquals(exact, DotKernel.best().dotBytes(a, 2, b, 5, n), "n " + n);
        }
        byte[] extreme = new byte[64];
        java.util.Arrays.fill(extreme, (byte) -128);
        assertEquals(64 * 128 * 128, DotKernel.best().dotBytes(extreme, 0, extreme, 0, 64));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
