package org.recsysbook.bandit.offpolicy;

import org.recsysbook.bandit.LinUcb;
import org.recsysbook.bandit.offpolicy.DoublyRobust;
import org.recsysbook.bandit.offpolicy.LoggedBandit;

/**
 * A model of the expected reward of showing an arm for a context, {@code q̂(x, a)}: the direct method's
 * estimate and the control variate of {@link DoublyRobust}.
 */
@FunctionalInterface
public interface RewardModel {

    /** The predicted reward of {@code arm} for {@code context}. */
    double predict(double[] context, int arm);

    /** Fits a reward model to a log. */
    @FunctionalInterface
    interface Trainer {
        RewardModel fit(LoggedBandit log);
    }

    /**
     * Per-arm ridge regressions of the reward on the context (λ = 1), i.e. {@link LinUcb} with α = 0
     * trained on the log; predictions clipped to [0, 1].
     */
    static Trainer ridge() {
        return log -> {
            LinUcb model = new LinUcb(log.arms(), log.context(0).length, 0);
            for (int i = 0; i < log.size(); i++) {
                model.update(log.context(i), log.action(i), log.reward(i));
            }
            return (x, a) -> Math.min(1, Math.max(0, model.predict(x, a)));
        };
    }

    /** Each arm's mean logged reward, whatever the context (0 for an arm never shown). */
    static Trainer armMeans() {
        return log -> {
            double[] sum = new double[log.arms()];
            long[] n = new long[log.arms()];
            for (int i = 0; i < log.size(); i++) {
                sum[log.action(i)] += log.reward(i);
                n[log.action(i)]++;
            }
            double[] mean = new double[sum.length];
            for (int a = 0; a < mean.length; a++) {
                mean[a] = n[a] == 0 ? 0 : sum[a] / n[a];
            }
            return (x, a) -> mean[a];
        };
    }
}
