package org.recsysbook.bandit;

import java.util.Locale;
import java.util.random.RandomGenerator;

import org.recsysbook.core.Args;

/**
 * Thompson sampling with a Beta prior on each arm's click rate, the chapter's
 * {@code ThompsonSamplingBandit}: draw a plausible rate for every candidate from its posterior
 * {@code Beta(α, β)} and pick the highest draws.
 *
 * <p>Starts from {@code Beta(α₀, β₀)} (the chapter's {@code Beta(1, 1)}, uniform, by default). A reward
 * {@code r ∈ [0, 1]} adds {@code r} to α and {@code 1 − r} to β; for the chapter's click/no-click rewards
 * this is its rule (a click adds 1 to α, no click 1 to β). Draws use {@link BetaSampler} with each arm's
 * Marsaglia–Tsang constants cached and refreshed only when the arm is updated ({@code BetaPosteriors}).
 * Ties between draws have probability zero; should they occur, the earlier candidate wins.
 *
 * <p>On a slate ({@code nSelect > 1}) a lower position is examined less often, so a non-click there says less
 * about the item. The chapter's update ignores that: an item shown low collects failures it did not earn and its
 * posterior settles near {@code e · μ} instead of {@code μ}. The {@linkplain #positionCorrected position-corrected}
 * variant counts an impression at a position examined with probability {@code e} as {@code e} trials: with
 * {@code c} clicks in {@code n} examination-weighted trials the posterior is
 * {@code Beta(α₀ + c, β₀ + max(0, n − c))}, whose mean {@code c / n} estimates μ without the position's bias
 * ({@code E[c] = μ · n}). The {@code max} keeps β positive when a few lucky clicks low in the slate exceed their
 * weighted trials. At the top ({@code e = 1}) both rules are the chapter's.
 */
public final class ThompsonSampling extends AbstractBanditPolicy {
    private final double alpha0;
    private final double beta0;
    private final BetaPosteriors posteriors;
    private final RandomGenerator rng;
    private final boolean positionCorrected;
    private final double[] clicks;
    private final double[] weightedTrials;

    /** The chapter's policy: a uniform {@code Beta(1, 1)} prior on every arm. */
    public ThompsonSampling(int arms, RandomGenerator rng) {
        this(arms, 1, 1, rng);
    }

    /**
     * @param arms   number of arms, ≥ 1
     * @param alpha0 prior α (pseudo-clicks), &gt; 0
     * @param beta0  prior β (pseudo-non-clicks), &gt; 0
     * @param rng    the source of the posterior draws
     */
    public ThompsonSampling(int arms, double alpha0, double beta0, RandomGenerator rng) {
        this(arms, alpha0, beta0, false, rng);
    }

    private ThompsonSampling(int arms, double alpha0, double beta0, boolean positionCorrected, RandomGenerator rng) {
        super(arms);
        this.alpha0 = Args.positive("alpha0", alpha0);
        this.beta0 = Args.positive("beta0", beta0);
        this.rng = Args.notNull("rng", rng);
        this.posteriors = new BetaPosteriors(arms, alpha0, beta0);
        this.positionCorrected = positionCorrected;
        this.clicks = positionCorrected ? new double[arms] : null;
        this.weightedTrials = positionCorrected ? new double[arms] : null;
    }

    /**
     * Thompson sampling with the uniform prior that counts an impression at a position examined with probability
     * {@code e} as {@code e} trials ({@link #update(int, double, double)}).
     */
    public static ThompsonSampling positionCorrected(int arms, RandomGenerator rng) {
        return new ThompsonSampling(arms, 1, 1, true, rng);
    }

    /** A factory for simulations: {@code ThompsonSampling::new} with the uniform prior. */
    public static Factory factory() {
        return ThompsonSampling::new;
    }

    /** A factory for simulations of {@link #positionCorrected}. */
    public static Factory positionCorrectedFactory() {
        return ThompsonSampling::positionCorrected;
    }

    /** One posterior draw per candidate. */
    @Override
    void score(int[] candidates, double[] scores) {
        posteriors.sample(rng, candidates, scores);
    }

    /** One draw from arm {@code arm}'s posterior {@code Beta(α, β)}. */
    public double sample(int arm) {
        return posteriors.sample(rng, arm);
    }

    /**
     * Adds a reward to {@code arm}'s posterior.
     *
     * @param reward in [0, 1] (1 = click, 0 = no click)
     * @throws IllegalArgumentException if {@code arm} is not an arm or {@code reward} is outside [0, 1]
     */
    @Override
    public void update(int arm, double reward) {
        if (positionCorrected) {
            update(arm, reward, 1);
            return;
        }
        checkArm(arm);
        Args.unit("reward", reward);
        posteriors.observe(arm, posteriors.alpha(arm) + reward, posteriors.beta(arm) + (1 - reward));
    }

    /**
     * Adds a reward earned at a position examined with probability {@code examination}: the chapter's rule (the
     * position ignored) unless this is the {@linkplain #positionCorrected position-corrected} policy, which adds
     * {@code reward} to the clicks and {@code examination} to the weighted trials.
     *
     * @throws IllegalArgumentException if {@code arm} is not an arm, {@code reward} is outside [0, 1] or
     *                                  {@code examination} outside (0, 1]
     */
    @Override
    public void update(int arm, double reward, double examination) {
        if (!(examination > 0 && examination <= 1)) {
            throw Args.fail("examination", examination, "a probability in (0, 1]");
        }
        if (!positionCorrected) {
            update(arm, reward);
            return;
        }
        checkArm(arm);
        Args.unit("reward", reward);
        clicks[arm] += reward;
        weightedTrials[arm] += examination;
        posteriors.observe(arm, alpha0 + clicks[arm], beta0 + Math.max(0, weightedTrials[arm] - clicks[arm]));
    }

    /** Posterior mean {@code α/(α+β)}, standard deviation {@code sqrt(αβ/((α+β)²(α+β+1)))} and trials. */
    @Override
    public ArmStats stats(int arm) {
        return posteriors.stats(checkArm(arm));
    }

    /** The posterior α of {@code arm}. */
    public double alpha(int arm) {
        return posteriors.alpha(checkArm(arm));
    }

    /** The posterior β of {@code arm}. */
    public double beta(int arm) {
        return posteriors.beta(checkArm(arm));
    }

    @Override
    public String name() {
        if (positionCorrected) {
            return "Thompson sampling, position-corrected";
        }
        return alpha0 == 1 && beta0 == 1 ? "Thompson sampling"
                : String.format(Locale.ROOT, "Thompson sampling (Beta(%s, %s) prior)", fmt(alpha0), fmt(beta0));
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
