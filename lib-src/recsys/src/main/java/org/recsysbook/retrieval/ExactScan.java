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

    private ScoredItems search(float[] q, int k, int skip) {
        if (threads == 1) {
            TopK heap = new TopK(k);
            scan(q, 0, n, skip, heap);
            return heap.drain();
        }
        int slices = Math.min(threads, (n + BLOCK - 1) / BLOCK);
        TopK[] heaps = new TopK[slices];
        IntStream.range(0, slices).parallel().forEach(s -> {
            TopK heap = new TopK(k);
            scan(q, (int) ((long) n * s / slices), (int) ((long) n * (s + 1) / slices), skip, heap);
            heaps[s] = heap;
        });
        TopK all = new TopK(k);
        for (TopK h : heaps) {
            all.offerAll(h);
        }
        return all.drain();
    }

    private void scan(float[] q, int from, int to, int skip, TopK heap) {
        float[] block = new float[BLOCK];
        double threshold = heap.threshold();
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            kernel.dots(vectors, blocked, dim, start, end, q, block);
            for (int i = 0, len = end - start; i < len; i++) {
                float s = block[i];
                if (s >= threshold && start + i != skip) {
                    heap.offer(start + i, s);
                    threshold = heap.threshold();
                }
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
