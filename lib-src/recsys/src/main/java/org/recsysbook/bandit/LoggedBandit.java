package org.recsysbook.bandit;

import java.util.random.RandomGenerator;

import org.recsysbook.core.Args;

/**
 * A log of bandit feedback with logging propensities: for every impression the context, the arm shown,
 * the reward, and the probability {@code μ(a|x)} with which the logging policy chose that arm — the data
 * off-policy evaluation reads, and the reason production systems must record what they showed and with
 * what probability.
 */
public final class LoggedBandit {
    private final int arms;
    private final double[][] contexts;
    private final int[] actions;
    private final double[] rewards;
    private final double[] propensities;

    /**
     * @param arms         number of arms, ≥ 1
     * @param contexts     the context of every row (kept by reference, not copied: do not change them)
     * @param actions      the arm shown in every row, in {@code [0, arms)}
     * @param rewards      the reward of every row, finite
     * @param propensities the logging policy's probability of the arm shown, in (0, 1]
     */
    public LoggedBandit(int arms, double[][] contexts, int[] actions, double[] rewards, double[] propensities) {
        this.arms = Args.atLeast("arms", arms, 1);
        Args.notNull("contexts", contexts);
        int n = Args.atLeast("contexts.length", contexts.length, 1);
        checkLength("actions", Args.notNull("actions", actions).length, n);
        checkLength("rewards", Args.notNull("rewards", rewards).length, n);
        checkLength("propensities", Args.notNull("propensities", propensities).length, n);
        for (int i = 0; i < n; i++) {
            if (contexts[i] == null) {
                throw new IllegalArgumentException("contexts[" + i + "] must not be null");
            }
            if (actions[i] < 0 || actions[i] >= arms) {
                throw Args.fail("actions[" + i + "]", actions[i], "an arm id in [0, " + (arms - 1) + "]");
            }
            if (!Double.isFinite(rewards[i])) {
                throw Args.fail("rewards[" + i + "]", rewards[i], "a finite number");
            }
            if (!(propensities[i] > 0 && propensities[i] <= 1)) {
                throw Args.fail("propensities[" + i + "]", propensities[i], "in (0, 1]");
            }
        }
        this.contexts = contexts.clone();
        this.actions = actions.clone();
        this.rewards = rewards.clone();
        this.propensities = propensities.clone();
    }

    /** For rows already checked: keeps the arrays as they are. */
    private LoggedBandit(int arms, double[][] contexts, int[] actions, double[] rewards, double[] propensities,
                         boolean trusted) {
        this.arms = arms;
        this.contexts = contexts;
        this.actions = actions;
        this.rewards = rewards;
        this.propensities = propensities;
    }

    /**
     * Serves {@code n} users of {@code traffic} with {@code logging}: draws a user, draws an arm from
     * {@code μ(·|x)}, draws the click from the true probability, and logs all four.
     */
    public static LoggedBandit collect(ContextualTraffic traffic, StochasticPolicy logging, int n,
                                       RandomGenerator rng) {
        Args.notNull("traffic", traffic);
        Args.notNull("logging", logging);
        Args.notNull("rng", rng);
        Args.atLeast("n", n, 1);
        if (logging.arms() != traffic.arms()) {
            throw Args.fail("logging.arms()", logging.arms(), traffic.arms() + " (the arms of the traffic)");
        }
        double[][] x = new double[n][];
        int[] a = new int[n];
        double[] r = new double[n];
        double[] p = new double[n];
        double[] mu = new double[traffic.arms()];
        for (int i = 0; i < n; i++) {
            int user = traffic.drawUser(rng);
            x[i] = traffic.context(user);
            a[i] = logging.sample(x[i], rng, mu);
            p[i] = mu[a[i]];
            r[i] = rng.nextDouble() < traffic.clickProbability(user, a[i]) ? 1 : 0;
        }
        return new LoggedBandit(traffic.arms(), x, a, r, p, true);
    }

    private static void checkLength(String name, int length, int n) {
        if (length != n) {
            throw Args.fail(name + ".length", length, n + " (the number of contexts)");
        }
    }

    public int arms() {
        return arms;
    }

    /** The number of logged impressions. */
    public int size() {
        return actions.length;
    }

    /** Row {@code i}'s context (not a copy: read only). */
    public double[] context(int i) {
        return contexts[i];
    }

    public int action(int i) {
        return actions[i];
    }

    public double reward(int i) {
        return rewards[i];
    }

    public double propensity(int i) {
        return propensities[i];
    }

    /** The mean logged reward: the logging policy's own click rate, measured on-policy. */
    public double meanReward() {
        double s = 0;
        for (double r : rewards) {
            s += r;
        }
        return s / rewards.length;
    }

    /** The rows {@code i} with {@code i % folds != fold}: the training part of a cross-fit. */
    LoggedBandit without(int fold, int folds) {
        int n = size();
        int m = n - (n - fold + folds - 1) / folds;
        double[][] x = new double[m][];
        int[] a = new int[m];
        double[] r = new double[m];
        double[] p = new double[m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (i % folds != fold) {
                x[k] = contexts[i];
                a[k] = actions[i];
                r[k] = rewards[i];
                p[k] = propensities[i];
                k++;
            }
        }
        return new LoggedBandit(arms, x, a, r, p, true);
    }
}
