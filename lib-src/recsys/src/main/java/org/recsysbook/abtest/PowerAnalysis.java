package org.recsysbook.abtest;

import org.recsysbook.core.Args;

/**
 * Power and sample size for comparing a conversion-type rate between two equal arms, the planning step
 * behind the chapter's "run both systems simultaneously for a fixed period": how many users each arm needs
 * before the test can see a given minimum detectable effect (MDE).
 *
 * <p>The per-arm sample size for a baseline rate p, an absolute MDE δ, a two-sided level α and a power
 * 1 − β is
 * <pre>
 *   n = ( z<sub>1−α/2</sub> √(2 p(1 − p)) + z<sub>1−β</sub> √(p(1 − p) + (p + δ)(1 − p − δ)) )² / δ²
 * </pre>
 * rounded up: the null hypothesis' standard deviation uses the baseline rate in both arms, the
 * alternative's uses p and p + δ. For p = 0.10, δ = 0.02, α = 0.05 and power 0.8 it gives 3,623 per arm,
 * the figure of the widely used online calculators. Two other common formulas give different counts for the
 * same inputs: the one with the unpooled variance under both hypotheses, (z<sub>1−α/2</sub> + z<sub>1−β</sub>)²
 * (p(1−p) + (p+δ)(1−p−δ)) / δ², gives 3,838, and the one with the pooled rate p + δ/2 under the null gives
 * 3,841; so quote the formula with the number.
 *
 * <p>commons-math has no power analysis; the formula is written here with its normal distribution.
 */
public final class PowerAnalysis {
    private PowerAnalysis() { }

    /** Users per arm needed to detect an absolute lift δ from a baseline rate p (see the class comment). */
    public static long sampleSizePerArm(double baselineRate, double minimumDetectableEffect, double alpha, double power) {
        check(baselineRate, minimumDetectableEffect, alpha);
        Args.openUnit("power", power);
        double[] sd = sds(baselineRate, minimumDetectableEffect);
        double a = StandardNormal.quantile(1 - alpha / 2) * sd[0] + StandardNormal.quantile(power) * sd[1];
        return (long) Math.ceil(a * a / (minimumDetectableEffect * minimumDetectableEffect));
    }

    /** The power of the two-sided test with n users per arm: Φ((δ√n − z<sub>1−α/2</sub> σ₀) / σ₁), the same formula solved for the power. */
    public static double power(double baselineRate, double minimumDetectableEffect, double alpha, long usersPerArm) {
        check(baselineRate, minimumDetectableEffect, alpha);
        ArmCounts.size("usersPerArm", usersPerArm, 1);
        double[] sd = sds(baselineRate, minimumDetectableEffect);
        double zb = (minimumDetectableEffect * Math.sqrt(usersPerArm) - StandardNormal.quantile(1 - alpha / 2) * sd[0]) / sd[1];
        return StandardNormal.cdf(zb);
    }

    /**
     * The smallest absolute lift that n users per arm detect with the given power, found by bisection on
     * {@link #power} (which grows with δ); NaN when even δ = 1 − p is not detected.
     */
    public static double minimumDetectableEffect(double baselineRate, double alpha, double power, long usersPerArm) {
        Args.openUnit("baselineRate", baselineRate);
        Args.openUnit("alpha", alpha);
        Args.openUnit("power", power);
        ArmCounts.size("usersPerArm", usersPerArm, 1);
        double lo = 0;
        double hi = 1 - baselineRate;
        if (power(baselineRate, hi * (1 - 1e-12), alpha, usersPerArm) < power) {
            return Double.NaN;
        }
        for (int i = 0; i < 100 && hi - lo > 1e-12; i++) {
            double mid = 0.5 * (lo + hi);
            if (power(baselineRate, mid, alpha, usersPerArm) >= power) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static void check(double p, double delta, double alpha) {
        Args.openUnit("baselineRate", p);
        if (!(delta > 0 && p + delta < 1)) {
            throw Args.fail("minimumDetectableEffect", delta, "in (0, 1 − baselineRate) = (0, " + (1 - p) + ")");
        }
        Args.openUnit("alpha", alpha);
    }

    private static double[] sds(double p, double delta) {
        double p2 = p + delta;
        return new double[] {Math.sqrt(2 * p * (1 - p)), Math.sqrt(p * (1 - p) + p2 * (1 - p2))};
    }
}
