package org.recsysbook.abtest;

import org.recsysbook.core.Args;
import org.recsysbook.core.Interval;

/**
 * The comparison of a ratio metric such as the chapter's CTR (clicks / impressions) between arms when users,
 * not impressions, were randomised.
 *
 * <p>A user's impressions are not independent (a keen user clicks on many), so treating every impression as
 * a separate trial understates the variance. The delta method gives the variance of R = x̄/ȳ over users
 * (x = a user's clicks, y = a user's impressions):
 * Var(R) ≈ (s<sub>x</sub>² / ȳ² − 2 x̄ s<sub>xy</sub> / ȳ³ + x̄² s<sub>y</sub>² / ȳ⁴) / n, with sample variances and covariance.
 * The arms are then compared with a z-test on R<sub>t</sub> − R<sub>c</sub>, and the lift's interval uses the delta method
 * once more. commons-math has no delta-method test; it is written here.
 */
public final class RatioMetricTest {
    private RatioMetricTest() { }

    /**
     * Compares Σx/Σy between arms, from per-user numerators and denominators (each arm ≥ 2 users,
     * values ≥ 0, denominators summing to more than 0).
     */
    public static Comparison test(double[] controlNumerator, double[] controlDenominator,
                                  double[] treatmentNumerator, double[] treatmentDenominator, double alpha) {
        double[] c = ratioAndVariance("control", controlNumerator, controlDenominator);
        double[] t = ratioAndVariance("treatment", treatmentNumerator, treatmentDenominator);
        Args.openUnit("alpha", alpha);
        double diff = t[0] - c[0];
        double se = Math.sqrt(c[1] + t[1]);
        double z = se > 0 ? diff / se : 0;
        double p = se > 0 ? StandardNormal.twoSidedP(z) : (diff == 0 ? 1 : 0);
        double q = StandardNormal.quantile(1 - alpha / 2);
        double lift = c[0] > 0 ? t[0] / c[0] - 1 : Double.NaN;
        double seLift = Math.sqrt(t[1] / (c[0] * c[0]) + t[0] * t[0] * c[1] / (c[0] * c[0] * c[0] * c[0]));
        return new Comparison(c[0], t[0], diff, Interval.around(diff, q * se, 1 - alpha), lift,
                Interval.around(lift, q * seLift, 1 - alpha), z, p, alpha);
    }

    /** {R = Σx/Σy, delta-method Var(R)} for one arm. */
    public static double[] ratioAndVariance(String arm, double[] numerator, double[] denominator) {
        Args.notNull(arm + "Numerator", numerator);
        Args.notNull(arm + "Denominator", denominator);
        ArmCounts.size(arm + "Numerator.length", numerator.length, 2);
        Args.sameLength(arm + "Numerator", numerator.length, arm + "Denominator", denominator.length);
        Args.allNonNegative(arm + "Numerator", numerator);
        Args.allNonNegative(arm + "Denominator", denominator);
        int n = numerator.length;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            sx += numerator[i];
            sy += denominator[i];
        }
        if (sy <= 0) {
            throw Args.fail("sum of " + arm + "Denominator", sy, "> 0");
        }
        double mx = sx / n;
        double my = sy / n;
        double vxx = 0;
        double vyy = 0;
        double vxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = numerator[i] - mx;
            double dy = denominator[i] - my;
            vxx += dx * dx;
            vyy += dy * dy;
            vxy += dx * dy;
        }
        vxx /= n - 1;
        vyy /= n - 1;
        vxy /= n - 1;
        double r = mx / my;
        double var = (vxx / (my * my) - 2 * mx * vxy / (my * my * my) + mx * mx * vyy / (my * my * my * my)) / n;
        return new double[] {r, Math.max(0, var)};
    }
}
