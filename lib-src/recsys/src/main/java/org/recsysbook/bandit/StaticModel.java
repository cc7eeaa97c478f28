package org.recsysbook.bandit;

import java.util.Locale;
import java.util.random.RandomGenerator;

import org.recsysbook.core.Args;

/**
 * A model trained once and then frozen, the chapter's "static recommendation model" that "becomes stale
 * as user preferences and item catalogs evolve": it shows uniformly random candidates until it has
 * collected {@code trainingRewards} rewards (the training log), then always shows the candidates with
 * the best mean reward in that log and learns nothing more.
 *
 * <p>Ties between equal means go to the earlier candidate. After training, {@link #stats} keeps
 * reporting the frozen estimates; later rewards are counted but not learned from.
 */
public final class StaticModel extends SampleMeanPolicy {
    private final int trainingRewards;
    private final RandomGenerator rng;
    private long received;

    /**
     * @param arms            number of arms, ≥ 1
     * @param trainingRewards rewards collected before freezing, ≥ 1
     * @param rng             the source of the random training picks
     */
    public StaticModel(int arms, int trainingRewards, RandomGenerator rng) {
        super(arms);
        this.trainingRewards = Args.atLeast("trainingRewards", trainingRewards, 1);
        this.rng = Args.notNull("rng", rng);
    }

    /** A factory for simulations (checked here, before any run starts). */
    public static Factory factory(int trainingRewards) {
        Args.atLeast("trainingRewards", trainingRewards, 1);
        return (arms, rng) -> new StaticModel(arms, trainingRewards, rng);
    }

    /** Whether training is over and the model frozen. */
    public boolean frozen() {
        return received >= trainingRewards;
    }

    /** Frozen: the mean reward in the training log (0 if never tried); in training: a uniform random number. */
    @Override
    void score(int[] candidates, double[] scores) {
        boolean frozen = frozen();
        for (int j = 0; j < candidates.length; j++) {
            long n = means.n[candidates[j]];
            scores[j] = frozen ? (n == 0 ? 0 : means.mean[candidates[j]]) : rng.nextDouble();
        }
    }

    /**
     * @param reward any finite number; learned from only during training
     */
    @Override
    public void update(int arm, double reward) {
        checkArm(arm);
        Args.finite("reward", reward);
        if (!frozen()) {
            means.add(arm, reward);
        }
        received++;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "static model (trained on %d rewards)", trainingRewards);
    }
}
