package org.recsysbook.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedBootstrapTest {

    @Test
    void everySeriesIsResampledWithTheSameDraws() {
        double[] a = new double[200];
        double[] b = new double[200];
        for (int j = 0; j < a.length; j++) {
            a[j] = j % 3 == 0 ? 1 : 0;
            b[j] = a[j] + 0.5;              // b = a + 0.5 user by user
        }
        double[][] boot = new PairedBootstrap(500, 7, 1).means(new double[][] {a, b}, null);
        for (int r = 0; r < 500; r++) {
            assertEquals(boot[0][r] + 0.5, boot[1][r], 1e-12, "replicate " + r + " is paired");
        }
        double[] ci = PairedBootstrap.interval(boot[0].clone(), 0.95);
        assertTrue(ci[0] < 67.0 / 200 && 67.0 / 200 < ci[1], "the interval holds the mean 0.335");
        // the sd of a mean of 200 Bernoulli(1/3) draws is 0.0333: a 95% interval is about ±0.065 wide
        assertEquals(0.13, ci[1] - ci[0], 0.03);
    }

    @Test
    void anyParallelismGivesTheSerialResult() {
        double[] v = new double[1000];
        for (int j = 0; j < v.length; j++) {
            v[j] = Math.sin(j);
        }
        double[][] serial = new PairedBootstrap(100, 42, 1).means(new double[][] {v}, null);
        double[][] parallel = new PairedBootstrap(100, 42, 4).means(new double[][] {v}, null);
        assertArrayEquals(serial[0], parallel[0], 0.0);
    }

    @Test
    void aConstantSeriesHasAPointInterval() {
        double[] ci = PairedBootstrap.interval(new PairedBootstrap(10, 1, 1)
                .means(new double[][] {{0.25, 0.25, 0.25}}, null)[0], 0.9);
        assertArrayEquals(new double[] {0.25, 0.25}, ci, 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PairedBootstrap(9, 1, 1));
        assertEquals("replicates must be ≥ 10, got 9", e.getMessage());
    }

    @Test
    void noveltyAndDiversityAreRankingMetrics() {
        Novelty n = Novelty.fromCounts(new long[] {6, 1, 1, 0});
        RelevantItems none = RelevantItems.none();
        assertEquals("novelty", n.name());
        assertEquals(n.of(new int[] {0, 1}), n.score(new int[] {0, 1}, none), 0.0);
        assertEquals((n.of(new int[] {0, 1}) + n.of(new int[] {2})) / 2,
                n.mean(new int[][] {{0, 1}, {2}}, new RelevantItems[] {none, none}), 1e-15);
        float[] v = {1, 0, 0, 1, 1, 0};
        RankingMetric ild = IntraListDiversity.metric(v, 2);
        assertEquals("ILD", ild.name());
        assertEquals(IntraListDiversity.of(v, 2, new int[] {0, 1}), ild.score(new int[] {0, 1}, none), 0.0);
    }
}
