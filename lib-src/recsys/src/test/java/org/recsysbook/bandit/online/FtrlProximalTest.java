package org.recsysbook.bandit.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FtrlProximalTest {

    @Test
    void recoversTheSignsOnASeparableToy() {
        // feature 0 is a bias; an example with feature 1 is always clicked, one with feature 2 never
        FtrlProximal m = new FtrlProximal(3, 0.5, 1, 0, 0);
        for (int i = 0; i < 2000; i++) {
            m.update(new int[] {0, 1}, 1);
            m.update(new int[] {0, 2}, 0);
        }
        assertTrue(m.weight(1) > 1, "w1 = " + m.weight(1));
        assertTrue(m.weight(2) < -1, "w2 = " + m.weight(2));
        assertTrue(m.predict(new int[] {0, 1}) > 0.95);
        assertTrue(m.predict(new int[] {0, 2}) < 0.05);
        assertEquals(4000, m.updates());
    }

    @Test
    void l1SetsFeaturesWithoutSignalToExactlyZero() {
        SplittableRandom rng = new SplittableRandom(3);
        FtrlProximal sparse = new FtrlProximal(12, 0.1, 1, 25, 1);
        FtrlProximal dense = new FtrlProximal(12, 0.1, 1, 0, 1);
        for (int i = 0; i < 5000; i++) {
            // feature 1 raises the click rate from 0.1 to 0.6; in half the examples one of the features 2-11, drawn
            // independently of everything, is on: no signal at all
            boolean signal = rng.nextBoolean();
            boolean hasNoise = rng.nextBoolean();
            int noise = 2 + rng.nextInt(10);
            int[] x = signal ? (hasNoise ? new int[] {0, 1, noise} : new int[] {0, 1})
                    : (hasNoise ? new int[] {0, noise} : new int[] {0});
            double label = rng.nextDouble() < (signal ? 0.6 : 0.1) ? 1 : 0;
            sparse.update(x, label);
            dense.update(x, label);
        }
        assertNotEquals(0.0, sparse.weight(1), "the signal survives L1");
        assertTrue(sparse.weight(1) > 0);
        int zeros = 0;
        for (int j = 2; j < 12; j++) {
            if (sparse.weight(j) == 0.0) {
                zeros++;
            }
            assertNotEquals(0.0, dense.weight(j), "without L1 noise weight " + j + " is small but not zero");
        }
        assertTrue(zeros >= 9, "noise weights set to exactly 0 by L1: " + zeros + " of 10");
        assertEquals(zeros, sparse.zeroWeights() - (sparse.weight(0) == 0 ? 1 : 0));
    }

    @Test
    void aBiasAloneLearnsTheClickRate() {
        SplittableRandom rng = new SplittableRandom(5);
        FtrlProximal m = new FtrlProximal(1, 0.1, 1, 0, 0);
        for (int i = 0; i < 50_000; i++) {
            m.update(new int[] {0}, rng.nextDouble() < 0.2 ? 1 : 0);
        }
        assertEquals(0.2, m.predict(new int[] {0}), 0.02);
    }

    @Test
    void valuesAndWeightsScaleTheStep() {
        FtrlProximal a = new FtrlProximal(2, 0.1, 1, 0, 0);
        FtrlProximal b = new FtrlProximal(2, 0.1, 1, 0, 0);
        a.update(new int[] {1}, null, 1, 2);
        b.update(new int[] {1}, new double[] {2}, 1, 1);
        // the same gradient (p - y)·x·weight = -1 for both, so the same weight
        assertEquals(a.weight(1), b.weight(1), 1e-15);
        assertEquals(0.1 * 1 / (1 + 1), a.weight(1), 1e-12, "w = -z / ((β + √n)/α) after one step with g = -1");
    }

    @Test
    void badInputIsRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FtrlProximal(3, 0, 1, 0, 0))
                .getMessage().contains("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FtrlProximal(3, 0.1, 1, -1, 0))
                .getMessage().contains("l1"));
        FtrlProximal m = new FtrlProximal(3, 0.1, 1, 0, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.update(new int[] {3}, 1))
                .getMessage().contains("features[0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.update(new int[] {0}, 2))
                .getMessage().contains("label"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.predict(new int[] {0, 1}, new double[] {1}))
                .getMessage().contains("values.length"));
    }
}
