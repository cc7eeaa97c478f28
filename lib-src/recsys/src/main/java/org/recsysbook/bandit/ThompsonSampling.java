package org.recsysbook.bandit;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Thompson sampling with a Beta prior on each arm's click rate, the seed's
 * {@code ThompsonSamplingBandit}: draw a plausible rate for every candidate from its posterior
 * {@code Beta(α, β)} and pick the highest draws.
 *
 * <p>Starts from {@code Beta(α₀, β₀)} (the seed's {@code Beta(1, 1)}, uniform, by default). A reward
 * {@code r ∈ [0, 1]} adds {@code r} to α and {@code 1 − r} to β; for the seed's click/no-click rewards
 * this is its rule (a click adds 1 to α, no click 1 to β). Draws use {@link BetaSampler} with each arm's
 * Marsaglia–Tsang constants cached and refreshed only when the arm is updated. Ties between draws have
 * probability zero; should they occur, the earlier candidate wins.
 */
public final class ThompsonSampling extends AbstractBanditPolicy {
    private final double alpha0;
    private final double beta0;
    private final double[] alpha;
    private final double[] beta;
    private final long[] trials;
    private final double[] dA;
    private final double[] cA;
    private final double[] dB;
    private final double[] cB;
    private final RandomGenerator rng;

    /** The seed's policy: a uniform {@code Beta(1, 1)} prior on every arm. */
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
        super(arms);
        this.alpha0 = Args.positive("alpha0", alpha0);
        this.beta0 = Args.positive("beta0", beta0);
        this.rng = Args.notNull("rng", rng);
        alpha = new double[arms];
        beta = new double[arms];
        trials = new long[arms];
        dA = new double[arms];
        cA = new double[arms];
        dB = new double[arms];
        cB = new double[arms];
        for (int a = 0; a < arms; a++) {
            alpha[a] = alpha0;
            beta[a] = beta0;
            refresh(a);
        }
    }

    /** A factory for simulations: {@code ThompsonSampling::new} with the uniform prior. */
    public static Factory factory() {
        return ThompsonSampling::new;
    }

    @Override
    public int[] select(int[] candidates, int nSelect) {
        checkCandidates(candidates, nSelect);
        int m = candidates.length;
        double[] s = scores(m);
        for (int j = 0; j < m; j++) {
            s[j] = sample(candidates[j]);
        }
        return topN(candidates, s, nSelect);
    }

    /** One draw from arm {@code arm}'s posterior {@code Beta(α, β)}. */
    public double sample(int arm) {
        double x = dA[arm] > 0 ? BetaSampler.gammaMarsagliaTsang(rng, dA[arm], cA[arm])
                : Math.exp(BetaSampler.logGamma(rng, alpha[arm]));
        double y = dB[arm] > 0 ? BetaSampler.gammaMarsagliaTsang(rng, dB[arm], cB[arm])
                : Math.exp(BetaSampler.logGamma(rng, beta[arm]));
        double sum = x + y;
        return sum > 0 ? x / sum : BetaSampler.beta(rng, alpha[arm], beta[arm]);
    }

    /**
     * Adds a reward to {@code arm}'s posterior.
     *
     * @param reward in [0, 1] (1 = click, 0 = no click)
     * @throws IllegalArgumentException if {@code arm} is not an arm or {@code reward} is outside [0, 1]
     */
    @Override
    public void update(int arm, double reward) {
        checkArm(arm);
        Args.unit("reward", reward);
        alpha[arm] += reward;
        beta[arm] += 1 - reward;
        trials[arm]++;
        refresh(arm);
    }

    private void refresh(int a) {
        dA[a] = alpha[a] >= 1 ? alpha[a] - 1.0 / 3 : 0;
        cA[a] = alpha[a] >= 1 ? 1 / Math.sqrt(9 * alpha[a] - 3) : 0;
        dB[a] = beta[a] >= 1 ? beta[a] - 1.0 / 3 : 0;
        cB[a] = beta[a] >= 1 ? 1 / Math.sqrt(9 * beta[a] - 3) : 0;
    }

    /** Posterior mean {@code α/(α+β)}, standard deviation {@code sqrt(αβ/((α+β)²(α+β+1)))} and trials. */
    @Override
    public ArmStats stats(int arm) {
        checkArm(arm);
        return betaStats(alpha[arm], beta[arm], trials[arm]);
    }

    static ArmStats betaStats(double a, double b, long trials) {
        double s = a + b;
        return new ArmStats(a / s, Math.sqrt(a * b / (s * s * (s + 1))), trials);
    }

    /** The posterior α of {@code arm}. */
    public double alpha(int arm) {
        return alpha[checkArm(arm)];
    }

    /** The posterior β of {@code arm}. */
    public double beta(int arm) {
        return beta[checkArm(arm)];
    }

    @Override
    public String name() {
        return alpha0 == 1 && beta0 == 1 ? "Thompson sampling"
                : String.format(Locale.ROOT, "Thompson sampling (Beta(%s, %s) prior)", fmt(alpha0), fmt(beta0));
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
