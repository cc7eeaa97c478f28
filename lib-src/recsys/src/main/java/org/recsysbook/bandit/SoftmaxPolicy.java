package org.recsysbook.bandit;

import java.util.Locale;

import org.recsysbook.core.Args;

/**
 * A stochastic policy that shows arm {@code a} with probability
 * {@code π(a|x) = (1 − ε) · exp(s(x, a)/τ) / Σ_b exp(s(x, b)/τ) + ε / K}: a softmax over scores with
 * temperature τ, mixed with ε of uniform exploration so that every arm keeps a propensity of at least
 * {@code ε/K} — how a production recommender logs data that off-policy evaluation can use.
 *
 * <p>A small τ approaches the greedy policy "show the top score", a large τ the uniform one.
 */
public final class SoftmaxPolicy implements StochasticPolicy {

    /** The score of an arm for a context. */
    @FunctionalInterface
    public interface Scorer {
        double score(double[] context, int arm);
    }

    private final String name;
    private final Scorer scorer;
    private final int arms;
    private final double temperature;
    private final double epsilon;

    /**
     * @param name        a name for tables
     * @param scorer      the scores {@code s(x, a)}
     * @param arms        number of arms, ≥ 1
     * @param temperature τ, &gt; 0
     * @param epsilon     the uniform share ε, in [0, 1]
     */
    public SoftmaxPolicy(String name, Scorer scorer, int arms, double temperature, double epsilon) {
        this.name = Args.notNull("name", name);
        this.scorer = Args.notNull("scorer", scorer);
        this.arms = Args.atLeast("arms", arms, 1);
        this.temperature = Args.positive("temperature", temperature);
        this.epsilon = Args.unit("epsilon", epsilon);
    }

    @Override
    public int arms() {
        return arms;
    }

    @Override
    public void probabilities(double[] context, double[] out) {
        if (out.length != arms) {
            throw Args.fail("out.length", out.length, arms + " (the arms)");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < arms; a++) {
            out[a] = Args.finite("score", scorer.score(context, a)) / temperature;
            max = Math.max(max, out[a]);
        }
        double sum = 0;
        for (int a = 0; a < arms; a++) {
            out[a] = Math.exp(out[a] - max);
            sum += out[a];
        }
        for (int a = 0; a < arms; a++) {
            out[a] = (1 - epsilon) * out[a] / sum + epsilon / arms;
        }
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "%s (τ=%s, ε=%s)", name, ThompsonSampling.fmt(temperature),
                ThompsonSampling.fmt(epsilon));
    }
}
