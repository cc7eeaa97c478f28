package org.recsysbook.ranking;

/**
 * Partial selection of the {@code k} highest scores, the "top" in the seed's {@code argsort(-scores)[:k]},
 * done with a bounded min-heap in O(n log k) instead of sorting everything.
 *
 * <p>Ties are broken by the lower index, so the result is the same on every machine.
 */
public final class TopK {
    private TopK() { }

    /**
     * The indices of the {@code k} largest values of {@code scores}, largest first (all indices if
     * {@code k ≥ scores.length}).
     *
     * @throws IllegalArgumentException if {@code k < 1} or a score is NaN
     */
    public static int[] indices(double[] scores, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be ≥ 1, got " + k);
        }
        int n = scores.length;
        int m = Math.min(k, n);
        int[] heap = new int[m];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] is NaN; scores must be numbers");
            }
            if (size < m) {
                heap[size] = i;
                siftUp(heap, size, scores);
                size++;
            } else if (better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        // Pop the heap's minimum into the back of the result, so the result ends up best first.
        int[] out = new int[size];
        for (int j = size - 1; j >= 0; j--) {
            out[j] = heap[0];
            heap[0] = heap[j];
            siftDown(heap, j, scores);
        }
        return out;
    }

    /** Whether index a ranks above index b: higher score, or equal score and lower index. */
    private static boolean better(int a, int b, double[] s) {
        return s[a] > s[b] || (s[a] == s[b] && a < b);
    }

    private static void siftUp(int[] heap, int pos, double[] s) {
        int x = heap[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!better(heap[parent], x, s)) {
                break;
            }
            heap[pos] = heap[parent];
            pos = parent;
        }
        heap[pos] = x;
    }

    private static void siftDown(int[] heap, int size, double[] s) {
        if (size == 0) {
            return;
        }
        int pos = 0;
        int x = heap[0];
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && better(heap[child], heap[child + 1], s)) {
                child++;
            }
            if (!better(x, heap[child], s)) {
                break;
            }
            heap[pos] = heap[child];
            pos = child;
        }
        heap[pos] = x;
    }
}
