package org.recsysbook.retrieval;

import java.util.stream.IntStream;

import org.recsysbook.core.Args;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.TopK;
import org.recsysbook.world.World;

/**
 * Exact nearest-neighbour retrieval by a brute-force scan: the dot product of the query with every
 * item vector, keeping the best {@code k} in a {@link TopK} — the chapter's
 * {@code item_features @ user_profile} without its full {@code argsort}.
 *
 * <p>The query is scaled to unit length first, so scores are cosines when item vectors have unit
 * length (a {@link World}'s do). The scan streams the vectors once per query, so its speed is at best
 * memory bandwidth: 1M × 64 floats is 256 MB. It runs on the {@link DotKernel#best()} kernel and, with
 * {@link #withThreads(int)}, splits the catalog into contiguous slices scanned in parallel on the common
 * fork-join pool and merged — the same result for any split.
 *
 * <p>With the Vector API kernel the scan reads a blocked copy of the vectors, made once when the scan is
 * created ({@link DotKernel#blocked}: as many rows as the kernel has float lanes, 16 with AVX-512, stored
 * component by component in the order the scan reads them; one more float per vector
 * component held while the scan lives). The row-major scan summed each row's vector lanes with a
 * horizontal {@code reduceLanes}, which made it compute-bound (issue 17: 4.9 GB/s, 1.5× FAISS's
 * {@code IndexFlatIP} at 1M × 64); the blocked scan does the same float operations per row, so the same
 * scores bit for bit and the same top-k order (tested), without the horizontal sums. Measured in one run
 * ({@code ./workbook bench retrieval --peer}, 1M × 64, top-100, one thread, load 5–7 on 2 cores): 13.6 ms
 * median (18.8 GB/s, against a single-thread STREAM triad of 32 GB/s), the row-major scan 32.4 ms, FAISS's
 * {@code IndexFlatIP} 9.25 ms (27.7 GB/s). The vectors must not change after the scan is created.
 *
 * <p>At 1M the scan was 1.47× FAISS's time while at 200k it was 0.88×; two costs outside the dot products made the
 * difference (issue 17, thread CPU time, 2-core AMD EPYC, load 10–27): the test of each score against the top-k
 * threshold, a scalar loop over every score (about 2 ms of 14 ms a query), now done a vector of scores at a time
 * ({@link DotKernel#firstAtLeast}); and page walks: 256 MB on 4 KiB pages is 65,536 pages per query, and the
 * JVM's heap on transparent huge pages ({@code -XX:+UseTransparentHugePages}, which Java 17 supports for G1 where
 * the kernel's setting is {@code madvise} or {@code always}; there is no other way to advise a Java array's
 * memory on 17) took about 6% off. The retrieval benchmark runs with that flag. With both, in one run at load
 * 25–30: 9.44 ms thread CPU a query against FAISS's 11.28 ms (0.84×).
 *
 * <p>{@link #generateAll} serves several queries per pass: the Vector API kernel reads each group of 16 rows once
 * for four queries ({@link DotKernel#dotsMany}), and the next four read the same 1024-row block from cache. At
 * 1M × 64 with {@value #QUERIES_PER_PASS} queries a pass: 3.17 ms thread CPU a query, 2.97× the one-query scan's
 * throughput (FAISS's {@code IndexFlatIP} given 8 queries per call: 11.9 ms a query, no gain). The results are the
 * same ids and score bits as one query at a time (tested).
 */
public final class ExactScan implements CandidateGenerator {
    private static final int BLOCK = 1024;

    private final float[] vectors;
    private final int dim;
    private final int n;
    private final DotKernel kernel;
    private final int threads;
    /** The kernel's blocked copy of the vectors, or null when it scans row-major rows only. */
    private final float[] blocked;

    /** A single-threaded scan over a world's items. */
    public ExactScan(World world) {
        this(world.itemVectors(), world.dim());
    }

    /** A single-threaded scan over row-major {@code vectors} of dimension {@code dim} (not copied). */
    public ExactScan(float[] vectors, int dim) {
        this(vectors, dim, Queries.rows(vectors, dim), DotKernel.best(), 1, null);
    }

    private ExactScan(float[] vectors, int dim, int n, DotKernel kernel, int threads, float[] blocked) {
        this.vectors = vectors;
        this.dim = dim;
        this.n = n;
        this.kernel = kernel;
        this.threads = threads;
        this.blocked = blocked != null ? blocked : kernel.blocked(vectors, dim);
    }

    /** The same scan on another kernel (e.g. {@link DotKernel#scalar()} to compare speeds). */
    public ExactScan withKernel(DotKernel newKernel) {
        if (newKernel == null) {
            throw new IllegalArgumentException("kernel must not be null");
        }
        return new ExactScan(vectors, dim, n, newKernel, threads,
                newKernel == kernel ? blocked : null);
    }

