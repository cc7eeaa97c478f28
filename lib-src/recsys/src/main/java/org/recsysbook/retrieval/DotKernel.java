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
     * Rows per block of this kernel's blocked layout ({@link #blocked}), which
     * {@link #dots(float[], float[], int, int, int, float[], float[])} scans without a horizontal sum per row;
     * 0 when the kernel has none and scans row-major rows only (the default).
     */
    default int blockRows() {
        return 0;
    }

    /**
     * The blocked copy of row-major {@code rows} ({@code dim} floats per row) that
     * {@link #dots(float[], float[], int, int, int, float[], float[])} reads: the rows in groups of
     * {@code w = }{@link #blockRows()}, each group stored component by component ({@code w} consecutive floats
     * hold one component of its {@code w} rows), the components in the order the kernel reads them, so that the
     * scan reads memory front to back. Rows after the last full group are left out (they are read row-major).
     * Null (the default) when the kernel has no blocked layout.
     */
    default float[] blocked(float[] rows, int dim) {
        return null;
    }

    /**
     * {@link #dots(float[], int, int, int, float[], float[])} reading the full groups of rows from {@code blocked}
     * (this kernel's {@link #blocked} copy of {@code rows}) and the others from {@code rows}. The floats written
     * are the same, bit for bit, as the row-major call's; only the memory order of the work changes. The default
     * ignores {@code blocked}.
     */
    default void dots(float[] rows, float[] blocked, int dim, int from, int to, float[] query, float[] out) {
        dots(rows, dim, from, to, query, out);
    }

    /**
     * {@link #dots(float[], float[], int, int, int, float[], float[])} for {@code count} queries at once:
     * {@code outs[j][0 … to-from-1]} receives the dot products of {@code queries[j]} for {@code j < count}, the
     * same floats bit for bit as one call per query. A kernel may read each row once for several queries (the
     * multi-query scan of {@link ExactScan#generateAll}); the default calls the one-query method per query, which
     * still reads the rows from cache after the first.
     */
    default void dotsMany(float[] rows, float[] blocked, int dim, int from, int to, float[][] queries, int count,
                          float[][] outs) {
        for (int j = 0; j < count; j++) {
            dots(rows, blocked, dim, from, to, queries[j], outs[j]);
        }
    }

    /**
     * The first index {@code i} in {@code [from, to)} with {@code values[i] >= threshold}, or {@code to} when
     * there is none: the scans' test of each score against their top-k's entry threshold, which a vector kernel
     * does many scores at a time.
     */
    default int firstAtLeast(float[] values, int from, int to, float threshold) {
        for (int i = from; i < to; i++) {
            if (values[i] >= threshold) {
                return i;
            }
        }
        return to;
    }

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

    /**
     * {@code Σ_j a[ao+j]·b[bo+j]} for {@code j < n}, exactly, over two vectors stored as signed bytes (int8 codes):
     * {@link HnswIndex} scores graph nodes against each other this way while it builds on codes. At most
     * {@code n · 128²}, so it fits an int for any {@code n} under 131,072.
     */
    default int dotBytes(byte[] a, int ao, byte[] b, int bo, int n) {
        int s = 0;  // integer sums are exact in any order: one accumulator
        for (int j = 0; j < n; j++) {
            s += a[ao + j] * b[bo + j];
        }
        return s;
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

    /**
     * {@code kernel} on row-major rows only: the same dot products with {@link #blockRows()} 0, so that an
     * {@link ExactScan} on it makes no blocked copy and reduces each row on its own, as it did before it read
     * the blocked layout (to compare the two; the floats are the same).
     */
    static DotKernel rowMajor(DotKernel kernel) {
        if (kernel == null) {
            throw new IllegalArgumentException("kernel must not be null");
        }
        return new DotKernel() {
            @Override
            public float dot(float[] a, int ao, float[] b, int bo, int n) {
                return kernel.dot(a, ao, b, bo, n);
            }

            @Override
            public void dots(float[] rows, int dim, int from, int to, float[] query, float[] out) {
                kernel.dots(rows, dim, from, to, query, out);
            }

            @Override
            public float dotCodes(float[] q, byte[] codes, int co, int n) {
                return kernel.dotCodes(q, codes, co, n);
            }

            @Override
            public int dotBytes(byte[] a, int ao, byte[] b, int bo, int n) {
                return kernel.dotBytes(a, ao, b, bo, n);
            }

            @Override
            public int firstAtLeast(float[] values, int from, int to, float threshold) {
                return kernel.firstAtLeast(values, from, to, threshold);
            }

            @Override
            public String name() {
                return kernel.name() + "-row-major";
            }
        };
    }

    /** Whether the Vector API kernel is available in this JVM. */
    static boolean vectorApiAvailable() {
        return DotKernels.BEST != ScalarDotKernel.INSTANCE;
    }
}
