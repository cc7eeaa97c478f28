package org.recsysbook.bandit;

import java.util.random.RandomGenerator;

/**
 * A policy that states the probability of showing each arm for a context, {@code π(a | x)} — what
 * off-policy evaluation needs from both the policy that logged the data (its propensities) and the new
 * policy to be evaluated.
 */
public interface StochasticPolicy {

    /** The number of arms. */
    int arms();

    /** Writes {@code π(a | context)} for every arm into {@code out} (length {@link #arms()}); they sum to 1. */
    void probabilities(double[] context, double[] out);

    /** A short name for tables. */
    String name();

    /**
     * Draws an arm from {@code π(· | context)}.
     *
     * @param scratch an array of length {@link #arms()} that receives the probabilities
     */
    default int sample(double[] context, RandomGenerator rng, double[] scratch) {
        probabilities(context, scratch);
        double u = rng.nextDouble();
        double c = 0;
        for (int a = 0; a < scratch.length; a++) {
            c += scratch[a];
            if (u < c) {
                return a;
            }
        }
        for (int a = scratch.length - 1; a >= 0; a--) {
            if (scratch[a] > 0) {
                return a;
            }
        }
        throw new IllegalStateException("all probabilities are zero");
    }
}