    /** The same scan split over {@code threads} slices, 1 to 256. */
    public ExactScan withThreads(int newThreads) {
        if (newThreads < 1 || newThreads > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256], got " + newThreads);
        }
        return new ExactScan(vectors, dim, n, kernel, newThreads, blocked);
    }

    public DotKernel kernel() {
        return kernel;
    }

    public int threads() {
        return threads;
    }

    /** Number of items scanned. */
    public int size() {
        return n;
    }

    /** The {@code k} items with the highest cosine to {@code query}, best first; k in [1, size()]. */
    @Override
    public ScoredItems generate(float[] query, int k) {
        float[] q = Queries.unit(query, dim);
        Queries.checkK(k, n);
        return search(q, k, -1);
    }

    /**
     * The {@code k} items most similar to item {@code item} ("more like this"), the item itself left
     * out; k in [1, size() − 1].
     */
    public ScoredItems similarTo(int item, int k) {
        Args.index("item", item, n, "items");
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException("k must be in [1, " + (n - 1) + "] (the other items), got " + k);
        }
        float[] q = new float[dim];
        System.arraycopy(vectors, item * dim, q, 0, dim);
        return search(Queries.unit(q, dim), k, item);
    }

    /**
     * The {@code k} items with the highest cosine to each of {@code queries}, best first: for every query the
     * same ids and score bits as {@link #generate} returns for it alone; k in [1, size()]. The scan reads the
     * catalog once for {@value #QUERIES_PER_PASS} queries (more are taken in groups of as many), so each query
     * costs a fraction of a pass where a caller has several at once (a batch of users, a notebook's evaluation).
     * An empty array gives an empty array.
     */
    @Override
    public ScoredItems[] generateAll(float[][] queries, int k) {
        if (queries == null) {
            throw new IllegalArgumentException("queries must not be null");
        }
        Queries.checkK(k, n);
        float[][] unit = new float[queries.length][];
        for (int j = 0; j < queries.length; j++) {
            try {
                unit[j] = Queries.unit(queries[j], dim);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("queries[" + j + "]: " + e.getMessage(), e);
            }
        }
        ScoredItems[] out = new ScoredItems[queries.length];
        for (int j0 = 0; j0 < unit.length; j0 += QUERIES_PER_PASS) {
            int count = Math.min(QUERIES_PER_PASS, unit.length - j0);
            float[][] group = new float[count][];
            System.arraycopy(unit, j0, group, 0, count);
            ScoredItems[] found = searchMany(group, k);
            System.arraycopy(found, 0, out, j0, count);
        }
        return out;
    }

    /** Queries per pass over the catalog in {@link #generateAll}. */
    public static final int QUERIES_PER_PASS = 8;

    private ScoredItems search(float[] q, int k, int skip) {
        if (threads == 1) {
            TopK heap = new TopK(k);
            scan(q, 0, n, skip, heap);
            return heap.drain();
        }
        int slices = slices();
        TopK[] heaps = new TopK[slices];
        IntStream.range(0, slices).parallel().forEach(s -> {
            TopK heap = new TopK(k);
            scan(q, sliceStart(s, slices), sliceStart(s + 1, slices), skip, heap);
            heaps[s] = heap;
        });
        TopK all = new TopK(k);
        for (TopK h : heaps) {
            all.offerAll(h);
        }
        return all.drain();
    }

    private ScoredItems[] searchMany(float[][] qs, int k) {
        int count = qs.length;
        int slices = threads == 1 ? 1 : slices();
        TopK[][] heaps = new TopK[slices][count];
        for (TopK[] h : heaps) {
            for (int j = 0; j < count; j++) {
                h[j] = new TopK(k);
            }
        }
        if (slices == 1) {
            scanMany(qs, 0, n, heaps[0]);
        } else {
            IntStream.range(0, slices).parallel()
                    .forEach(s -> scanMany(qs, sliceStart(s, slices), sliceStart(s + 1, slices), heaps[s]));
        }
        ScoredItems[] out = new ScoredItems[count];
        for (int j = 0; j < count; j++) {
            TopK all = heaps[0][j];
            if (slices > 1) {
                all = new TopK(k);
                for (TopK[] h : heaps) {
                    all.offerAll(h[j]);
                }
            }
            out[j] = all.drain();
        }
        return out;
    }

    private int slices() {
        return Math.min(threads, (n + BLOCK - 1) / BLOCK);
    }

    private int sliceStart(int s, int slices) {
        return (int) ((long) n * s / slices);
    }

    private void scan(float[] q, int from, int to, int skip, TopK heap) {
        float[] block = new float[BLOCK];
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            kernel.dots(vectors, blocked, dim, start, end, q, block);
            offer(block, start, end - start, skip, heap);
        }
    }

    private void scanMany(float[][] qs, int from, int to, TopK[] heaps) {
        float[][] blocks = new float[qs.length][BLOCK];
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            kernel.dotsMany(vectors, blocked, dim, start, end, qs, qs.length, blocks);
            for (int j = 0; j < qs.length; j++) {
                offer(blocks[j], start, end - start, -1, heaps[j]);
            }
        }
    }

    /**
     * Offers the scores {@code block[0 … len-1]} of items {@code start …} that reach the heap's threshold (the
     * kernel finds them many at a time), leaving out item {@code skip}. A score is a float and the threshold the
     * widened float of a kept score (or −∞), so comparing as floats is the same test as the heap's.
     */
    private void offer(float[] block, int start, int len, int skip, TopK heap) {
        float threshold = (float) heap.threshold();
        for (int i = kernel.firstAtLeast(block, 0, len, threshold); i < len;
                i = kernel.firstAtLeast(block, i + 1, len, threshold)) {
            if (start + i != skip) {
                heap.offer(start + i, block[i]);
                threshold = (float) heap.threshold();
            }
        }
    }

    @Override
    public String name() {
        return "exact scan";
    }

    @Override
    public String toString() {
        return "ExactScan[" + n + " × " + dim + ", " + kernel.name() + ", " + threads + " thread(s)]";
    }
}
