package org.recsysbook.retrieval;

/** The scalar dot-product kernel: four independent partial sums so the CPU can overlap the adds. */
final class ScalarDotKernel implements DotKernel {
    static final ScalarDotKernel INSTANCE = new ScalarDotKernel();

    private ScalarDotKernel() {
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
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
