package org.recsysbook.bandit;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.Interval;
import org.recsysbook.world.World;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contextual traffic on a hand-built world, and the contextual simulator. */
class ContextualTest {
    /** sigmoid(5 · 1 − 3) and sigmoid(5 · 0 − 3): a matching and an orthogonal user–item pair. */
    private static final double MATCH = 1 / (1 + Math.exp(-2));
    private static final double MISS = 1 / (1 + Math.exp(3));

    /** Two users along the axes, two items along the axes, popularity 0: each user likes one item. */
    static ContextualTraffic twoByTwo() {
        World w = World.of(2, new float[] {1, 0, 0, 1}, new int[] {0, 0}, new String[] {"c"},
                new double[] {0, 0}, new double[] {0, 0}, new float[] {3, 0, 0, 0.5f});
        return new ContextualTraffic(w.clickModel(), new int[] {1, 0});
    }

    @Test
    void contextsAndProbabilitiesByHand() {
        ContextualTraffic t = twoByTwo();
        assertEquals(3, t.dim());
        assertArrayEquals(new double[] {1, 0, 1}, t.context(0), 0, "unit user vector, then the intercept");
        assertArrayEquals(new double[] {0, 1, 1}, t.context(1), 0);
        assertEquals(MISS, t.clickProbability(0, 0), 1e-12, "arm 0 is item 1, orthogonal to user 0");
        assertEquals(MATCH, t.clickProbability(0, 1), 1e-12);
        assertEquals(MATCH, t.clickProbability(1, 0), 1e-12);
        assertEquals((MATCH + MISS) / 2, t.bestArmClickRate(), 1e-12);
        assertEquals(MATCH, t.oracleClickRate(), 1e-12);
        assertEquals(2, t.distinctBestArms());
        assertEquals(1, t.affinity(t.context(1), 0), 1e-12);
        assertEquals(1, t.item(0));
    }

    @Test
    void trueClickRateOfAStochasticPolicy() {
        ContextualTraffic t = twoByTwo();
        StochasticPolicy uniform = new SoftmaxPolicy("uniform", (x, a) -> 0, 2, 1, 0);
        assertEquals((MATCH + MISS) / 2, t.trueClickRate(uniform), 1e-12);
        StochasticPolicy sharp = new SoftmaxPolicy("affinity", t::affinity, 2, 1e-3, 0);
        assertEquals(MATCH, t.trueClickRate(sharp), 1e-9);
    }

    @Test
    void linUcbBeatsThompsonSamplingWhenUsersDiffer() {
        ContextualSimulator sim = new ContextualSimulator(twoByTwo(), 400, 4, 1);
        Interval lin = sim.run(LinUcb.factory(0.5)).totalRewardInterval(0.95);
        Interval ts = sim.run(ThompsonSampling.factory()).totalRewardInterval(0.95);
        // TS can earn at most (MATCH + MISS)/2 ≈ 0.46 per round, LinUCB up to MATCH ≈ 0.88
        assertTrue(lin.mean() > 0.75 * 400, "LinUCB " + lin);
        assertTrue(ts.mean() < 0.55 * 400, "TS " + ts);
    }

    @Test
    void regretIsAgainstEachUsersBestArm() {
        // Always arm 0: right for user 1, wrong for user 0, who loses MATCH − MISS per visit.
        ContextualPolicy.Factory first = (arms, dim, rng) -> new ContextualPolicy() {
            public int arms() {
                return arms;
            }

            public int dim() {
                return dim;
            }

            public int[] select(double[] context, int[] candidates, int nSelect) {
                return new int[] {0};
            }

            public void update(double[] context, int arm, double reward) { }

            public String name() {
                return "arm 0";
            }
        };
        double visits = new ContextualSimulator(twoByTwo(), 1000, 1, 2).run(first).cumulativeRegret(0)[999]
                / (MATCH - MISS);
        assertEquals(Math.rint(visits), visits, 1e-9, "a whole number of visits by user 0");
        assertTrue(visits > 400 && visits < 600, "about half of 1000 visits: " + visits);
    }

    @Test
    void rejectsBadSimulations() {
        ContextualTraffic t = twoByTwo();
        assertThrows(IllegalArgumentException.class, () -> new ContextualSimulator(t, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ContextualSimulator(t, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ContextualSimulator(t, 1, 1, 3, 1));
    }

    @Test
    void parallelEqualsSerial() {
        ContextualSimulator sim = new ContextualSimulator(twoByTwo(), 200, 6, 8);
        SimulationResult a = sim.run(LinUcb.factory(1));
        SimulationResult b = sim.runSerial(LinUcb.factory(1));
        for (int run = 0; run < 6; run++) {
            assertArrayEquals(a.cumulativeRegret(run), b.cumulativeRegret(run));
        }
    }

    @Test
    void randomItemsAreDistinctAndSeeded() {
        World w = World.builder().items(50).dim(4).users(10).categories(2).seed(1).build();
        ContextualTraffic a = ContextualTraffic.randomItems(w, 10, new SplittableRandom(2));
        ContextualTraffic b = ContextualTraffic.randomItems(w, 10, new SplittableRandom(2));
        for (int arm = 0; arm < 10; arm++) {
            assertEquals(a.item(arm), b.item(arm));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContextualTraffic.randomItems(w, 51, new SplittableRandom(2)));
        assertEquals("arms must be in [1, 50] (the items of the world), got 51", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ContextualTraffic(w.clickModel(), new int[] {3, 3}));
    }
}
