package org.recsysbook.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.hnsw.HnswBuilder;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.TopK;
import org.recsysbook.world.World;

/**
 * Approximate nearest-neighbour retrieval on an HNSW graph (hierarchical navigable small world) —
 * the "ANN retrieval" of the chapter's candidate-generation stage — built in memory with Lucene's
 * {@code org.apache.lucene.util.hnsw}, no index files, and searched on a packed copy of that graph.
 *
 * <p><b>Build.</b> Lucene 9.12.3 (the newest Lucene on Java 17) builds the graph, reading the vectors in
 * place from the flat row-major {@code float[]} with the similarity {@code (1 + dot) / 2} of unit
 * vectors. Building costs roughly {@code O(n log n)}: about 12 CPU-seconds for 60k × 64; for 200k × 64 on
 * two cores 52 s at a load of 4–5 and 198 s at 15–17 ({@code ./workbook bench retrieval}); for 1M × 64 on
 * two cores 5.4–5.7 minutes were measured on floats (issue 17, against FAISS's 2.5 minutes), 237 s on the int8
 * codes (below; idle, FAISS 155 s in the same run of {@code ./workbook bench retrieval --peer}: 1.53×), and 28 minutes
 * under a load of 15–19 on the same two cores (a 1M build at a load of 12–18 had not ended after 44 minutes; one
 * at a load of 15–27 took 64 minutes, FAISS's 3.4 minutes at 2–6 on the same machine right after).
 *
 * <p><b>Build on int8 codes (issue 17, kept).</b> A profile of the float build at 200k × 64 spent 59% in dot
 * products (waiting on memory: every insertion reads hundreds of scattered 256-byte vectors), 21% in Lucene's
 * {@code HnswLock} and 12% in neighbour heaps. From {@value #BUILD_ON_CODES_FROM_ITEMS} vectors the graph is
 * therefore built scoring int8 codes (64 bytes a vector, one global scale, the codes {@link Builder#int8} searches)
 * instead of the floats; the search still scores what {@link Builder#int8} says and re-scores exactly.
 * Measured at 200k × 64, 2 threads, fresh JVM per build, alternating floats / codes / FAISS then FAISS / codes /
 * floats at a load of 8–13 on 2 cores: CPU seconds of the build threads 100.3 and 89.2 on floats, 81.1 and 72.2 on
 * codes, FAISS 62.4 and 64.7 (process CPU): 1.49× FAISS's CPU on floats, 1.21× on codes (wall 224 / 188 / 174 s,
 * the wall figures swayed by the load). Recall@100 of the float search on the two graphs at ef 100 / 120 / 150:
 * 0.9720 / 0.9810 / 0.9880 built on floats, 0.9737 / 0.9814 / 0.9880 on codes (FAISS 0.9662 / 0.9781 / 0.9867).
 * Below 200k (the notebooks' catalogs, up to 60k) the graphs are built on floats, so their recorded figures stay.
 * The lock and the heaps are Lucene's own (its {@code HnswConcurrentMergeBuilder} makes the lock), not tried.
 * On codes the insertion scores two codes with their exact integer dot product ({@link DotKernel#dotBytes}) times
 * the square of the code step: Lucene asks for a scorer of one node per candidate of its diversity checks, about a
 * thousand per insertion, and each used to decode that node's code into a new {@code float[dim]} (3% of a 200k
 * build's samples, and 24 against 15 young collections per build). The build stays bound by memory latency: in a
 * profile of a 200k build on codes 70% of the samples are in the dot product, most of that its first load of a
 * code that is not in cache (the integer dot product takes 7 ns a call where the codes are cached, against 11 ns
 * for the float query's). FAISS (1.15, {@code distances_batch_4}) scores four neighbours at a time and so has
 * several misses in flight; Lucene 9.12's searcher scores one node per call, and a build of our own to batch
 * them was not attempted. On the machine of 2026-12-03, 1M × 64, 2 threads, two alternating builds each: 163.2 s
 * (309.3 CPU-s) against FAISS's 91.6 s (176.9 CPU-s), 1.78× ({@code ./workbook bench retrieval --peer}); on that of
 * 2026-12-04, whose memory was slower (single-thread triad 23 GB/s against 39), 172.3 s (329.9 CPU-s) against
 * 127.9 s (247.1 CPU-s), 1.35×: FAISS gains more from fast memory than this build does. Later that day (triad
 * 28 GB/s), 150.3 s (286.6 CPU-s) against 124.3 s (240.8 CPU-s), 1.21×.
 *
 * <p><b>Search.</b> When the build ends, the graph is copied into packed arrays — per level one
 * {@code int[]} of neighbour lists with {@code int[]} offsets (compressed sparse rows), the levels
 * above 0 also a sorted {@code int[]} of their nodes — and Lucene's {@code OnHeapHnswGraph} is
 * dropped. A small searcher walks those arrays: greedy descent through the upper levels, then a beam
 * search of breadth {@code ef} on level 0 with a generation-stamped {@code byte[]} visited set (no
 * clearing between queries) and two binary heaps of primitive {@code long}s (score bits and node id in
 * one word), scoring through {@link DotKernel}. It follows the same rules as Lucene's
 * {@code HnswGraphSearcher}, so on the same graph it finds the same neighbours (tested). On level 0 it scores a
 * node's unvisited neighbours in one loop before it touches the heaps, so that their loads, independent of one
 * another, overlap (FAISS batches four at a time for the same reason), and the visited set holds a byte per node
 * (1 MB at 1M items). At 1M × 64 on int8 codes, ef 150, each measured with the classes before and after it
 * alternating on one cached graph (2026-12-03, 12 runs of 200 queries each): the batch took the median from 0.447 to
 * 0.314 ms (p99 0.595 to 0.461), the byte visited set from 0.329 to 0.303 ms (p99 0.494 to 0.474), the results the
 * same; on floats neither changed the median by more than 4%. Against FAISS's HNSW on the same machine and data, the
 * two searches taking turns block by block (2026-12-04, six rounds of 200 queries a side, recall@100 0.9732 against
 * 0.9726 at ef 150): int8 median 0.352 ms, p99 0.660, against 0.389 / 0.671 (0.90× / 0.98×); floats 1.02× / 1.01×.
 *
 * <p><b>Why this design (measured, issue 17 study, 2-core AMD EPYC, thread CPU time, load 7–20).</b>
 * At 200k × 64 and recall@100 ≥ 0.97, Lucene's own searcher on this graph took 1.82× FAISS's HNSW
 * median query time; the packed search of the same graph took 1.04× (p99 0.69×), with the same recall
 * at every {@code ef}. Lucene 10.6 on Java 25 reached 1.31× only when fed this project's flat scorer
 * (1.94× with its own), and JVector 4.0.2 6.8×, so staying on Java 17 costs nothing here. At 1M × 64
 * Lucene's searcher took 3.86×, the packed float search 1.77×, and the same search on int8 codes with
 * an exact float re-score of the {@code ef} candidates 1.36× (p99 1.19×): at that size the gap is
 * memory traffic, hence the option {@link Builder#int8}: a 64-byte code per 64-dim vector steers the
 * beam, and the {@code ef} results are re-scored with the floats. It is on by default from 1M vectors
 * ({@code ef = k = 100} lost about 0.014 of recall@100 in the study, from {@code ef = 120} on none), and off
 * below, where the floats' search is within 1.04× of FAISS. From 1M vectors, or with int8 codes, the default
 * breadth is {@link #LARGE_SEARCH_BREADTH} 150: recall@100 at 1M × 64 was 0.9747 (floats) and 0.9750 (int8) at
 * ef 150, 0.9636 / 0.9628 at ef 120, against FAISS's 0.9726 at ef 150 (the notebooks' catalogs, up to 60k, keep
 * 100). The packed graph
 * takes 1.06× FAISS's graph memory, against 2.45–2.48× for Lucene's {@code OnHeapHnswGraph}.
 *
 * <p>Parameters: {@code M}, the neighbours kept per node (graph degree, 2M on level 0; more = better
 * recall, more memory, slower build); {@code beamWidth}, the candidate list while inserting (more =
 * better graph, slower build); and at query time the <em>search breadth</em> {@code ef}, the candidate
 * list while searching ({@code ef ≥ k}; more = better recall, slower queries). A build on one thread is
 * reproducible from its seed; with more threads Lucene's {@code HnswConcurrentMergeBuilder} inserts in
 * parallel batches and the graph (so recall, slightly) depends on thread timing. Catalogs under 4096
 * items are always built on one thread. Scores returned are cosines (for unit item vectors; the query
 * is scaled to unit length). Searches may run concurrently; each thread keeps its own visited set.
 */
