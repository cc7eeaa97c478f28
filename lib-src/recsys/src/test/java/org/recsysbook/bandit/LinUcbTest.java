package org.recsysbook.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class LinUcbTest {

    @Test
    void twoUpdatesByHand() {
        LinUcb lin = new LinUcb(1, 2, 1);
        lin.update(new double[] {1, 0}, 0, 1); // A = [[2,0],[0,1]], b = (1, 0)
        assertArrayEquals(new double[] {0.5, 0, 0, 1}, lin.aInverse(0).data, 1e-15);
        lin.update(new double[] {1, 1}, 0, 0); // A = [[3,1],[1,2]], det 5
        assertArrayEquals(new double[] {0.4, -0.2, -0.2, 0.6}, lin.aInverse(0).data, 1e-15);
        assertArrayEquals(new double[] {0.4, -0.2}, lin.theta(0), 1e-15, "θ = A⁻¹ b");
        double[] x = {0, 1};
        assertEquals(-0.2, lin.predict(x, 0), 1e-15);
        assertEquals(-0.2 + Math.sqrt(0.6), lin.upperConfidenceBound(x, 0), 1e-15);
        assertEquals(2, lin.trials(0));
    }

    @Test
    void shermanMorrisonMatchesADirectInverse() {
        int d = 5;
        LinUcb lin = new LinUcb(2, d, 0.5);
        DMatrixRMaj a = CommonOps_DDRM.identity(d);
        SplittableRandom rng = new SplittableRandom(3);
        for (int t = 0; t < 300; t++) {
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] = rng.nextGaussian();
            }
            lin.update(x, 1, rng.nextDouble() < 0.3 ? 1 : 0);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    a.add(i, j, x[i] * x[j]);
                }
            }
        }
        DMatrixRMaj inv = new DMatrixRMaj(d, d);
        CommonOps_DDRM.invert(a, inv);
        assertArrayEquals(inv.data, lin.aInverse(1).data, 1e-12);
        assertArrayEquals(CommonOps_DDRM.identity(d).data, lin.aInverse(0).data, 0, "arms are disjoint");
    }

    @Test
    void learnsADifferentBestArmPerContext() {
        LinUcb lin = new LinUcb(2, 2, 0.1);
        double[] e1 = {1, 0};
        double[] e2 = {0, 1};
        for (int i = 0; i < 50; i++) {
            lin.update(e1, 0, 1);
            lin.update(e1, 1, 0);
            lin.update(e2, 0, 0);
            lin.update(e2, 1, 1);
        }
        int[] both = {0, 1};
        assertEquals(0, lin.select(e1, both, 1)[0]);
        assertEquals(1, lin.select(e2, both, 1)[0]);
        assertArrayEquals(new int[] {1, 0}, lin.select(e2, both, 2));
    }

    @Test
    void beforeAnyDataTheFirstCandidateWins() {
        LinUcb lin = new LinUcb(3, 2, 1);
        // θ = 0 and A⁻¹ = I: every arm scores ‖x‖, a tie
        assertEquals(2, lin.select(new double[] {0.6, 0.8}, new int[] {2, 0, 1}, 1)[0]);
        assertEquals(1.0, lin.upperConfidenceBound(new double[] {0.6, 0.8}, 0), 1e-15);
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LinUcb(2, 3, -1));
        assertEquals("alpha must be a finite number ≥ 0, got -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LinUcb(2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> LinUcb.factory(Double.NaN));
        LinUcb lin = new LinUcb(2, 3, 1);
        e = assertThrows(IllegalArgumentException.class, () -> lin.select(new double[] {1, 2}, new int[] {0, 1}, 1));
        assertEquals("context.length must be 3 (the policy's dim), got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> lin.update(new double[] {1, Double.NaN, 0}, 0, 1));
        assertEquals("context[1] must be a finite number, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lin.select(new double[3], new int[] {0, 1}, 3));
        assertEquals("nSelect must be in [1, 2] (the number of candidates), got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lin.select(new double[3], new int[] {0, 2}, 1));
        assertThrows(IllegalArgumentException.class, () -> lin.update(new double[3], 2, 1));
        assertThrows(IllegalArgumentException.class, () -> lin.update(new double[3], 0, Double.POSITIVE_INFINITY));
    }
}
