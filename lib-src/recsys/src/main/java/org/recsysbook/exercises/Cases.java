package org.recsysbook.exercises;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.recsysbook.core.ScoredItems;

/** Helpers the exercise checks share: hidden cases built from random lists, matrices and vectors. */
final class Cases {
    private Cases() { }

    static double[] flat(double[][] m) {
        if (m == null) {
            return null;
        }
        int n = 0;
        for (double[] row : m) {
            n += row.length;
        }
        double[] out = new double[n];
        int k = 0;
        for (double[] row : m) {
            for (double v : row) {
                out[k++] = v;
            }
        }
        return out;
    }

    static boolean closeAll(double[] a, double[] b, double tolerance) {
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= tolerance * Math.max(1, Math.abs(b[i])))) {
                return false;
            }
        }
        return true;
    }

    /** The inverse of a small symmetric positive definite matrix, by EJML. */
    static double[][] invert(double[][] a) {
        DMatrixRMaj m = new DMatrixRMaj(a);
        DMatrixRMaj inv = new DMatrixRMaj(a.length, a.length);
        if (!CommonOps_DDRM.invert(m, inv)) {
            throw new IllegalStateException("singular test matrix");
        }
        double[][] out = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                out[i][j] = inv.get(i, j);
            }
        }
        return out;
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** The cosine of every pair of the n row vectors, computed in double as the library's MMR does. */
    static double[][] cosines(float[] v, int dim, int n) {
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                double ni = 0;
                double nj = 0;
                for (int d = 0; d < dim; d++) {
                    dot += v[i * dim + d] * v[j * dim + d];
                    ni += v[i * dim + d] * v[i * dim + d];
                    nj += v[j * dim + d] * v[j * dim + d];
                }
                s[i][j] = dot / (Math.sqrt(ni) * Math.sqrt(nj));
            }
        }
        return s;
    }

    static int[] shuffled(int n, SplittableRandom rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** The ids with descending scores, so that their order is the ranked order. */
    static ScoredItems descending(int[] ids) {
        double[] scores = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            scores[i] = ids.length - i;
        }
        return new ScoredItems(ids.clone(), scores);
    }

    /** The value of {@code values} with the highest {@code score} (the first of equals). */
    static double argMax(double[] values, java.util.function.DoubleUnaryOperator score) {
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            double s = score.applyAsDouble(v);
            if (s > bestScore) {
                bestScore = s;
                best = v;
            }
        }
        return best;
    }
}
