package org.recsysbook.bandit;

import java.util.random.RandomGenerator;

import org.recsysbook.bandit.simulation.ContextualSimulator;
import org.recsysbook.core.Args;

/**
 * A bandit policy that sees who is asking: it picks arms for a context (the user's features) and
 * learns from the reward together with that context — the step from the chapter's item-level bandits to
 * personalised ones.
 *
 * <p>{@link #ignoringContext(BanditPolicy)} turns any {@link BanditPolicy} into one, so that contextual
 * and non-contextual policies run in the same {@link org.recsysbook.bandit.simulation.ContextualSimulator}. Not thread-safe.
 */
public interface ContextualPolicy {

    /** The number of arms; arm ids are {@code 0 … arms()-1}. */
    int arms();

    /** The length of the context vectors the policy expects; 0 for a policy that ignores the context. */
    int dim();

    /**
     * Chooses {@code nSelect} distinct arms of {@code candidates} for {@code context}, best first.
     *
     * @param context a vector of length {@link #dim()}, finite
     * @throws IllegalArgumentException if the context has the wrong length, {@code nSelect} is out of
     *                                  range or a candidate is not an arm or appears twice
     */
    int[] select(double[] context, int[] candidates, int nSelect);

    /** Learns from the reward {@code arm} earned when shown for {@code context}. */
    void update(double[] context, int arm, double reward);

    /** A short name for tables and legends. */
    String name();

    /** A policy that passes the context by and plays {@code policy}. */
    static ContextualPolicy ignoringContext(BanditPolicy policy) {
        Args.notNull("policy", policy);
        return new ContextualPolicy() {
            @Override
            public int arms() {
                return policy.arms();
            }

            @Override
            public int dim() {
                return 0;
            }

            @Override
            public int[] select(double[] context, int[] candidates, int nSelect) {
                return policy.select(candidates, nSelect);
            }

            @Override
            public void update(double[] context, int arm, double reward) {
                policy.update(arm, reward);
            }

            @Override
            public String name() {
                return policy.name();
            }
        };
    }

    /** Makes a fresh policy for {@code arms} arms and contexts of length {@code dim}. */
    @FunctionalInterface
    interface Factory {
        ContextualPolicy create(int arms, int dim, RandomGenerator rng);

        /** The factory of a non-contextual policy, its context ignored. */
        static Factory ignoringContext(BanditPolicy.Factory factory) {
            Args.notNull("factory", factory);
            return (arms, dim, rng) -> ContextualPolicy.ignoringContext(factory.create(arms, rng));
        }
    }
}
