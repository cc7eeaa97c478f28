package org.recsysbook.studies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.recsysbook.retrieval.ExactScan;
import org.recsysbook.retrieval.HnswIndex;
import org.recsysbook.world.World;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The speed–quality trade-off of approximate retrieval, measured: exact scan against HNSW on
 * low-rank catalogs of several sizes, recall@k and latency per query over the HNSW search breadth,
 * and how build time and memory grow with the catalog — the chapter's "Fast, coarse (ANN retrieval)"
 * made concrete.
 *
 * <p>For each catalog size it generates a {@link World#lowRank low-rank world}, builds an
 * {@link HnswIndex} on all cores, takes the first {@code queries} users as queries, computes their
 * exact top-k with an {@link ExactScan} (one core, and split over all cores), and searches the index
 * at each breadth. Latencies are wall-clock per query on one thread after a warm-up, so they depend on
 * the machine and on what else runs on it; recall does not.
 *
 * <p>This class holds the result, its tables and (through {@code AnnTradeoffCharts}) its charts; the measurement
 * is {@code AnnTradeoffRunner}'s.
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

    AnnTradeoff(int k, int[] breadths, List<Catalog> catalogs, List<Point> points, String kernel) {
        this.k = k;
        this.breadths = breadths.clone();
        this.catalogs = List.copyOf(catalogs);
        this.points = List.copyOf(points);
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
        return AnnTradeoffRunner.run(catalogSizes, dim, k, breadths, queries, m, beamWidth, seed);
    }

    /**
     * How fast an exact scan streams a catalog: median milliseconds per top-{@code k} query and the
     * effective bandwidth ({@code 4·n·dim} bytes per query) for the scalar kernel on one core, the best
     * kernel on one core and the best kernel on all cores, over the first {@code queries} users, after
     * twelve untimed warm-up queries per variant. The variants are timed interleaved (each query on each variant in
     * turn, the order rotating), so that a change in the machine's load affects them alike; the table's name gives
     * the system load average at the end, without which a multi-thread figure cannot be read.
     */
    public static Table scanSpeed(World world, int queries, int k) {
        return AnnTradeoffRunner.scanSpeed(world, queries, k);
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

    /** The breadths searched, in the order given. */
    int[] breadths() {
        return breadths.clone();
    }

    private List<Integer> sizes() {
        List<Integer> s = new ArrayList<>();
        for (Catalog c : catalogs) {
            s.add(c.items());
        }
        return s;
    }

    /**
     * One row per catalog: items, build seconds and microseconds per item (the figure that shows how the build
     * grows: flat for linear growth, rising slowly for {@code n log n}), graph and vector MiB, levels, exact-scan
     * latencies.
     */
    public Table catalogTable() {
        int n = catalogs.size();
        int[] items = new int[n];
        double[] build = new double[n];
        double[] perItem = new double[n];
        double[] graph = new double[n];
        double[] vectors = new double[n];
        int[] levels = new int[n];
        double[] exact = new double[n];
        double[] exactAll = new double[n];
        for (int i = 0; i < n; i++) {
            Catalog c = catalogs.get(i);
            items[i] = c.items();
            build[i] = round(c.buildSeconds(), 2);
            perItem[i] = round(1e6 * c.buildSeconds() / c.items(), 0);
            graph[i] = round(c.graphBytes() / 1048576.0, 1);
            vectors[i] = round(c.vectorBytes() / 1048576.0, 1);
            levels[i] = c.levels();
            exact[i] = round(c.exactMedianMs(), 3);
            exactAll[i] = round(c.exactAllCoresMedianMs(), 3);
        }
        return Table.create("catalogs", IntColumn.create("items", items),
                DoubleColumn.create("HNSW build (s)", build),
                DoubleColumn.create("build (µs per item)", perItem), DoubleColumn.create("graph (MiB)", graph),
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
        return AnnTradeoffCharts.recall(this);
    }

    /** Median latency per query against the breadth, HNSW per catalog and the exact scan as flat lines. */
    public Figure latencyChart() {
        return AnnTradeoffCharts.latency(this);
    }

    /** HNSW build seconds against the catalog size. */
    public Figure buildChart() {
        return AnnTradeoffCharts.build(this);
    }

    /** Memory of the graph and of the vectors against the catalog size. */
    public Figure memoryChart() {
        return AnnTradeoffCharts.memory(this);
    }

    private static double round(double v, int digits) {
        return AnnTradeoffRunner.round(v, digits);
    }
}
