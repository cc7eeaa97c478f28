package org.recsysbook.core;

/**
 * Partial selection of the {@code k} best (id, score) pairs, the chapter's {@code argsort(-scores)[:k]} without
 * sorting everything: a bounded min-heap on primitive arrays, O(n log k) time and O(k) memory. Every stage that
 * keeps a best few uses it: the retrievers' scans, the rankers' ordering, the baselines, the bandit policies.
 *
 * <p>Order: higher score first; equal scores by lower id first, so results are the same on every machine and
 * however a scan is split. Scan loops call {@link #offer} only when {@code score >= threshold()}, which is almost
 * never once the heap is full. {@link #indices} selects over an array of scores in one call.
 */
public final class TopK {
    private final int capacity;
    private final int[] ids;
    private final double[] scores;
    private int size;

    /** A heap keeping the best {@code k ≥ 1} pairs. */
    public TopK(int k) {
        capacity = Args.atLeast("k", k, 1);
        ids = new int[k];
        scores = new double[k];
    }

    /**
     * The indices of the {@code k} largest values of {@code scores}, largest first (all indices if
     * {@code k ≥ scores.length}); equal values by lower index first.
     *
     * @throws IllegalArgumentException if {@code k < 1} or a score is NaN
     */
    public static int[] indices(double[] scores, int k) {
        Args.notNull("scores", scores);
        return indices(scores, scores.length, k);
    }

    /**
     * The indices of the {@code k} largest of the first {@code length} values of {@code scores} (a reused buffer
     * may be longer), largest first; equal values by lower index first.
     *
     * @throws IllegalArgumentException if {@code k < 1}, {@code length} is outside [0, scores.length] or a score
     *                                  is NaN
     */
    public static int[] indices(double[] scores, int length, int k) {
        Args.notNull("scores", scores);
        Args.atLeast("k", k, 1);
        Args.inRange("length", length, 0, scores.length);
        if (k == 1 && length > 0) {
            int best = 0;
            for (int i = 0; i < length; i++) {
                requireNumber(scores, i);
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            return new int[] {best};
        }
        TopK heap = new TopK(Math.max(1, Math.min(k, length)));
        for (int i = 0; i < length; i++) {
            requireNumber(scores, i);
            if (scores[i] >= heap.threshold()) {
                heap.offer(i, scores[i]);
            }
        }
        return heap.drainIds();
    }

    private static void requireNumber(double[] scores, int i) {
        if (Double.isNaN(scores[i])) {
            throw Args.fail("scores[" + i + "]", scores[i], "a number");
        }
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
    public void offerAll(TopK other) {
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
        double[] outScores = new double[size];
        int[] outIds = drain(outScores);
        return new ScoredItems(outIds, outScores);
    }

    private int[] drainIds() {
        return drain(null);
    }

    /** The kept ids best first (their scores into {@code outScores} if not null); empties the heap. */
    private int[] drain(double[] outScores) {
        int n = size;
        int[] outIds = new int[n];
        for (int j = n - 1; j >= 0; j--) {
            outIds[j] = ids[0];
            if (outScores != null) {
                outScores[j] = scores[0];
            }
            size--;
            if (size > 0) {
                siftDown(ids[size], scores[size]);
            }
        }
        return outIds;
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
