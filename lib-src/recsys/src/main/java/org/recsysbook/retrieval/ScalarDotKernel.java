package org.recsysbook.retrieval;

import org.recsysbook.core.Vectors;

/** The scalar dot-product kernel: {@link Vectors#dotFloat}, four float partial sums so the CPU can overlap the adds. */
final class ScalarDotKernel implements DotKernel {
    static final ScalarDotKernel INSTANCE = new ScalarDotKernel();

    private ScalarDotKernel() {
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        return Vectors.dotFloat(a, ao, b, bo, n);
    }

    @Override
    public void dots(float[] rows, int dim, int from, int to, float[] query, float[] out) {
        for (int i = from, o = 0, off = from * dim; i < to; i++, o++, off += dim) {
            out[o] = dot(rows, off, query, 0, dim);
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
