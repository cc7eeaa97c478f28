package org.recsysbook.retrieval;

import org.recsysbook.core.Args;

/** Argument checks shared by the retrievers, so that every one refuses bad input with the same words. */
final class Queries {
    private Queries() {
    }

    /**
     * Checks that {@code query} has length {@code dim}, finite entries and a non-zero entry, and
     * returns a unit-length copy.
     */
    static float[] unit(float[] query, int dim) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        if (query.length != dim) {
            throw new IllegalArgumentException("query must have dimension " + dim + " (the catalog's), got "
                    + query.length);
        }
        double s = 0;
        for (int j = 0; j < dim; j++) {
            float x = query[j];
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("query[" + j + "] must be finite, got " + x);
            }
            s += (double) x * x;
        }
        if (s == 0) {
            throw new IllegalArgumentException("query must not be all zeros (it has no direction)");
        }
        float inv = (float) (1.0 / Math.sqrt(s));
        float[] u = new float[dim];
        for (int j = 0; j < dim; j++) {
            u[j] = query[j] * inv;
        }
        return u;
    }

    /** Checks {@code 1 ≤ k ≤ n}, the catalog size. */
    static void checkK(int k, int n) {
        if (k < 1 || k > n) {
            throw Args.fail("k", k, "in [1, " + n + "] (the catalog size)");
        }
    }

    /** Checks that {@code vectors} holds a positive whole number of rows of length {@code dim}. */
    static int rows(float[] vectors, int dim) {
        Args.atLeast("dim", dim, 1);
        if (vectors == null || vectors.length == 0 || vectors.length % dim != 0) {
            throw new IllegalArgumentException("vectors.length must be a positive multiple of dim=" + dim
                    + ", got " + (vectors == null ? "null" : vectors.length));
        }
        return vectors.length / dim;
    }
}
