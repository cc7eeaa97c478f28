package org.recsysbook.world;

import java.util.random.RandomGenerator;

import org.recsysbook.core.Args;

/**
 * A position-based click model: how a simulated user reacts to a ranked list, the source of the
 * clicks behind the chapter's CTR, A/B tests and bandit rewards.
 *
 * <p>The user examines position {@code p} (1 = top) with probability
 * {@code e(p) = 1 / log2(p + 1)} (1, 0.63, 0.5, 0.43, … — the DCG discount), independently of the other
 * positions, and clicks an examined item with its attractiveness
 * <pre>
 *   a(u, i) = sigmoid(affinityWeight · cos(u, i) + popularityWeight · popularity(i)
 *                     + freshnessWeight · exp(−age(i) / 30 days) + bias)
 * </pre>
 * so {@code P(click | u, i, p) = e(p) · a(u, i)}. Clicks at different positions are independent
 * given the list (no cascade). The true probabilities are public ({@link #clickProbability},
 * {@link #attractiveness}) for off-policy evaluation and regret.
 *
 * <p>Default weights: affinity 5, popularity 1, freshness 0, bias −3 — an item pointing away from the
 * user ({@code cos = 0}) of median popularity has {@code a ≈ 0.05}, a close match ({@code cos = 0.8})
 * {@code a ≈ 0.75}.
 */
public final class ClickModel {

    /**
     * The weights of the attractiveness logit.
     *
     * @param affinity   weight of the user–item cosine, finite
     * @param popularity weight of the item's popularity, finite
     * @param freshness  weight of {@code exp(−ageDays / 30)}, finite
     * @param bias       intercept, finite
     */
    public record Weights(double affinity, double popularity, double freshness, double bias) {
        public Weights {
            requireFinite("affinity", affinity);
            requireFinite("popularity", popularity);
            requireFinite("freshness", freshness);
            requireFinite("bias", bias);
        }

        /** The defaults: affinity 5, popularity 1, freshness 0, bias −3. */
        public static Weights defaults() {
            return new Weights(5, 1, 0, -3);
        }

        private static void requireFinite(String name, double v) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " weight must be finite, got " + v);
            }
        }
    }

    private final World world;
    private final Weights weights;

    /** The model with {@link Weights#defaults()}. */
    public ClickModel(World world) {
        this(world, Weights.defaults());
    }

    public ClickModel(World world, Weights weights) {
        if (world == null || weights == null) {
            throw new IllegalArgumentException("world and weights must not be null");
        }
        this.world = world;
        this.weights = weights;
    }

    public World world() {
        return world;
    }

    public Weights weights() {
        return weights;
    }

    /** Examination probability of 1-based position {@code position}: {@code 1 / log2(position + 1)}. */
    public static double examination(int position) {
        if (position < 1) {
            throw new IllegalArgumentException("position must be ≥ 1 (1 = top), got " + position);
        }
        return Math.log(2) / Math.log(position + 1.0);
    }

    /** Probability that user {@code user} clicks item {@code item} once examined (position-free). */
    public double attractiveness(int user, int item) {
        double logit = weights.affinity() * world.affinity(user, item)
                + weights.popularity() * world.popularity(item)
                + weights.freshness() * Math.exp(-world.ageDays(item) / World.MEAN_AGE_DAYS)
                + weights.bias();
        return 1.0 / (1.0 + Math.exp(-logit));
    }

    /** The true probability that {@code user} clicks {@code item} shown at 1-based {@code position}. */
    public double clickProbability(int user, int item, int position) {
        return examination(position) * attractiveness(user, item);
    }

    /** True click probabilities of a ranked list, position 1 first. */
    public double[] clickProbabilities(int user, int[] ranking) {
        double[] p = new double[ranking.length];
        for (int k = 0; k < ranking.length; k++) {
            p[k] = clickProbability(user, ranking[k], k + 1);
        }
        return p;
    }

    /** Expected number of clicks on a ranked list: the sum of its click probabilities. */
    public double expectedClicks(int user, int[] ranking) {
        double s = 0;
        for (int k = 0; k < ranking.length; k++) {
            s += clickProbability(user, ranking[k], k + 1);
        }
        return s;
    }

    /** One Bernoulli draw: does {@code user} click {@code item} shown at {@code position}? */
    public boolean click(int user, int item, int position, RandomGenerator rng) {
        return rng.nextDouble() < clickProbability(user, item, position);
    }

    /** Shows {@code ranking} to {@code user} and returns which positions were clicked, without logging. */
    public boolean[] simulate(int user, int[] ranking, RandomGenerator rng) {
        return simulate(user, ranking, 0, rng, null);
    }

    /**
     * Shows {@code ranking} (item ids, position 1 first) to {@code user} on {@code day}, draws the
     * clicks and appends one impression per position to {@code log} (when not null).
     *
     * @return whether each position was clicked
     */
    public boolean[] simulate(int user, int[] ranking, int day, RandomGenerator rng, InteractionLog log) {
        if (ranking == null || rng == null) {
            throw new IllegalArgumentException("ranking and rng must not be null");
        }
        Args.atLeast("day", day, 0);
        world.checkUser(user);
        boolean[] clicked = new boolean[ranking.length];
        for (int k = 0; k < ranking.length; k++) {
            double p = clickProbability(user, ranking[k], k + 1);
            clicked[k] = rng.nextDouble() < p;
            if (log != null) {
                log.add(user, ranking[k], k + 1, clicked[k], day, p);
            }
        }
        return clicked;
    }

    @Override
    public String toString() {
        return "ClickModel[e(p) = 1/log2(p+1), " + weights + "]";
    }
}
