package org.recsysbook.ranking;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.UserContext;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.InteractionLog;
import org.recsysbook.world.World;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankingFeaturesTest {
    /**
     * Item 0 = (1, 0), category 0, popularity 0.5, new; item 1 = (0, 1), category 1, popularity 1,
     * 30 days old; item 2 = (1, 1)/√2, category 0, popularity 0.2, 60 days old. User 0 = (2, 0): category
     * 0's centroid (1 + 1/√2, 1/√2) is closer to it than category 1's (0, 1).
     */
    static World tinyWorld() {
        return World.of(2, new float[] {1, 0, 0, 1, 1, 1}, new int[] {0, 1, 0}, new String[] {"cat_0", "cat_1"},
                new double[] {0.5, 1.0, 0.2}, new double[] {0, 30, 60}, new float[] {2, 0});
    }

    @Test
    void featuresByHand() {
        World w = tinyWorld();
        RankingFeatures f = new RankingFeatures(w);
        Request r = Request.forUser(w, 0);
        assertEquals(0, f.favouriteCategory(r));
        assertArrayEquals(new double[] {1, 0.5, 1, 1}, f.of(r, 0), 1e-7);
        assertArrayEquals(new double[] {0, 1, Math.exp(-1), 0}, f.of(r, 1), 1e-7);
        assertArrayEquals(new double[] {Math.sqrt(0.5), 0.2, Math.exp(-2), 1}, f.of(r, 2), 1e-7);
        double[] m = f.matrix(r, new ScoredItems(new int[] {2, 0}, new double[] {0, 0}));
        assertArrayEquals(new double[] {Math.sqrt(0.5), 0.2, Math.exp(-2), 1, 1, 0.5, 1, 1}, m, 1e-7);
    }

    @Test
    void rejectsUnknownItemsAndMismatchedDimensions() {
        World w = tinyWorld();
        RankingFeatures f = new RankingFeatures(w);
        Request r = Request.forUser(w, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.of(r, 3));
        assertEquals("item 3 is not in the catalog [0, 3)", e.getMessage());
        Request wrongDim = new Request(0, new float[] {1, 0, 0}, UserContext.NONE, null);
        e = assertThrows(IllegalArgumentException.class, () -> f.of(wrongDim, 0));
        assertEquals("userVector must have the items' dimension 2, got 3", e.getMessage());
    }

    @Test
    void learnedRankerScoresByTheModelsProbability() {
        World w = tinyWorld();
        LearnedRanker ranker = new LearnedRanker(new RankingFeatures(w), LogisticRegression.of(-1, 2, 0, 0, 0));
        Request r = Request.forUser(w, 0);
        ScoredItems c = new ScoredItems(new int[] {1, 0}, new double[] {0.9, 0.1});
        // item 1: σ(−1 + 2·0); item 0: σ(−1 + 2·1)
        assertArrayEquals(new double[] {1 / (1 + Math.E), 1 / (1 + Math.exp(-1))}, ranker.score(r, c), 1e-12);
        assertArrayEquals(new int[] {0}, ranker.rank(r, c, 1).ids());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearnedRanker(new RankingFeatures(w), LogisticRegression.of(0, 1, 2)));
        assertTrue(e.getMessage().contains("model must take 4 features"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ranker.rank(r, ScoredItems.empty(), 1));
        assertTrue(e.getMessage().contains("candidates must hold at least one item"), e.getMessage());
    }

    @Test
    void trainingRowsAndInversePropensityLabels() {
        World w = tinyWorld();
        InteractionLog log = new InteractionLog();
        log.add(0, 0, 1, true, 0);
        log.add(0, 1, 3, true, 0);
        log.add(0, 2, 2, false, 0);
        ClickTrainingSet t = ClickTrainingSet.fromLog(log, w, new RankingFeatures(w));
        assertEquals(3, t.rows());
        assertEquals(2, t.clicks());
        assertArrayEquals(new double[] {1, 1, 0}, t.labels(ClickTrainingSet.PositionBias.IGNORE));
        // e(1) = 1, e(3) = 1/log2(4) = 1/2 → labels 1 and 2.
        assertArrayEquals(new double[] {1, 2, 0}, t.labels(ClickTrainingSet.PositionBias.INVERSE_PROPENSITY), 1e-12);
        assertArrayEquals(new double[] {1, 0.5, 1, 1}, java.util.Arrays.copyOf(t.features(), 4), 1e-7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClickTrainingSet.fromLog(new InteractionLog(), w, new RankingFeatures(w)));
        assertTrue(e.getMessage().contains("log must hold at least one impression"), e.getMessage());
    }

    @Test
    void inversePropensityRemovesPositionBiasOnSimulatedTraffic() {
        // A world where every item has the same attractiveness a = σ(−1): examined clicks are position-free.
        // Shown at positions 1…5, naive labels average a·mean(e(p)); IPW labels average a.
        int n = 5;
        float[] v = new float[n * 2];
        for (int i = 0; i < n; i++) {
            v[2 * i] = 1;
        }
        World w = World.of(2, v, new int[n], new String[] {"c"}, new double[n], new double[n], new float[] {1, 0});
        ClickModel flat = new ClickModel(w, new ClickModel.Weights(0, 0, 0, -1));
        ScoredItems all = new ScoredItems(new int[] {0, 1, 2, 3, 4}, new double[] {5, 4, 3, 2, 1});
        InteractionLog log = ClickTrainingSet.logTraffic(flat, r -> all, UserContext.NONE, 20_000, 11);
        ClickTrainingSet t = ClickTrainingSet.fromLog(log, w, new RankingFeatures(w));
        double[] ipw = t.labels(ClickTrainingSet.PositionBias.INVERSE_PROPENSITY);
        double[] naive = t.labels(ClickTrainingSet.PositionBias.IGNORE);
        double a = 1 / (1 + Math.E);
        double meanE = 0;
        for (int p = 1; p <= n; p++) {
            meanE += ClickModel.examination(p) / n;
        }
        assertEquals(a, mean(ipw), 0.01);
        assertEquals(a * meanE, mean(naive), 0.01);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
