package org.recsysbook.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The Vector API kernel only loads in a JVM started with {@code --add-modules jdk.incubator.vector};
 * this test starts one and checks it against the scalar kernel there.
 */
class VectorApiKernelTest {

    /** Run in the child JVM: prints the kernel's name, then exits 1 on the first disagreement. */
    public static void main(String[] args) {
        DotKernel best = DotKernel.best();
        System.out.println(best.name());
        SplittableRandom rng = new SplittableRandom(1);
        for (int dim : new int[] {1, 3, 16, 20, 64, 67, 100}) {
            int n = 37;
            float[] rows = gaussian(rng, n * dim);
            float[] q = gaussian(rng, dim);
            float[] a = new float[n];
            float[] b = new float[n];
            best.dots(rows, dim, 2, n, q, a);
            DotKernel.scalar().dots(rows, dim, 2, n, q, b);
            for (int i = 0; i < n - 2; i++) {
                double exact = 0;
                for (int j = 0; j < dim; j++) {
                    exact += (double) rows[(i + 2) * dim + j] * q[j];
                }
                float single = best.dot(rows, (i + 2) * dim, q, 0, dim);
                double tol = 1e-4 * Math.sqrt(dim) * 4;
                if (Math.abs(a[i] - exact) > tol || Math.abs(b[i] - exact) > tol || Math.abs(single - exact) > tol) {
                    System.out.println("dim " + dim + " row " + i + ": " + a[i] + " " + b[i] + " " + single
                            + " vs " + exact);
                    System.exit(1);
                }
            }
        }
        byteDotIsExact(best, rng);
        blockedScanMatchesRowMajorBitForBit(best, rng);
        System.exit(0);
    }

    /** The int8 codes' dot product (the build's score on codes) equals the exact integer sum at any length. */
    private static void byteDotIsExact(DotKernel best, SplittableRandom rng) {
        for (int dim : new int[] {1, 3, 15, 16, 17, 20, 64, 67, 100, 256}) {
            byte[] a = new byte[dim + 3];
            byte[] b = new byte[dim + 1];
            int exact = 0;
            for (int j = 0; j < dim; j++) {
                a[j + 3] = (byte) (rng.nextInt(256) - 128);
                b[j + 1] = (byte) (rng.nextInt(256) - 128);
                exact += a[j + 3] * b[j + 1];
            }
            int got = best.dotBytes(a, 3, b, 1, dim);
            if (got != exact || DotKernel.scalar().dotBytes(a, 3, b, 1, dim) != exact) {
                System.out.println("dotBytes dim " + dim + ": " + got + " vs " + exact);
                System.exit(1);
            }
        }
    }

    private static float[] gaussian(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    /**
     * The blocked kernel writes the row-major kernel's floats bit for bit, for every dimension, offset and
     * length, and ExactScan on it returns the same ids and score bits as on the row-major scan.
     */
    private static void blockedScanMatchesRowMajorBitForBit(DotKernel best, SplittableRandom rng) {
        if (best.blockRows() == 0) {
            System.out.println("no blocked layout in " + best.name());
            System.exit(1);
        }
        int w = best.blockRows();
        for (int dim : new int[] {1, 3, 16, 20, 64, 67, 100}) {
            int n = 5 * w + 7;
            float[] rows = gaussian(rng, n * dim);
            float[] q = gaussian(rng, dim);
            float[] blocked = best.blocked(rows, dim);
            int[][] ranges = {{0, n}, {0, w}, {1, n}, {w - 1, 3 * w + 1}, {2 * w, 4 * w}, {5 * w, n}, {3, 9},
                {0, 0}};
            for (int[] r : ranges) {
                float[] a = new float[n];
                float[] b = new float[n];
                best.dots(rows, dim, r[0], r[1], q, a);
                best.dots(rows, blocked, dim, r[0], r[1], q, b);
                for (int i = 0; i < n; i++) {
                    if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                        System.out.println("blocked dots differ: dim " + dim + " rows " + r[0] + "…" + r[1]
                                + " out " + i + ": row-major " + a[i] + ", blocked " + b[i]);
                        System.exit(1);
                    }
                }
            }
        }
        int n = 20_011;
        int dim = 64;
        float[] rows = gaussian(rng, n * dim);
        ExactScan blockedScan = new ExactScan(rows, dim);
        ExactScan rowScan = blockedScan.withKernel(DotKernel.rowMajor(best));
        for (int threads : new int[] {1, 3}) {
            for (int u = 0; u < 20; u++) {
                float[] q = gaussian(rng, dim);
                org.recsysbook.core.ScoredItems x = blockedScan.withThreads(threads).generate(q, 100);
                org.recsysbook.core.ScoredItems y = rowScan.withThreads(threads).generate(q, 100);
                for (int i = 0; i < 100; i++) {
                    if (x.id(i) != y.id(i) || Double.doubleToRawLongBits(x.score(i))
                            != Double.doubleToRawLongBits(y.score(i))) {
                        System.out.println("ExactScan differs, threads " + threads + ", query " + u + ", rank " + i
                                + ": blocked " + x.id(i) + "/" + x.score(i) + ", row-major " + y.id(i) + "/"
                                + y.score(i));
                        System.exit(1);
                    }
                }
            }
        }
        System.out.println("blocked scan: same floats and top-100 as the row-major scan");
        multiQueryScanMatchesOneAtATimeBitForBit(best, rng);
        firstAtLeastMatchesTheScalarLoop(best, rng);
    }

