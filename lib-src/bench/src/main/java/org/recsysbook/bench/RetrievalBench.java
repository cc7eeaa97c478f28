package org.recsysbook.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.recsysbook.core.ScoredItems;
import org.recsysbook.retrieval.AnnRecall;
import org.recsysbook.retrieval.CosinePopularityBlend;
import org.recsysbook.retrieval.DotKernel;
import org.recsysbook.retrieval.ExactScan;
import org.recsysbook.retrieval.HnswIndex;
import org.recsysbook.world.World;

/**
 * Candidate generation at catalog scale: a STREAM-style triad (the machine's single-thread memory bandwidth),
 * the exact top-100 scan (scalar and Vector API kernels, the latter on its blocked layout and on the row-major
 * rows it scanned before; one core and all cores) with its effective GB/s
 * against that bandwidth, the chapter's cosine + popularity blend, and HNSW (build on all cores, recall@100
 * and latency per query on one core over the search breadth, on the float vectors and on int8 codes of the same
 * graph, the two searches alternating query by query so that both see the same load) on a low-rank world. Every
 * query is timed in wall-clock and in thread CPU time, the build in wall-clock and in the CPU time of its threads.
 *
 * <p>Usage: {@code RetrievalBench [items=1000000] [queries=200] [dim=64] [--exact-only] [--peer DIR]
 * [--graph-cache FILE [--build-from N]]} ({@code --exact-only}: the triad and the exact scans, no HNSW;
 * {@code --graph-cache FILE}: the HNSW graph is read from, or built and written to, {@code FILE} followed by
 * {@code -n<items>-d<dim>-seed<world seed>-M<M>-beam<beam width>.hnsw}, so that the search figures can be measured
 * again without a build of minutes; {@code --build-from N}: only catalogs of at least N items use that cache, smaller
 * ones are built, and timed, every run). {@code RetrievalBench --build-only FILE DIM [THREADS=2]} only builds a graph
 * over the float32 rows of {@code FILE} (as {@code --peer} writes them) and prints its wall and CPU seconds as one
 * JSON line (a fourth argument {@code f32} or {@code int8} chooses what the build scores, by default as
 * {@link HnswIndex.Builder#buildOnInt8} does): {@code scripts/bench_retrieval_peer.py --builds N} alternates it with
 * FAISS's build. Run the JVM with
 * {@code --add-modules jdk.incubator.vector} to measure the Vector API kernel as well. With {@code --peer DIR}
 * it also writes what a peer library needs to run the same benchmark on the same data — {@code items.f32}
 * (row-major float32, little-endian), {@code queries.f32} (the queries scaled to unit length, as the scan and
 * the index scale them), {@code truth.i32} (the exact top-100 ids of each query, best first, int32), the HNSW graph
 * it built (the {@code --graph-cache} file, or {@code graph-…hnsw} in {@code DIR}, which {@link PeerSearchServer}
 * searches block by block beside FAISS) — and its own figures as {@code project.json};
 * {@code scripts/bench_retrieval_peer.py} reads them ({@code ./workbook bench retrieval --peer}).
 */
public final class RetrievalBench {
    private static final int K = 100;
    private static final int[] BREADTHS = {100, 120, 150, 200, 300, 400, 600};
    /** The recall@100 the verdict asks of HNSW: issue 17's target. */
    private static final double RECALL_TARGET = 0.97;
    private static final long WORLD_SEED = 42;

    /** HotSpot's thread MXBean, for the bytes each query allocates (what drives the collections behind a p99). */
    private static final com.sun.management.ThreadMXBean ALLOCATION =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private RetrievalBench() {
    }

    private static long allocatedNow() {
        return ALLOCATION.getCurrentThreadAllocatedBytes();
    }

    /** Collections so far and their accumulated time in ms, over all collectors. */
    private static long[] gcNow() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** "allocated X bytes/query, N collections (T ms) while timed" for a timed loop. */
    private static String allocation(long bytes, int queries, long[] gcBefore) {
        long[] gc = gcNow();
        return String.format(Locale.ROOT, "allocated %.0f bytes/query, %d collections (%d ms) while timed",
                (double) bytes / queries, gc[0] - gcBefore[0], gc[1] - gcBefore[1]);
    }

