package org.recsysbook.abtest;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.TTest;
import org.recsysbook.core.Args;
import org.recsysbook.core.Interval;

/**
 * Welch's unequal-variance t-test, the chapter's step 4 for continuous metrics such as session duration
 * and revenue per user.
 *
 * <p>t = (x̄<sub>t</sub> − x̄<sub>c</sub>) / √(s<sub>c</sub>²/n<sub>c</sub> + s<sub>t</sub>²/n<sub>t</sub>) with the Welch–Satterthwaite degrees of freedom
 * ν = (s<sub>c</sub>²/n<sub>c</sub> + s<sub>t</sub>²/n<sub>t</sub>)² / ((s<sub>c</sub>²/n<sub>c</sub>)²/(n<sub>c</sub> − 1) + (s<sub>t</sub>²/n<sub>t</sub>)²/(n<sub>t</sub> − 1)).
 * The p-value is commons-math's {@link TTest#tTest(org.apache.commons.math3.stat.descriptive.StatisticalSummary,
 * org.apache.commons.math3.stat.descriptive.StatisticalSummary)}; commons-math does not expose ν or an
 * interval, so those are written here (the interval with commons-math's {@link TDistribution}). The relative
 * lift's interval is the delta method's, Var(x̄<sub>t</sub>/x̄<sub>c</sub>) ≈ Var(x̄<sub>t</sub>)/x̄<sub>c</sub>² + x̄<sub>t</sub>² Var(x̄<sub>c</sub>)/x̄<sub>c</sub>⁴, with a normal quantile.
 */
public final class WelchTTest {
    private static final TTest T_TEST = new TTest();

    private WelchTTest() { }

    /** Compares two samples (per-user values of one metric); each needs at least 2 values. */
    public static Comparison test(double[] control, double[] treatment, double alpha) {
        Args.notNull("control", control);
        Args.notNull("treatment", treatment);
        ArmCounts.size("control.length", control.length, 2);
        ArmCounts.size("treatment.length", treatment.length, 2);
        Args.allFinite("control", control);
        Args.allFinite("treatment", treatment);
        double[] c = meanAndVariance(control);
        double[] t = meanAndVariance(treatment);
        return test(control.length, c[0], c[1], treatment.length, t[0], t[1], alpha);
    }

    /**
     * Compares two arms from their summaries: sizes (≥ 2), means and sample variances (≥ 0, with n − 1 in
     * the denominator).
     */
    public static Comparison test(long controlN, double controlMean, double controlVariance,
                                  long treatmentN, double treatmentMean, double treatmentVariance, double alpha) {
        ArmCounts.size("controlN", controlN, 2);
        ArmCounts.size("treatmentN", treatmentN, 2);
        Args.finite("controlMean", controlMean);
        Args.finite("treatmentMean", treatmentMean);
        Args.nonNegative("controlVariance", controlVariance);
        Args.nonNegative("treatmentVariance", treatmentVariance);
        Args.openUnit("alpha", alpha);

        double vc = controlVariance / controlN;
        double vt = treatmentVariance / treatmentN;
        double se = Math.sqrt(vc + vt);
        double diff = treatmentMean - controlMean;
        double t;
        double p;
        double df;
        if (se > 0) {
            t = diff / se;
            df = welchSatterthwaite(controlN, vc, treatmentN, vt);
            p = T_TEST.tTest(summary(controlN, controlMean, controlVariance),
                    summary(treatmentN, treatmentMean, treatmentVariance));
        } else {
            t = diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
            df = controlN + treatmentN - 2;
            p = diff == 0 ? 1 : 0;
        }
        double q = new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2);
        Interval diffCi = Interval.around(diff, q * se, 1 - alpha);

        double lift = controlMean != 0 ? treatmentMean / controlMean - 1 : Double.NaN;
        double m2 = controlMean * controlMean;
        double seLift = Math.sqrt(vt / m2 + treatmentMean * treatmentMean * vc / (m2 * m2));
        Interval liftCi = Interval.around(lift, StandardNormal.quantile(1 - alpha / 2) * seLift, 1 - alpha);
        return new Comparison(controlMean, treatmentMean, diff, diffCi, lift, liftCi, t, p, alpha);
    }

    /** Welch–Satterthwaite degrees of freedom of two arms' summaries. */
    public static double degreesOfFreedom(long controlN, double controlVariance, long treatmentN, double treatmentVariance) {
        ArmCounts.size("controlN", controlN, 2);
        ArmCounts.size("treatmentN", treatmentN, 2);
        Args.nonNegative("controlVariance", controlVariance);
        Args.nonNegative("treatmentVariance", treatmentVariance);
        return welchSatterthwaite(controlN, controlVariance / controlN, treatmentN, treatmentVariance / treatmentN);
    }

    /** ν from the arms' sizes and the variances of their means, {@code vc = s_c²/n_c} and {@code vt = s_t²/n_t}. */
    private static double welchSatterthwaite(long controlN, double vc, long treatmentN, double vt) {
        return (vc + vt) * (vc + vt) / (vc * vc / (controlN - 1) + vt * vt / (treatmentN - 1));
    }

    /** {mean, sample variance} by Welford's update, stable for large values. */
    static double[] meanAndVariance(double[] x) {
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean;
            mean += d / (i + 1);
            m2 += d * (x[i] - mean);
        }
        return new double[] {mean, x.length > 1 ? m2 / (x.length - 1) : 0};
    }

    private static StatisticalSummaryValues summary(long n, double mean, double variance) {
        return new StatisticalSummaryValues(mean, variance, n, Double.NaN, Double.NaN, mean * n);
    }
}