    /**
     * The multi-query kernel writes the one-query kernel's floats bit for bit for any number of queries (groups
     * of four and the rest), dimension and range, and ExactScan.generateAll returns generate's ids and score bits.
     */
    private static void multiQueryScanMatchesOneAtATimeBitForBit(DotKernel best, SplittableRandom rng) {
        int w = best.blockRows();
        for (int dim : new int[] {1, 16, 20, 64, 67}) {
            int n = 5 * w + 7;
            float[] rows = gaussian(rng, n * dim);
            float[] blocked = best.blocked(rows, dim);
            for (int count : new int[] {1, 3, 4, 5, 8, 9}) {
                float[][] qs = new float[count][];
                float[][] outs = new float[count][n];
                for (int j = 0; j < count; j++) {
                    qs[j] = gaussian(rng, dim);
                }
                for (int[] r : new int[][] {{0, n}, {1, n}, {w - 1, 3 * w + 1}, {3, 9}, {0, 0}}) {
                    best.dotsMany(rows, blocked, dim, r[0], r[1], qs, count, outs);
                    for (int j = 0; j < count; j++) {
                        float[] one = new float[n];
                        best.dots(rows, blocked, dim, r[0], r[1], qs[j], one);
                        for (int i = 0; i < r[1] - r[0]; i++) {
                            if (Float.floatToRawIntBits(one[i]) != Float.floatToRawIntBits(outs[j][i])) {
                                System.out.println("dotsMany differs: dim " + dim + " count " + count + " rows "
                                        + r[0] + "…" + r[1] + " query " + j + " out " + i + ": " + outs[j][i]
                                        + " against " + one[i]);
                                System.exit(1);
                            }
                        }
                    }
                }
            }
        }
        int n = 20_011;
        int dim = 64;
        float[] rows = gaussian(rng, n * dim);
        System.arraycopy(rows, 0, rows, 5000 * dim, 30 * dim);   // 30 duplicated rows: equal scores, id order
        ExactScan scan = new ExactScan(rows, dim);
        for (int threads : new int[] {1, 3}) {
            for (int count : new int[] {1, 4, 7, ExactScan.QUERIES_PER_PASS + 3}) {
                float[][] qs = new float[count][];
                for (int j = 0; j < count; j++) {
                    qs[j] = gaussian(rng, dim);
                }
                org.recsysbook.core.ScoredItems[] all = scan.withThreads(threads).generateAll(qs, 100);
                for (int j = 0; j < count; j++) {
                    org.recsysbook.core.ScoredItems one = scan.withThreads(threads).generate(qs[j], 100);
                    for (int i = 0; i < 100; i++) {
                        if (all[j].id(i) != one.id(i) || Double.doubleToRawLongBits(all[j].score(i))
                                != Double.doubleToRawLongBits(one.score(i))) {
                            System.out.println("generateAll differs, threads " + threads + ", " + count
                                    + " queries, query " + j + ", rank " + i);
                            System.exit(1);
                        }
                    }
                }
            }
        }
        System.out.println("multi-query scan: same floats and top-100 as one query at a time");
    }

    private static void firstAtLeastMatchesTheScalarLoop(DotKernel best, SplittableRandom rng) {
        float[] v = gaussian(rng, 200);
        v[77] = 2.5f;
        v[78] = 2.5f;
        for (float t : new float[] {Float.NEGATIVE_INFINITY, -1f, 0f, 1.5f, 2.5f, 2.6f, v[150]}) {
            for (int[] r : new int[][] {{0, 200}, {1, 200}, {78, 79}, {79, 200}, {5, 21}, {10, 10}}) {
                int i = r[0];
                int j = r[0];
                while (true) {
                    int a = best.firstAtLeast(v, i, r[1], t);
                    int b = DotKernel.scalar().firstAtLeast(v, j, r[1], t);
                    if (a != b) {
                        System.out.println("firstAtLeast differs: threshold " + t + " from " + i + ": " + a
                                + " against " + b);
                        System.exit(1);
                    }
                    if (a == r[1]) {
                        break;
                    }
                    i = a + 1;
                    j = b + 1;
                }
            }
        }
        System.out.println("firstAtLeast: same indices as the scalar loop");
    }

    @Test
    void vectorApiKernelAgreesWithScalarAndDoublePrecision() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), VectorApiKernelTest.class.getName()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        assertEquals(true, out.contains("vector-api-"), "the child JVM did not load the Vector API kernel: " + out);
        assertEquals(true, out.contains("blocked scan: same floats"), out);
        assertEquals(true, out.contains("multi-query scan: same floats"), out);
        assertEquals(true, out.contains("firstAtLeast: same indices"), out);
    }

    @Test
    void withoutTheModuleTheScalarKernelIsUsedAndAgrees() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            assertEquals("scalar", DotKernel.best().name());
        }
        float[] rows = {1, 2, 3, 4, 5, 6};
        float[] out = new float[2];
        DotKernel.best().dots(rows, 3, 0, 2, new float[] {1, 0, -1}, out);
        assertEquals(-2f, out[0]);
        assertEquals(-2f, out[1]);
        DotKernel rowMajor = DotKernel.rowMajor(DotKernel.best());
        assertEquals(0, rowMajor.blockRows());
        assertEquals(null, rowMajor.blocked(rows, 3));
        float[] again = new float[2];
        rowMajor.dots(rows, null, 3, 0, 2, new float[] {1, 0, -1}, again);
        assertEquals(-2f, again[0]);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DotKernel.rowMajor(null));
        assertEquals(true, e.getMessage().contains("kernel"), e.getMessage());
    }
}
