package org.recsysbook.bandit.offpolicy;

import org.recsysbook.bandit.StochasticPolicy;
import org.recsysbook.bandit.offpolicy.LoggedBandit;
import org.recsysbook.core.Args;

/**
 * An estimator of a new policy's expected reward from data logged by another policy — the offline
 * counterpart of the chapter's A/B test for a bandit: how would the new policy have done on the traffic
 * we already served?
 */
public interface OffPolicyEstimator {

    /** The estimated expected reward per impression of {@code target} on the traffic of {@code log}. */
    double estimate(LoggedBandit log, StochasticPolicy target);

    /** A short name for tables, e.g. {@code "IPS"}. */
    String name();

    /** The importance weights {@code π(a_i|x_i) / μ(a_i|x_i)} of every row. */
    static double[] weights(LoggedBandit log, StochasticPolicy target) {
        Args.notNull("log", log);
        Args.notNull("target", target);
        if (target.arms() != log.arms()) {
            throw Args.fail("target.arms()", target.arms(), log.arms() + " (the arms of the log)");
        }
        double[] pi = new double[log.arms()];
        double[] w = new double[log.size()];
        for (int i = 0; i < w.length; i++) {
            target.probabilities(log.context(i), pi);
            w[i] = pi[log.action(i)] / log.propensity(i);
        }
        return w;
    }
}
