package org.recsysbook.bandit;

import org.recsysbook.core.Args;

/**
 * The doubly robust estimator (Dudík, Langford and Li, 2011): the direct method's prediction plus an
 * importance-weighted correction of the model's error on the logged arm,
 * {@code V̂ = (1/n) Σ_i [ Σ_a π(a|x_i) q̂(x_i, a) + w_i (r_i − q̂(x_i, a_i)) ]}.
 *
 * <p>Unbiased if either the propensities or the reward model are right, and of lower variance than IPS
 * when the model is good. The model is cross-fitted: rows are split into {@code folds} folds by index,
 * and row {@code i}'s predictions come from a model fitted on the other folds, so that the model never
 * judges the rows it learned from.
 */
public final class DoublyRobust implements OffPolicyEstimator {
    private final RewardModel.Trainer trainer;
    private final int folds;

    /** Ridge reward model ({@link RewardModel#ridge()}), two folds. */
    public DoublyRobust() {
        this(RewardModel.ridge(), 2);
    }

    /**
     * @param trainer fits the reward model
     * @param folds   cross-fitting folds, ≥ 2
     */
    public DoublyRobust(RewardModel.Trainer trainer, int folds) {
        this.trainer = Args.notNull("trainer", trainer);
        this.folds = Args.atLeast("folds", folds, 2);
    }

    @Override
    public double estimate(LoggedBandit log, StochasticPolicy target) {
        double[] t = terms(log, target, trainer, folds);
        return t[0] + t[1];
    }

    /** The direct-method term and the importance-weighted correction, cross-fitted. */
    static double[] terms(LoggedBandit log, StochasticPolicy target, RewardModel.Trainer trainer, int folds) {
        double[] w = OffPolicyEstimator.weights(log, target);
        int n = log.size();
        if (n < folds) {
            throw Args.fail("log.size()", n, "≥ folds = " + folds);
        }
        double[] pi = new double[log.arms()];
        double direct = 0;
        double correction = 0;
        for (int k = 0; k < folds; k++) {
            RewardModel q = trainer.fit(log.without(k, folds));
            for (int i = k; i < n; i += folds) {
                double[] x = log.context(i);
                target.probabilities(x, pi);
                for (int a = 0; a < pi.length; a++) {
                    if (pi[a] > 0) {
                        direct += pi[a] * q.predict(x, a);
                    }
                }
                correction += w[i] * (log.reward(i) - q.predict(x, log.action(i)));
            }
        }
        return new double[] {direct / n, correction / n};
    }

    @Override
    public String name() {
        return "DR";
    }
}
