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
public final class Ucb1 extends AbstractBanditPolicy {
    private final SampleMeans means;

    public Ucb1(int arms) {
        super(arms);
        this.means = new SampleMeans(arms);
    }

    /** A factory for simulations (the policy draws no random numbers). */
    public static Factory factory() {
        return (arms, rng) -> new Ucb1(arms);
    }

    @Override
    public int[] select(int[] candidates, int nSelect) {
        checkCandidates(candidates, nSelect);
        int m = candidates.length;
        double[] s = scores(m);
        double twoLogT = 2 * Math.log(Math.max(1, means.total));
        for (int j = 0; j < m; j++) {
            s[j] = index(candidates[j], twoLogT);
        }
        return topN(candidates, s, nSelect);
    }

    /** The arm's index {@code mean + sqrt(2 ln t / n)}, +∞ if it was never tried. */
    public double index(int arm) {
        return index(checkArm(arm), 2 * Math.log(Math.max(1, means.total)));
    }

    private double index(int a, double twoLogT) {
        long n = means.n[a];
        return n == 0 ? Double.POSITIVE_INFINITY : means.mean[a] + Math.sqrt(twoLogT / n);
    }

    /**
     * @param reward any finite number (the bound holds for rewards in [0, 1])
     */
    @Override
    public void update(int arm, double reward) {
        checkArm(arm);
        Args.finite("reward", reward);
        means.add(arm, reward);
    }

    @Override
    public ArmStats stats(int arm) {
        return means.stats(checkArm(arm));
    }

    @Override
    public String name() {
        return "UCB1";
    }
}
