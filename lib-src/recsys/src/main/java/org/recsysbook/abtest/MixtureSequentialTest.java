package org.recsysbook.abtest;

import org.recsysbook.core.Args;
import org.recsysbook.core.Interval;

/**
 * The mixture sequential probability ratio test (mSPRT), a test that may be looked at every day without
 * inflating its false-positive rate: the cure for peeking, one of the pitfalls of the chapter's fixed-period
 * experiment.
 *
 * <p>At each look the estimated difference θ̂ (treatment − control) has variance V. The test compares the
 * likelihood of θ̂ under "the true difference is θ, with θ drawn from a normal N(0, τ²) prior" with its
 * likelihood under "θ = 0":
 * <pre>
 *   Λ = √(V / (V + τ²)) · exp( τ² θ̂² / (2 V (V + τ²)) )
 * </pre>
 * Under the null hypothesis Λ is a martingale, so by Ville's inequality the chance it ever exceeds 1/α,
 * however often one looks, is at most α. The always-valid p-value is p = min(1, min over looks of 1/Λ); the
 * test rejects once p ≤ α. τ is the effect size the test is tuned to find (in the metric's units); the
 * guarantee holds for any τ, and a τ near the expected effect gives the most power. This follows Johari,
 * Pekelis and Walsh, "Always valid inference" (2017), with V estimated from the data at each look (a normal
 * approximation, accurate for the thousands of users per arm of an online test). commons-math has no
 * sequential tests, so it is written here.
 *
 * <p>An instance follows one experiment's looks; it is not thread-safe.
 */
public final class MixtureSequentialTest {
    private final double alpha;
    private final double tau2;
    private double pValue = 1.0;
    private int looks;

    /**
     * @param alpha the level, 0 &lt; α &lt; 1
     * @param tau   the prior's standard deviation of the effect, &gt; 0, in the metric's units
     */
    public MixtureSequentialTest(double alpha, double tau) {
        this.alpha = Args.openUnit("alpha", alpha);
        this.tau2 = Args.positive("tau", tau) * tau;
    }

    /** The mixture likelihood ratio Λ for an estimate θ̂ with variance V &gt; 0 and a prior variance τ². */
    public static double likelihoodRatio(double difference, double variance, double tau2) {
        Args.finite("difference", difference);
        Args.positive("variance", variance);
        Args.positive("tau2", tau2);
        double s = variance + tau2;
        return Math.sqrt(variance / s) * Math.exp(tau2 * difference * difference / (2 * variance * s));
    }

    /**
     * Takes one look: the current difference and its variance (e.g. p̂<sub>c</sub>(1−p̂<sub>c</sub>)/n<sub>c</sub> + p̂<sub>t</sub>(1−p̂<sub>t</sub>)/n<sub>t</sub>).
     * A variance of 0 (no data, or no variation yet) leaves the p-value as it was.
     *
     * @return the always-valid p-value after this look
     */
    public double look(double difference, double variance) {
        Args.finite("difference", difference);
        Args.nonNegative("variance", variance);
        looks++;
        if (variance > 0) {
            double lambda = likelihoodRatio(difference, variance, tau2);
            pValue = Math.min(pValue, 1 / lambda);
        }
        return pValue;
    }

    /** Takes one look at two proportions (successes and trials per arm), using the unpooled variance. */
    public double lookProportions(long controlSuccesses, long controlTrials, long treatmentSuccesses, long treatmentTrials) {
        ArmCounts.proportions(controlSuccesses, controlTrials, treatmentSuccesses, treatmentTrials);
        double pc = (double) controlSuccesses / controlTrials;
        double pt = (double) treatmentSuccesses / treatmentTrials;
        return look(pt - pc, pc * (1 - pc) / controlTrials + pt * (1 - pt) / treatmentTrials);
    }

    /**
     * The always-valid (1 − α) confidence interval of the difference at one look: the θ for which the
     * shifted ratio stays below 1/α, θ̂ ± √( V(V + τ²)/τ² · (2 ln(1/α) + ln((V + τ²)/V)) ).
     */
    public Interval confidenceInterval(double difference, double variance) {
        Args.finite("difference", difference);
        Args.positive("variance", variance);
        double s = variance + tau2;
        double half = Math.sqrt(variance * s / tau2 * (2 * Math.log(1 / alpha) + Math.log(s / variance)));
        return Interval.around(difference, half, 1 - alpha);
    }

    /** The always-valid p-value so far (1 before any look). */
    public double pValue() {
        return pValue;
    }

    /** Whether the test has rejected "no difference" at any look so far. */
    public boolean rejected() {
        return pValue <= alpha;
    }

    public int looks() {
        return looks;
    }

    public double alpha() {
        return alpha;
    }

    public double tau() {
        return Math.sqrt(tau2);
    }
}
