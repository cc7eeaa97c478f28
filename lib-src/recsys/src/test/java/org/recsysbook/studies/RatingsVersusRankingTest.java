package org.recsysbook.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recsysbook.world.World;

import tech.tablesaw.api.Table;

/** Simulated ratings: RMSE follows the variance each predictor explains, and the run is seeded. */
class RatingsVersusRankingTest {
    @Test
    void rmseFollowsTheExplainedVarianceAndTheRunIsSeeded() {
        World world = World.builder().items(400).users(400).dim(16).seed(5).build();
        Table t = RatingsVersusRanking.run(world, 60, 9);
        double[] rmse = t.doubleColumn("RMSE").asDoubleArray();
        // the global mean misses all of b_u, b_i, taste and noise: sqrt(0.64 + 0.0625 + 0.36 + 0.36) = 1.19
        double all = Math.sqrt(RatingsVersusRanking.USER_SD * RatingsVersusRanking.USER_SD
                + RatingsVersusRanking.ITEM_SD * RatingsVersusRanking.ITEM_SD
                + RatingsVersusRanking.TASTE * RatingsVersusRanking.TASTE
                + RatingsVersusRanking.NOISE_SD * RatingsVersusRanking.NOISE_SD);
        assertEquals(all, rmse[0], 0.08 * all);
        assertTrue(rmse[1] < rmse[2], "the biases explain more variance than the taste term");
        assertTrue(rmse[3] < rmse[1], "both together explain the most");
        assertTrue(rmse[3] > RatingsVersusRanking.NOISE_SD * 0.95, "no model predicts the noise");
        assertEquals(t.print(), RatingsVersusRanking.run(world, 60, 9).print());
        assertThrows(IllegalArgumentException.class, () -> RatingsVersusRanking.run(world, 401, 1));
        assertThrows(IllegalArgumentException.class, () -> RatingsVersusRanking.run(world, 2, 1));
    }
}
