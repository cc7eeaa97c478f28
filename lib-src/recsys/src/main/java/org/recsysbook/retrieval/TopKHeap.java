package org.recsysbook.retrieval;

/**
 * Partial selection of the {@code k} best (id, score) pairs from a stream, the seed's
 * {@code argsort(-scores)[:k]} without sorting the catalog: a bounded min-heap on primitive arrays,
 * O(n log k) time and O(k) memory.
 *
 * <p>Order: higher score first; equal scores by lower id first, so results are the same on every
 * machine and however a scan is split. Scan loops call {@link #offer} only when
 * {@code score >= threshold()}, which is almost never once the heap is full.
 */
public final class TopKHeap {
    private final int capacity;
    private final int[] ids;
    private final double[] scores;
    private int size;

    /** A heap keeping the best {@code k ≥ 1} pairs. */
    public TopKHeap(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        capacity = k;
        ids = new int[k];
        scores = new double[k];
    }

    /** Number of pairs held, at most k. */
    public int size() {
        return size;
    }

    /** The score an offer must reach to enter: the worst kept score when full, else −∞. */
    public double threshold() {
        return size < capacity ? Double.NEGATIVE_INFINITY : scores[0];
    }

    /** Offers a pair; it is kept if it beats the worst kept pair or the heap is not full. */
    public void offer(int id, double score) {
        if (size < capacity) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!worse(id, score, ids[parent], scores[parent])) {
                    break;
                }
                ids[i] = ids[parent];
                scores[i] = scores[parent];
                i = parent;
            }
            ids[i] = id;
            scores[i] = score;
        } else if (worse(ids[0], scores[0], id, score)) {
            siftDown(id, score);
        }
    }

    /** Offers every pair another heap holds (to merge the results of a split scan). */
    public void offerAll(TopKHeap other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.ids[i], other.scores[i]);
        }
    }

    /** Empties the heap, which stays usable. */
    public void clear() {
        size = 0;
    }

    /** The kept pairs, best first; empties the heap. */
    public ScoredItems drain() {
        int n = size;
        int[] outIds = new int[n];
        double[] outScores = new double[n];
        for (int j = n - 1; j >= 0; j--) {
            outIds[j] = ids[0];
            outScores[j] = scores[0];
            size--;
            if (size > 0) {
                siftDown(ids[size], scores[size]);
            }
        }
        return new ScoredItems(outIds, outScores);
    }

    /** Whether (a, sa) ranks below (b, sb). */
    private static boolean worse(int a, double sa, int b, double sb) {
        return sa < sb || (sa == sb && a > b);
    }

    /** Places (id, score) at the root and restores the heap order. */
    private void siftDown(int id, double score) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && worse(ids[right], scores[right], ids[child], scores[child])) {
                child = right;
            }
            if (!worse(ids[child], scores[child], id, score)) {
                break;
            }
            ids[i] = ids[child];
            scores[i] = scores[child];
            i = child;
        }
        ids[i] = id;
        scores[i] = score;
    }
}
