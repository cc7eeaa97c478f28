package org.recsysbook.core;

/**
 * Dot products and norms over rows of flat primitive arrays (row {@code i} of a {@code dim}-wide matrix starts at
 * {@code i * dim}), the loops every stage's similarity is built from. No boxing, no copies.
 *
 * <p>The float version multiplies in float and sums in double, one addition after the other, as the synthetic
 * world's scores have always been computed; the double version keeps four independent sums so the loop is not
 * bound by one addition chain; {@link #dotFloat} sums in float, for the retrieval stage's scalar kernel (its Vector
 * API kernel is compared against it).
 */
public final class Vectors {
    private Vectors() { }

    /** The dot product of {@code n} floats of {@code a} from {@code ao} and of {@code b} from {@code bo}. */
    public static double dot(float[] a, int ao, float[] b, int bo, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += a[ao + j] * b[bo + j];
        }
        return s;
    }

    /** The dot product of two whole vectors of the same length. */
    public static double dot(float[] a, float[] b) {
        Args.sameLength("a", a.length, "b", b.length);
        return dot(a, 0, b, 0, a.length);
    }

    /** The dot product of {@code n} doubles of {@code a} from {@code ao} and of {@code b} from {@code bo}. */
    public static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int d = 0;
        for (; d + 3 < n; d += 4) {
            s0 += a[ao + d] * b[bo + d];
            s1 += a[ao + d + 1] * b[bo + d + 1];
            s2 += a[ao + d + 2] * b[bo + d + 2];
            s3 += a[ao + d + 3] * b[bo + d + 3];
        }
        for (; d < n; d++) {
            s0 += a[ao + d] * b[bo + d];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The dot product summed in float with four independent partial sums: the scalar retrieval kernel, whose
     * results the SIMD kernel is compared with. Faster than {@link #dot(float[], int, float[], int, int)} and less
     * exact.
     */
    public static float dotFloat(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[ao + j] * b[bo + j];
            s1 += a[ao + j + 1] * b[bo + j + 1];
            s2 += a[ao + j + 2] * b[bo + j + 2];
            s3 += a[ao + j + 3] * b[bo + j + 3];
        }
        for (; j < n; j++) {
            s0 += a[ao + j] * b[bo + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The Euclidean norm of {@code n} floats of {@code v} from {@code off}. */
    public static double norm(float[] v, int off, int n) {
        return Math.sqrt(dot(v, off, v, off, n));
    }

    /** Scales {@code n} floats of {@code v} from {@code off} to unit length (they must not be all zero). */
    public static void normalise(float[] v, int off, int n) {
        float inv = (float) (1.0 / norm(v, off, n));
        for (int j = 0; j < n; j++) {
            v[off + j] *= inv;
        }
    }

    /**
     * Divides every row of the row-major {@code rows} ({@code dim} values each) by its Euclidean norm, in place, in
     * {@code double} as NumPy's {@code x / np.linalg.norm(x, axis=1, keepdims=True)} does; returns {@code rows}.
     */
    public static double[] normaliseRows(double[] rows, int dim) {
        Args.atLeast("dim", dim, 1);
        if (rows.length % dim != 0) {
            throw new IllegalArgumentException("rows.length must be a multiple of dim = " + dim + ", got " + rows.length);
        }
        for (int off = 0; off < rows.length; off += dim) {
            double norm = Math.sqrt(dot(rows, off, rows, off, dim));
            for (int j = off; j < off + dim; j++) {
                rows[j] /= norm;
            }
        }
        return rows;
    }

    /** The cosine of rows {@code a} and {@code b} of the {@code dim}-wide matrix {@code rows}; 0 if either is zero. */
    public static double cosine(float[] rows, int dim, int a, int b) {
        double denom = norm(rows, a * dim, dim) * norm(rows, b * dim, dim);
        return denom > 0 ? dot(rows, a * dim, rows, b * dim, dim) / denom : 0.0;
    }
}
