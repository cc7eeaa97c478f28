package org.recsysbook.bandit;

/**
 * What a policy believes about one arm, as the seed's {@code get_stats} reports it: the estimated mean
 * reward, the standard deviation of that estimate, and the number of rewards observed.
 *
 * <p>For the Beta policies ({@link ThompsonSampling}) {@code mean} and {@code std} are the posterior
 * mean {@code a/(a+b)} and standard deviation {@code sqrt(ab/((a+b)²(a+b+1)))}; for the
 * sample-mean policies ({@link EpsilonGreedy}, {@link Ucb}, {@link Ucb1}) they are the sample mean and
 * its standard error {@code s/√n} (NaN before the first, respectively the second, reward).
 *
 * @param mean   the estimated mean reward
 * @param std    the standard deviation of the estimate
 * @param trials the number of rewards the arm has received (the seed's {@code total_trials})
 */
public record ArmStats(double mean, double std, long trials) {
}
