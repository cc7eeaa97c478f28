package org.recsysbook.bandit;

import java.util.Locale;
import java.util.random.RandomGenerator;

import org.recsysbook.core.Args;

/**
 * Thompson sampling that forgets: old evidence is discounted by a factor γ so that the Beta posteriors
 * follow click rates that drift — the online learning the chapter asks for when "static recommendation
 * models become stale".
 *
 * <p>Each arm keeps discounted counts of clicks {@code S} and non-clicks {@code F}; its posterior is
 * {@code Beta(α₀ + S, β₀ + F)}. Two ways to forget:
 * <ul>
 *   <li>per arm (the default): when an arm is shown, its own counts are multiplied by γ before the new
 *       reward is added ({@code S ← γS + r}, {@code F ← γF + 1 − r}), so an arm's posterior rests on
 *       about its last {@code 1/(1 − γ)} impressions — an exponentially weighted sliding window. Arms
 *       that are no longer shown keep their (stale) evidence;</li>
 *   <li>all arms (Raj and Kalyani, 2017): every reward multiplies the counts of every arm by γ, so
 *       arms not shown drift back to the prior and get explored again. With the uniform prior, whose
 *       mean 0.5 is far above typical click rates, this explores a lot.</li>
 * </ul>
 * With γ = 1 both are {@link ThompsonSampling}; the posteriors and their draws are the same
 * ({@code BetaPosteriors}). Ties between draws go to the earlier candidate.
 */
public final class DiscountedThompsonSampling extends AbstractBanditPolicy {
    private final double gamma;
    private final boolean allArms;
    private final double alpha0;
    private final double beta0;
    private final double[] successes;
    private final double[] failures;
    private final BetaPosteriors posteriors;
    private final RandomGenerator rng;

    /** Per-arm discounting with a uniform {@code Beta(1, 1)} prior. */
    public DiscountedThompsonSampling(int arms, double gamma, RandomGenerator rng) {
        this(arms, gamma, false, 1, 1, rng);
    }

    /**
     * @param arms    number of arms, ≥ 1
     * @param gamma   discount, in (0, 1]
     * @param allArms true: every reward discounts every arm; false: showing an arm discounts that arm
     * @param alpha0  prior α, &gt; 0
     * @param beta0   prior β, &gt; 0
     * @param rng     the source of the posterior draws
     */
    public DiscountedThompsonSampling(int arms, double gamma, boolean allArms, double alpha0, double beta0,
                                      RandomGenerator rng) {
        super(arms);
        this.gamma = checkGamma(gamma);
        this.allArms = allArms;
        this.alpha0 = Args.positive("alpha0", alpha0);
        this.beta0 = Args.positive("beta0", beta0);
        this.rng = Args.notNull("rng", rng);
        successes = new double[arms];
        failures = new double[arms];
        posteriors = new BetaPosteriors(arms, alpha0, beta0);
    }

    /** A factory of per-arm discounting (γ checked here, before any run starts). */
    public static Factory factory(double gamma) {
        checkGamma(gamma);
        return (arms, rng) -> new DiscountedThompsonSampling(arms, gamma, rng);
    }

    /** A factory of Raj and Kalyani's all-arm discounting (γ checked here, before any run starts). */
    public static Factory allArmsFactory(double gamma) {
        checkGamma(gamma);
        return (arms, rng) -> new DiscountedThompsonSampling(arms, gamma, true, 1, 1, rng);
    }

    private static double checkGamma(double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw Args.fail("gamma", gamma, "in (0, 1]");
        }
        return gamma;
    }

    /** One draw per candidate from its discounted posterior {@code Beta(α₀ + S, β₀ + F)}. */
    @Override
    void score(int[] candidates, double[] scores) {
        posteriors.sample(rng, candidates, scores);
    }

    /**
     * Discounts the evidence (of {@code arm}, or of every arm), then adds the reward to {@code arm}.
     *
     * @param reward in [0, 1]
     */
    @Override
    public void update(int arm, double reward) {
        checkArm(arm);
        Args.unit("reward", reward);
        if (allArms) {
            for (int a = 0; a < arms; a++) {
                successes[a] *= gamma;
                failures[a] *= gamma;
                posteriors.set(a, alpha0 + successes[a], beta0 + failures[a]);
            }
        } else {
            successes[arm] *= gamma;
            failures[arm] *= gamma;
        }
        successes[arm] += reward;
        failures[arm] += 1 - reward;
        posteriors.observe(arm, alpha0 + successes[arm], beta0 + failures[arm]);
    }

    /** Posterior mean and standard deviation of the discounted {@code Beta(α₀ + S, β₀ + F)}; undiscounted trials. */
    @Override
    public ArmStats stats(int arm) {
        return posteriors.stats(checkArm(arm));
    }

    public double gamma() {
        return gamma;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "discounted Thompson sampling (γ=%s%s)", ThompsonSampling.fmt(gamma),
                allArms ? ", all arms" : "");
    }
}
