package org.recsysbook.metrics;

import java.util.stream.IntStream;

import org.recsysbook.core.Args;
import org.recsysbook.core.Vectors;

/**
 * Intra-list diversity, the chapter's {@code intra_list_diversity}: the mean cosine distance over all pairs of
 * items in one recommendation list, computed from item feature vectors.
 *
 * <p>{@code ILD = (2 / (n(n-1))) · sum_{i<j} (1 - v_i·v_j / (|v_i| |v_j| + 1e-8))}, the {@code 1e-8} being
 * the chapter's guard against zero vectors (so identical unit vectors score about {@code 1e-8}, not exactly 0).
 * A list of fewer than two items scores 0, as in the chapter. Arithmetic is in {@code double} whatever the
 * storage type. Unlike the chapter, a list naming the same item twice, or an item whose vector holds NaN or an
 * infinity, is rejected (the chapter would return NaN).
 *
 * <p>Vectors come either as rows ({@code double[][]}, {@code vectors[item]}, the chapter's
 * {@code item_features}) or as one flat row-major {@code float[]} of {@code dim} floats per item, the layout
 * of {@code World.itemVectors()}.
 */
public final class IntraListDiversity {
    /** The chapter's guard in the cosine's denominator. */
    public static final double EPSILON = 1e-8;

    private IntraListDiversity() { }

    /** ILD of {@code items}, whose vectors are rows of {@code vectors}; all rows must share one dimension. */
    public static double of(double[][] vectors, int[] items) {
        Args.notNull("vectors", vectors);
        RankedLists.rankedList(items, "items");
        int n = items.length;
        for (int item : items) {
            RankedLists.item(item, vectors.length, "items");
        }
        int dim = -1;
        for (int item : items) {
            double[] v = Args.notNull("vectors", item, vectors[item]);
            if (dim < 0) {
                dim = v.length;
            } else if (v.length != dim) {
                throw Args.fail("vectors[" + item + "].length", v.length, dim + " (the dimension of vectors["
                        + items[0] + "]; all item vectors must have the same dimension)");
            }
            Args.allFinite("vectors[" + item + "]", v);
        }
        if (n < 2) {
            return 0.0;
        }
        double[] norms = new double[n];
        for (int a = 0; a < n; a++) {
            double[] v = vectors[items[a]];
            norms[a] = Math.sqrt(Vectors.dot(v, 0, v, 0, dim));
        }
        double total = 0;
        for (int a = 0; a < n; a++) {
            double[] va = vectors[items[a]];
            for (int b = a + 1; b < n; b++) {
                double dot = Vectors.dot(va, 0, vectors[items[b]], 0, dim);
                total += 1 - dot / (norms[a] * norms[b] + EPSILON);
            }
        }
        return total / pairs(n);
    }

    /**
     * ILD as a {@link RankingMetric} named "ILD" over flat row-major item vectors: the offline evaluation averages
     * it over users as it does NDCG (the relevant items play no part).
     */
    public static RankingMetric metric(float[] vectors, int dim) {
        checkFlat(vectors, dim);
        return new RankingMetric() {
            @Override
            public String name() {
                return "ILD";
            }

            @Override
            public double score(int[] ranked, RelevantItems relevant) {
                return of(vectors, dim, ranked);
            }
        };
    }

    /** ILD of {@code items}, whose vectors are rows of a flat row-major {@code float[]} with {@code dim} columns. */
    public static double of(float[] vectors, int dim, int[] items) {
        int count = checkFlat(vectors, dim);
        RankedLists.rankedList(items, "items");
        for (int item : items) {
            RankedLists.item(item, count, "items");
        }
        return compute(vectors, dim, items, new double[items.length], new double[items.length * dim]);
    }

    /**
     * The mean ILD over many lists, computed in parallel over the common fork-join pool. Each list's value is
     * computed on its own and the values are summed in list order, so the result does not depend on the
     * number of threads.
     */
    public static double mean(float[] vectors, int dim, int[][] lists) {
        double[] values = each(vectors, dim, lists);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The ILD of every list, in list order (parallel; see {@link #mean}). */
    public static double[] each(float[] vectors, int dim, int[][] lists) {
        int count = checkFlat(vectors, dim);
        RankedLists.atLeastOne(lists, "lists");
        for (int u = 0; u < lists.length; u++) {
            RankedLists.items(RankedLists.rankedList(lists[u], "lists", u), count, "lists", u);
        }
        double[] out = new double[lists.length];
        int chunk = 1024;
        int chunks = (lists.length + chunk - 1) / chunk;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            double[] norms = new double[16];
            double[] buf = new double[16 * dim];
            int end = Math.min(lists.length, (c + 1) * chunk);
            for (int u = c * chunk; u < end; u++) {
                if (norms.length < lists[u].length) {
                    norms = new double[lists[u].length];
                    buf = new double[lists[u].length * dim];
                }
                out[u] = compute(vectors, dim, lists[u], norms, buf);
            }
        });
        return out;
    }

    private static int checkFlat(float[] vectors, int dim) {
        Args.notNull("vectors", vectors);
        Args.atLeast("dim", dim, 1);
        if (vectors.length % dim != 0) {
            throw Args.fail("vectors.length", vectors.length, "a multiple of dim = " + dim
                    + " (every item vector has dim dimensions)");
        }
        return vectors.length / dim;
    }

    /**
     * ILD of one list: the rows are first copied into {@code buf} as doubles (converted once per item, not once
     * per pair), then every pair's dot product is taken there.
     */
    private static double compute(float[] v, int dim, int[] items, double[] norms, double[] buf) {
        int n = items.length;
        for (int a = 0; a < n; a++) {
            int o = items[a] * dim;
            int b = a * dim;
            double s = 0;
            for (int d = 0; d < dim; d++) {
                double x = v[o + d];
                if (!Double.isFinite(x)) {
                    throw Args.fail("vectors[item " + items[a] + "][" + d + "]", x, "a finite number");
                }
                buf[b + d] = x;
                s += x * x;
            }
            norms[a] = Math.sqrt(s);
        }
        if (n < 2) {
            return 0.0;
        }
        double total = 0;
        for (int a = 0; a < n; a++) {
            int oa = a * dim;
            for (int b = a + 1; b < n; b++) {
                total += 1 - Vectors.dot(buf, oa, buf, b * dim, dim) / (norms[a] * norms[b] + EPSILON);
            }
        }
        return total / pairs(n);
    }

    /** The number of pairs of {@code n} items, n(n − 1)/2, in {@code long} (it passes 2³¹ at 46,342 items). */
    static long pairs(int n) {
        return (long) n * (n - 1) / 2;
    }
}