public final class HnswIndex implements CandidateGenerator {
    public static final int DEFAULT_M = 16;
    public static final int DEFAULT_BEAM_WIDTH = 100;
    public static final int DEFAULT_SEARCH_BREADTH = 100;
    /** From this many vectors on, the search scores int8 codes unless {@link Builder#int8} says otherwise. */
    public static final int INT8_FROM_ITEMS = 1_000_000;
    /** From this many vectors on, the graph is built on int8 codes unless {@link Builder#buildOnInt8} says not. */
    public static final int BUILD_ON_CODES_FROM_ITEMS = 200_000;
    /**
     * The default search breadth from {@link #INT8_FROM_ITEMS} vectors on or with int8 codes: recall@100 ≥ 0.97 at
     * 1M × 64 (issue 17: floats 0.9747, int8 0.9750 at ef 150, against 0.9500 / 0.9358 at ef 100).
     */
    public static final int LARGE_SEARCH_BREADTH = 150;

    private static final java.lang.management.ThreadMXBean THREAD_CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final float[] vectors;
    private final int dim;
    private final int n;
    private final DotKernel kernel;
    private final PackedGraph graph;
    private final int m;
    private final int beamWidth;
    private final int threads;
    private final double buildSeconds;
    private final double buildCpuSeconds;
    private final int searchBreadth;
    private final boolean fromCache;
    private final boolean builtOnCodes;

    private final ThreadLocal<Scratch> scratch;
    /** int8 codes of the vectors (null: search scores the floats), and the value of one code step. */
    private final byte[] codes;
    private final float codeStep;

