package org.recsysbook.abtest;

import org.recsysbook.core.Args;
import org.recsysbook.core.Interval;

/**
 * The stratified (post-stratified) difference of a rate between treatment and control, the cure for Simpson's
 * paradox in an experiment whose arms hold different shares of the segments (a ramp-up that gives the treatment
 * more of the traffic in some weeks than in others, a platform that enrolled one arm later).
 *
 * <p>Within segment s the difference d<sub>s</sub> = p̂<sub>t,s</sub> − p̂<sub>c,s</sub> is a fair comparison; the
 * segments are then weighted by their share of all users, w<sub>s</sub> = (n<sub>c,s</sub> + n<sub>t,s</sub>) / N,
 * so that both arms are compared on the same mix: d = Σ w<sub>s</sub> d<sub>s</sub>, with variance
 * Σ w<sub>s</sub>² (p̂<sub>t,s</sub>(1 − p̂<sub>t,s</sub>)/n<sub>t,s</sub> + p̂<sub>c,s</sub>(1 − p̂<sub>c,s</sub>)/n<sub>c,s</sub>).
 * The pooled comparison instead weights each arm's segments by that arm's own mix, and when the mixes differ and
 * the segments' base rates differ it can reverse the sign of every segment's difference. The lift is
 * d / Σ w<sub>s</sub> p̂<sub>c,s</sub>, its interval from the difference's (the control's standardised rate taken as
 * known). The z statistic is d over its standard error, the p-value two-sided. No library offers this for counts,
 * so it is written here.
 */
public final class StratifiedEstimate {
    private StratifiedEstimate() { }

    /**
     * The stratified comparison from per-segment counts, one entry per segment in each array.
     *
     * @param controlUsers        users of each segment in control (≥ 1 each)
     * @param controlSuccesses    of them, those who converted (0 ≤ x ≤ users)
     * @param treatmentUsers      users of each segment in treatment (≥ 1 each)
     * @param treatmentSuccesses  of them, those who converted
     * @param alpha               the level of the intervals, 0 &lt; α &lt; 1
     */
    public static Comparison test(long[] controlUsers, long[] controlSuccesses, long[] treatmentUsers,
                                  long[] treatmentSuccesses, double alpha) {
        Args.notNull("controlUsers", controlUsers);
        Args.notNull("controlSuccesses", controlSuccesses);
        Args.notNull("treatmentUsers", treatmentUsers);
        Args.notNull("treatmentSuccesses", treatmentSuccesses);
        int k = controlUsers.length;
        if (k == 0) {
            throw Args.fail("controlUsers.length", 0, "at least 1 (one entry per segment)");
        }
        Args.sameLength("controlUsers", k, "controlSuccesses", controlSuccesses.length);
        Args.sameLength("controlUsers", k, "treatmentUsers", treatmentUsers.length);
        Args.sameLength("controlUsers", k, "treatmentSuccesses", treatmentSuccesses.length);
        Args.openUnit("alpha", alpha);
        double total = 0;
        for (int s = 0; s < k; s++) {
            counts("control", s, controlUsers[s], controlSuccesses[s]);
            counts("treatment", s, treatmentUsers[s], treatmentSuccesses[s]);
            total += controlUsers[s] + treatmentUsers[s];
        }
        double diff = 0;
        double var = 0;
        double control = 0;
        double treatment = 0;
        for (int s = 0; s < k; s++) {
            double w = (controlUsers[s] + treatmentUsers[s]) / total;
            double pc = (double) controlSuccesses[s] / controlUsers[s];
            double pt = (double) treatmentSuccesses[s] / treatmentUsers[s];
            diff += w * (pt - pc);
            control += w * pc;
            treatment += w * pt;
            var += w * w * (pt * (1 - pt) / treatmentUsers[s] + pc * (1 - pc) / controlUsers[s]);
        }
        double se = Math.sqrt(var);
        double q = StandardNormal.quantile(1 - alpha / 2);
        double z = se > 0 ? diff / se : (diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff));
        double p = se > 0 ? StandardNormal.twoSidedP(z) : (diff == 0 ? 1 : 0);
        double lift = control != 0 ? diff / control : Double.NaN;
        Interval liftCi = control != 0 ? Interval.around(lift, q * se / control, 1 - alpha) : Interval.none(1 - alpha);
        return new Comparison(control, treatment, diff, Interval.around(diff, q * se, 1 - alpha), lift, liftCi, z, p,
                alpha);
    }

    private static void counts(String arm, int s, long users, long successes) {
        if (users < 1) {
            throw Args.fail(arm + "Users[" + s + "]", users, "≥ 1 (every segment needs users in both arms)");
        }
        if (successes < 0 || successes > users) {
            throw Args.fail(arm + "Successes[" + s + "]", successes, "in [0, " + arm + "Users[" + s + "]] = [0, "
                    + users + "]");
        }
    }
}
