package org.recsysbook.bandit;

import java.util.Locale;

import org.recsysbook.core.Args;

/**
 * The upper-confidence-bound policy: pick the candidates with the highest {@code mean(i) + bonus(i)}, arms never
 * tried first. The bonus, the chapter's {@code c · sqrt(ln(total_pulls) / n_pulls(i))}, is a parameter
 * ({@link Bonus}) in its two usual forms:
 * <ul>
 *   <li>{@link Bonus#chapter(double) the chapter's code}, {@code c · sqrt(ln(total + 1) / n(i))} with {@code c = 2}
 *       by default (the chapter's prose writes {@code ln(total_pulls)}, its code {@code ln(total_count + 1)}; this
 *       follows the code);</li>
 *   <li>{@link Bonus#ucb1() UCB1} (Auer, Cesa-Bianchi and Fischer, 2002), the textbook form
 *       {@code sqrt(2 ln t / n(i))}, i.e. {@code c = √2} and {@code ln t}; for rewards in [0, 1] its expected
 *       regret after {@code T} rounds is at most {@code Σ 8 ln T / Δᵢ + (1 + π²/3) Σ Δᵢ}.</li>
 * </ul>
 * {@code total} (or {@code t}) is the number of rewards received so far over all arms and {@code n(i)} the number
 * for arm {@code i}. Rewards may be any finite number; the bonus is calibrated for rewards in [0, 1].
 * Deterministic: ties, including among untried arms, go to the earlier candidate.
 */
public final class Ucb extends SampleMeanPolicy {

    /** The exploration bonus of an arm: a log term of the total count, computed once per selection, and the bonus. */
    public interface Bonus {
        /** The term of the total number of rewards {@code total} that every arm's bonus shares. */
        double logTerm(long total);

        /** The bonus of an arm tried {@code n ≥ 1} times. */
        double of(double logTerm, long n);

        /** The policy's name with this bonus. */
        String policyName();

        /** The chapter's bonus {@code c · sqrt(ln(total + 1) / n)}, {@code c ≥ 0} (0 is greedy once all are tried). */
        static Bonus chapter(double c) {
            return new Chapter(Args.nonNegative("c", c));
        }

        /** UCB1's bonus {@code sqrt(2 ln max(1, t) / n)}. */
        static Bonus ucb1() {
            return Ucb1Bonus.INSTANCE;
        }
    }

    private record Chapter(double c) implements Bonus {
        @Override
        public double logTerm(long total) {
            return Math.log(total + 1.0);
        }

        @Override
        public double of(double logTerm, long n) {
            return c * Math.sqrt(logTerm / n);
        }

        @Override
        public String policyName() {
            return c == 2 ? "UCB" : String.format(Locale.ROOT, "UCB (c=%s)", ThompsonSampling.fmt(c));
        }
    }

    private enum Ucb1Bonus implements Bonus {
        INSTANCE;

        @Override
        public double logTerm(long total) {
            return 2 * Math.log(Math.max(1, total));
        }

        @Override
        public double of(double logTerm, long n) {
            return Math.sqrt(logTerm / n);
        }

        @Override
        public String policyName() {
            return "UCB1";
        }
    }

    private final Bonus bonus;

    /** The chapter's policy: {@code c = 2}. */
    public Ucb(int arms) {
        this(arms, 2.0);
    }

    /**
     * The chapter's bonus with exploration weight {@code c}.
     *
     * @param arms number of arms, ≥ 1
     * @param c    exploration weight, ≥ 0 (0 is greedy after every arm has been tried once)
     */
    public Ucb(int arms, double c) {
        this(arms, Bonus.chapter(c));
    }

    /** UCB with the given bonus, e.g. {@link Bonus#ucb1()}. */
    public Ucb(int arms, Bonus bonus) {
        super(arms);
        this.bonus = Args.notNull("bonus", bonus);
    }

    /** UCB1 over {@code arms} arms. */
    public static Ucb ucb1(int arms) {
        return new Ucb(arms, Bonus.ucb1());
    }

    /** A factory for simulations with the chapter's bonus (the policy draws no random numbers). */
    public static Factory factory(double c) {
        Bonus b = Bonus.chapter(c);
        return (arms, rng) -> new Ucb(arms, b);
    }

    /** A factory for simulations of UCB1. */
    public static Factory ucb1Factory() {
        return (arms, rng) -> ucb1(arms);
    }

    @Override
    void score(int[] candidates, double[] scores) {
        double logTerm = bonus.logTerm(means.total);
        for (int j = 0; j < candidates.length; j++) {
            scores[j] = index(candidates[j], logTerm);
        }
    }

    /** The arm's index {@code mean + bonus}, +∞ if it was never tried. */
    public double index(int arm) {
        return index(checkArm(arm), bonus.logTerm(means.total));
    }

    private double index(int a, double logTerm) {
        long n = means.n[a];
        return n == 0 ? Double.POSITIVE_INFINITY : means.mean[a] + bonus.of(logTerm, n);
    }

    /** The bonus this policy explores with. */
    public Bonus bonus() {
        return bonus;
    }

    @Override
    public String name() {
        return bonus.policyName();
    }
}
