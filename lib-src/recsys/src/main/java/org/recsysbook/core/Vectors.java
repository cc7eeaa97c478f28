package org.recsysbook.core;

/**
 * Dot products and norms over rows of flat primitive arrays (row {@code i} of a {@code dim}-wide matrix starts at
 * {@code i * dim}), the loops every stage's similarity is built from. No boxing, no copies.
 *
 * <p>The float version multiplies in float and sums in double, one addition after the other, as the synthetic
 * world's scores have always been computed; the double version keeps four independent sums so the loop is not
 * bound by one addition chain. The retrieval stage's SIMD kernels ({@code DotKernel}) are separate: they sum in
 * float, for speed, and are compared against each other.
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

    /** The cosine of rows {@code a} and {@code b} of the {@code dim}-wide matrix {@code rows}; 0 if either is zero. */
    public static double cosine(float[] rows, int dim, int a, int b) {
        double denom = norm(rows, a * dim, dim) * norm(rows, b * dim, dim);
        return denom > 0 ? dot(rows, a * dim, rows, b * dim, dim) / denom : 0.0;
    }
}
