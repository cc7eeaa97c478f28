package org.recsysbook.bandit.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.recsysbook.bandit.BanditPolicy;
import org.recsysbook.bandit.CandidateCheck;
import org.recsysbook.bandit.simulation.BanditEnvironment;
import org.recsysbook.core.Args;
import org.recsysbook.core.TopK;
import org.recsysbook.world.ClickModel;

/**
 * Replays the chapter's bandit loop — select, draw a click from the true rate, update, add up the reward —
 * for any number of rounds and independent runs, spread over the cores.
 *
 * <p>Reproducible: from the master seed the simulator derives, serially and before any run starts,
 * two seeds per run — one for the policy's generator, one for the click draws ({@code SimulationRuns}) —
 * so a run's numbers do not depend on which thread runs it, and a parallel simulation equals a serial
 * one. Every policy simulated with the same simulator meets the same click draws in the same run (common
 * random numbers), which makes the comparison between policies sharper than independent draws would.
 *
 * <p>A click is {@code u < rate} with {@code u} uniform in [0, 1), one {@code u} per shown arm, as in
 * the chapter. Every round (a visit) shows {@code nSelect} arms out of all arms and feeds each its own click.
 *
 * <p>A slate ({@link #slate}) adds the position bias of the workbook's click model ({@link ClickModel#examination}):
 * the arm shown at 1-based position {@code k} is examined with probability {@code e(k) = 1 / log2(k + 1)} and
 * clicked with {@code e(k) · rate}; the policy learns through
 * {@link BanditPolicy#update(int, double, double) update(arm, click, e(k))}, which a policy that does not model
 * positions reads as the chapter's {@code update(arm, click)}. The oracle shows the best arms in order of rate, so
 * pseudo-regret is measured against {@code Σ e(k) · rate(k-th best)}.
 */
public final class BanditSimulator {
    private final BanditEnvironment environment;
    private final SimulationRuns runs;
    private final int nSelect;
    private final double[] examination;
    private final double[] bestPerRound;

    /** One arm per round, as in the chapter. */
    public BanditSimulator(BanditEnvironment environment, int rounds, int runs, long seed) {
        this(environment, rounds, runs, 1, seed);
    }

    /**
     * @param environment the true click rates
     * @param rounds      rounds per run, ≥ 1
     * @param runs        independent runs, ≥ 1
     * @param nSelect     arms shown per round, in [1, arms]
     * @param seed        the master seed
     */
    public BanditSimulator(BanditEnvironment environment, int rounds, int runs, int nSelect, long seed) {
        this(environment, rounds, runs, ones(nSelect), seed);
    }

    /**
     * A slate whose positions are examined with the given probabilities: {@code examination[k]} for position
     * {@code k + 1}; {@code nSelect = examination.length}.
     *
     * @param examination each in (0, 1], at most one per arm
     */
    public BanditSimulator(BanditEnvironment environment, int rounds, int runs, double[] examination, long seed) {
        this.environment = Args.notNull("environment", environment);
        Args.notNull("examination", examination);
        this.runs = new SimulationRuns(rounds, runs, seed);
        this.nSelect = CandidateCheck.nSelect(examination.length, environment.arms());
        for (int k = 0; k < examination.length; k++) {
            if (!(examination[k] > 0 && examination[k] <= 1)) {
                throw Args.fail("examination[" + k + "]", examination[k], "a probability in (0, 1]");
            }
        }
        this.examination = examination.clone();
        bestPerRound = bestPerRound();
    }

    /**
     * A slate of {@code nSelect} positions with the workbook's position bias, {@link ClickModel#examination}
     * (1, 0.63, 0.5, 0.43, 0.39, … from the top): the chapter's {@code select(candidates, n_select)} shown on a page.
     */
    public static BanditSimulator slate(BanditEnvironment environment, int rounds, int runs, int nSelect, long seed) {
        Args.atLeast("nSelect", nSelect, 1);
        double[] e = new double[nSelect];
        for (int k = 0; k < nSelect; k++) {
            e[k] = ClickModel.examination(k + 1);
        }
        return new BanditSimulator(environment, rounds, runs, e, seed);
    }

