package org.recsysbook.studies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.recsysbook.core.Args;
import org.recsysbook.core.Quantile;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.notebook.Progress;
import org.recsysbook.retrieval.AnnRecall;
import org.recsysbook.retrieval.DotKernel;
import org.recsysbook.retrieval.ExactScan;
import org.recsysbook.retrieval.HnswIndex;
import org.recsysbook.world.World;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Measures an {@link AnnTradeoff}: one catalog at a time, its exact scans, then each HNSW search breadth. */
final class AnnTradeoffRunner {
    private AnnTradeoffRunner() { }

    static AnnTradeoff run(int[] catalogSizes, int dim, int k, int[] breadths, int queries, int m, int beamWidth,
                           long seed) {
        int maxBreadth = check(catalogSizes, k, breadths, queries);
        int cores = Runtime.getRuntime().availableProcessors();
        List<AnnTradeoff.Catalog> catalogs = new ArrayList<>();
        List<AnnTradeoff.Point> points = new ArrayList<>();
        long work = 0;
        for (int n : catalogSizes) {
            work += n / 1000 + (long) queries * (2 + breadths.length);
        }
        try (Progress progress = Progress.start("Exact scan vs HNSW", work)) {
            // One untimed build first: the first build in a JVM also pays for class loading and JIT compilation
            // of Lucene's graph builder, which would inflate the smallest catalog's build time.
            HnswIndex.builder(World.builder().items(2000).dim(dim).users(1).seed(seed + 1).build())
                    .m(m).beamWidth(beamWidth).threads(cores).build();
            for (int n : catalogSizes) {
                World world = World.builder().items(n).dim(dim).users(queries).seed(seed).build();
                HnswIndex index = HnswIndex.builder(world).m(m).beamWidth(beamWidth).threads(cores).build();
                progress.advance(n / 1000);
                ExactScan exact = new ExactScan(world);
                ExactScan split = exact.withThreads(cores);
                warmUp(exact, split, index, world, k, maxBreadth);
                ScoredItems[] truth = new ScoredItems[queries];
                catalogs.add(measureExact(world, index, exact, split, k, truth, progress));
                for (int b : breadths) {
                    points.add(measureSearch(world, index, k, b, truth, progress));
                }
            }
        }
        return new AnnTradeoff(k, breadths, catalogs, points, DotKernel.best().name());
    }

    /** Checks the arguments; returns the largest breadth. */
    private static int check(int[] catalogSizes, int k, int[] breadths, int queries) {
        Args.atLeast("catalogSizes.length", Args.notNull("catalogSizes", catalogSizes).length, 1);
        Args.atLeast("breadths.length", Args.notNull("breadths", breadths).length, 1);
        Args.atLeast("k", k, 1);
        if (queries < 1 || queries > 100_000) {
            throw Args.fail("queries", queries, "in [1, 100000]");
        }
        int maxBreadth = 0;
        for (int i = 0; i < breadths.length; i++) {
            if (breadths[i] < k) {
                throw Args.fail("breadths[" + i + "]", breadths[i], "≥ k = " + k);
            }
            maxBreadth = Math.max(maxBreadth, breadths[i]);
        }
        for (int i = 0; i < catalogSizes.length; i++) {
            if (catalogSizes[i] < maxBreadth) {
                throw Args.fail("catalogSizes[" + i + "]", catalogSizes[i],
                        "≥ " + maxBreadth + " (the largest breadth)");
            }
        }
        return maxBreadth;
    }

