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
            float[] rows = new float[n * dim];
            float[] q = new float[dim];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = (float) rng.nextGaussian();
            }
            for (int j = 0; j < dim; j++) {
                q[j] = (float) rng.nextGaussian();
            }
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
        System.exit(0);
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
    }
}
