package org.recsysbook.bandit.simulation;

import java.util.random.RandomGenerator;

import org.recsysbook.bandit.BanditPolicy;
import org.recsysbook.bandit.CandidateCheck;
import org.recsysbook.bandit.StochasticPolicy;
import org.recsysbook.core.Args;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.World;

/**
 * Traffic for contextual bandits on the synthetic world: users of the {@link World} arrive uniformly at
 * random, a policy shows one of a fixed set of candidate items (the arms) in the top slot, and the user
 * clicks with the world's true probability — the chapter's bandit rewards, now different for every user.
 *
 * <p>A user's context is their unit preference vector followed by a constant 1 (an intercept), so
 * {@link #dim()} is {@code world.dim() + 1}. The click probability of arm {@code a} for user {@code u}
 * is the {@link ClickModel}'s attractiveness of the arm's item at position 1,
 * {@code sigmoid(w_aff · cos(u, i) + w_pop · popularity(i) + … )}: a logistic function of a linear
 * function of the context, which LinUCB's linear model approximates. Contexts and true probabilities
 * are computed once for every (user, arm) pair.
 */
public final class ContextualTraffic {
    private final World world;
    private final int[] items;
    private final double[][] contexts;
    private final double[][] clickProbability;
    private final int dim;

    /**
     * @param clickModel the click model over the world
     * @param items      the item id of every arm, distinct, at least one
     */
    public ContextualTraffic(ClickModel clickModel, int[] items) {
        Args.notNull("clickModel", clickModel);
        Args.notNull("items", items);
        Args.atLeast("items.length", items.length, 1);
        this.world = clickModel.world();
        Args.atLeast("world.userCount()", world.userCount(), 1);
        new CandidateCheck(world.itemCount()).check(items, 1);
        this.items = items.clone();
        this.dim = world.dim() + 1;
        int users = world.userCount();
        contexts = new double[users][dim];
        clickProbability = new double[users][items.length];
        for (int u = 0; u < users; u++) {
            float[] v = world.userVector(u);
            double norm = 0;
            for (float f : v) {
                norm += f * f;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < v.length; j++) {
                contexts[u][j] = v[j] / norm;
            }
            contexts[u][dim - 1] = 1;
            for (int a = 0; a < items.length; a++) {
                clickProbability[u][a] = clickModel.attractiveness(u, items[a]);
            }
        }
    }

    /** Traffic over {@code arms} items of the world drawn at random without replacement. */
    public static ContextualTraffic randomItems(World world, int arms, RandomGenerator rng) {
        Args.notNull("world", world);
        if (arms < 1 || arms > world.itemCount()) {
            throw Args.fail("arms", arms, "in [1, " + world.itemCount() + "] (the items of the world)");
        }
        int[] pool = BanditPolicy.allArms(world.itemCount());
        for (int i = 0; i < arms; i++) {
            int j = i + rng.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        return new ContextualTraffic(world.clickModel(), java.util.Arrays.copyOf(pool, arms));
    }

    public World world() {
        return world;
    }

    /** The number of arms. */
    public int arms() {
        return items.length;
    }

    /** The context length: the world's dimension plus one intercept. */
    public int dim() {
        return dim;
    }

    /** The number of users. */
    public int users() {
        return contexts.length;
    }

    /** The item shown by {@code arm}. */
    public int item(int arm) {
        return items[Args.index("arm", arm, items.length, "arms")];
    }

    /** A user drawn uniformly at random. */
    public int drawUser(RandomGenerator rng) {
        return rng.nextInt(contexts.length);
    }

    /** User {@code user}'s context (not a copy: read only). */
    public double[] context(int user) {
        checkUser(user);
        return contexts[user];
    }

    /** The true probability that {@code user} clicks {@code arm}. */
    public double clickProbability(int user, int arm) {
        checkUser(user);
        return clickProbability[user][Args.index("arm", arm, items.length, "arms")];
    }

    /** The true click probabilities of every arm for {@code user} (not a copy: read only). */
    double[] clickProbabilities(int user) {
        return clickProbability[user];
    }

    /** The cosine between the user of {@code context} and {@code arm}'s item (first {@code dim − 1} entries). */
    public double affinity(double[] context, int arm) {
        Args.notNull("context", context);
        float[] v = world.itemVectors();
        int off = items[Args.index("arm", arm, items.length, "arms")] * world.dim();
        double s = 0;
        for (int j = 0; j < world.dim(); j++) {
            s += context[j] * v[off + j];
        }
        return s;
    }

    /** The popularity of {@code arm}'s item. */
    public double popularity(int arm) {
        return world.popularity(item(arm));
    }

    /** The mean click rate of every arm over all users: what a non-contextual bandit can learn. */
    public double[] meanClickRates() {
        double[] m = new double[items.length];
        for (double[] p : clickProbability) {
            for (int a = 0; a < m.length; a++) {
                m[a] += p[a];
            }
        }
        for (int a = 0; a < m.length; a++) {
            m[a] /= clickProbability.length;
        }
        return m;
    }

    /** The click rate of the best single arm for everyone: the ceiling of non-contextual policies. */
    public double bestArmClickRate() {
        double best = 0;
        for (double v : meanClickRates()) {
            best = Math.max(best, v);
        }
        return best;
    }

    /** The click rate of showing every user their own best arm: the ceiling of contextual policies. */
    public double oracleClickRate() {
        double s = 0;
        for (double[] p : clickProbability) {
            double best = 0;
            for (double v : p) {
                best = Math.max(best, v);
            }
            s += best;
        }
        return s / clickProbability.length;
    }

    /** The number of distinct arms that are some user's best: how much personalisation there is to learn. */
    public int distinctBestArms() {
        boolean[] best = new boolean[items.length];
        for (double[] p : clickProbability) {
            int b = 0;
            for (int a = 1; a < p.length; a++) {
                if (p[a] > p[b]) {
                    b = a;
                }
            }
            best[b] = true;
        }
        int n = 0;
        for (boolean x : best) {
            n += x ? 1 : 0;
        }
        return n;
    }

    /**
     * The true click rate of a stochastic policy: the mean over users of {@code Σ_a π(a|x) p(u, a)} —
     * the ground truth off-policy estimates are judged against.
     */
    public double trueClickRate(StochasticPolicy policy) {
        Args.notNull("policy", policy);
        if (policy.arms() != items.length) {
            throw Args.fail("policy.arms()", policy.arms(), items.length + " (the arms of the traffic)");
        }
        double[] pi = new double[items.length];
        double s = 0;
        for (int u = 0; u < contexts.length; u++) {
            policy.probabilities(contexts[u], pi);
            double[] p = clickProbability[u];
            for (int a = 0; a < pi.length; a++) {
                s += pi[a] * p[a];
            }
        }
        return s / contexts.length;
    }

    private void checkUser(int user) {
        if (user < 0 || user >= contexts.length) {
            throw Args.fail("user", user, "a user id in [0, " + (contexts.length - 1) + "]");
        }
    }
}
