package org.recsysbook.core;

/**
 * NumPy's portable {@code np.argsort} for {@code float64} (the default {@code kind='quicksort'}, an introsort),
 * so that a Java port of the chapter's Python demos breaks ties between equal values as NumPy does.
 *
 * <p>Ties matter where the chapter's code sorts scores that can be equal: its UCB bandit scores every untried
 * item {@code inf} and picks {@code np.argsort(-scores)[:n]}, so the order NumPy's sort leaves equal values in
 * decides which item is tried first. That order is not stable and not documented. This class follows NumPy's
 * scalar code path (median-of-three quicksort, insertion sort below 16 elements, heapsort when the recursion
 * gets too deep, NaN sorted last), which NumPy runs on CPUs without vector sorting. <b>On x86 CPUs with AVX2 or
 * AVX-512, NumPy 2 sends {@code argsort} to a vectorised sort that orders ties differently</b>, so there the
 * same Python prints other items wherever ties decide. Written by hand: no Java library reproduces it. The unit
 * tests compare it with NumPy 2.4 run with its vector sorts disabled.
 */
public final class NumpyArgsort {
    private static final int SMALL_QUICKSORT = 15;

    private NumpyArgsort() { }

    /** {@code np.argsort(v)}: the indices that sort {@code v} ascending, ties in NumPy's scalar order. */
    public static int[] argsort(double[] v) {
        Args.notNull("v", v);
        int[] idx = new int[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        if (v.length > 1) {
            sort(v, idx);
        }
        return idx;
    }

    /** {@code np.argsort(-v)}: the indices that sort {@code v} descending (NumPy sorts the negated values). */
    public static int[] argsortDescending(double[] v) {
        Args.notNull("v", v);
        double[] neg = new double[v.length];
        for (int i = 0; i < neg.length; i++) {
            neg[i] = -v[i];
        }
        return argsort(neg);
    }

    /** NumPy's {@code DOUBLE_LT}: NaN is larger than everything else. */
    private static boolean less(double a, double b) {
        return a < b || (b != b && a == a);
    }

    private static void swap(int[] t, int i, int j) {
        int x = t[i];
        t[i] = t[j];
        t[j] = x;
    }

    private static int msb(int n) {
        return 31 - Integer.numberOfLeadingZeros(n);
    }

    private static void sort(double[] v, int[] t) {
        int[] stack = new int[128];
        int[] depths = new int[64];
        int sp = 0;
        int dp = 0;
        int pl = 0;
        int pr = t.length - 1;
        int depth = msb(t.length) * 2;
        while (true) {
            if (depth < 0) {
                heapsort(v, t, pl, pr - pl + 1);
            } else {
                while (pr - pl > SMALL_QUICKSORT) {
                    int pm = pl + ((pr - pl) >> 1);
                    if (less(v[t[pm]], v[t[pl]])) {
                        swap(t, pm, pl);
                    }
                    if (less(v[t[pr]], v[t[pm]])) {
                        swap(t, pr, pm);
                    }
                    if (less(v[t[pm]], v[t[pl]])) {
                        swap(t, pm, pl);
                    }
                    double vp = v[t[pm]];
                    int pi = pl;
                    int pj = pr - 1;
                    swap(t, pm, pj);
                    while (true) {
                        do {
                            ++pi;
                        } while (less(v[t[pi]], vp));
                        do {
                            --pj;
                        } while (less(vp, v[t[pj]]));
                        if (pi >= pj) {
                            break;
                        }
                        swap(t, pi, pj);
                    }
                    swap(t, pi, pr - 1);
                    if (pi - pl < pr - pi) {
                        stack[sp++] = pi + 1;
                        stack[sp++] = pr;
                        pr = pi - 1;
                    } else {
                        stack[sp++] = pl;
                        stack[sp++] = pi - 1;
                        pl = pi + 1;
                    }
                    depths[dp++] = --depth;
                }
                for (int pi = pl + 1; pi <= pr; ++pi) {
                    int vi = t[pi];
                    double vp = v[vi];
                    int pj = pi;
                    while (pj > pl && less(vp, v[t[pj - 1]])) {
                        t[pj] = t[pj - 1];
                        pj--;
                    }
                    t[pj] = vi;
                }
            }
            if (sp == 0) {
                return;
            }
            pr = stack[--sp];
            pl = stack[--sp];
            depth = depths[--dp];
        }
    }

    /** NumPy's {@code aheapsort} of {@code t[from, from + n)}, written with its one-based heap indices. */
    static void heapsort(double[] v, int[] t, int from, int n) {
        int base = from - 1;
        for (int l = n >> 1; l > 0; --l) {
            siftDown(v, t, base, l, t[base + l], n);
        }
        for (; n > 1; ) {
            int tmp = t[base + n];
            t[base + n] = t[base + 1];
            n -= 1;
            siftDown(v, t, base, 1, tmp, n);
        }
    }

    /** Moves {@code tmp} down from heap slot {@code i} of the heap {@code t[base + 1 … base + n]}. */
    private static void siftDown(double[] v, int[] t, int base, int i, int tmp, int n) {
        for (int j = i << 1; j <= n; ) {
            if (j < n && less(v[t[base + j]], v[t[base + j + 1]])) {
                j++;
            }
            if (less(v[tmp], v[t[base + j]])) {
                t[base + i] = t[base + j];
                i = j;
                j += j;
            } else {
                break;
            }
        }
        t[base + i] = tmp;
    }
}
