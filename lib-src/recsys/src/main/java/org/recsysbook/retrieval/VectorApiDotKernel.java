package org.recsysbook.retrieval;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot-product kernel on the Java Vector API: fused multiply-adds on the widest float vectors
 * the CPU offers. Only {@link DotKernels} loads it, and only when module {@code jdk.incubator.vector}
 * is present; nothing else may refer to this class.
 */
final class VectorApiDotKernel implements DotKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** As many byte lanes as {@link #S} has float lanes, so one byte load widens to one float vector. */
    private static final VectorSpecies<Byte> B = S.length() * Byte.SIZE < 64 ? null
            : VectorSpecies.of(byte.class, VectorShape.forBitSize(S.length() * Byte.SIZE));
    /** As many int lanes as {@link #S} has float lanes. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());

    @Override
    public float dotCodes(float[] q, byte[] codes, int co, int n) {
        if (B == null) { // float vectors of fewer than 8 lanes: no byte shape to widen from
            return DotKernel.super.dotCodes(q, codes, co, n);
        }
        int step = S.length();
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j < bound; j += step) {
            FloatVector c = (FloatVector) ByteVector.fromArray(B, codes, co + j)
                    .convertShape(VectorOperators.B2F, S, 0);
            acc = FloatVector.fromArray(S, q, j).fma(c, acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            s += q[j] * codes[co + j];
        }
        return s;
    }

    /**
     * Both codes widened to int lanes ({@link #I}, as many as {@link #S} has float lanes) and multiplied there: exact,
     * and no float copy of either code is made.
     */
    @Override
    public int dotBytes(byte[] a, int ao, byte[] b, int bo, int n) {
        if (B == null) {
            return DotKernel.super.dotBytes(a, ao, b, bo, n);
        }
        int step = B.length();
        int bound = B.loopBound(n);
        IntVector acc = IntVector.zero(I);
        int j = 0;
        for (; j < bound; j += step) {
            IntVector x = (IntVector) ByteVector.fromArray(B, a, ao + j).convertShape(VectorOperators.B2I, I, 0);
            IntVector y = (IntVector) ByteVector.fromArray(B, b, bo + j).convertShape(VectorOperators.B2I, I, 0);
            acc = acc.add(x.mul(y));
        }
        int s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            s += a[ao + j] * b[bo + j];
        }
        return s;
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        int step = S.length();
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j < bound; j += step) {
            acc = FloatVector.fromArray(S, a, ao + j).fma(FloatVector.fromArray(S, b, bo + j), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            s += a[ao + j] * b[bo + j];
        }
        return s;
    }

    @Override
    public void dots(float[] rows, int dim, int from, int to, float[] query, float[] out) {
        rowMajor(rows, dim, from, to, query, out, 0);
    }

    @Override
    public int blockRows() {
        return S.length();
    }

    /**
     * Group {@code g} of {@code w} rows starts at float {@code g·w·dim}; in it, the components come in the
     * order {@link #dots(float[], float[], int, int, int, float[], float[])} reads them: for each lane
     * {@code l < w} the components {@code l, l + w, l + 2w, …} below the vector bound, then the tail
     * components; each takes {@code w} floats, one per row of the group.
     */
    @Override
    public float[] blocked(float[] rows, int dim) {
        int w = S.length();
        int n = rows.length / dim;
        int full = n - n % w;
        int[] order = readOrder(dim);
        float[] out = new float[full * dim];
        for (int i0 = 0; i0 < full; i0 += w) {
            int base = i0 * dim;
            for (int p = 0; p < dim; p++) {
                int c = order[p];
                int to = base + p * w;
                for (int r = 0; r < w; r++) {
                    out[to + r] = rows[base + r * dim + c];
                }
            }
        }
        return out;
    }

    /** The components in the order the blocked scan reads them. */
    private static int[] readOrder(int dim) {
        int w = S.length();
        int bound = S.loopBound(dim);
        int[] order = new int[dim];
        int p = 0;
        for (int l = 0; l < w && l < bound; l++) {
            for (int c = l; c < bound; c += w) {
                order[p++] = c;
            }
        }
        for (int c = bound; c < dim; c++) {
            order[p++] = c;
        }
        return order;
    }

    /**
     * The blocked scan: for {@code w} rows at once, lane {@code r} of each accumulator belongs to row {@code r},
     * so no horizontal sum is needed. It does for every row exactly the float operations of {@link #rowMajor}:
     * lane {@code l}'s chain of fused multiply-adds over components {@code l, l + w, l + 2w, …}, then the sum of
     * the {@code w} lanes in lane order starting from 0 (the order of {@code reduceLanes(ADD)} in the JDK's
     * Java and x86 implementations; a test checks the bits), then the tail components one multiply and one add
     * each. It only reads {@code w} rows' components from one contiguous vector instead of reducing each row.
     */
    @Override
    public void dots(float[] rows, float[] blocked, int dim, int from, int to, float[] query, float[] out) {
        int w = S.length();
        int full = blocked == null ? 0 : blocked.length / dim;
        int blockStart = Math.min(to, (from + w - 1) / w * w);
        int blockEnd = Math.min(to, full) / w * w;
        if (blockEnd <= blockStart) {
            rowMajor(rows, dim, from, to, query, out, 0);
            return;
        }
        rowMajor(rows, dim, from, blockStart, query, out, 0);
        int bound = S.loopBound(dim);
        for (int i = blockStart; i < blockEnd; i += w) {
            int p = i * dim;   // the group's first float; the loops below read the group front to back
            FloatVector sum = FloatVector.zero(S);
            for (int l = 0; l < w && l < bound; l++) {
                FloatVector acc = FloatVector.zero(S);
                for (int c = l; c < bound; c += w, p += w) {
                    acc = FloatVector.fromArray(S, blocked, p).fma(FloatVector.broadcast(S, query[c]), acc);
                }
                sum = sum.add(acc);
            }
            for (int c = bound; c < dim; c++, p += w) {
                sum = sum.add(FloatVector.fromArray(S, blocked, p).mul(query[c]));
            }
            sum.intoArray(out, i - from);
        }
        rowMajor(rows, dim, blockEnd, to, query, out, blockEnd - from);
    }

    /**
     * The blocked scan for several queries: four queries at a time share each load of a group's components, each
     * with its own accumulators, so a group is read from memory once for four queries. Every (row, query) pair
     * gets exactly the float operations of the one-query blocked scan, in the same order, so the same bits.
     */
    @Override
    public void dotsMany(float[] rows, float[] blocked, int dim, int from, int to, float[][] queries, int count,
                         float[][] outs) {
        int w = S.length();
        int full = blocked == null ? 0 : blocked.length / dim;
        int blockStart = Math.min(to, (from + w - 1) / w * w);
        int blockEnd = Math.min(to, full) / w * w;
        int j = 0;
        if (blockEnd > blockStart) {
            for (; j + 3 < count; j += 4) {
                float[] q0 = queries[j];
                float[] q1 = queries[j + 1];
                float[] q2 = queries[j + 2];
                float[] q3 = queries[j + 3];
                rowMajor(rows, dim, from, blockStart, q0, outs[j], 0);
                rowMajor(rows, dim, from, blockStart, q1, outs[j + 1], 0);
                rowMajor(rows, dim, from, blockStart, q2, outs[j + 2], 0);
                rowMajor(rows, dim, from, blockStart, q3, outs[j + 3], 0);
                blocked4(blocked, dim, blockStart, blockEnd, from, q0, q1, q2, q3, outs[j], outs[j + 1],
                        outs[j + 2], outs[j + 3]);
                rowMajor(rows, dim, blockEnd, to, q0, outs[j], blockEnd - from);
                rowMajor(rows, dim, blockEnd, to, q1, outs[j + 1], blockEnd - from);
                rowMajor(rows, dim, blockEnd, to, q2, outs[j + 2], blockEnd - from);
                rowMajor(rows, dim, blockEnd, to, q3, outs[j + 3], blockEnd - from);
            }
        }
        for (; j < count; j++) {
            dots(rows, blocked, dim, from, to, queries[j], outs[j]);
        }
    }

    private static void blocked4(float[] blocked, int dim, int blockStart, int blockEnd, int from, float[] q0,
                                 float[] q1, float[] q2, float[] q3, float[] o0, float[] o1, float[] o2, float[] o3) {
        int w = S.length();
        int bound = S.loopBound(dim);
        for (int i = blockStart; i < blockEnd; i += w) {
            int p = i * dim;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S);
            FloatVector s3 = FloatVector.zero(S);
            for (int l = 0; l < w && l < bound; l++) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = FloatVector.zero(S);
                FloatVector a2 = FloatVector.zero(S);
                FloatVector a3 = FloatVector.zero(S);
                for (int c = l; c < bound; c += w, p += w) {
                    FloatVector v = FloatVector.fromArray(S, blocked, p);
                    a0 = v.fma(FloatVector.broadcast(S, q0[c]), a0);
                    a1 = v.fma(FloatVector.broadcast(S, q1[c]), a1);
                    a2 = v.fma(FloatVector.broadcast(S, q2[c]), a2);
                    a3 = v.fma(FloatVector.broadcast(S, q3[c]), a3);
                }
                s0 = s0.add(a0);
                s1 = s1.add(a1);
                s2 = s2.add(a2);
                s3 = s3.add(a3);
            }
            for (int c = bound; c < dim; c++, p += w) {
                FloatVector v = FloatVector.fromArray(S, blocked, p);
                s0 = s0.add(v.mul(q0[c]));
                s1 = s1.add(v.mul(q1[c]));
                s2 = s2.add(v.mul(q2[c]));
                s3 = s3.add(v.mul(q3[c]));
            }
            int o = i - from;
            s0.intoArray(o0, o);
            s1.intoArray(o1, o);
            s2.intoArray(o2, o);
            s3.intoArray(o3, o);
        }
    }

    /** {@link DotKernel#firstAtLeast} comparing a vector of scores at a time. */
    @Override
    public int firstAtLeast(float[] values, int from, int to, float threshold) {
        int step = S.length();
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += step) {
            VectorMask<Float> m = FloatVector.fromArray(S, values, i).compare(VectorOperators.GE, threshold);
            if (m.anyTrue()) {
                return i + m.firstTrue();
            }
        }
        for (; i < to; i++) {
            if (values[i] >= threshold) {
                return i;
            }
        }
        return to;
    }

    /** Row-major dot products of rows {@code from … to-1}, written from {@code out[o]} on. */
    private void rowMajor(float[] rows, int dim, int from, int to, float[] query, float[] out, int o) {
        int step = S.length();
        int bound = S.loopBound(dim);
        int i = from;
        // Four rows at a time share each load of the query.
        for (; i + 3 < to; i += 4, o += 4) {
            int r0 = i * dim;
            int r1 = r0 + dim;
            int r2 = r1 + dim;
            int r3 = r2 + dim;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            int j = 0;
            for (; j < bound; j += step) {
                FloatVector q = FloatVector.fromArray(S, query, j);
                a0 = FloatVector.fromArray(S, rows, r0 + j).fma(q, a0);
                a1 = FloatVector.fromArray(S, rows, r1 + j).fma(q, a1);
                a2 = FloatVector.fromArray(S, rows, r2 + j).fma(q, a2);
                a3 = FloatVector.fromArray(S, rows, r3 + j).fma(q, a3);
            }
            float s0 = a0.reduceLanes(VectorOperators.ADD);
            float s1 = a1.reduceLanes(VectorOperators.ADD);
            float s2 = a2.reduceLanes(VectorOperators.ADD);
            float s3 = a3.reduceLanes(VectorOperators.ADD);
            for (; j < dim; j++) {
                float q = query[j];
                s0 += rows[r0 + j] * q;
                s1 += rows[r1 + j] * q;
                s2 += rows[r2 + j] * q;
                s3 += rows[r3 + j] * q;
            }
            out[o] = s0;
            out[o + 1] = s1;
            out[o + 2] = s2;
            out[o + 3] = s3;
        }
        for (; i < to; i++, o++) {
            out[o] = dot(rows, i * dim, query, 0, dim);
        }
    }

    @Override
    public String name() {
        return "vector-api-" + S.vectorBitSize() + "bit";
    }
}
