package org.recsysbook.bandit;

import java.util.random.RandomGenerator;

import org.recsysbook.core.Args;

/**
 * A multi-armed bandit policy, the chapter's {@code ThompsonSamplingBandit} and {@code UCBBandit}
 * ("Online Learning and Bandits") behind one interface: it picks arms among candidates, learns from
 * the reward each pick earns, and reports what it believes about each arm.
 *
 * <p>Arms are the ids {@code 0 … arms()-1}; in a recommender an arm is an item. A policy is not
 * thread-safe: a simulation gives every run its own instance (see {@link Factory}).
 */
public interface BanditPolicy {

    /** The number of arms; arm ids are {@code 0 … arms()-1}. */
    int arms();

    /**
     * Chooses {@code nSelect} distinct arms of {@code candidates}, the best first — the chapter's
     * {@code select(candidate_ids, n_select)}.
     *
     * @param candidates distinct arm ids, each in {@code [0, arms())}
     * @param nSelect    how many to choose, {@code 1 ≤ nSelect ≤ candidates.length}
     * @return the chosen arm ids, best first
     * @throws IllegalArgumentException if {@code nSelect} is out of range or a candidate is not an arm
     *                                  or appears twice
     */
    int[] select(int[] candidates, int nSelect);

    /** Chooses one arm of {@code candidates}: {@code select(candidates, 1)[0]}. */
    default int selectOne(int[] candidates) {
        return select(candidates, 1)[0];
    }

    /**
     * Learns from one reward earned by {@code arm} — the chapter's {@code update(item_id, reward)}.
     *
     * @throws IllegalArgumentException if {@code arm} is not an arm or the reward is outside what the
     *                                  policy accepts (see the implementing class)
     */
    void update(int arm, double reward);

    /**
     * Learns from a reward earned by {@code arm} shown at a slate position that users examine with probability
     * {@code examination} (the position bias of the workbook's click model). The default ignores the position and
     * calls {@link #update(int, double)}, as the chapter's loop does for every item of its {@code n_select} slate;
     * a policy that corrects for the position overrides it.
     *
     * @param examination in (0, 1]; 1 is the top of the slate
     */
    default void update(int arm, double reward, double examination) {
        if (!(examination > 0 && examination <= 1)) {
            throw Args.fail("examination", examination, "a probability in (0, 1]");
        }
        update(arm, reward);
    }

    /** What the policy believes about {@code arm} — the chapter's {@code get_stats(item_id)}. */
    ArmStats stats(int arm);

    /** A short name for tables and legends, e.g. {@code "Thompson sampling"}. */
    String name();

    /** The arm ids {@code 0 … arms-1}, the usual candidate list when every arm is eligible. */
    static int[] allArms(int arms) {
        Args.atLeast("arms", arms, 1);
        int[] ids = new int[arms];
        for (int i = 0; i < arms; i++) {
            ids[i] = i;
        }
        return ids;
    }

    /**
     * Makes a fresh policy for {@code arms} arms drawing its randomness from {@code rng}; simulations
     * call it once per run so that runs are independent and reproducible.
     */
    @FunctionalInterface
    interface Factory {
        BanditPolicy create(int arms, RandomGenerator rng);
    }
}