    /** The exact top-k of every query into {@code truth}, timed on one core and on all cores. */
    private static AnnTradeoff.Catalog measureExact(World world, HnswIndex index, ExactScan exact, ExactScan split,
                                                    int k, ScoredItems[] truth, Progress progress) {
        int queries = truth.length;
        long[] oneCore = new long[queries];
        long[] allCores = new long[queries];
        for (int u = 0; u < queries; u++) {
            float[] q = world.userVector(u);
            long t0 = System.nanoTime();
            truth[u] = exact.generate(q, k);
            long t1 = System.nanoTime();
            split.generate(q, k);
            long t2 = System.nanoTime();
            oneCore[u] = t1 - t0;
            allCores[u] = t2 - t1;
            progress.advance(2);
        }
        return new AnnTradeoff.Catalog(world.itemCount(), world.dim(), index.buildSeconds(), index.graphBytes(),
                index.levels(), quantileMs(oneCore, 0.5), quantileMs(allCores, 0.5));
    }

    /** Recall@k, latency and nodes visited of every query at one search breadth. */
    private static AnnTradeoff.Point measureSearch(World world, HnswIndex index, int k, int breadth,
                                                   ScoredItems[] truth, Progress progress) {
        int queries = truth.length;
        long[] nanos = new long[queries];
        double recall = 0;
        double visited = 0;
        for (int u = 0; u < queries; u++) {
            float[] q = world.userVector(u);
            long t0 = System.nanoTime();
            HnswIndex.Search s = index.searchCounting(q, k, breadth);
            nanos[u] = System.nanoTime() - t0;
            recall += AnnRecall.atK(s.candidates(), truth[u], k);
            visited += s.visited();
            progress.step();
        }
        return new AnnTradeoff.Point(world.itemCount(), breadth, recall / queries, quantileMs(nanos, 0.5),
                quantileMs(nanos, 0.99), visited / queries);
    }

    static Table scanSpeed(World world, int queries, int k) {
        if (queries < 1 || queries > world.userCount()) {
            throw Args.fail("queries", queries, "in [1, " + world.userCount() + "] (the world's users)");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        ExactScan[] scans = {new ExactScan(world).withKernel(DotKernel.scalar()), new ExactScan(world),
            new ExactScan(world).withThreads(cores)};
        String[] kernels = new String[scans.length];
        int[] threads = new int[scans.length];
        double[] median = new double[scans.length];
        double[] gbs = new double[scans.length];
        double bytes = 4.0 * world.itemCount() * world.dim();
        for (ExactScan scan : scans) {
            for (int r = 0; r < 12; r++) { // lets the JIT compile the kernel before timing
                scan.generate(world.userVector(r % queries), k);
            }
        }
        // Interleaved: every query runs on every scan in turn, the order rotating, so that a change in the
        // machine's load (other processes on the same cores) hits all rows alike instead of one row.
        long[][] nanos = new long[scans.length][queries];
        for (int u = 0; u < queries; u++) {
            float[] q = world.userVector(u);
            for (int j = 0; j < scans.length; j++) {
                int s = (u + j) % scans.length;
                long t0 = System.nanoTime();
                scans[s].generate(q, k);
                nanos[s][u] = System.nanoTime() - t0;
            }
        }
        for (int s = 0; s < scans.length; s++) {
            kernels[s] = scans[s].kernel().name();
            threads[s] = scans[s].threads();
            median[s] = round(quantileMs(nanos[s], 0.5), 3);
            gbs[s] = round(bytes / (quantileMs(nanos[s], 0.5) * 1e6), 2);
        }
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return Table.create("exact scan speed, " + world.itemCount() + " × " + world.dim() + " (load average "
                        + (load < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.1f", load)) + " on " + cores
                        + " cores)",
                StringColumn.create("kernel", kernels), IntColumn.create("threads", threads),
                DoubleColumn.create("median (ms per query)", median), DoubleColumn.create("GB/s", gbs));
    }

    private static void warmUp(ExactScan exact, ExactScan split, HnswIndex index, World world, int k, int breadth) {
        for (int r = 0; r < 20; r++) {
            float[] q = world.userVector(r % world.userCount());
            exact.generate(q, k);
            split.generate(q, k);
            index.search(q, k, breadth);
        }
    }

    private static double quantileMs(long[] nanos, double q) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return Quantile.nearestRank(s, q) / 1e6;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