    private static double[] ones(int n) {
        Args.atLeast("nSelect", n, 1);
        double[] e = new double[n];
        java.util.Arrays.fill(e, 1);
        return e;
    }

    /**
     * What an oracle earns in each round: the {@code nSelect} highest true rates, the highest at the top, each
     * times its position's examination probability.
     */
    private double[] bestPerRound() {
        int arms = environment.arms();
        int[] all = BanditPolicy.allArms(arms);
        double[] rates = new double[arms];
        double[] best = new double[runs.rounds];
        for (int t = 0; t < best.length; t++) {
            if (t > 0 && environment.stationary()) {
                best[t] = best[0];
                continue;
            }
            for (int a = 0; a < arms; a++) {
                rates[a] = environment.clickRate(a, t);
            }
            int[] top = TopK.indices(rates, arms, nSelect);
            for (int k = 0; k < top.length; k++) {
                best[t] += examination[k] * rates[all[top[k]]];
            }
        }
        return best;
    }

    public BanditEnvironment environment() {
        return environment;
    }

    public int rounds() {
        return runs.rounds;
    }

    public int runs() {
        return runs.count;
    }

    public int nSelect() {
        return nSelect;
    }

    /** The examination probability of each position, the top first (all 1 without position bias). */
    public double[] examination() {
        return examination.clone();
    }

    /** The clicks an oracle earns in expectation per visit, averaged over the rounds. */
    public double oracleClicksPerVisit() {
        double s = 0;
        for (double b : bestPerRound) {
            s += b;
        }
        return s / bestPerRound.length;
    }

    /** Simulates a policy over all runs, in parallel over the cores. */
    public SimulationResult run(BanditPolicy.Factory factory) {
        return simulate(factory, true);
    }

    /** Simulates a policy over all runs on the calling thread; the same numbers as {@link #run}. */
    public SimulationResult runSerial(BanditPolicy.Factory factory) {
        return simulate(factory, false);
    }

    /** Simulates several policies, one after another, each in parallel over the runs. */
    public List<SimulationResult> runAll(List<BanditPolicy.Factory> factories) {
        List<SimulationResult> out = new ArrayList<>();
        for (BanditPolicy.Factory f : Args.notNull("factories", factories)) {
            out.add(run(f));
        }
        return out;
    }

    private SimulationResult simulate(BanditPolicy.Factory factory, boolean parallel) {
        Args.notNull("factory", factory);
        int arms = environment.arms();
        return runs.simulate(arms, nSelect, oracleClicksPerVisit() * runs.rounds, parallel, BanditPolicy::name,
                BanditSimulator::estimates, (policyRandom, clicks, reward, regret, pulls, first) -> {
                    BanditPolicy policy = factory.create(arms, policyRandom);
                    play(policy, clicks, reward, regret, pulls, first);
                    return policy;
                });
    }

    private static double[] estimates(BanditPolicy policy) {
        double[] m = new double[policy.arms()];
        for (int a = 0; a < m.length; a++) {
            m[a] = policy.stats(a).mean();
        }
        return m;
    }

    private void play(BanditPolicy policy, SplittableRandom clicks, double[] reward, double[] regret, long[] pulls,
                      double[] first) {
        int[] candidates = BanditPolicy.allArms(environment.arms());
        double cumReward = 0;
        double cumRegret = 0;
        for (int t = 0; t < reward.length; t++) {
            int[] chosen = policy.select(candidates, nSelect);
            double expected = 0;
            first[t] = environment.clickRate(chosen[0], t);
            for (int k = 0; k < chosen.length; k++) {
                int arm = chosen[k];
                double rate = examination[k] * environment.clickRate(arm, t);
                double click = clicks.nextDouble() < rate ? 1 : 0;
                policy.update(arm, click, examination[k]);
                expected += rate;
                cumReward += click;
                pulls[arm]++;
            }
            cumRegret += bestPerRound[t] - expected;
            reward[t] = cumReward;
            regret[t] = cumRegret;
        }
    }
}
