package org.recsysbook.retrieval;

/**
 * The inner loop of every retriever here: dot products of a query with rows of a flat row-major
 * {@code float[]} — the chapter's {@code item_features @ user_profile}, one row at a time.
 *
 * <p>Two implementations: a scalar loop that runs everywhere ({@link #scalar()}), and one on the Java
 * Vector API (module {@code jdk.incubator.vector}, about three times faster on AVX-512 hardware) that
 * {@link #best()} loads reflectively only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}. Both give the same ranking; the last bits of a score
 * can differ because they add in a different order.
 */
public interface DotKernel {

    /** {@code Σ_j a[ao+j]·b[bo+j]} for {@code j < n}. */
    float dot(float[] a, int ao, float[] b, int bo, int n);

    /**
     * Dot products of {@code query} (length {@code dim}) with rows {@code from … to-1} of {@code rows}
     * ({@code dim} floats per row), written to {@code out[0 … to-from-1]}.
     */
    void dots(float[] rows, int dim, int from, int to, float[] query, float[] out);

    /**
     * {@code Σ_j q[j]·codes[co+j]} for {@code j < n}: a float query against one vector stored as signed
     * bytes (int8 codes), used by {@link HnswIndex} with int8 scoring.
     */
    default float dotCodes(float[] q, byte[] codes, int co, int n) {
        float s0 = 0f;
        float s1 = 0f;
        int j = 0;
        for (; j + 1 < n; j += 2) {
            s0 += q[j] * codes[co + j];
            s1 += q[j + 1] * codes[co + j + 1];
        }
        if (j < n) {
            s0 += q[j] * codes[co + j];
        }
        return s0 + s1;
    }

    /** A short name for tables and benchmark lines, e.g. {@code "scalar"}. */
    String name();

    /** The portable scalar kernel. */
    static DotKernel scalar() {
        return ScalarDotKernel.INSTANCE;
    }

    /** The Vector API kernel when module {@code jdk.incubator.vector} is present, else the scalar one. */
    static DotKernel best() {
        return DotKernels.BEST;
    }

    /** Whether the Vector API kernel is available in this JVM. */
    static boolean vectorApiAvailable() {
        return DotKernels.BEST != ScalarDotKernel.INSTANCE;
    }
}
