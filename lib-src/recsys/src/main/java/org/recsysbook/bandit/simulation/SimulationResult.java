package org.recsysbook.bandit.simulation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.recsysbook.bandit.SummaryTable;
import org.recsysbook.bandit.simulation.BanditSimulator;
import org.recsysbook.core.Args;
import org.recsysbook.core.Interval;
import org.recsysbook.core.Quantile;
import org.recsysbook.notebook.Charts;

import tech.tablesaw.api.Table;

/**
 * What one policy earned in a {@link BanditSimulator} run: cumulative reward and pseudo-regret after
 * every round of every run, and how often each arm was pulled — the chapter's
 * {@code ts_cumulative_reward}, repeated over many runs.
 *
 * <p>Pseudo-regret in round {@code t} is the sum of the {@code nSelect} best true rates minus the sum
 * of the true rates of the arms chosen: the clicks lost in expectation, free of the click noise.
 */
public final class SimulationResult {
    private final String policy;
    private final int arms;
    private final int nSelect;
    private final double oracleReward;
    private final double[][] cumulativeReward;
    private final double[][] cumulativeRegret;
    private final long[][] pulls;
    private final double[][] firstRate;
    private final double[][] estimates;

    SimulationResult(String policy, int arms, int nSelect, double oracleReward, double[][] cumulativeReward,
                     double[][] cumulativeRegret, long[][] pulls, double[][] firstRate, double[][] estimates) {
        this.policy = policy;
        this.arms = arms;
        this.nSelect = nSelect;
        this.oracleReward = oracleReward;
        this.cumulativeReward = cumulativeReward;
        this.cumulativeRegret = cumulativeRegret;
        this.pulls = pulls;
        this.firstRate = firstRate;
        this.estimates = estimates;
    }

    /** Arms shown per round (the slate's size; 1 for one slot). */
    public int nSelect() {
        return nSelect;
    }

    /** The clicks an oracle that knows the true rates earns in a run, in expectation. */
    public double oracleReward() {
        return oracleReward;
    }

    /** Mean clicks per visit (per round) over all runs. */
    public double clicksPerVisit() {
        return totalRewardInterval(0.95).mean() / rounds();
    }

    /** Mean clicks per impression (per arm shown) over all runs: {@link #clicksPerVisit()} / {@link #nSelect()}. */
    public double clicksPerImpression() {
        return clicksPerVisit() / nSelect;
    }

    /** The mean total reward as a share of the oracle's. */
    public double shareOfOracle() {
        return totalRewardInterval(0.95).mean() / oracleReward;
    }

    /**
     * The mean over runs of the true click rate of the arm shown first (on top of the slate) in each round: how
     * fast the policy learns what to put on top.
     */
    public double[] meanFirstRate() {
        return meanOver(firstRate);
    }

    /** The mean over runs of {@link #meanFirstRate()} over rounds {@code [from, to)}. */
    public double meanFirstRate(int from, int to) {
        if (from < 0 || to > rounds() || from >= to) {
            throw Args.fail("[from, to)", "[" + from + ", " + to + ")", "a non-empty range within [0, " + rounds() + "]");
        }
        double[] m = meanFirstRate();
        double s = 0;
        for (int t = from; t < to; t++) {
            s += m[t];
        }
        return s / (to - from);
    }

    /**
     * The mean over runs of each arm's estimated click rate ({@code stats(arm).mean()}) when the run ended.
     *
     * @throws IllegalStateException for a simulation that did not record them (a contextual one)
     */
    public double[] meanEstimates() {
        if (estimates == null) {
            throw new IllegalStateException("this simulation recorded no per-arm estimates (contextual policies have none)");
        }
        return meanOver(estimates);
    }

    /** The policy's name. */
    public String policy() {
        return policy;
    }

    public int runs() {
        return cumulativeReward.length;
    }

    public int rounds() {
        return cumulativeReward[0].length;
    }

    public int arms() {
        return arms;
    }

    /** The cumulative reward of {@code run} after each round (a copy). */
    public double[] cumulativeReward(int run) {
        return cumulativeReward[checkRun(run)].clone();
    }

    /** The cumulative pseudo-regret of {@code run} after each round (a copy). */
    public double[] cumulativeRegret(int run) {
        return cumulativeRegret[checkRun(run)].clone();
    }

    /** The total reward of every run. */
    public double[] totalRewards() {
        double[] t = new double[runs()];
        for (int r = 0; r < t.length; r++) {
            t[r] = cumulativeReward[r][rounds() - 1];
        }
        return t;
    }

    /** The total pseudo-regret of every run. */
    public double[] totalRegrets() {
        double[] t = new double[runs()];
        for (int r = 0; r < t.length; r++) {
            t[r] = cumulativeRegret[r][rounds() - 1];
        }
        return t;
    }

    /** The mean total reward over runs with its Student-t confidence interval at {@code level}. */
    public Interval totalRewardInterval(double level) {
        return Interval.studentT(totalRewards(), level);
    }

    /** The mean total pseudo-regret over runs with its Student-t confidence interval at {@code level}. */
    public Interval totalRegretInterval(double level) {
        return Interval.studentT(totalRegrets(), level);
    }

    /** The mean over runs of the cumulative pseudo-regret after each round. */
    public double[] meanCumulativeRegret() {
        return meanOver(cumulativeRegret);
    }

