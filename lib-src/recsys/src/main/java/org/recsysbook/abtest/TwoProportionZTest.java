package org.recsysbook.abtest;

import org.recsysbook.core.Args;
import org.recsysbook.core.Interval;

/**
 * The two-proportion z-test, the chapter's step 4 ("use statistical tests to determine if the difference
 * is significant") for rate metrics such as conversion rate or retention.
 *
 * <p>The test statistic uses the <b>pooled</b> proportion p̄ = (x<sub>c</sub> + x<sub>t</sub>) / (n<sub>c</sub> + n<sub>t</sub>),
 * the variance under the null hypothesis of equal rates:
 * z = (p̂<sub>t</sub> − p̂<sub>c</sub>) / √(p̄(1 − p̄)(1/n<sub>c</sub> + 1/n<sub>t</sub>)); the p-value is two-sided.
 * This is the default of statsmodels' {@code proportions_ztest}. The confidence interval of the
 * difference uses the <b>unpooled</b> (Wald) standard error √(p̂<sub>c</sub>(1 − p̂<sub>c</sub>)/n<sub>c</sub> + p̂<sub>t</sub>(1 − p̂<sub>t</sub>)/n<sub>t</sub>),
 * since away from the null the two rates differ. The interval of the relative lift p̂<sub>t</sub>/p̂<sub>c</sub> − 1
 * comes from the delta method: Var(p̂<sub>t</sub>/p̂<sub>c</sub>) ≈ Var(p̂<sub>t</sub>)/p̂<sub>c</sub>² + p̂<sub>t</sub>² Var(p̂<sub>c</sub>)/p̂<sub>c</sub>⁴.
 *
 * <p>commons-math has no two-proportion test, so the statistic and the intervals are written here; the
 * normal distribution is commons-math's.
 */
public final class TwoProportionZTest {
    private TwoProportionZTest() { }

    /**
     * Compares the treatment's rate with the control's.
     *
     * @param controlSuccesses   successes in control (0 ≤ x ≤ trials)
     * @param controlTrials      trials (users, impressions) in control, ≥ 1
     * @param treatmentSuccesses successes in treatment
     * @param treatmentTrials    trials in treatment, ≥ 1
     * @param alpha              significance level, 0 &lt; α &lt; 1; intervals are (1 − α)
     */
    public static Comparison test(long controlSuccesses, long controlTrials,
                                  long treatmentSuccesses, long treatmentTrials, double alpha) {
        ArmCounts.proportions(controlSuccesses, controlTrials, treatmentSuccesses, treatmentTrials);
        Args.openUnit("alpha", alpha);

        double nc = controlTrials;
        double nt = treatmentTrials;
        double pc = controlSuccesses / nc;
        double pt = treatmentSuccesses / nt;
        double diff = pt - pc;
        double pooled = (controlSuccesses + treatmentSuccesses) / (nc + nt);
        double sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / nc + 1 / nt));
        double z = sePooled > 0 ? diff / sePooled : 0.0;
        double p = sePooled > 0 ? StandardNormal.twoSidedP(z) : 1.0;

        double q = StandardNormal.quantile(1 - alpha / 2);
        double varC = pc * (1 - pc) / nc;
        double varT = pt * (1 - pt) / nt;
        Interval diffCi = Interval.around(diff, q * Math.sqrt(varC + varT), 1 - alpha);

        double lift = pc > 0 ? pt / pc - 1 : Double.NaN;
        double seLift = pc > 0 ? Math.sqrt(varT / (pc * pc) + pt * pt * varC / (pc * pc * pc * pc)) : Double.NaN;
        Interval liftCi = Interval.around(lift, q * seLift, 1 - alpha);
        return new Comparison(pc, pt, diff, diffCi, lift, liftCi, z, p, alpha);
    }
}
