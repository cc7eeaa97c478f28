package org.recsysbook.bandit.simulation;

import org.recsysbook.core.Args;

/**
 * The world a bandit plays against: each arm pays 1 (a click) with a probability that may change from
 * round to round, and 0 otherwise — the {@code true_click_rates} of the chapter's bandit demo.
 *
 * <p>The simulator draws the clicks; the environment only states the true rates, which is what
 * pseudo-regret is measured against.
 */
public interface BanditEnvironment {

    /** The number of arms. */
    int arms();

    /** The true click rate of {@code arm} in round {@code round} (0-based), in [0, 1]. */
    double clickRate(int arm, int round);

    /** The highest true click rate in each of the first {@code rounds} rounds: what an oracle earns per round. */
    default double[] bestRates(int rounds) {
        Args.atLeast("rounds", rounds, 1);
        double[] best = new double[rounds];
        for (int t = 0; t < rounds; t++) {
            double b = 0;
            for (int a = 0; a < arms(); a++) {
                b = Math.max(b, clickRate(a, t));
            }
            best[t] = b;
        }
        return best;
    }

    /** True when the rates never change, so that they can be read once. */
    default boolean stationary() {
        return false;
    }
}
