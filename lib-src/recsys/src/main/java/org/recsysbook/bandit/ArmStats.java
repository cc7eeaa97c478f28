package org.recsysbook.bandit;

import org.recsysbook.core.Args;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * What a policy believes about one arm, as the chapter's {@code get_stats} reports it: the estimated mean
 * reward, the standard deviation of that estimate, and the number of rewards observed.
 *
 * <p>For the Beta policies ({@link ThompsonSampling}) {@code mean} and {@code std} are the posterior
 * mean {@code a/(a+b)} and standard deviation {@code sqrt(ab/((a+b)²(a+b+1)))}; for the
 * sample-mean policies ({@link EpsilonGreedy}, {@link Ucb}, {@link Ucb#ucb1 UCB1}) they are the sample mean and
 * its standard error {@code s/√n} (NaN before the first, respectively the second, reward).
 *
 * @param mean   the estimated mean reward
 * @param std    the standard deviation of the estimate
 * @param trials the number of rewards the arm has received (the chapter's {@code total_trials})
 */
public record ArmStats(double mean, double std, long trials) {

    /**
     * One row per arm: its id, true rate (if {@code trueRates} is not null), trials, estimated mean and
     * standard deviation, rounded to 3 decimals.
     */
    public static Table table(BanditPolicy policy, double[] trueRates) {
        Args.notNull("policy", policy);
        int arms = policy.arms();
        if (trueRates != null && trueRates.length != arms) {
            throw Args.fail("trueRates.length", trueRates.length, arms + " (the policy's arms)");
        }
        IntColumn id = IntColumn.create("arm");
        DoubleColumn truth = DoubleColumn.create("true rate");
        LongColumn trials = LongColumn.create("trials");
        DoubleColumn mean = DoubleColumn.create("estimated mean");
        DoubleColumn std = DoubleColumn.create("std");
        for (int a = 0; a < arms; a++) {
            ArmStats s = policy.stats(a);
            id.append(a);
            if (trueRates != null) {
                truth.append(SummaryTable.round(trueRates[a], 3));
            }
            trials.append(s.trials());
            mean.append(SummaryTable.round(s.mean(), 3));
            std.append(SummaryTable.round(s.std(), 3));
        }
        Table t = Table.create(policy.name() + ": what it learned", id);
        if (trueRates != null) {
            t.addColumns(truth);
        }
        return t.addColumns(trials, mean, std);
    }
}
