package org.recsysbook.studies;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.recsysbook.bandit.ArmStats;
import org.recsysbook.bandit.BanditSimulator;
import org.recsysbook.bandit.BernoulliArms;
import org.recsysbook.bandit.LaiRobbinsBound;
import org.recsysbook.bandit.SimulationResult;
import org.recsysbook.bandit.ThompsonSampling;
import org.recsysbook.bandit.Ucb;
import org.recsysbook.studies.BanditCharts;

import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BanditChartsTest {

    @Test
    void movingAverageByHand() {
        assertArrayEquals(new double[] {1, 1.5, 2.5, 3.5}, BanditCharts.movingAverage(new double[] {1, 2, 3, 4}, 2), 1e-15);
    }

    @Test
    void thinningKeepsTheLastRound() {
        assertArrayEquals(new int[] {0, 1, 2}, BanditCharts.thin(3));
        int[] idx = BanditCharts.thin(2001);
        assertTrue(idx.length <= BanditCharts.MAX_POINTS, "at most " + BanditCharts.MAX_POINTS + " points");
        assertEquals(0, idx[0]);
        assertEquals(2000, idx[idx.length - 1]);
    }

    @Test
    void regretChartHasABandPerPolicyAndTheBound() {
        BernoulliArms arms = new BernoulliArms(0.2, 0.5);
        BanditSimulator sim = new BanditSimulator(arms, 50, 3, 1);
        List<SimulationResult> r = List.of(sim.run(ThompsonSampling.factory()), sim.run(Ucb.ucb1Factory()));
        Figure f = BanditCharts.regret("Regret", r, LaiRobbinsBound.curve(arms.rates(), 50));
        assertEquals(2 * 3 + 1, f.getTraces().length, "lower edge, upper edge and mean per policy, then the bound");
        String js = f.asJavascript("d");
        assertTrue(js.contains("Lai–Robbins lower bound") && js.contains("cumulative pseudo-regret"), "labelled");
        assertThrows(IllegalArgumentException.class, () -> BanditCharts.regret("Regret", r, new double[3]));
        assertThrows(IllegalArgumentException.class,
                () -> BanditCharts.clickRate("CTR", r, 10, java.util.Map.of("best", new double[49])));
        assertEquals(2, BanditCharts.totalRewards("Rewards", r).getTraces().length);
        assertEquals(2, BanditCharts.pulls("Pulls", r, arms.rates()).getTraces().length);
        assertEquals(3, BanditCharts.clickRate("CTR", r, 10, java.util.Map.of("best", new double[50])).getTraces().length);
    }

    @Test
    void posteriorChartAndArmTable() {
        ThompsonSampling ts = new ThompsonSampling(3, new SplittableRandom(1));
        ts.update(1, 1);
        Figure f = BanditCharts.posteriors("Posteriors", ts, new int[] {0, 1}, new double[] {0.1, 0.2, 0.3});
        assertEquals(2, f.getTraces().length);
        Table t = ArmStats.table(ts, new double[] {0.1, 0.2, 0.3});
        assertEquals(3, t.rowCount());
        assertEquals(0.667, t.doubleColumn("estimated mean").get(1), 1e-12, "Beta(2, 1): 2/3");
        assertEquals(1, t.longColumn("trials").get(1));
        assertThrows(IllegalArgumentException.class, () -> ArmStats.table(ts, new double[2]));
    }
}