    public static void main(String[] args) throws IOException {
        List<String> positional = new ArrayList<>();
        Path peer = null;
        Path graphCache = null;
        Path buildOnly = null;
        int buildFrom = 0;
        boolean hnsw = true;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--exact-only")) {
                hnsw = false;
            } else if (args[i].equals("--peer")) {
                peer = Path.of(value(args, ++i, "--peer needs a directory"));
            } else if (args[i].equals("--graph-cache")) {
                graphCache = Path.of(value(args, ++i, "--graph-cache needs a file"));
            } else if (args[i].equals("--build-only")) {
                buildOnly = Path.of(value(args, ++i, "--build-only needs the file of float32 rows"));
            } else if (args[i].equals("--build-from")) {
                buildFrom = Integer.parseInt(value(args, ++i, "--build-from needs a number of items").replace("_", ""));
                if (buildFrom < 0) {
                    throw new IllegalArgumentException("--build-from must be >= 0, got " + buildFrom);
                }
            } else {
                positional.add(args[i]);
            }
        }
        if (buildOnly != null) {
            buildOnly(buildOnly, positional);
            return;
        }
        int items = positional.size() > 0 ? Integer.parseInt(positional.get(0).replace("_", "")) : 1_000_000;
        int queries = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 200;
        int dim = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 64;
        BenchStats.begin("RetrievalBench");
        String loadStart = BenchStats.loadAverage();
        System.out.printf(Locale.ROOT, "# %d items × %d dims (low-rank world), %d queries, top-%d; Vector API %s%n",
                items, dim, queries, K, DotKernel.vectorApiAvailable()
                        ? "available (" + DotKernel.best().name() + ")"
                        : "NOT available: run with --add-modules jdk.incubator.vector to measure it");
        Json json = new Json();
        json.put("items", items).put("dim", dim).put("queries", queries).put("k", K)
                .put("java", System.getProperty("java.version")).put("kernel", DotKernel.best().name())
                .put("load_start", loadStart);

        double[] triad = Triad.measure();
        System.out.printf(Locale.ROOT, "STREAM-style triad a[i] = b[i] + s*c[i], 1 thread, 3 x %d MiB of doubles: "
                + "best %.2f GB/s, median %.2f GB/s; in thread CPU time best %.2f GB/s, median %.2f GB/s (24 bytes "
                + "per element, as STREAM counts)%n", Triad.BYTES_PER_ARRAY >> 20, triad[0], triad[1], triad[2],
                triad[3]);
        json.put("triad_best_gbps", triad[0]).put("triad_median_gbps", triad[1])
                .put("triad_cpu_best_gbps", triad[2]).put("triad_cpu_median_gbps", triad[3]);

        long t0 = System.nanoTime();
        World world = World.builder().items(items).dim(dim).users(queries).seed(WORLD_SEED).build();
        System.out.printf(Locale.ROOT, "world generation (all cores): %.2f s%n", (System.nanoTime() - t0) / 1e9);
        double bytesPerQuery = 4.0 * items * dim;

        ExactScan scalar = new ExactScan(world).withKernel(DotKernel.scalar());
        ScoredItems[] truth = new ScoredItems[queries];
        BenchStats exactScalar = exactScan("exact top-100 scan, scalar, 1 core", scalar, world, queries,
                bytesPerQuery, truth, triad);
        BenchStats exact = exactScalar;
        if (DotKernel.vectorApiAvailable()) {
            ScoredItems[] vec = new ScoredItems[queries];
            exact = exactScan("exact top-100 scan, " + DotKernel.best().name() + ", 1 core", new ExactScan(world),
                    world, queries, bytesPerQuery, vec, triad);
            int same = 0;
            double overlap = 0;
            for (int u = 0; u < queries; u++) {
                same += Arrays.equals(vec[u].ids(), truth[u].ids()) ? 1 : 0;
                overlap += AnnRecall.of(vec[u], truth[u]);
            }
            System.out.printf(Locale.ROOT, "  vector and scalar kernels: identical top-100 for %d of %d queries, "
                    + "mean overlap %.5f (float rounding reorders near-ties at the cut)%n", same, queries,
                    overlap / queries);
        }
        multiQuery(new ExactScan(world), world, queries, bytesPerQuery, exact, json);
        if (DotKernel.best().blockRows() > 0) {
            BenchStats rowMajor = exactScan("exact top-100 scan, " + DotKernel.best().name() + " row-major, 1 core",
                    new ExactScan(world).withKernel(DotKernel.rowMajor(DotKernel.best())), world, queries, bytesPerQuery,
                    null, triad);
            System.out.printf(Locale.ROOT, "  blocked layout against the row-major scan it replaced (same floats): "
                    + "%.2fx the speed at the median, %.2fx in thread CPU time%n",
                    rowMajor.medianMillis() / exact.medianMillis(),
                    rowMajor.cpuQuantileMillis(0.5) / exact.cpuQuantileMillis(0.5));
            json.putStats("exact_row_major", rowMajor);
        }
        json.putStats("exact", exact).put("exact_gbps", bytesPerQuery / (exact.medianMillis() * 1e6));
        int cores = Runtime.getRuntime().availableProcessors();
        exactScan("exact top-100 scan, " + DotKernel.best().name() + ", " + cores + " cores",
                new ExactScan(world).withThreads(cores), world, Math.min(queries, 100), bytesPerQuery, null, triad);
        blend(world, Math.min(queries, 100), bytesPerQuery);
        if (peer != null) {
            export(peer, world, truth, queries);
        }

        String scope = items == 1_000_000 && dim == 64 ? ""
                : String.format(Locale.ROOT, "; targets set for 1M x 64, this run is %d x %d", items, dim);
        exact.verdict("exact scan median <= 40 ms/query, one core", exact.medianMillis() <= 40,
                String.format(Locale.ROOT, "%.2f GB/s against the triad's %.2f GB/s; in thread CPU time %.2f against "
                        + "%.2f GB/s%s", bytesPerQuery / (exact.medianMillis() * 1e6), triad[0],
                        bytesPerQuery / (exact.cpuQuantileMillis(0.5) * 1e6), triad[2], scope));
        if (!hnsw) {
            finish(peer, json.putRaw("hnsw", "[]"));
            return;
        }
        HnswIndex.Builder builder = HnswIndex.builder(world).threads(cores).int8(false);
        Path cacheFile = graphCache == null || items < buildFrom ? null : cacheFile(graphCache, items, dim);
        if (cacheFile == null && peer != null) {
            // the peer script's interleaved search (PeerSearchServer) reads the graph this run built: written here,
            // and removed first so that the build is always measured
            cacheFile = cacheFile(peer.resolve("graph"), items, dim);
            Files.deleteIfExists(cacheFile);
        }
        if (cacheFile != null) {
            builder.cacheFile(cacheFile);
            json.put("graph_file", cacheFile.toAbsolutePath().toString());
        }
        System.out.printf(Locale.ROOT, "building HNSW (M %d, beam width %d) on %d threads%s … (load %s)%n",
                HnswIndex.DEFAULT_M, HnswIndex.DEFAULT_BEAM_WIDTH, cores,
                cacheFile == null ? "" : ", or reading it from " + cacheFile, BenchStats.loadAverage());
        HnswIndex floats = builder.build();
        HnswIndex codes = floats.withInt8(true);
        String loadAfterBuild = BenchStats.loadAverage();
        String what = (floats.fromCache() ? "read from its cache file (no build measured)" : "build")
                + (floats.builtOnInt8() ? " on int8 codes" : " on the floats");
        System.out.printf(Locale.ROOT, "HNSW %s, %d items, %d threads: %.1f s wall, %.1f CPU-s of its threads "
                + "(load after %s); graph %.1f MiB, int8 codes %.1f MiB, float vectors %.1f MiB, %d levels%n", what,
                items, cores, floats.buildSeconds(), floats.buildCpuSeconds(), loadAfterBuild,
                floats.graphBytes() / 1048576.0, (codes.graphBytes() - floats.graphBytes()) / 1048576.0,
                bytesPerQuery / 1048576.0, floats.levels());
        json.put("build_seconds", floats.fromCache() ? Double.NaN : floats.buildSeconds())
                .put("build_cpu_seconds", floats.fromCache() ? Double.NaN : floats.buildCpuSeconds())
                .put("build_from_cache", floats.fromCache())
                .put("build_on_codes", floats.builtOnInt8()).put("build_threads", cores)
                .put("build_load_after", loadAfterBuild)
                .put("graph_bytes", floats.graphBytes()).put("codes_bytes", codes.graphBytes() - floats.graphBytes())
                .put("vector_bytes", (long) bytesPerQuery);

        HnswIndex[] variants = {floats, codes};
        for (int r = 0; r < Math.min(queries, 50); r++) {
            for (HnswIndex index : variants) {
                for (int breadth : BREADTHS) {
                    index.search(world.userVector(r), K, Math.min(breadth, items));
                }
            }
        }
        BenchStats[] chosen = new BenchStats[2];
        String[] chosenFigure = new String[2];
        List<String> rows = new ArrayList<>();
        for (int breadth : BREADTHS) {
            if (breadth > items) {
                continue;
            }
            BenchStats[] stats = new BenchStats[2];
            double[] recall = new double[2];
            double[] minRecall = {1, 1};
            long[] allocated = new long[2];
            long[] gc = gcNow();
            for (int v = 0; v < 2; v++) {
                stats[v] = new BenchStats("HNSW " + variantName(variants[v]) + " top-100, ef " + breadth + ", 1 core");
            }
            for (int u = 0; u < queries; u++) {
                float[] q = world.userVector(u);
                for (int turn = 0; turn < 2; turn++) {
                    int v = (u + turn) % 2; // floats first on even queries, the codes first on odd ones
                    long a = allocatedNow();
                    long c = BenchStats.cpuNow();
                    long t = System.nanoTime();
                    ScoredItems found = variants[v].search(q, K, breadth);
                    stats[v].add(System.nanoTime() - t, BenchStats.cpuNow() - c);
                    allocated[v] += allocatedNow() - a;
                    double rec = AnnRecall.atK(found, truth[u], K);
                    recall[v] += rec;
                    minRecall[v] = Math.min(minRecall[v], rec);
                }
            }
            String allocation = allocation(allocated[0] + allocated[1], 2 * queries, gc);
            for (int v = 0; v < 2; v++) {
                recall[v] /= queries;
                System.out.printf(Locale.ROOT, "%s  recall@100 mean=%.4f min=%.2f; %.0f bytes/query (both variants: "
                        + "%s; alternating query by query) (load %s)%n", stats[v].line(), recall[v], minRecall[v],
                        (double) allocated[v] / queries, allocation, BenchStats.loadAverage());
                rows.add(new Json().put("variant", variantName(variants[v])).put("ef", breadth)
                        .put("recall", recall[v]).put("alloc_bytes_per_query", (double) allocated[v] / queries)
                        .putStats("", stats[v]).toString());
                if (chosen[v] == null && recall[v] >= RECALL_TARGET) {
                    chosen[v] = stats[v];
                    chosenFigure[v] = String.format(Locale.ROOT, "ef %d, recall@100 %.4f", breadth, recall[v]);
                }
            }
        }
        json.putRaw("hnsw", "[\n    " + String.join(",\n    ", rows) + "]");
        for (int v = 0; v < 2; v++) {
            String target = String.format(Locale.ROOT, "HNSW %s recall@100 >= %.2f with p99 <= 5 ms, at the smallest "
                    + "such ef", variantName(variants[v]), RECALL_TARGET);
            if (chosen[v] == null) {
                BenchStats.printVerdict(target, false, String.format(Locale.ROOT, "no breadth up to %d reached "
                        + "recall@100 >= %.2f%s", BREADTHS[BREADTHS.length - 1], RECALL_TARGET, scope));
            } else {
                chosen[v].verdict(target + " (" + chosenFigure[v].substring(0, chosenFigure[v].indexOf(',')) + ")",
                        chosen[v].hasP99() && chosen[v].p99Millis() <= 5,
                        chosenFigure[v] + (chosen[v].hasP99() ? "" : "; too few queries to judge a p99") + scope);
            }
        }
        finish(peer, json);
    }

    private static String variantName(HnswIndex index) {
        return index.int8() ? "int8" : "f32";
    }

    private static String value(String[] args, int i, String missing) {
        if (i >= args.length) {
            throw new IllegalArgumentException(missing);
        }
        return args[i];
    }

    /** {@code base} followed by the settings the graph depends on, so that one file never serves another run's. */
    static Path cacheFile(Path base, int items, int dim) {
        return base.resolveSibling(String.format(Locale.ROOT, "%s-n%d-d%d-seed%d-M%d-beam%d.hnsw",
                base.getFileName(), items, dim, WORLD_SEED, HnswIndex.DEFAULT_M, HnswIndex.DEFAULT_BEAM_WIDTH));
    }

    /**
     * {@code --build-only FILE DIM [THREADS]}: builds HNSW (M 16, beam width 100) over the float32 little-endian
     * rows of {@code FILE} and prints {@code build {"wall_s": …, "cpu_s": …, …}} on one line, the CPU seconds those
     * of the build's threads ({@code process_cpu_s}: the whole JVM's during the build, its compiler and collector
     * threads too, as FAISS's process CPU time counts its own), with the recall@100 of the graph's float search at
     * ef 100, 120 and 150 when {@code queries.f32} and {@code truth.i32} lie beside {@code FILE}.
     */
    private static void buildOnly(Path file, List<String> positional) throws IOException {
        if (positional.isEmpty() || positional.size() > 3) {
            throw new IllegalArgumentException("--build-only FILE needs DIM [THREADS] [f32|int8], got " + positional);
        }
        int dim = Integer.parseInt(positional.get(0));
        int threads = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 2;
        String scoring = positional.size() > 2 ? positional.get(2) : "default";
        if (!scoring.equals("default") && !scoring.equals("f32") && !scoring.equals("int8")) {
            throw new IllegalArgumentException("the build's scoring must be f32 or int8, got " + scoring);
        }
        long bytes = Files.size(file);
        if (dim < 1 || bytes % (4L * dim) != 0) {
            throw new IllegalArgumentException("DIM " + dim + " does not divide the " + bytes + " bytes of " + file);
        }
        float[] vectors = PeerSearchServer.floats(file);
        String loadBefore = BenchStats.loadAverage();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long process = os.getProcessCpuTime();
        HnswIndex.Builder builder = HnswIndex.builder(vectors, dim).threads(threads).int8(false);
        if (!scoring.equals("default")) {
            builder.buildOnInt8(scoring.equals("int8"));
        }
        HnswIndex index = builder.build();
        Json json = new Json().put("items", index.size()).put("dim", dim).put("threads", threads)
                .put("scoring", index.builtOnInt8() ? "int8" : "f32").put("wall_s", index.buildSeconds())
                .put("cpu_s", index.buildCpuSeconds()).put("process_cpu_s", (os.getProcessCpuTime() - process) / 1e9)
                .put("load_before", loadBefore)
                .put("load_after", BenchStats.loadAverage());
        Path queries = file.resolveSibling("queries.f32");
        Path truth = file.resolveSibling("truth.i32");
        if (Files.isRegularFile(queries) && Files.isRegularFile(truth)) { // the graph's quality beside its time
            float[][] q = PeerSearchServer.rows(PeerSearchServer.floats(queries), dim);
            List<java.util.Set<Integer>> exact = PeerSearchServer.truthSets(PeerSearchServer.ints(truth), K);
            int count = q.length;
            for (int breadth : new int[] {100, 120, 150}) {
                double recall = 0;
                for (int u = 0; u < count; u++) {
                    recall += PeerSearchServer.recall(index.search(q[u], K, breadth).ids(), exact.get(u));
                }
                json.put("recall_ef" + breadth, recall / count);
            }
        }
        System.out.println("build " + json.toString().replace("\n", "").replace("  ", " "));
    }

    private static void finish(Path peer, Json json) throws IOException {
        json.put("load_end", BenchStats.loadAverage());
        if (peer != null) {
            Files.writeString(peer.resolve("project.json"), json.toString() + "\n");
            System.out.println("# wrote the peer benchmark's data and project.json to " + peer);
        }
        BenchStats.end();
    }

    private static BenchStats exactScan(String name, ExactScan scan, World world, int queries,
                                        double bytesPerQuery, ScoredItems[] out, double[] triad) {
        for (int r = 0; r < 5; r++) {
            scan.generate(world.userVector(r % queries), K);
        }
        BenchStats stats = new BenchStats(name);
        long allocated = 0;
        long[] gc = gcNow();
        for (int u = 0; u < queries; u++) {
            float[] q = world.userVector(u);
            long a = allocatedNow();
            long c = BenchStats.cpuNow();
            long s = System.nanoTime();
            ScoredItems found = scan.generate(q, K);
            stats.add(System.nanoTime() - s, BenchStats.cpuNow() - c);
            allocated += allocatedNow() - a;
            if (out != null) {
                out[u] = found;
            }
        }
        double gbps = bytesPerQuery / (stats.medianMillis() * 1e6);
        double cpuGbps = bytesPerQuery / (stats.cpuQuantileMillis(0.5) * 1e6);
        System.out.printf(Locale.ROOT, "%s  %.2f GB/s at the median (%.0f%% of the triad's best), %.2f GB/s in thread "
                + "CPU time (%.0f%% of the triad's best in CPU time); %s%n", stats.line(), gbps, 100 * gbps / triad[0],
                cpuGbps, 100 * cpuGbps / triad[2], allocation(allocated, queries, gc));
        return stats;
    }

    /**
     * The multi-query scan: {@link ExactScan#generateAll} on groups of {@link ExactScan#QUERIES_PER_PASS}
     * queries, timed per call and reported per query beside the one-query scan {@code single} of the same run;
     * every result checked against the one-query scan's, ids and score bits.
     */
    private static void multiQuery(ExactScan scan, World world, int queries, double bytesPerQuery, BenchStats single,
                                   Json json) {
        int per = ExactScan.QUERIES_PER_PASS;
        int groups = queries / per;
        if (groups == 0) {
            System.out.printf(Locale.ROOT, "multi-query scan: fewer than %d queries, not timed%n", per);
            return;
        }
        float[][] all = new float[groups * per][];
        for (int u = 0; u < all.length; u++) {
            all[u] = world.userVector(u);
        }
        for (int r = 0; r < 3; r++) {
            scan.generateAll(Arrays.copyOfRange(all, 0, per), K);
        }
        BenchStats stats = new BenchStats("exact top-100 scan, " + scan.kernel().name() + ", " + per
                + " queries per pass, 1 core (per pass)");
        int mismatches = 0;
        for (int g = 0; g < groups; g++) {
            float[][] group = Arrays.copyOfRange(all, g * per, (g + 1) * per);
            long c = BenchStats.cpuNow();
            long s = System.nanoTime();
            ScoredItems[] found = scan.generateAll(group, K);
            stats.add(System.nanoTime() - s, BenchStats.cpuNow() - c);
            for (int j = 0; j < per; j++) {
                ScoredItems one = scan.generate(group[j], K);
                if (!sameBits(found[j], one)) {
                    mismatches++;
                }
            }
        }
        double perQuery = stats.medianMillis() / per;
        double cpuPerQuery = stats.cpuQuantileMillis(0.5) / per;
        System.out.printf(Locale.ROOT, "%s  %.3f ms per query (%.3f ms thread CPU): %.2fx the one-query scan's "
                + "throughput (%.2fx in thread CPU); %.2f GB/s of vectors read per pass; results equal to the "
                + "one-query scan's, ids and score bits, for %d of %d queries%n", stats.line(), perQuery, cpuPerQuery,
                single.medianMillis() / perQuery, single.cpuQuantileMillis(0.5) / cpuPerQuery,
                bytesPerQuery / (stats.medianMillis() * 1e6), groups * per - mismatches, groups * per);
        json.put("multi_queries_per_pass", per).put("multi_per_query_ms", perQuery)
                .put("multi_cpu_per_query_ms", cpuPerQuery).put("multi_passes", groups);
        BenchStats.printVerdict("multi-query scan equal to one query at a time, ids and score bits",
                mismatches == 0, (groups * per - mismatches) + " of " + (groups * per) + " queries equal");
    }

    private static boolean sameBits(ScoredItems a, ScoredItems b) {
        if (!Arrays.equals(a.ids(), b.ids())) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (Double.doubleToRawLongBits(a.score(i)) != Double.doubleToRawLongBits(b.score(i))) {
                return false;
            }
        }
        return true;
    }

    private static void blend(World world, int queries, double bytesPerQuery) {
        CosinePopularityBlend blend = new CosinePopularityBlend(world);
        for (int r = 0; r < 5; r++) {
            blend.generate(world.userVector(r), K);
        }
        BenchStats stats = new BenchStats("chapter's blend 0.7 cos + 0.3 pop, top-100, 1 core");
        for (int u = 0; u < queries; u++) {
            float[] q = world.userVector(u);
            long s = System.nanoTime();
            blend.generate(q, K);
            stats.add(System.nanoTime() - s);
        }
        System.out.printf(Locale.ROOT, "%s  %.2f GB/s at the median (vectors only)%n", stats.line(),
                bytesPerQuery / (stats.medianMillis() * 1e6));
    }

    /** Writes items.f32, queries.f32 (unit length) and truth.i32 (top-100 ids) for the peer benchmark. */
    private static void export(Path dir, World world, ScoredItems[] truth, int queries) throws IOException {
        Files.createDirectories(dir);
        int dim = world.dim();
        writeFloats(dir.resolve("items.f32"), world.itemVectors());
        float[] q = new float[queries * dim];
        for (int u = 0; u < queries; u++) {
            float[] v = world.userVector(u);
            double norm = 0;
            for (float x : v) {
                norm += (double) x * x;
            }
            float inv = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < dim; j++) {
                q[u * dim + j] = v[j] * inv;
            }
        }
        writeFloats(dir.resolve("queries.f32"), q);
        ByteBuffer ids = ByteBuffer.allocate(queries * K * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (ScoredItems t : truth) {
            for (int i = 0; i < K; i++) {
                ids.putInt(t.id(i));
            }
        }
        write(dir.resolve("truth.i32"), ids.flip());
    }

    private static void writeFloats(Path file, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        write(file, buf);
    }

    private static void write(Path file, ByteBuffer buf) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A STREAM-style triad {@code a[i] = b[i] + s·c[i]} over three arrays of doubles far larger than the caches,
     * on one thread: the single-thread memory bandwidth the exact scan is compared with. Counts 24 bytes per
     * element (two reads, one write), as STREAM does.
     */
    static final class Triad {
        static final int BYTES_PER_ARRAY = 128 << 20;

        private Triad() {
        }

        /**
         * {best, median} GB/s over 12 passes after 3 warm-up passes in wall-clock time, then the same in the
         * thread's CPU time (what the pass reached while it ran: on a loaded machine preemption makes every
         * wall-clock pass slow).
         */
        static double[] measure() {
            int n = BYTES_PER_ARRAY / 8;
            double[] a = new double[n];
            double[] b = new double[n];
            double[] c = new double[n];
            Arrays.fill(b, 1.0);
            Arrays.fill(c, 2.0);
            double[] gbps = new double[12];
            double[] cpuGbps = new double[12];
            for (int pass = -3; pass < gbps.length; pass++) {
                long cpu = BenchStats.cpuNow();
                long t = System.nanoTime();
                triad(a, b, c, 3.0 + pass * 1e-3);
                long dt = System.nanoTime() - t;
                long dc = BenchStats.cpuNow() - cpu;
                if (pass >= 0) {
                    gbps[pass] = 24.0 * n / dt;
                    cpuGbps[pass] = 24.0 * n / Math.max(1, dc);
                }
            }
            Arrays.sort(cpuGbps);
            if (a[n / 2] < 0) {
                System.out.println();   // keeps the result alive
            }
            Arrays.sort(gbps);
            return new double[] {gbps[gbps.length - 1], (gbps[5] + gbps[6]) / 2, cpuGbps[cpuGbps.length - 1],
                (cpuGbps[5] + cpuGbps[6]) / 2};
        }

        private static void triad(double[] a, double[] b, double[] c, double s) {
            for (int i = 0; i < a.length; i++) {
                a[i] = b[i] + s * c[i];
            }
        }
    }

    /** A flat JSON object written by hand (numbers and strings only): the figures the peer script reads. */
    static final class Json {
        private final StringBuilder sb = new StringBuilder();

        Json put(String key, Object value) {
            String v;
            if (value instanceof String str) {
                v = "\"" + str.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            } else if (value instanceof Double d) {
                v = Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "null";
            } else {
                v = String.valueOf(value);
            }
            return putRaw(key, v);
        }

        /** The median, p99, min and max of wall-clock and thread CPU time in ms, keys prefixed {@code prefix_}. */
        Json putStats(String prefix, BenchStats s) {
            String p = prefix.isEmpty() ? "" : prefix + "_";
            return put(p + "n", s.count()).put(p + "median_ms", s.medianMillis()).put(p + "p99_ms", s.p99Millis())
                    .put(p + "min_ms", s.minMillis()).put(p + "max_ms", s.maxMillis())
                    .put(p + "cpu_median_ms", s.cpuQuantileMillis(0.5)).put(p + "cpu_p99_ms", s.cpuQuantileMillis(0.99));
        }

        Json putRaw(String key, String json) {
            sb.append(sb.length() == 0 ? "" : ",\n  ").append('"').append(key).append("\": ").append(json);
            return this;
        }

        @Override
        public String toString() {
            return "{\n  " + sb + "\n}";
        }
    }
}
