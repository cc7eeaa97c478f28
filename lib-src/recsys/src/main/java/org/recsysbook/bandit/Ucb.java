package org.recsysbook.bandit;

import java.util.Locale;

import org.recsysbook.core.Args;

/**
 * The upper-confidence-bound policy exactly as the seed's {@code UCBBandit} computes it: pick the
 * candidates with the highest {@code mean(i) + c · sqrt(ln(total + 1) / n(i))}, arms never tried first.
 *
 * <p>{@code total} is the number of rewards received so far over all arms and {@code n(i)} the number
 * for arm {@code i}; {@code c = 2} as in the seed. (The seed's prose writes {@code ln(total_pulls)}, its
 * code {@code ln(total_count + 1)}; this class follows the code. {@link Ucb1} is the textbook variant.)
 * Rewards may be any finite number; the bonus is calibrated for rewards in [0, 1]. Deterministic: ties,
 * including among untried arms, go to the earlier candidate.
 */
public final class Ucb extends SampleMeanPolicy {
    private final double c;

    /** The seed's policy: {@code c = 2}. */
    public Ucb(int arms) {
        this(arms, 2.0);
    }

    /**
     * @param arms number of arms, ≥ 1
     * @param c    exploration weight, ≥ 0 (0 is greedy after every arm has been tried once)
     */
    public Ucb(int arms, double c) {
        super(arms);
        this.c = Args.nonNegative("c", c);
    }

    /** A factory for simulations (the policy draws no random numbers). */
    public static Factory factory(double c) {
        Args.nonNegative("c", c);
        return (arms, rng) -> new Ucb(arms, c);
    }

    @Override
    void score(int[] candidates, double[] scores) {
        double logTotal = Math.log(means.total + 1.0);
        for (int j = 0; j < candidates.length; j++) {
            scores[j] = index(candidates[j], logTotal);
        }
    }

    /** The arm's index {@code mean + c · sqrt(ln(total + 1) / n)}, +∞ if it was never tried. */
    public double index(int arm) {
        return index(checkArm(arm), Math.log(means.total + 1.0));
    }

    private double index(int a, double logTotal) {
        long n = means.n[a];
        return n == 0 ? Double.POSITIVE_INFINITY : means.mean[a] + c * Math.sqrt(logTotal / n);
    }

    public double c() {
        return c;
    }

    @Override
    public String name() {
        return c == 2 ? "UCB" : String.format(Locale.ROOT, "UCB (c=%s)", ThompsonSampling.fmt(c));
    }
}
