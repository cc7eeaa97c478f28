package org.recsysbook.bandit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Replays the seed's bandit loop — select, draw a click from the true rate, update, add up the reward —
 * for any number of rounds and independent runs, spread over the cores.
 *
 * <p>Reproducible: from the master seed the simulator derives, serially and before any run starts,
 * two seeds per run — one for the policy's generator, one for the click draws — so a run's numbers do
 * not depend on which thread runs it, and a parallel simulation equals a serial one. Every policy
 * simulated with the same simulator meets the same click draws in the same run (common random
 * numbers), which makes the comparison between policies sharper than independent draws would.
 *
 * <p>A click is {@code u < rate} with {@code u} uniform in [0, 1), one {@code u} per shown arm, as in
 * the seed. Every round shows {@code nSelect} arms out of all arms and feeds each its own click.
 */
public final class BanditSimulator {
    private final BanditEnvironment environment;
    private final int rounds;
    private final int runs;
    private final int nSelect;
    private final long[] policySeeds;
    private final long[] clickSeeds;
    private final double[] bestPerRound;

    /** One arm per round, as in the seed. */
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
        this.rounds = Args.atLeast("rounds", rounds, 1);
        this.runs = Args.atLeast("runs", runs, 1);
        this.nSelect = Args.nSelect(nSelect, environment.arms());
        SplittableRandom master = new SplittableRandom(seed);
        policySeeds = new long[runs];
        clickSeeds = new long[runs];
        for (int r = 0; r < runs; r++) {
            policySeeds[r] = master.nextLong();
            clickSeeds[r] = master.nextLong();
        }
        bestPerRound = bestPerRound();
    }

    /** The sum of the {@code nSelect} highest true rates in each round: what an oracle earns. */
    private double[] bestPerRound() {
        int arms = environment.arms();
        int[] all = BanditPolicy.allArms(arms);
        double[] rates = new double[arms];
        double[] best = new double[rounds];
        for (int t = 0; t < rounds; t++) {
            if (t > 0 && environment.stationary()) {
                best[t] = best[0];
                continue;
            }
            for (int a = 0; a < arms; a++) {
                rates[a] = environment.clickRate(a, t);
            }
            double s = 0;
            for (int a : AbstractBanditPolicy.topN(all, rates, nSelect)) {
                s += rates[a];
            }
            best[t] = s;
        }
        return best;
    }

    public BanditEnvironment environment() {
        return environment;
    }

    public int rounds() {
        return rounds;
    }

    public int runs() {
        return runs;
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
        double[][] reward = new double[runs][];
        double[][] regret = new double[runs][];
        long[][] pulls = new long[runs][];
        String[] name = new String[1];
        IntStream ids = IntStream.range(0, runs);
        (parallel ? ids.parallel() : ids).forEach(r -> {
            BanditPolicy policy = factory.create(arms, new SplittableRandom(policySeeds[r]));
            if (r == 0) {
                name[0] = policy.name();
            }
            reward[r] = new double[rounds];
            regret[r] = new double[rounds];
            pulls[r] = new long[arms];
            play(policy, new SplittableRandom(clickSeeds[r]), reward[r], regret[r], pulls[r]);
        });
        return new SimulationResult(name[0], arms, reward, regret, pulls);
    }

    private void play(BanditPolicy policy, SplittableRandom clicks, double[] reward, double[] regret, long[] pulls) {
        int[] candidates = BanditPolicy.allArms(environment.arms());
        double cumReward = 0;
        double cumRegret = 0;
        for (int t = 0; t < rounds; t++) {
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
