package org.recsysbook.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.recsysbook.core.Quantile;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.notebook.Charts;
import org.recsysbook.notebook.Progress;
import org.recsysbook.world.World;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The speed–quality trade-off of approximate retrieval, measured: exact scan against HNSW on
 * low-rank catalogs of several sizes, recall@k and latency per query over the HNSW search breadth,
 * and how build time and memory grow with the catalog — the seed's "Fast, coarse (ANN retrieval)"
 * made concrete.
 *
 * <p>For each catalog size it generates a {@link World#lowRank low-rank world}, builds an
 * {@link HnswIndex} on all cores, takes the first {@code queries} users as queries, computes their
 * exact top-k with an {@link ExactScan} (one core, and split over all cores), and searches the index
 * at each breadth. Latencies are wall-clock per query on one thread after a warm-up, so they depend on
 * the machine and on what else runs on it; recall does not.
 */
public final class AnnTradeoff {

    /** One catalog's figures. */
    public record Catalog(int items, int dim, double buildSeconds, long graphBytes, int levels,
                          double exactMedianMs, double exactAllCoresMedianMs) {
        /** Bytes of the item vectors themselves (n × dim floats). */
        public long vectorBytes() {
            return 4L * items * dim;
        }
    }

    /** One (catalog, breadth) point. */
    public record Point(int items, int breadth, double recall, double medianMs, double p99Ms, double visited) {
    }

    private final int k;
    private final int[] breadths;
    private final List<Catalog> catalogs;
    private final List<Point> points;
    private final String kernel;

    private AnnTradeoff(int k, int[] breadths, List<Catalog> catalogs, List<Point> points, String kernel) {
        this.k = k;
        this.breadths = breadths;
        this.catalogs = catalogs;
        this.points = points;
        this.kernel = kernel;
    }

    /**
     * Runs the experiment with 64 dimensions, k = 100, 100 queries, M 16, beam width 100, all cores for
     * the build and seed 42.
     */
    public static AnnTradeoff run(int[] catalogSizes, int[] breadths) {
        return run(catalogSizes, 64, 100, breadths, 100, HnswIndex.DEFAULT_M, HnswIndex.DEFAULT_BEAM_WIDTH, 42);
    }

    /**
     * Runs the experiment, showing a progress bar.
     *
     * @param catalogSizes item counts, each ≥ max(k, largest breadth)
     * @param dim          vector dimension, ≥ 1
     * @param k            the number of neighbours whose recall is measured, ≥ 1
     * @param breadths     HNSW search breadths, each ≥ k
     * @param queries      queries per catalog, in [1, 100 000]
     * @param m            HNSW neighbours per node
     * @param beamWidth    HNSW build beam
     * @param seed         seed of the worlds
     */
    public static AnnTradeoff run(int[] catalogSizes, int dim, int k, int[] breadths, int queries, int m,
                                  int beamWidth, long seed) {
        if (catalogSizes == null || catalogSizes.length == 0) {
            throw new IllegalArgumentException("catalogSizes must hold at least one size");
        }
        if (breadths == null || breadths.length == 0) {
            throw new IllegalArgumentException("breadths must hold at least one breadth");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (queries < 1 || queries > 100_000) {
            throw new IllegalArgumentException("queries must be in [1, 100000], got " + queries);
        }
        int maxBreadth = 0;
        for (int b : breadths) {
            if (b < k) {
                throw new IllegalArgumentException("every breadth must be >= k=" + k + ", got " + b);
            }
            maxBreadth = Math.max(maxBreadth, b);
        }
        for (int n : catalogSizes) {
            if (n < maxBreadth) {
                throw new IllegalArgumentException("every catalog size must be >= the largest breadth "
                        + maxBreadth + ", got " + n);
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<Catalog> catalogs = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        long work = 0;
        for (int n : catalogSizes) {
            work += n / 1000 + (long) queries * (2 + breadths.length);
        }
        try (Progress progress = Progress.start("Exact scan vs HNSW", work)) {
            for (int n : catalogSizes) {
                World world = World.builder().items(n).dim(dim).users(queries).seed(seed).build();
                HnswIndex index = HnswIndex.builder(world).m(m).beamWidth(beamWidth).threads(cores).build();
                progress.advance(n / 1000);
                ExactScan exact = new ExactScan(world);
                ExactScan split = exact.withThreads(cores);
                ScoredItems[] truth = new ScoredItems[queries];
                long[] oneCore = new long[queries];
                long[] allCores = new long[queries];
                warmUp(exact, split, index, world, k, maxBreadth);
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
                catalogs.add(new Catalog(n, dim, index.buildSeconds(), index.graphBytes(), index.levels(),
                        quantileMs(oneCore, 0.5), quantileMs(allCores, 0.5)));
                for (int b : breadths) {
                    long[] nanos = new long[queries];
                    double recall = 0;
                    double visited = 0;
                    for (int u = 0; u < queries; u++) {
                        float[] q = world.userVector(u);
                        long t0 = System.nanoTime();
                        HnswIndex.Search s = index.searchCounting(q, k, b);
                        nanos[u] = System.nanoTime() - t0;
                        recall += AnnRecall.atK(s.candidates(), truth[u], k);
                        visited += s.visited();
                        progress.step();
                    }
                    points.add(new Point(n, b, recall / queries, quantileMs(nanos, 0.5), quantileMs(nanos, 0.99),
                            visited / queries));
                }
            }
        }
        return new AnnTradeoff(k, breadths.clone(), List.copyOf(catalogs), List.copyOf(points),
                DotKernel.best().name());
    }

    /**
     * How fast an exact scan streams a catalog: median milliseconds per top-{@code k} query and the
     * effective bandwidth ({@code 4·n·dim} bytes per query) for the scalar kernel on one core, the best
     * kernel on one core and the best kernel on all cores, over the first {@code queries} users, after
     * twelve untimed warm-up queries per variant.
     */
    public static Table scanSpeed(World world, int queries, int k) {
        if (queries < 1 || queries > world.userCount()) {
            throw new IllegalArgumentException("queries must be in [1, " + world.userCount()
                    + "] (the world's users), got " + queries);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        ExactScan[] scans = {new ExactScan(world).withKernel(DotKernel.scalar()), new ExactScan(world),
            new ExactScan(world).withThreads(cores)};
        String[] kernels = new String[scans.length];
        int[] threads = new int[scans.length];
        double[] median = new double[scans.length];
        double[] gbs = new double[scans.length];
        double bytes = 4.0 * world.itemCount() * world.dim();
        for (int s = 0; s < scans.length; s++) {
            for (int r = 0; r < 12; r++) { // lets the JIT compile the kernel before timing
                scans[s].generate(world.userVector(r % queries), k);
            }
            long[] nanos = new long[queries];
            for (int u = 0; u < queries; u++) {
                float[] q = world.userVector(u);
                long t0 = System.nanoTime();
                scans[s].generate(q, k);
                nanos[u] = System.nanoTime() - t0;
            }
            kernels[s] = scans[s].kernel().name();
            threads[s] = scans[s].threads();
            median[s] = round(quantileMs(nanos, 0.5), 3);
            gbs[s] = round(bytes / (quantileMs(nanos, 0.5) * 1e6), 2);
        }
        return Table.create("exact scan speed, " + world.itemCount() + " × " + world.dim(),
                tech.tablesaw.api.StringColumn.create("kernel", kernels), IntColumn.create("threads", threads),
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

    /** The k whose recall was measured. */
    public int k() {
        return k;
    }

    /** The dot-product kernel the scans and searches ran on. */
    public String kernel() {
        return kernel;
    }

    public List<Catalog> catalogs() {
        return catalogs;
    }

    public List<Point> points() {
        return points;
    }

    /** The catalog figures for {@code items} items. */
    public Catalog catalog(int items) {
        for (Catalog c : catalogs) {
            if (c.items() == items) {
                return c;
            }
        }
        throw new IllegalArgumentException("items must be one of the catalog sizes " + sizes() + ", got " + items);
    }

    /** Mean recall@k at one catalog size and breadth. */
    public double recall(int items, int breadth) {
        return point(items, breadth).recall();
    }

    /** Mean recall@k at each breadth (in the order given), for one catalog size. */
    public double[] recalls(int items) {
        catalog(items);
        double[] r = new double[breadths.length];
        for (int i = 0; i < breadths.length; i++) {
            r[i] = recall(items, breadths[i]);
        }
        return r;
    }

    /** The (catalog, breadth) point. */
    public Point point(int items, int breadth) {
        for (Point p : points) {
            if (p.items() == items && p.breadth() == breadth) {
                return p;
            }
        }
        throw new IllegalArgumentException("(items, breadth) must be a measured pair; items in " + sizes()
                + ", breadth in " + Arrays.toString(breadths) + ", got (" + items + ", " + breadth + ")");
    }

    private List<Integer> sizes() {
        List<Integer> s = new ArrayList<>();
        for (Catalog c : catalogs) {
            s.add(c.items());
        }
        return s;
    }

    /** One row per catalog: items, build seconds, graph and vector MiB, levels, exact-scan latencies. */
    public Table catalogTable() {
        int n = catalogs.size();
        int[] items = new int[n];
        double[] build = new double[n];
        double[] graph = new double[n];
        double[] vectors = new double[n];
        int[] levels = new int[n];
        double[] exact = new double[n];
        double[] exactAll = new double[n];
        for (int i = 0; i < n; i++) {
            Catalog c = catalogs.get(i);
            items[i] = c.items();
            build[i] = round(c.buildSeconds(), 2);
            graph[i] = round(c.graphBytes() / 1048576.0, 1);
            vectors[i] = round(c.vectorBytes() / 1048576.0, 1);
            levels[i] = c.levels();
            exact[i] = round(c.exactMedianMs(), 3);
            exactAll[i] = round(c.exactAllCoresMedianMs(), 3);
        }
        return Table.create("catalogs", IntColumn.create("items", items),
                DoubleColumn.create("HNSW build (s)", build), DoubleColumn.create("graph (MiB)", graph),
                DoubleColumn.create("vectors (MiB)", vectors), IntColumn.create("levels", levels),
                DoubleColumn.create("exact scan, 1 core (ms)", exact),
                DoubleColumn.create("exact scan, all cores (ms)", exactAll));
    }

    /** One row per (catalog, breadth): recall@k, median and p99 ms per query, nodes visited. */
    public Table sweepTable() {
        int n = points.size();
        int[] items = new int[n];
        int[] breadth = new int[n];
        double[] recall = new double[n];
        double[] median = new double[n];
        double[] p99 = new double[n];
        long[] visited = new long[n];
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            items[i] = p.items();
            breadth[i] = p.breadth();
            recall[i] = round(p.recall(), 4);
            median[i] = round(p.medianMs(), 3);
            p99[i] = round(p.p99Ms(), 3);
            visited[i] = Math.round(p.visited());
        }
        return Table.create("HNSW sweep", IntColumn.create("items", items), IntColumn.create("breadth", breadth),
                DoubleColumn.create("recall@" + k, recall), DoubleColumn.create("median (ms)", median),
                DoubleColumn.create("p99 (ms)", p99), LongColumn.create("nodes visited", visited));
    }

    /** Recall@k against the search breadth, one line per catalog size. */
    public Figure recallChart() {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Catalog c : catalogs) {
            series.put(label(c.items()), recalls(c.items()));
        }
        return Charts.line("HNSW recall@" + k + " against the exact top " + k, "search breadth ef (candidates)",
                "recall@" + k + " (fraction of true neighbours found)", xs(), series);
    }

    /** Median latency per query against the breadth, HNSW per catalog and the exact scan as flat lines. */
    public Figure latencyChart() {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Catalog c : catalogs) {
            double[] ms = new double[breadths.length];
            for (int i = 0; i < breadths.length; i++) {
                ms[i] = point(c.items(), breadths[i]).medianMs();
            }
            series.put("HNSW, " + label(c.items()), ms);
        }
        for (Catalog c : catalogs) {
            double[] flat = new double[breadths.length];
            Arrays.fill(flat, c.exactMedianMs());
            series.put("exact scan, " + label(c.items()), flat);
        }
        return Charts.line("Latency per query (median, one core)", "search breadth ef (candidates)",
                "latency (ms per query)", xs(), series);
    }

    /** HNSW build seconds against the catalog size. */
    public Figure buildChart() {
        double[] x = new double[catalogs.size()];
        double[] y = new double[catalogs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = catalogs.get(i).items();
            y[i] = catalogs.get(i).buildSeconds();
        }
        return Charts.line("HNSW build time against catalog size", "catalog size (items)",
                "build time (s, all cores)", x, y);
    }

    /** Memory of the graph and of the vectors against the catalog size. */
    public Figure memoryChart() {
        double[] x = new double[catalogs.size()];
        double[] graph = new double[x.length];
        double[] vectors = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            Catalog c = catalogs.get(i);
            x[i] = c.items();
            graph[i] = c.graphBytes() / 1048576.0;
            vectors[i] = c.vectorBytes() / 1048576.0;
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("HNSW graph", graph);
        series.put("item vectors (float32)", vectors);
        return Charts.line("Memory against catalog size", "catalog size (items)", "memory (MiB)", x, series);
    }

    private double[] xs() {
        double[] x = new double[breadths.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = breadths[i];
        }
        return x;
    }

    private static String label(int items) {
        return items % 1000 == 0 ? (items / 1000) + "k items" : items + " items";
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
