package org.recsysbook.bandit;

/**
 * UCB1 (Auer, Cesa-Bianchi and Fischer, 2002), the textbook form of the seed's
 * {@code UCB(i) = mean_reward(i) + c · sqrt(ln(total_pulls) / n_pulls(i))} with {@code c = √2}:
 * pick the candidates with the highest {@code mean(i) + sqrt(2 ln t / n(i))}, arms never tried first.
 *
 * <p>{@code t} is the number of rewards received so far over all arms. For rewards in [0, 1] its
 * expected regret after {@code T} rounds is at most {@code Σ 8 ln T / Δᵢ + (1 + π²/3) Σ Δᵢ}.
 * Deterministic: ties go to the earlier candidate.
 */
public final class Ucb1 extends SampleMeanPolicy {
    public Ucb1(int arms) {
        super(arms);
    }

    /** A factory for simulations (the policy draws no random numbers). */
    public static Factory factory() {
        return (arms, rng) -> new Ucb1(arms);
    }

    @Override
    void score(int[] candidates, double[] scores) {
        double twoLogT = 2 * Math.log(Math.max(1, means.total));
        for (int j = 0; j < candidates.length; j++) {
            scores[j] = index(candidates[j], twoLogT);
        }
    }

    /** The arm's index {@code mean + sqrt(2 ln t / n)}, +∞ if it was never tried. */
    public double index(int arm) {
        return index(checkArm(arm), 2 * Math.log(Math.max(1, means.total)));
    }

    private double index(int a, double twoLogT) {
        long n = means.n[a];
        return n == 0 ? Double.POSITIVE_INFINITY : means.mean[a] + Math.sqrt(twoLogT / n);
    }

    @Override
    public String name() {
        return "UCB1";
    }
}
