package org.recsysbook.bandit;

import org.recsysbook.core.Args;

/**
 * The direct method: fit a reward model {@code q̂} to the log and average what it predicts for the new
 * policy, {@code V̂ = (1/n) Σ_i Σ_a π(a|x_i) q̂(x_i, a)} — low variance, but as biased as the model.
 *
 * <p>Cross-fitted like {@link DoublyRobust}: the prediction for row {@code i} comes from a model fitted
 * on the other folds.
 */
public final class DirectMethod implements OffPolicyEstimator {
    private final RewardModel.Trainer trainer;
    private final int folds;

    /**
     * @param trainer fits the reward model
     * @param folds   cross-fitting folds, ≥ 2
     */
    public DirectMethod(RewardModel.Trainer trainer, int folds) {
        this.trainer = Args.notNull("trainer", trainer);
        this.folds = Args.atLeast("folds", folds, 2);
    }

    @Override
    public double estimate(LoggedBandit log, StochasticPolicy target) {
        return DoublyRobust.terms(log, target, trainer, folds)[0];
    }

    @Override
    public String name() {
        return "DM";
    }
}