    /** The mean over runs of the cumulative reward after each round. */
    public double[] meanCumulativeReward() {
        return meanOver(cumulativeReward);
    }

    /** The mean over runs of the reward earned in each round (not cumulated). */
    public double[] meanRewardPerRound() {
        double[] c = meanCumulativeReward();
        double[] r = new double[c.length];
        for (int t = 0; t < c.length; t++) {
            r[t] = t == 0 ? c[0] : c[t] - c[t - 1];
        }
        return r;
    }

    /**
     * The {@code q}-quantile over runs of the cumulative pseudo-regret after each round (linear
     * interpolation between order statistics), for bands around the mean curve.
     *
     * @param q in [0, 1]
     */
    public double[] cumulativeRegretQuantile(double q) {
        Args.unit("q", q);
        int runs = runs();
        double[] column = new double[runs];
        double[] out = new double[rounds()];
        for (int t = 0; t < out.length; t++) {
            for (int r = 0; r < runs; r++) {
                column[r] = cumulativeRegret[r][t];
            }
            Arrays.sort(column);
            out[t] = Quantile.linear(column, q);
        }
        return out;
    }

    /**
     * The mean cumulative pseudo-regret after each round with its 95% confidence band over runs (at least
     * two runs).
     */
    public Charts.Band regretBand() {
        Interval[] band = Interval.studentTBand(cumulativeRegret, 0.95);
        double[] mean = new double[band.length];
        double[] lower = new double[band.length];
        double[] upper = new double[band.length];
        for (int t = 0; t < band.length; t++) {
            mean[t] = band[t].mean();
            lower[t] = band[t].lower();
            upper[t] = band[t].upper();
        }
        return new Charts.Band(mean, lower, upper);
    }

    /** The mean over runs of how often each arm was chosen. */
    public double[] meanPulls() {
        double[] m = new double[arms];
        for (long[] run : pulls) {
            for (int a = 0; a < arms; a++) {
                m[a] += run[a];
            }
        }
        for (int a = 0; a < arms; a++) {
            m[a] /= pulls.length;
        }
        return m;
    }

    /** How often each arm was chosen in {@code run} (a copy). */
    public long[] pulls(int run) {
        return pulls[checkRun(run)].clone();
    }

    private int checkRun(int run) {
        if (run < 0 || run >= runs()) {
            throw Args.fail("run", run, "a run in [0, " + (runs() - 1) + "]");
        }
        return run;
    }

    private static double[] meanOver(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] row : x) {
            for (int t = 0; t < m.length; t++) {
                m[t] += row[t];
            }
        }
        for (int t = 0; t < m.length; t++) {
            m[t] /= x.length;
        }
        return m;
    }

    /**
     * One row per policy: mean total reward with its 95% interval, and mean total pseudo-regret.
     */
    public static Table summary(List<SimulationResult> results) {
        SummaryTable t = new SummaryTable(2, "policy", "mean reward", "95% CI low", "95% CI high", "mean regret");
        for (SimulationResult r : results) {
            Interval i = r.totalRewardInterval(0.95);
            t.row(r.policy(), i.mean(), i.lower(), i.upper(), r.totalRegretInterval(0.95).mean());
        }
        return t.table(results.isEmpty() ? "bandit simulation"
                : results.get(0).runs() + " runs × " + results.get(0).rounds() + " rounds");
    }

    /**
     * One row per labelled result, to compare one slot with slates: slots shown per visit, clicks per visit and per
     * impression, the share of the oracle's clicks, pseudo-regret per visit, and the true click rate of the item on
     * top in the first {@code early} visits and in the last {@code late} ones.
     *
     * @param results label → result, all with the same rounds
     */
    public static Table slateSummary(java.util.Map<String, SimulationResult> results, int early, int late) {
        Args.notNull("results", results);
        SummaryTable t = new SummaryTable(4, "policy", "slots", "clicks per visit", "clicks per impression",
                "share of oracle's clicks", "regret per visit", "top item's rate, first " + early + " visits",
                "top item's rate, last " + late + " visits");
        int rounds = -1;
        for (java.util.Map.Entry<String, SimulationResult> e : results.entrySet()) {
            SimulationResult r = e.getValue();
            if (rounds >= 0 && r.rounds() != rounds) {
                throw Args.fail("results rounds", r.rounds(), rounds + " (all results must have the same rounds)");
            }
            rounds = r.rounds();
            Args.atLeast("early", early, 1);
            Args.atLeast("late", late, 1);
            t.row(e.getKey(), r.nSelect(), r.clicksPerVisit(), r.clicksPerImpression(), r.shareOfOracle(),
                    r.totalRegretInterval(0.95).mean() / rounds, r.meanFirstRate(0, Math.min(early, rounds)),
                    r.meanFirstRate(Math.max(0, rounds - late), rounds));
        }
        return t.table(results.isEmpty() ? "slates" : "one slot and slates: " + results.values().iterator().next().runs()
                + " runs × " + rounds + " visits");
    }

    @Override
    public String toString() {
        Interval i = totalRewardInterval(0.95);
        return String.format(Locale.ROOT, "%s: %d runs × %d rounds, mean total reward %.2f [%.2f, %.2f] (95%%)",
                policy, runs(), rounds(), i.mean(), i.lower(), i.upper());
    }
}
