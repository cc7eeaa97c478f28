package org.recsysbook.bandit.offpolicy;

import org.recsysbook.bandit.StochasticPolicy;
import org.recsysbook.bandit.offpolicy.LoggedBandit;
import org.recsysbook.bandit.offpolicy.OffPolicyEstimator;

/**
 * Inverse propensity scoring: {@code V̂ = (1/n) Σ r_i · π(a_i|x_i) / μ(a_i|x_i)} — every logged reward
 * reweighted by how much more (or less) often the new policy would have shown that arm.
 *
 * <p>Unbiased whenever the logging policy gives every arm the new policy might show a positive
 * propensity; its variance grows with the weights, i.e. with how far the two policies differ.
 */
public final class InversePropensityScoring implements OffPolicyEstimator {

    @Override
    public double estimate(LoggedBandit log, StochasticPolicy target) {
        double[] w = OffPolicyEstimator.weights(log, target);
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * log.reward(i);
        }
        return s / w.length;
    }

    @Override
    public String name() {
        return "IPS";
    }
}
