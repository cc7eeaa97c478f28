package org.recsysbook.bandit.offpolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.recsysbook.bandit.StochasticPolicy;
import org.recsysbook.bandit.SummaryTable;
import org.recsysbook.bandit.offpolicy.LoggedBandit;
import org.recsysbook.bandit.offpolicy.OffPolicyEstimator;
import org.recsysbook.bandit.simulation.ContextualTraffic;
import org.recsysbook.core.Args;

import tech.tablesaw.api.Table;

/**
 * Judges off-policy estimators against the truth: logs {@code replicates} independent data sets of
 * {@code logSize} impressions with the logging policy, estimates the target policy's click rate from each
 * with every estimator, and compares with the target's true click rate on the traffic.
 *
 * <p>Replicates run in parallel; replicate {@code r} uses a seed derived serially from the master seed,
 * so the numbers do not depend on the thread count.
 */
public final class OffPolicyExperiment {
    private final ContextualTraffic traffic;
    private final StochasticPolicy logging;
    private final StochasticPolicy target;
    private final int logSize;
    private final long[] seeds;

    /**
     * @param logSize    impressions per log, ≥ 2
     * @param replicates independent logs, ≥ 1
     */
    public OffPolicyExperiment(ContextualTraffic traffic, StochasticPolicy logging, StochasticPolicy target,
                               int logSize, int replicates, long seed) {
        this.traffic = Args.notNull("traffic", traffic);
        this.logging = Args.notNull("logging", logging);
        this.target = Args.notNull("target", target);
        this.logSize = Args.atLeast("logSize", logSize, 2);
        Args.atLeast("replicates", replicates, 1);
        SplittableRandom master = new SplittableRandom(seed);
        seeds = new long[replicates];
        for (int r = 0; r < replicates; r++) {
            seeds[r] = master.nextLong();
        }
    }

    /** The target policy's true click rate on the traffic. */
    public double truth() {
        return traffic.trueClickRate(target);
    }

    /** The logging policy's true click rate on the traffic. */
    public double loggingTruth() {
        return traffic.trueClickRate(logging);
    }

    /** Log {@code r}, as every estimator sees it. */
    public LoggedBandit log(int replicate) {
        if (replicate < 0 || replicate >= seeds.length) {
            throw Args.fail("replicate", replicate, "in [0, " + (seeds.length - 1) + "]");
        }
        return LoggedBandit.collect(traffic, logging, logSize, new SplittableRandom(seeds[replicate]));
    }

    /** Runs every estimator on every log. */
    public List<Outcome> run(List<OffPolicyEstimator> estimators) {
        Args.notNull("estimators", estimators);
        double[][] est = new double[estimators.size()][seeds.length];
        IntStream.range(0, seeds.length).parallel().forEach(r -> {
            LoggedBandit log = log(r);
            for (int e = 0; e < estimators.size(); e++) {
                est[e][r] = estimators.get(e).estimate(log, target);
            }
        });
        double truth = truth();
        List<Outcome> out = new ArrayList<>();
        for (int e = 0; e < estimators.size(); e++) {
            out.add(new Outcome(estimators.get(e).name(), truth, est[e]));
        }
        return out;
    }

    /**
     * One estimator's estimates over the logs, against the truth.
     *
     * @param estimator the estimator's name
     * @param truth     the target's true click rate
     * @param estimates one estimate per log
     */
    public record Outcome(String estimator, double truth, double[] estimates) {

        public double mean() {
            double s = 0;
            for (double v : estimates) {
                s += v;
            }
            return s / estimates.length;
        }

        /** Mean estimate minus truth. */
        public double bias() {
            return mean() - truth;
        }

        /** Standard deviation of the estimates over logs (NaN with one log). */
        public double std() {
            if (estimates.length < 2) {
                return Double.NaN;
            }
            double m = mean();
            double ss = 0;
            for (double v : estimates) {
                ss += (v - m) * (v - m);
            }
            return Math.sqrt(ss / (estimates.length - 1));
        }

        /**
         * The standard error of the bias, {@code std / √logs}: a bias within about two of them of 0 is what an
         * unbiased estimator shows over this many logs (NaN with one log).
         */
        public double biasStandardError() {
            return std() / Math.sqrt(estimates.length);
        }

        /** Root mean squared error against the truth. */
        public double rmse() {
            double ss = 0;
            for (double v : estimates) {
                ss += (v - truth) * (v - truth);
            }
            return Math.sqrt(ss / estimates.length);
        }

        /** Mean absolute error relative to the truth. */
        public double meanRelativeError() {
            double s = 0;
            for (double v : estimates) {
                s += Math.abs(v - truth);
            }
            return s / estimates.length / truth;
        }
    }

    /** One row per estimator: truth, mean estimate, bias and its standard error, standard deviation, RMSE. */
    public static Table table(List<Outcome> outcomes) {
        SummaryTable t = new SummaryTable(4, "estimator", "true CTR", "mean estimate", "bias", "bias s.e.", "std",
                "RMSE");
        for (Outcome o : outcomes) {
            t.row(o.estimator(), o.truth(), o.mean(), o.bias(), o.biasStandardError(), o.std(), o.rmse());
        }
        return t.table("off-policy estimates of the new policy's click rate");
    }
}
