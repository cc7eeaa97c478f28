package org.recsysbook.abtest;

import org.recsysbook.core.Args;

/**
 * The novelty effect, a pitfall of online experiments: users react to anything new, so a treatment's
 * early lift is partly curiosity that fades with exposure, and a short test overstates the lasting effect.
 *
 * <p>Modelled as an extra relative lift that halves every {@code halfLifeDays} of a user's exposure:
 * extra(t) = initialExtraLift · 2<sup>−t / halfLifeDays</sup>, t = days since the user's first visit.
 * A negative initial value models change aversion instead.
 *
 * @param initialExtraLift the extra relative lift on a user's first day (e.g. 0.3 = +30 %), &gt; −1
 * @param halfLifeDays     days for the extra lift to halve, &gt; 0
 */
public record NoveltyEffect(double initialExtraLift, double halfLifeDays) {
    /** No novelty effect. */
    public static final NoveltyEffect NONE = new NoveltyEffect(0, 1);

    public NoveltyEffect {
        if (!(initialExtraLift > -1) || Double.isInfinite(initialExtraLift)) {
            throw Args.fail("initialExtraLift", initialExtraLift, "a finite number > -1");
        }
        Args.positive("halfLifeDays", halfLifeDays);
    }

    /** The extra relative lift after {@code daysInTest} days of exposure (≥ 0). */
    public double extraLift(int daysInTest) {
        if (daysInTest < 0) {
            throw Args.fail("daysInTest", daysInTest, "≥ 0");
        }
        return initialExtraLift == 0 ? 0 : initialExtraLift * Math.pow(2, -daysInTest / halfLifeDays);
    }
}