    private HnswIndex(float[] vectors, int dim, int n, DotKernel kernel, PackedGraph graph, int m,
                      int beamWidth, int threads, double buildSeconds, double buildCpuSeconds, int searchBreadth,
                      boolean int8, boolean fromCache, boolean builtOnCodes) {
        this.fromCache = fromCache;
        this.builtOnCodes = builtOnCodes;
        this.vectors = vectors;
        this.dim = dim;
        this.n = n;
        this.kernel = kernel;
        this.graph = graph;
        this.m = m;
        this.beamWidth = beamWidth;
        this.threads = threads;
        this.buildSeconds = buildSeconds;
        this.buildCpuSeconds = buildCpuSeconds;
        this.searchBreadth = searchBreadth;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(n, dim));
        if (int8) {
            float unit = codeUnit(vectors);
            codes = encode(vectors, unit);
            codeStep = unit / 127f;
        } else {
            codes = null;
            codeStep = 1f;
        }
    }

    /** The largest magnitude of any component (1 for all zeros): the value of code 127. */
    private static float codeUnit(float[] vectors) {
        float maxAbs = 0f;
        for (float x : vectors) {
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        return maxAbs == 0f ? 1f : maxAbs;
    }

    /** The int8 codes of {@code vectors}, component x as round(x / unit · 127). */
    private static byte[] encode(float[] vectors, float unit) {
        byte[] codes = new byte[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            codes[i] = (byte) Math.round(vectors[i] / unit * 127f);
        }
        return codes;
    }

    /** A builder over a world's item vectors. */
    public static Builder builder(World world) {
        return new Builder(world.itemVectors(), world.dim());
    }

    /** A builder over row-major unit {@code vectors} of dimension {@code dim} (not copied). */
    public static Builder builder(float[] vectors, int dim) {
        Queries.rows(vectors, dim);
        return new Builder(vectors, dim);
    }

    /** An index over a world's items with the defaults (M 16, beam width 100, all cores). */
    public static HnswIndex build(World world) {
        return builder(world).build();
    }

    /** Builds HNSW indexes; every setting has a default. */
    public static final class Builder {
        private final float[] vectors;
        private final int dim;
        private int m = DEFAULT_M;
        private int beamWidth = DEFAULT_BEAM_WIDTH;
        private int threads = Runtime.getRuntime().availableProcessors();
        private long seed = 42;
        /** 0: the default, {@link #DEFAULT_SEARCH_BREADTH}, or {@link #LARGE_SEARCH_BREADTH} at scale or with int8. */
        private int searchBreadth;
        private DotKernel kernel = DotKernel.best();
        /** null: int8 codes from {@link #INT8_FROM_ITEMS} vectors on. */
        private Boolean int8;
        private Path cacheFile;
        private boolean cacheOnly;
        /** null: on from {@link #BUILD_ON_CODES_FROM_ITEMS} vectors. */
        private Boolean buildOnInt8;
        /** CPU nanoseconds of the last {@link #buildLuceneGraph}'s pool threads (the calling thread not included). */
        private long poolCpuNanos;

        private Builder(float[] vectors, int dim) {
            this.vectors = vectors;
            this.dim = dim;
        }

        /** Neighbours per node, in [2, 512] (Lucene's bound); default 16. */
        public Builder m(int value) {
            if (value < 2 || value > 512) {
                throw new IllegalArgumentException("M must be in [2, 512], got " + value);
            }
            m = value;
            return this;
        }

        /** Candidate list size while inserting, in [1, 3200]; default 100. */
        public Builder beamWidth(int value) {
            if (value < 1 || value > 3200) {
                throw new IllegalArgumentException("beamWidth must be in [1, 3200], got " + value);
            }
            beamWidth = value;
            return this;
        }

        /** Insertion threads, in [1, 256]; default: the number of cores. */
        public Builder threads(int value) {
            if (value < 1 || value > 256) {
                throw new IllegalArgumentException("threads must be in [1, 256], got " + value);
            }
            threads = value;
            return this;
        }

        /** Seed of the random levels (used by single-threaded builds). */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * Default search breadth of {@link HnswIndex#generate}, ≥ 1; default 100, or 150 from
         * {@value HnswIndex#INT8_FROM_ITEMS} vectors on or when the index scores int8 codes (see {@link #int8}).
         */
        public Builder searchBreadth(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("searchBreadth must be ≥ 1, got " + value);
            }
            searchBreadth = value;
            return this;
        }

        /**
         * Whether the search scores int8 codes of the vectors (one global scale; a 64-dim vector is one
         * 64-byte cache line) and re-scores the {@code ef} results it found with the float vectors;
         * default false. Returned scores are exact either way; recall can be a little lower at the same
         * breadth, since the codes steer the beam. Costs one byte per vector component. Default: on from
         * {@value HnswIndex#INT8_FROM_ITEMS} vectors, where the float vectors no longer fit the caches and
         * the codes cut the search's time most (1M × 64 in the study: 1.36× FAISS's median at recall@100
         * ≥ 0.97 against 1.77× on floats, the same recall from {@code ef} 120 on), off below.
         */
        public Builder int8(boolean value) {
            int8 = value;
            return this;
        }

        /**
         * Whether the graph is built scoring int8 codes of the vectors (one global scale, as {@link #int8}) instead
         * of the floats; default: on from {@value HnswIndex#BUILD_ON_CODES_FROM_ITEMS} vectors, off below (see the
         * class comment for the measurement). The search is unaffected: it scores floats or codes as {@link #int8}
         * says, and returns exact scores either way.
         */
        public Builder buildOnInt8(boolean value) {
            buildOnInt8 = value;
            return this;
        }

        /** The dot-product kernel; default {@link DotKernel#best()}. */
        public Builder kernel(DotKernel value) {
            if (value == null) {
                throw new IllegalArgumentException("kernel must not be null");
            }
            kernel = value;
            return this;
        }

        /**
         * A file that keeps the packed graph between runs (default: none). {@link #build} reads it when it holds a
         * graph over these very vectors (same count, dimension and checksum) built with the same M, beam width and
         * seed, and otherwise builds the graph and writes it there (to a temporary file first, then renamed, so a
         * run stopped half-way leaves no torn file). A 1M × 64 graph takes minutes to build and a second to read.
         */
        public Builder cacheFile(Path file) {
            if (file == null) {
                throw new IllegalArgumentException("cacheFile must not be null");
            }
            cacheFile = file;
            return this;
        }

        /**
         * Whether {@link #build} may only read the graph from the {@link #cacheFile} (default false): with it on, a
         * missing file or one made for other vectors or settings is an {@link IllegalStateException} instead of a
         * build (minutes at 1M vectors), for a caller that must search the very graph an earlier run built.
         */
        public Builder cacheOnly(boolean value) {
            cacheOnly = value;
            return this;
        }

        /** Builds the graph and packs it (or reads it from the {@link #cacheFile}); takes seconds for 100k vectors. */
        public HnswIndex build() {
            long start = System.nanoTime();
            long cpuStart = THREAD_CPU.getCurrentThreadCpuTime();
            if (cacheFile == null && cacheOnly) {
                throw new IllegalStateException("cacheOnly needs a cacheFile to read the graph from");
            }
            if (cacheFile == null) {
                return pack(buildLuceneGraph(), start, cpuStart);
            }
            long checksum = checksum(vectors);
            int n = vectors.length / dim;
            boolean onCodes = buildsOnCodes();
            PackedGraph cached = GraphFile.read(cacheFile, n, dim, m, beamWidth, seed, checksum, onCodes);
            if (cached != null) {
                boolean codes = int8 != null ? int8 : defaultInt8(n);
                return new HnswIndex(vectors, dim, n, kernel, cached, m, beamWidth, threads,
                        (System.nanoTime() - start) / 1e9, (THREAD_CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9,
                        searchBreadth > 0 ? searchBreadth : defaultSearchBreadth(n, codes), codes, true, onCodes);
            }
            if (cacheOnly) {
                throw new IllegalStateException("the cache file " + cacheFile + " holds no graph over these " + n
                        + " vectors of dimension " + dim + " with M " + m + ", beam width " + beamWidth + ", seed "
                        + seed + " and the build's scoring; cacheOnly is set, so none is built");
            }
            HnswIndex index = pack(buildLuceneGraph(), start, cpuStart);
            GraphFile.write(cacheFile, index.graph, n, dim, m, beamWidth, seed, checksum, onCodes);
            return index;
        }

        /** An index over {@code graph}, built by {@link #buildLuceneGraph} from {@code start} (nanoTime). */
        HnswIndex pack(OnHeapHnswGraph graph, long start) {
            return pack(graph, start, THREAD_CPU.getCurrentThreadCpuTime());
        }

        /**
         * An index over {@code graph}, built by {@link #buildLuceneGraph} from {@code start} (nanoTime) and
         * {@code cpuStart} (this thread's CPU time then); its build CPU time adds the pool threads' to this thread's.
         */
        private HnswIndex pack(OnHeapHnswGraph graph, long start, long cpuStart) {
            PackedGraph packed = PackedGraph.of(graph);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (THREAD_CPU.getCurrentThreadCpuTime() - cpuStart + poolCpuNanos) / 1e9;
            poolCpuNanos = 0;
            int n = vectors.length / dim;
            boolean codes = int8 != null ? int8 : defaultInt8(n);
            return new HnswIndex(vectors, dim, n, kernel, packed, m, beamWidth, threads, seconds, cpu,
                    searchBreadth > 0 ? searchBreadth : defaultSearchBreadth(n, codes), codes, false, buildsOnCodes());
        }

        private boolean buildsOnCodes() {
            return buildOnInt8 != null ? buildOnInt8 : defaultBuildOnInt8(vectors.length / dim);
        }

        /** Lucene's graph as built, before packing (for the tests that compare with Lucene's searcher). */
        OnHeapHnswGraph buildLuceneGraph() {
            int n = vectors.length / dim;
            float unit = codeUnit(vectors);
            RandomVectorScorerSupplier supplier = new Supplier(vectors,
                    buildsOnCodes() ? encode(vectors, unit) : null, unit / 127f, dim, kernel);
            OnHeapHnswGraph graph;
            try {
                HnswGraphBuilder single = HnswGraphBuilder.create(supplier, m, beamWidth, seed, n);
                if (threads == 1 || n < 4096) {
                    graph = single.build(n);
                } else {
                    List<Thread> started = Collections.synchronizedList(new ArrayList<>());
                    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads(started));
                    try {
                        HnswBuilder concurrent = new HnswConcurrentMergeBuilder(new TaskExecutor(pool), threads,
                                supplier, m, beamWidth, single.getGraph(), null);
                        graph = concurrent.build(n);
                        long cpu = 0;
                        synchronized (started) { // the pool's threads are alive until shutdown: read them now
                            for (Thread t : started) {
                                cpu += Math.max(0, THREAD_CPU.getThreadCpuTime(t.getId()));
                            }
                        }
                        poolCpuNanos = cpu;
                    } finally {
                        pool.shutdown();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return graph;
        }

        private static java.util.concurrent.ThreadFactory daemonThreads(List<Thread> started) {
            AtomicInteger count = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "hnsw-build-" + count.incrementAndGet());
                t.setDaemon(true);
                started.add(t);
                return t;
            };
        }
    }

    /** Whether the graph over {@code n} vectors is built on int8 codes when {@link Builder#buildOnInt8} was not set. */
    static boolean defaultBuildOnInt8(int n) {
        return n >= BUILD_ON_CODES_FROM_ITEMS;
    }

    /** Whether an index over {@code n} vectors scores int8 codes when {@link Builder#int8} was not set. */
    static boolean defaultInt8(int n) {
        return n >= INT8_FROM_ITEMS;
    }

    /**
     * The search breadth of an index over {@code n} vectors when {@link Builder#searchBreadth} was not set:
     * {@link #LARGE_SEARCH_BREADTH} from {@link #INT8_FROM_ITEMS} vectors on or with int8 codes (at 1M × 64 ef 100
     * reached recall@100 0.95 on floats, 0.94 on codes), else {@link #DEFAULT_SEARCH_BREADTH}.
     */
    static int defaultSearchBreadth(int n, boolean int8) {
        return int8 || n >= INT8_FROM_ITEMS ? LARGE_SEARCH_BREADTH : DEFAULT_SEARCH_BREADTH;
    }

    /** The result of one search with the number of graph nodes whose distance was computed. */
    public record Search(ScoredItems candidates, long visited) {
    }

    /**
     * The approximate {@code k} nearest items to {@code query} with search breadth {@code breadth}.
     *
     * @param k       in [1, size()]
     * @param breadth the beam ({@code ef}), in [k, size()]
     */
    public ScoredItems search(float[] query, int k, int breadth) {
        return searchCounting(query, k, breadth).candidates();
    }

    /** {@link #search} that also reports how many nodes were visited (distance computations). */
    public Search searchCounting(float[] query, int k, int breadth) {
        float[] q = Queries.unit(query, dim);
        Queries.checkK(k, n);
        if (breadth < k || breadth > n) {
            throw new IllegalArgumentException("breadth must be in [k=" + k + ", " + n + "], got " + breadth);
        }
        Scratch s = scratch.get();
        float[] walk = q;
        if (codes != null) {
            walk = s.query;
            for (int j = 0; j < dim; j++) {
                walk[j] = q[j] * codeStep;
            }
        }
        long visited = searchPacked(walk, breadth, s);
        Heap results = s.results;
        TopK heap = new TopK(k);
        // on codes, the ef results' exact scores first (independent loads of scattered float rows, in flight
        // together), then the top k: the same floats as scoring each as it is offered
        float[] exact = null;
        if (codes != null) {
            exact = s.scores(results.size);
            for (int i = 1; i <= results.size; i++) {
                exact[i - 1] = kernel.dot(q, 0, vectors, Heap.node(results.h[i]) * dim, dim);
            }
        }
        for (int i = 1; i <= results.size; i++) {
            long e = results.h[i];
            heap.offer(Heap.node(e), exact == null ? Heap.score(e) : exact[i - 1]);
        }
        return new Search(heap.drain(), visited);
    }

    /** Dot product of the unit query with item {@code node} (its int8 code: query pre-scaled). */
    private float score(float[] q, int node) {
        return codes == null ? kernel.dot(q, 0, vectors, node * dim, dim)
                : kernel.dotCodes(q, codes, node * dim, dim);
    }

    /**
     * The beam search of breadth {@code ef}; leaves the best {@code ef} nodes in {@code s.results} and
     * returns the number of nodes scored. Mirrors Lucene 9.12's {@code HnswGraphSearcher}: greedy
     * descent while a strictly better neighbour exists, then on level 0 stop when the best candidate
     * is strictly worse than the worst of {@code ef} results, admit a neighbour when strictly better.
     */
    private long searchPacked(float[] q, int ef, Scratch s) {
        PackedGraph g = graph;
        byte gen = s.nextGeneration();
        byte[] visited = s.visited;
        long scored = 1;
        int cur = g.entry;
        float curScore = score(q, cur);
        for (int level = g.levels() - 1; level >= 1; level--) {
            int[] offsets = g.offsets[level];
            int[] neighbours = g.neighbours[level];
            int[] nodes = g.nodes[level];
            boolean moved = true;
            visited[cur] = gen;
            while (moved) {
                moved = false;
                int slot = java.util.Arrays.binarySearch(nodes, cur);
                for (int i = offsets[slot], end = offsets[slot + 1]; i < end; i++) {
                    int nb = neighbours[i];
                    if (visited[nb] == gen) {
                        continue;
                    }
                    visited[nb] = gen;
                    scored++;
                    float sc = score(q, nb);
                    if (sc > curScore) {
                        curScore = sc;
                        cur = nb;
                        moved = true;
                    }
                }
            }
        }
        if (g.levels() > 1) { // Lucene scores the entry point again with a fresh visited set on level 0
            gen = s.nextGeneration();
            scored++;
        }
        Heap candidates = s.candidates;
        Heap results = s.results;
        candidates.clear();
        results.clear();
        visited[cur] = gen;
        candidates.push(Heap.encode(-curScore, cur));
        results.push(Heap.encode(curScore, cur));
        int[] offsets = g.offsets[0];
        int[] neighbours = g.neighbours[0];
        float minAccepted = results.size >= ef ? Heap.score(results.top()) : Float.NEGATIVE_INFINITY;
        while (candidates.size > 0) {
            long top = candidates.pop();
            if (-Heap.score(top) < minAccepted) {
                break;
            }
            int node = Heap.node(top);
            // the unvisited neighbours first, then their scores, then the heaps: the scores' loads are independent
            // of one another and of any branch, so the CPU has several vectors' cache misses in flight at once,
            // instead of one at a time between the heaps' data-dependent branches (the same scores, the same order)
            int start = offsets[node];
            int end = offsets[node + 1];
            int[] batch = s.batch(end - start);
            int count = 0;
            for (int i = start; i < end; i++) {
                int nb = neighbours[i];
                if (visited[nb] != gen) {
                    visited[nb] = gen;
                    batch[count++] = nb;
                }
            }
            scored += count;
            float[] scores = s.scores(count);
            for (int b = 0; b < count; b++) {
                scores[b] = score(q, batch[b]);
            }
            for (int b = 0; b < count; b++) {
                int nb = batch[b];
                float sc = scores[b];
                if (sc > minAccepted) {
                    candidates.push(Heap.encode(-sc, nb));
                    results.push(Heap.encode(sc, nb));
                    if (results.size > ef) {
                        results.pop();
                    }
                    if (results.size >= ef) {
                        minAccepted = Heap.score(results.top());
                    }
                }
            }
        }
        return scored;
    }

    /**
     * The approximate top {@code k} with breadth {@code max(k, searchBreadth())} — the configured
     * breadth is a floor, raised to {@code k} when {@code k} is larger (documented, not silent).
     */
    @Override
    public ScoredItems generate(float[] query, int k) {
        Queries.checkK(k, n);
        return search(query, k, Math.min(n, Math.max(k, searchBreadth)));
    }

    public int size() {
        return n;
    }

    public int dim() {
        return dim;
    }

    public int m() {
        return m;
    }

    public int beamWidth() {
        return beamWidth;
    }

    public int threads() {
        return threads;
    }

    public int searchBreadth() {
        return searchBreadth;
    }

    /** Wall-clock seconds the graph took to build (or, if {@link #fromCache}, to read and check). */
    public double buildSeconds() {
        return buildSeconds;
    }

    /**
     * CPU seconds the build took on all its threads (the calling thread's and, for a parallel build, the pool's,
     * from {@link java.lang.management.ThreadMXBean}); beside {@link #buildSeconds} it tells a slow build from a
     * machine shared with other work. For a graph read from the {@link Builder#cacheFile}: the reading's.
     */
    public double buildCpuSeconds() {
        return buildCpuSeconds;
    }

    /** Whether the graph was built scoring int8 codes (see {@link Builder#buildOnInt8}). */
    public boolean builtOnInt8() {
        return builtOnCodes;
    }

    /** Whether the graph was read from the builder's {@link Builder#cacheFile} rather than built. */
    public boolean fromCache() {
        return fromCache;
    }

    /**
     * Bytes the packed graph occupies on the heap, with the int8 codes when {@link Builder#int8} is on
     * (the float vectors are shared with the catalog, not counted).
     */
    public long graphBytes() {
        return graph.bytes() + (codes == null ? 0 : 16L + codes.length);
    }

    /** Whether the search scores int8 codes (see {@link Builder#int8}). */
    public boolean int8() {
        return codes != null;
    }

    /**
     * This index's graph searched with int8 codes ({@code true}) or the float vectors ({@code false}), as
     * {@link Builder#int8} sets it, without building the graph again: encoding takes one pass over the vectors.
     * Returns this index when it already searches that way; the default search breadth stays as it was.
     */
    public HnswIndex withInt8(boolean value) {
        if (value == int8()) {
            return this;
        }
        return new HnswIndex(vectors, dim, n, kernel, graph, m, beamWidth, threads, buildSeconds, buildCpuSeconds,
                searchBreadth, value, fromCache, builtOnCodes);
    }

    /** Number of layers of the hierarchy. */
    public int levels() {
        return graph.levels();
    }

    @Override
    public String name() {
        return "HNSW (ef " + searchBreadth + ")";
    }

    @Override
    public String toString() {
        return "HnswIndex[" + n + " × " + dim + ", M " + m + ", beamWidth " + beamWidth + ", " + threads
                + " thread(s), " + (fromCache ? "read from its cache file" : "built") + " in "
                + String.format(java.util.Locale.ROOT, "%.2f s (%.2f CPU-s)", buildSeconds, buildCpuSeconds) + ", "
                + (graphBytes() >> 20) + " MiB graph]";
    }

    // ------------------------------------------------------------------------------------------------
    // Lucene's view of our vectors

    /** Lucene's similarity scale for a dot product of unit vectors. */
    private static float luceneScore(float dot) {
        return Math.max(0f, (1f + dot) * 0.5f);
    }

    /**
     * Scores graph nodes against one node, for insertion, on the float vectors or (when {@code codes} is not null)
     * on their int8 codes; stateless, so copies are itself.
     */
    private static final class Supplier implements RandomVectorScorerSupplier {
        private final float[] vectors;
        private final byte[] codes;
        /** The square of one code step: code · code · step² is the dot product. */
        private final float step2;
        private final int dim;
        private final int n;
        private final DotKernel kernel;

        Supplier(float[] vectors, byte[] codes, float step, int dim, DotKernel kernel) {
            this.vectors = vectors;
            this.codes = codes;
            this.step2 = step * step;
            this.dim = dim;
            this.n = vectors.length / dim;
            this.kernel = kernel;
        }

        @Override
        public RandomVectorScorer scorer(int ord) {
            int base = ord * dim;
            // on codes, the two codes' exact integer dot times the square of the step: no decoded copy of the
            // node's code per scorer (Lucene asks for one per candidate in its diversity checks)
            return codes == null ? new RandomVectorScorer() {
                @Override
                public float score(int node) {
                    return luceneScore(kernel.dot(vectors, base, vectors, node * dim, dim));
                }

                @Override
                public int maxOrd() {
                    return n;
                }
            } : new RandomVectorScorer() {
                @Override
                public float score(int node) {
                    return luceneScore(kernel.dotBytes(codes, base, codes, node * dim, dim) * step2);
                }

                @Override
                public int maxOrd() {
                    return n;
                }
            };
        }

        @Override
        public RandomVectorScorerSupplier copy() {
            return this;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The packed graph and its searcher's state

    /** Lucene's graph copied into compressed sparse rows, one set per level. */
    static final class PackedGraph {
        final int entry;
        /** Per level: neighbours of slot s are {@code neighbours[offsets[s] … offsets[s+1]-1]}. */
        final int[][] offsets;
        final int[][] neighbours;
        /** Per level ≥ 1: the sorted nodes on it (slot = index); level 0 holds every node, slot = node. */
        final int[][] nodes;

        private PackedGraph(int entry, int[][] offsets, int[][] neighbours, int[][] nodes) {
            this.entry = entry;
            this.offsets = offsets;
            this.neighbours = neighbours;
            this.nodes = nodes;
        }

        static PackedGraph of(OnHeapHnswGraph g) {
            int levels = g.numLevels();
            int[][] offsets = new int[levels][];
            int[][] neighbours = new int[levels][];
            int[][] nodes = new int[levels][];
            for (int level = 0; level < levels; level++) {
                var it = g.getNodesOnLevel(level);
                int[] onLevel = new int[it.size()];
                for (int i = 0; i < onLevel.length; i++) {
                    onLevel[i] = it.nextInt();
                }
                java.util.Arrays.sort(onLevel);
                int[] off = new int[onLevel.length + 1];
                int[] buf = new int[Math.max(16, onLevel.length * 4)];
                int used = 0;
                for (int slot = 0; slot < onLevel.length; slot++) {
                    if (level == 0 && onLevel[slot] != slot) {
                        throw new IllegalStateException("level 0 lacks node " + slot);
                    }
                    g.seek(level, onLevel[slot]);
                    for (int nb = g.nextNeighbor(); nb != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                         nb = g.nextNeighbor()) {
                        if (used == buf.length) {
                            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                        }
                        buf[used++] = nb;
                    }
                    off[slot + 1] = used;
                }
                offsets[level] = off;
                neighbours[level] = java.util.Arrays.copyOf(buf, used);
                nodes[level] = level == 0 ? null : onLevel;
            }
            return new PackedGraph(g.entryNode(), offsets, neighbours, nodes);
        }

        int levels() {
            return offsets.length;
        }

        long bytes() {
            long b = 0;
            for (int l = 0; l < offsets.length; l++) {
                b += 16L + 4L * offsets[l].length + 16L + 4L * neighbours[l].length;
                b += nodes[l] == null ? 0 : 16L + 4L * nodes[l].length;
            }
            return b;
        }
    }

    /** CRC-32 of the vectors' float bits, in little-endian order: a cached graph must be over these vectors. */
    static long checksum(float[] vectors) {
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < vectors.length; off += buf.capacity() / 4) {
            int len = Math.min(buf.capacity() / 4, vectors.length - off);
            buf.clear();
            buf.asFloatBuffer().put(vectors, off, len);
            buf.limit(4 * len);
            crc.update(buf);
        }
        return crc.getValue();
    }

    /**
     * The packed graph on disk: a header (magic with the version, n, dim, M, beam width, seed, vector checksum, 1 if
     * built on int8 codes else 0, entry node, levels) and per level its offsets, neighbours and nodes as
     * little-endian ints, each array preceded by its length (-1: none).
     */
    static final class GraphFile {
        private static final long MAGIC = 0x52534857_4e535732L; // "RSHWNSW2": version 1 lacked the build's scoring

        private GraphFile() {
        }

        static void write(Path file, PackedGraph g, int n, int dim, int m, int beamWidth, long seed, long checksum,
                          boolean onCodes) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer h = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
                    h.putLong(MAGIC).putInt(n).putInt(dim).putInt(m).putInt(beamWidth).putLong(seed)
                            .putLong(checksum).putInt(onCodes ? 1 : 0).putInt(g.entry).putInt(g.levels()).flip();
                    writeFully(ch, h);
                    for (int l = 0; l < g.levels(); l++) {
                        writeInts(ch, g.offsets[l]);
                        writeInts(ch, g.neighbours[l]);
                        writeInts(ch, g.nodes[l]);
                    }
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the HNSW cache file " + file, e);
            }
        }

        /** The graph in {@code file}, or null when there is none or it was built over other vectors or settings. */
        static PackedGraph read(Path file, int n, int dim, int m, int beamWidth, long seed, long checksum,
                                boolean onCodes) {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer h = ByteBuffer.allocate(52).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, h);
                h.flip();
                if (h.getLong() != MAGIC || h.getInt() != n || h.getInt() != dim || h.getInt() != m
                        || h.getInt() != beamWidth || h.getLong() != seed || h.getLong() != checksum
                        || h.getInt() != (onCodes ? 1 : 0)) {
                    return null;
                }
                int entry = h.getInt();
                int levels = h.getInt();
                int[][] offsets = new int[levels][];
                int[][] neighbours = new int[levels][];
                int[][] nodes = new int[levels][];
                for (int l = 0; l < levels; l++) {
                    offsets[l] = readInts(ch);
                    neighbours[l] = readInts(ch);
                    nodes[l] = readInts(ch);
                }
                return new PackedGraph(entry, offsets, neighbours, nodes);
            } catch (IOException | RuntimeException e) {
                return null; // a torn or foreign file: build afresh and overwrite it
            }
        }

        private static void writeInts(FileChannel ch, int[] a) throws IOException {
            ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(a == null ? -1 : a.length);
            writeFully(ch, len.flip());
            if (a == null) {
                return;
            }
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (int off = 0; off < a.length; off += buf.capacity() / 4) {
                int count = Math.min(buf.capacity() / 4, a.length - off);
                buf.clear();
                buf.asIntBuffer().put(a, off, count);
                buf.limit(4 * count);
                writeFully(ch, buf);
            }
        }

        private static int[] readInts(FileChannel ch) throws IOException {
            ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len);
            int count = len.flip().getInt();
            if (count < 0) {
                return null;
            }
            int[] a = new int[count];
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (int off = 0; off < count; off += buf.capacity() / 4) {
                int chunk = Math.min(buf.capacity() / 4, count - off);
                buf.clear().limit(4 * chunk);
                readFully(ch, buf);
                buf.flip().asIntBuffer().get(a, off, chunk);
            }
            return a;
        }

        private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }

        private static void readFully(FileChannel ch, ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    throw new IOException("the file ends early");
                }
            }
        }
    }

    /** One thread's search state: a generation-stamped visited set and the two heaps. */
    private static final class Scratch {
        /**
         * The generation of the search that last visited each node: a byte, as FAISS's visited table, so the set is
         * 1 MB at 1M items instead of 4 (more of it stays in cache; it is read once per neighbour), cleared once
         * every 255 searches.
         */
        final byte[] visited;
        int generation;
        final Heap candidates = new Heap(256);
        final Heap results = new Heap(256);

        final float[] query;
        /** One node's unvisited neighbours on level 0 ({@link #batch}). */
        private int[] batch = new int[2 * DEFAULT_M];
        /** Scores of a batch, then of the results re-scored on floats ({@link #scores}). */
        private float[] scores = new float[256];

        Scratch(int n, int dim) {
            visited = new byte[n];
            query = new float[dim];
        }

        /** The score buffer, with room for {@code count} scores. */
        float[] scores(int count) {
            if (scores.length < count) {
                scores = new float[count];
            }
            return scores;
        }

        /** The neighbour buffer, with room for {@code degree} nodes. */
        int[] batch(int degree) {
            if (batch.length < degree) {
                batch = new int[degree];
            }
            return batch;
        }

        /** A generation no node of {@link #visited} holds yet, in 1…255 (as a byte: -1 is 255). */
        byte nextGeneration() {
            if (++generation > 255) {
                java.util.Arrays.fill(visited, (byte) 0);
                generation = 1;
            }
            return (byte) generation;
        }
    }

    /**
     * A binary min-heap of {@code long}s, each a float score's order-preserving bits in the high word
     * and a node id in the low word, so comparing longs compares scores (ties: lower node first).
     */
    static final class Heap {
        long[] h;
        int size;

        Heap(int capacity) {
            h = new long[capacity + 1];
        }

        static long encode(float score, int node) {
            int b = Float.floatToIntBits(score);
            b ^= (b >> 31) & 0x7fffffff;
            return ((long) b << 32) | (node & 0xffffffffL);
        }

        static float score(long e) {
            int b = (int) (e >> 32);
            b ^= (b >> 31) & 0x7fffffff;
            return Float.intBitsToFloat(b);
        }

        static int node(long e) {
            return (int) e;
        }

        void clear() {
            size = 0;
        }

        long top() {
            return h[1];
        }

        void push(long v) {
            if (size + 1 >= h.length) {
                h = java.util.Arrays.copyOf(h, h.length * 2);
            }
            int i = ++size;
            while (i > 1 && h[i >> 1] > v) {
                h[i] = h[i >> 1];
                i >>= 1;
            }
            h[i] = v;
        }

        long pop() {
            long r = h[1];
            long v = h[size--];
            int i = 1;
            int half = size >> 1;
            while (i <= half) {
                int c = i << 1;
                if (c < size && h[c + 1] < h[c]) {
                    c++;
                }
                if (h[c] >= v) {
                    break;
                }
                h[i] = h[c];
                i = c;
            }
            h[i] = v;
            return r;
        }
    }
}
