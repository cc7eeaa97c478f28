package org.recsysbook.bandit;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Thompson sampling that forgets: every reward discounts all earlier evidence by a factor γ, so the
 * Beta posteriors follow click rates that drift — the online learning the seed asks for when "static
 * recommendation models become stale".
 *
 * <p>Discounted Thompson sampling (Raj and Kalyani, 2017): each arm keeps discounted counts of clicks
 * {@code S} and non-clicks {@code F}; on every reward, to any arm, all counts are multiplied by γ, then
 * the rewarded arm gets {@code S += r}, {@code F += 1 − r}. The posterior is
 * {@code Beta(α₀ + S, β₀ + F)}. The evidence therefore never exceeds about {@code 1/(1 − γ)} rewards (an
 * effective memory of 100 rewards for γ = 0.99): the posterior stays wide enough to notice a change. With
 * γ = 1 it is {@link ThompsonSampling}. Ties between draws go to the earlier candidate.
 */
public final class DiscountedThompsonSampling extends AbstractBanditPolicy {
    private final double gamma;
    private final double alpha0;
    private final double beta0;
    private final double[] successes;
    private final double[] failures;
    private final long[] trials;
    private final RandomGenerator rng;

    /** A uniform {@code Beta(1, 1)} prior. */
    public DiscountedThompsonSampling(int arms, double gamma, RandomGenerator rng) {
        this(arms, gamma, 1, 1, rng);
    }

    /**
     * @param arms   number of arms, ≥ 1
     * @param gamma  discount per reward, in (0, 1]
     * @param alpha0 prior α, &gt; 0
     * @param beta0  prior β, &gt; 0
     * @param rng    the source of the posterior draws
     */
    public DiscountedThompsonSampling(int arms, double gamma, double alpha0, double beta0, RandomGenerator rng) {
        super(arms);
        if (!(gamma > 0 && gamma <= 1)) {
            throw Args.fail("gamma", gamma, "0 < gamma ≤ 1");
        }
        this.gamma = gamma;
        this.alpha0 = Args.positive("alpha0", alpha0);
        this.beta0 = Args.positive("beta0", beta0);
        this.rng = Args.notNull("rng", rng);
        successes = new double[arms];
        failures = new double[arms];
        trials = new long[arms];
    }

    /** A factory for simulations (γ checked here, before any run starts). */
    public static Factory factory(double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw Args.fail("gamma", gamma, "0 < gamma ≤ 1");
        }
        return (arms, rng) -> new DiscountedThompsonSampling(arms, gamma, rng);
    }

    @Override
    public int[] select(int[] candidates, int nSelect) {
        checkCandidates(candidates, nSelect);
        int m = candidates.length;
        double[] s = scores(m);
        for (int j = 0; j < m; j++) {
            int a = candidates[j];
            s[j] = BetaSampler.beta(rng, alpha0 + successes[a], beta0 + failures[a]);
        }
        return topN(candidates, s, nSelect);
    }

    /**
     * Discounts every arm's evidence by γ, then adds the reward to {@code arm}.
     *
     * @param reward in [0, 1]
     */
    @Override
    public void update(int arm, double reward) {
        checkArm(arm);
        Args.unit("reward", reward);
        if (gamma < 1) {
            for (int a = 0; a < arms; a++) {
                successes[a] *= gamma;
                failures[a] *= gamma;
            }
        }
        successes[arm] += reward;
        failures[arm] += 1 - reward;
        trials[arm]++;
    }

    /** Posterior mean and standard deviation of the discounted {@code Beta(α₀ + S, β₀ + F)}; undiscounted trials. */
    @Override
    public ArmStats stats(int arm) {
        checkArm(arm);
        return ThompsonSampling.betaStats(alpha0 + successes[arm], beta0 + failures[arm], trials[arm]);
    }

    public double gamma() {
        return gamma;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "discounted Thompson sampling (γ=%s)", ThompsonSampling.fmt(gamma));
    }
}
