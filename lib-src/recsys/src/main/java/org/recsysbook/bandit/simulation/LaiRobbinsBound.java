package org.recsysbook.bandit.simulation;

import org.recsysbook.core.Args;

/**
 * The Lai–Robbins lower bound (1985) on the regret of any consistent policy on Bernoulli arms: for
 * large {@code T}, {@code E[R(T)] ≥ (Σ_{i: μᵢ < μ*} (μ* − μᵢ) / KL(μᵢ, μ*)) · ln T}, where
 * {@code KL(p, q) = p ln(p/q) + (1−p) ln((1−p)/(1−q))}. It says how much exploration the chapter's
 * exploration–exploitation dilemma forces on every policy.
 *
 * <p>The bound is asymptotic: for small {@code T} a good policy may lie below the curve; what no
 * consistent policy can do is grow more slowly than it for ever.
 */
public final class LaiRobbinsBound {
    private LaiRobbinsBound() { }

    /**
     * The Kullback–Leibler divergence between Bernoulli({@code p}) and Bernoulli({@code q}), in nats.
     *
     * @param p in [0, 1]
     * @param q in (0, 1) (infinite divergence otherwise, unless {@code p = q})
     */
    public static double bernoulliKl(double p, double q) {
        Args.unit("p", p);
        Args.unit("q", q);
        if (p == q) {
            return 0;
        }
        return xlogy(p, q) + xlogy(1 - p, 1 - q);
    }

    /** {@code x ln(x/y)} with {@code 0 ln 0 = 0}. */
    private static double xlogy(double x, double y) {
        return x == 0 ? 0 : x * Math.log(x / y);
    }

    /**
     * The constant in front of {@code ln T}: {@code Σ (μ* − μᵢ) / KL(μᵢ, μ*)} over the arms worse than the
     * best.
     *
     * @param rates the arms' click rates, each in [0, 1]
     */
    public static double constant(double[] rates) {
        Args.notNull("rates", rates);
        Args.atLeast("rates.length", rates.length, 1);
        double best = 0;
        for (int i = 0; i < rates.length; i++) {
            best = Math.max(best, Args.unit("rates[" + i + "]", rates[i]));
        }
        double c = 0;
        for (double mu : rates) {
            if (mu < best) {
                c += (best - mu) / bernoulliKl(mu, best);
            }
        }
        return c;
    }

    /** The bound after each round {@code t = 1 … rounds}: {@code constant(rates) · ln t}. */
    public static double[] curve(double[] rates, int rounds) {
        Args.atLeast("rounds", rounds, 1);
        double c = constant(rates);
        double[] out = new double[rounds];
        for (int t = 0; t < rounds; t++) {
            out[t] = c * Math.log(t + 1);
        }
        return out;
    }
}
