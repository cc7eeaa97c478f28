package org.recsysbook.bandit.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.recsysbook.bandit.BanditPolicy;
import org.recsysbook.bandit.CandidateCheck;
import org.recsysbook.bandit.simulation.BanditEnvironment;
import org.recsysbook.core.Args;

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
 * the chapter. Every round shows {@code nSelect} arms out of all arms and feeds each its own click.
 */
public final class BanditSimulator {
    private final BanditEnvironment environment;
    private final SimulationRuns runs;
    private final int nSelect;
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
        this.environment = Args.notNull("environment", environment);
        this.runs = new SimulationRuns(rounds, runs, seed);
        this.nSelect = CandidateCheck.nSelect(nSelect, environment.arms());
        bestPerRound = bestPerRound();
    }

    /** The sum of the {@code nSelect} highest true rates in each round: what an oracle earns. */
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
            best[t] = SimulationRuns.best(all, rates, nSelect);
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
        return runs.simulate(arms, parallel, BanditPolicy::name, (policyRandom, clicks, reward, regret, pulls) -> {
            BanditPolicy policy = factory.create(arms, policyRandom);
            play(policy, clicks, reward, regret, pulls);
            return policy;
        });
    }

    private void play(BanditPolicy policy, SplittableRandom clicks, double[] reward, double[] regret, long[] pulls) {
        int[] candidates = BanditPolicy.allArms(environment.arms());
        double cumReward = 0;
        double cumRegret = 0;
        for (int t = 0; t < reward.length; t++) {
            int[] chosen = policy.select(candidates, nSelect);
            double expected = 0;
            for (int arm : chosen) {
                double rate = environment.clickRate(arm, t);
                double click = clicks.nextDouble() < rate ? 1 : 0;
                policy.update(arm, click);
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
