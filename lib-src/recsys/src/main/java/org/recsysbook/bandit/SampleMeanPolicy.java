package org.recsysbook.bandit;

import org.recsysbook.core.Args;

/**
 * A policy that judges each arm by the sample mean of its rewards ({@link SampleMeans}): ε-greedy, the
 * UCB policies and the static model. It learns from any finite reward and reports the sample mean and its
 * standard error.
 */
abstract class SampleMeanPolicy extends AbstractBanditPolicy {
    final SampleMeans means;

    SampleMeanPolicy(int arms) {
        super(arms);
        this.means = new SampleMeans(arms);
    }

    /**
     * @param reward any finite number
     */
    @Override
    public void update(int arm, double reward) {
        checkArm(arm);
        Args.finite("reward", reward);
        means.add(arm, reward);
    }

    @Override
    public ArmStats stats(int arm) {
        return means.stats(checkArm(arm));
    }
}
