package org.recsysbook.abtest;

import java.util.random.RandomGenerator;

import org.recsysbook.core.Args;

/**
 * How simulated users turn clicks into the chapter's business metrics: conversions and revenue, time spent,
 * and coming back ("Retention: do users come back?").
 *
 * <p>A visit lasts {@code secondsPerVisit} plus {@code secondsPerClick} per click, each exponentially
 * distributed; a conversion is worth an exponentially distributed amount with mean {@code orderValue};
 * after the visit the user comes back on each later day with probability min(maxReturn, returnBase +
 * returnPerClick·clicks + returnPerConversion·conversions) until their next visit, so a variant that
 * satisfies users brings them back more often.
 *
 * @param conversionRate      the chance that a click converts (a base; a variant may scale it), in [0, 1]
 * @param orderValue          mean revenue of a conversion, ≥ 0
 * @param secondsPerVisit     mean seconds of a visit without clicks, ≥ 0
 * @param secondsPerClick     mean extra seconds per click, ≥ 0
 * @param returnBase          daily return chance after a visit without clicks, in [0, 1]
 * @param returnPerClick      extra return chance per click, ≥ 0
 * @param returnPerConversion extra return chance per conversion, ≥ 0
 * @param maxReturn           cap of the return chance, in [0, 1]
 */
public record Behaviour(double conversionRate, double orderValue, double secondsPerVisit, double secondsPerClick,
                        double returnBase, double returnPerClick, double returnPerConversion, double maxReturn) {

    public Behaviour {
        Args.unit("conversionRate", conversionRate);
        Args.nonNegative("orderValue", orderValue);
        Args.nonNegative("secondsPerVisit", secondsPerVisit);
        Args.nonNegative("secondsPerClick", secondsPerClick);
        Args.unit("returnBase", returnBase);
        Args.nonNegative("returnPerClick", returnPerClick);
        Args.nonNegative("returnPerConversion", returnPerConversion);
        Args.unit("maxReturn", maxReturn);
    }

    /**
     * Defaults: 10 % of clicks convert, $30 per order, 30 s per visit plus 40 s per click, daily return
     * chance 0.08 + 0.02 per click + 0.05 per conversion, at most 0.7.
     */
    public static Behaviour defaults() {
        return new Behaviour(0.10, 30, 30, 40, 0.08, 0.02, 0.05, 0.7);
    }

    /** Draws the visit's duration for {@code clicks} clicks and records it. */
    void spend(int clicks, RandomGenerator rng, Visit visit) {
        double s = secondsPerVisit * rng.nextExponential();
        for (int c = 0; c < clicks; c++) {
            s += secondsPerClick * rng.nextExponential();
        }
        visit.spend(s);
    }

    /** Records a conversion worth an exponential amount with mean {@link #orderValue}. */
    void convert(RandomGenerator rng, Visit visit) {
        visit.convert(orderValue * rng.nextExponential());
    }

    /** Sets the visit's return chance from its clicks and conversions. */
    void setReturn(Visit visit) {
        double p = returnBase + returnPerClick * visit.clicks() + returnPerConversion * visit.conversions();
        visit.returnProbability(Math.min(maxReturn, p));
    }
}
