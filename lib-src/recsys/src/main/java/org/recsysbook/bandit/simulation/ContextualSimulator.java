package org.recsysbook.bandit.simulation;

import java.util.SplittableRandom;

import org.recsysbook.bandit.BanditPolicy;
import org.recsysbook.bandit.CandidateCheck;
import org.recsysbook.bandit.ContextualPolicy;
import org.recsysbook.bandit.simulation.BanditSimulator;
import org.recsysbook.core.Args;

/**
 * The bandit loop on {@link ContextualTraffic}: a user arrives, the policy sees their context and picks
 * arms, the user clicks with their true probability, the policy learns — run after run, over the
 * cores, reproducibly.
 *
 * <p>Seeding as in {@link BanditSimulator} ({@code SimulationRuns}): two seeds per run derived serially
 * from the master seed, one for the policy, one for the traffic (which users arrive, and the click
 * draws), so parallel equals serial and every policy meets the same users and the same click draws. Pseudo-regret in a round is
 * the sum of the {@code nSelect} best true click probabilities for that user minus those of the arms
 * shown.
 */
public final class ContextualSimulator {
    private final ContextualTraffic traffic;
    private final SimulationRuns runs;
    private final int nSelect;
    private final double[] bestPerUser;

    /** One arm per round. */
    public ContextualSimulator(ContextualTraffic traffic, int rounds, int runs, long seed) {
        this(traffic, rounds, runs, 1, seed);
    }

    /**
     * @param traffic the users, arms and true click probabilities
     * @param rounds  rounds per run, ≥ 1
     * @param runs    independent runs, ≥ 1
     * @param nSelect arms shown per round, in [1, arms]
     * @param seed    the master seed
     */
    public ContextualSimulator(ContextualTraffic traffic, int rounds, int runs, int nSelect, long seed) {
        this.traffic = Args.notNull("traffic", traffic);
        this.runs = new SimulationRuns(rounds, runs, seed);
        this.nSelect = CandidateCheck.nSelect(nSelect, traffic.arms());
        int[] all = BanditPolicy.allArms(traffic.arms());
        bestPerUser = new double[traffic.users()];
        for (int u = 0; u < bestPerUser.length; u++) {
            bestPerUser[u] = SimulationRuns.best(all, traffic.clickProbabilities(u), nSelect);
        }
    }

    public ContextualTraffic traffic() {
        return traffic;
    }

    public int rounds() {
        return runs.rounds;
    }

    public int runs() {
        return runs.count;
    }

    /** Simulates a policy over all runs, in parallel over the cores. */
    public SimulationResult run(ContextualPolicy.Factory factory) {
        return simulate(factory, true);
    }

    /** Simulates a non-contextual policy, its context ignored. */
    public SimulationResult run(BanditPolicy.Factory factory) {
        return simulate(ContextualPolicy.Factory.ignoringContext(factory), true);
    }

    /** Simulates a policy on the calling thread; the same numbers as {@link #run}. */
    public SimulationResult runSerial(ContextualPolicy.Factory factory) {
        return simulate(factory, false);
    }

    private SimulationResult simulate(ContextualPolicy.Factory factory, boolean parallel) {
        Args.notNull("factory", factory);
        int arms = traffic.arms();
        double oracle = 0;
        for (double b : bestPerUser) {
            oracle += b;
        }
        oracle *= (double) runs.rounds / bestPerUser.length;
        return runs.simulate(arms, nSelect, oracle, parallel, ContextualPolicy::name, null,
                (policyRandom, users, reward, regret, pulls, first) -> {
            ContextualPolicy policy = factory.create(arms, traffic.dim(), policyRandom);
            play(policy, users, reward, regret, pulls, first);
            return policy;
        });
    }

    private void play(ContextualPolicy policy, SplittableRandom rng, double[] reward, double[] regret, long[] pulls,
                      double[] first) {
        int[] candidates = BanditPolicy.allArms(traffic.arms());
        double cumReward = 0;
        double cumRegret = 0;
        for (int t = 0; t < reward.length; t++) {
            int user = traffic.drawUser(rng);
            double[] x = traffic.context(user);
            double[] p = traffic.clickProbabilities(user);
            double expected = 0;
            int[] chosen = policy.select(x, candidates, nSelect);
            first[t] = p[chosen[0]];
            for (int arm : chosen) {
                double click = rng.nextDouble() < p[arm] ? 1 : 0;
                policy.update(x, arm, click);
                expected += p[arm];
                cumReward += click;
                pulls[arm]++;
            }
            cumRegret += bestPerUser[user] - expected;
            reward[t] = cumReward;
            regret[t] = cumRegret;
        }
    }
}
