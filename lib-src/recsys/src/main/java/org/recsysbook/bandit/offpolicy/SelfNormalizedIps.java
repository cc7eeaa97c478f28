package org.recsysbook.bandit.offpolicy;

import org.recsysbook.bandit.StochasticPolicy;
import org.recsysbook.bandit.offpolicy.InversePropensityScoring;
import org.recsysbook.bandit.offpolicy.LoggedBandit;
import org.recsysbook.bandit.offpolicy.OffPolicyEstimator;

/**
 * Self-normalised inverse propensity scoring: {@code V̂ = Σ w_i r_i / Σ w_i} with
 * {@code w_i = π(a_i|x_i) / μ(a_i|x_i)} — IPS divided by the mean weight instead of by {@code n}.
 *
 * <p>Slightly biased (consistent as {@code n} grows) but usually of much lower variance than
 * {@link InversePropensityScoring}, and always within the range of the observed rewards. NaN if every
 * weight is zero.
 */
public final class SelfNormalizedIps implements OffPolicyEstimator {

    @Override
    public double estimate(LoggedBandit log, StochasticPolicy target) {
        double[] w = OffPolicyEstimator.weights(log, target);
        double num = 0;
        double den = 0;
        for (int i = 0; i < w.length; i++) {
            num += w[i] * log.reward(i);
            den += w[i];
        }
        return den == 0 ? Double.NaN : num / den;
    }

    @Override
    public String name() {
        return "SNIPS";
    }
}
