package org.recsysbook.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.hnsw.HnswBuilder;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.TopK;
import org.recsysbook.world.World;

/**
 * Approximate nearest-neighbour retrieval on an HNSW graph (hierarchical navigable small world) —
 * the "ANN retrieval" of the seed's candidate-generation stage — built in memory with Lucene's
 * {@code org.apache.lucene.util.hnsw}, no index files.
 *
 * <p>Lucene supplies the graph builder and searcher; this class supplies the vectors, read in place
 * from the flat row-major {@code float[]}, and the similarity: the dot product of unit vectors mapped
 * to Lucene's non-negative scale {@code (1 + dot) / 2}. Scores returned are cosines again (for unit
 * item vectors; the query is scaled to unit length).
 *
 * <p>Parameters: {@code M}, the neighbours kept per node (graph degree; more = better recall, more
 * memory, slower build); {@code beamWidth}, the candidate list while inserting (more = better graph,
 * slower build); and at query time the <em>search breadth</em> {@code ef}, the candidate list while
 * searching ({@code ef ≥ k}; more = better recall, slower queries). A build on one thread is
 * reproducible from its seed; with more threads Lucene's {@code HnswConcurrentMergeBuilder} inserts in
 * parallel batches and the graph (so recall, slightly) depends on thread timing. Catalogs under 4096
 * items are always built on one thread. Building costs roughly {@code O(n log n)}: about 12 CPU-seconds
 * for 60k × 64, and 3.5 minutes on two cores for 1M × 64, on the reference machine.
 */
public final class HnswIndex implements CandidateGenerator {
    public static final int DEFAULT_M = 16;
    public static final int DEFAULT_BEAM_WIDTH = 100;
    public static final int DEFAULT_SEARCH_BREADTH = 100;

    private final float[] vectors;
    private final int dim;
    private final int n;
    private final DotKernel kernel;
    private final OnHeapHnswGraph graph;
    private final int m;
    private final int beamWidth;
    private final int threads;
    private final double buildSeconds;
    private final int searchBreadth;

    private HnswIndex(float[] vectors, int dim, int n, DotKernel kernel, OnHeapHnswGraph graph, int m,
                      int beamWidth, int threads, double buildSeconds, int searchBreadth) {
        this.vectors = vectors;
        this.dim = dim;
        this.n = n;
        this.kernel = kernel;
        this.graph = graph;
        this.m = m;
        this.beamWidth = beamWidth;
        this.threads = threads;
        this.buildSeconds = buildSeconds;
        this.searchBreadth = searchBreadth;
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
        private int searchBreadth = DEFAULT_SEARCH_BREADTH;
        private DotKernel kernel = DotKernel.best();

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

        /** Default search breadth of {@link HnswIndex#generate}, ≥ 1; default 100. */
        public Builder searchBreadth(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("searchBreadth must be >= 1, got " + value);
            }
            searchBreadth = value;
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

        /** Builds the graph; takes seconds for 100k vectors. */
        public HnswIndex build() {
            int n = vectors.length / dim;
            RandomVectorScorerSupplier supplier = new Supplier(vectors, dim, kernel);
            long start = System.nanoTime();
            OnHeapHnswGraph graph;
            try {
                HnswGraphBuilder single = HnswGraphBuilder.create(supplier, m, beamWidth, seed, n);
                if (threads == 1 || n < 4096) {
                    graph = single.build(n);
                } else {
                    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
                    try {
                        HnswBuilder concurrent = new HnswConcurrentMergeBuilder(new TaskExecutor(pool), threads,
                                supplier, m, beamWidth, single.getGraph(), null);
                        graph = concurrent.build(n);
                    } finally {
                        pool.shutdown();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new HnswIndex(vectors, dim, n, kernel, graph, m, beamWidth, threads, seconds, searchBreadth);
        }

        private static java.util.concurrent.ThreadFactory daemonThreads() {
            AtomicInteger count = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "hnsw-build-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
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
        KnnCollector collector;
        try {
            collector = HnswGraphSearcher.search(new QueryScorer(q, vectors, dim, n, kernel), breadth, graph,
                    null, Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScoreDoc[] docs = collector.topDocs().scoreDocs;
        TopK heap = new TopK(k);
        for (ScoreDoc d : docs) {
            heap.offer(d.doc, 2.0 * d.score - 1.0);
        }
        return new Search(heap.drain(), collector.visitedCount());
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

    /** The same graph searched with another default breadth, ≥ 1. */
    public HnswIndex withSearchBreadth(int breadth) {
        if (breadth < 1) {
            throw new IllegalArgumentException("searchBreadth must be >= 1, got " + breadth);
        }
        return new HnswIndex(vectors, dim, n, kernel, graph, m, beamWidth, threads, buildSeconds, breadth);
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

    /** Wall-clock seconds the graph took to build. */
    public double buildSeconds() {
        return buildSeconds;
    }

    /** Bytes the graph occupies on the heap (the vectors are shared with the catalog, not counted). */
    public long graphBytes() {
        return graph.ramBytesUsed();
    }

    /** Number of layers of the hierarchy. */
    public int levels() {
        return graph.numLevels();
    }

    @Override
    public String name() {
        return "HNSW (ef " + searchBreadth + ")";
    }

    @Override
    public String toString() {
        return "HnswIndex[" + n + " × " + dim + ", M " + m + ", beamWidth " + beamWidth + ", " + threads
                + " thread(s), built in " + String.format(java.util.Locale.ROOT, "%.2f", buildSeconds) + " s, "
                + (graphBytes() >> 20) + " MiB graph]";
    }

    // ------------------------------------------------------------------------------------------------
    // Lucene's view of our vectors

    /** Lucene's similarity scale for a dot product of unit vectors. */
    private static float luceneScore(float dot) {
        return Math.max(0f, (1f + dot) * 0.5f);
    }

    /** Scores graph nodes against one node, for insertion; stateless, so copies are itself. */
    private static final class Supplier implements RandomVectorScorerSupplier {
        private final float[] vectors;
        private final int dim;
        private final int n;
        private final DotKernel kernel;

        Supplier(float[] vectors, int dim, DotKernel kernel) {
            this.vectors = vectors;
            this.dim = dim;
            this.n = vectors.length / dim;
            this.kernel = kernel;
        }

        @Override
        public RandomVectorScorer scorer(int ord) {
            int base = ord * dim;
            return new RandomVectorScorer() {
                @Override
                public float score(int node) {
                    return luceneScore(kernel.dot(vectors, base, vectors, node * dim, dim));
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

    /** Scores graph nodes against a query vector. */
    private record QueryScorer(float[] q, float[] vectors, int dim, int n, DotKernel kernel)
            implements RandomVectorScorer {
        @Override
        public float score(int node) {
            return luceneScore(kernel.dot(q, 0, vectors, node * dim, dim));
        }

        @Override
        public int maxOrd() {
            return n;
        }
    }
}
