package org.recsysbook.bandit.simulation;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.recsysbook.bandit.simulation.BanditSimulator;
import org.recsysbook.bandit.simulation.ContextualSimulator;
import org.recsysbook.bandit.simulation.SimulationResult;
import org.recsysbook.core.Args;
import org.recsysbook.core.TopK;

/**
 * The runs of a bandit simulation, as {@link BanditSimulator} and {@link ContextualSimulator} both make
 * them: two seeds per run derived serially from the master seed before any run starts (one for the
 * policy's generator, one for the world's draws), the runs spread over the cores or played on the calling
 * thread, and their curves gathered into a {@link SimulationResult}. A run's numbers therefore do not
 * depend on the thread that plays it, and every policy meets the same world draws in the same run.
 */
final class SimulationRuns {
    final int rounds;
    /** The number of runs. */
    final int count;
    private final long[] policySeeds;
    private final long[] worldSeeds;

    /**
     * @param rounds rounds per run, ≥ 1
     * @param runs   independent runs, ≥ 1
     * @param seed   the master seed
     */
    SimulationRuns(int rounds, int runs, long seed) {
        this.rounds = Args.atLeast("rounds", rounds, 1);
        this.count = Args.atLeast("runs", runs, 1);
        SplittableRandom master = new SplittableRandom(seed);
        policySeeds = new long[runs];
        worldSeeds = new long[runs];
        for (int r = 0; r < runs; r++) {
            policySeeds[r] = master.nextLong();
            worldSeeds[r] = master.nextLong();
        }
    }

    /** One run: makes its policy {@code P} from {@code policyRandom}, plays it, and fills the run's curves. */
    @FunctionalInterface
    interface Run<P> {
        /**
         * @param reward cumulative reward after each round, to fill
         * @param regret cumulative pseudo-regret after each round, to fill
         * @param pulls  how often each arm was shown, to count
         * @param first  the true click rate of the arm shown first (on top of the slate) in each round, to fill
         * @return the policy that played
         */
        P play(SplittableRandom policyRandom, SplittableRandom worldRandom, double[] reward, double[] regret,
               long[] pulls, double[] first);
    }

    /**
     * Plays every run, in parallel over the cores or on the calling thread (the same numbers either way); the
     * result is labelled with the {@code name} of the policy that played run 0. {@code estimates} (may be null)
     * reads each arm's estimated click rate from a policy after its run.
     */
    <P> SimulationResult simulate(int arms, int nSelect, double oracle, boolean parallel, Function<P, String> name,
                                  Function<P, double[]> estimates, Run<P> run) {
        double[][] reward = new double[count][];
        double[][] regret = new double[count][];
        double[][] first = new double[count][];
        double[][] learned = estimates == null ? null : new double[count][];
        long[][] pulls = new long[count][];
        String[] label = new String[1];
        IntStream ids = IntStream.range(0, count);
        (parallel ? ids.parallel() : ids).forEach(r -> {
            reward[r] = new double[rounds];
            regret[r] = new double[rounds];
            pulls[r] = new long[arms];
            first[r] = new double[rounds];
            P policy = run.play(new SplittableRandom(policySeeds[r]), new SplittableRandom(worldSeeds[r]),
                    reward[r], regret[r], pulls[r], first[r]);
            if (learned != null) {
                learned[r] = estimates.apply(policy);
            }
            if (r == 0) {
                label[0] = name.apply(policy);
            }
        });
        return new SimulationResult(label[0], arms, nSelect, oracle, reward, regret, pulls, first, learned);
    }

    /** The sum of the {@code n} highest {@code rates} of the arms {@code all}: what an oracle earns in a round. */
    static double best(int[] all, double[] rates, int n) {
        double s = 0;
        for (int j : TopK.indices(rates, all.length, n)) {
            s += rates[all[j]];
        }
        return s;
    }
}
