package org.recsysbook.abtest;

import java.util.Locale;

import org.recsysbook.core.Interval;

/**
 * The comparison of one metric between control and treatment: both estimates, the difference
 * (treatment − control) with its confidence interval, the relative lift (treatment / control − 1) with
 * its interval, the test statistic and the two-sided p-value, step 4 of the chapter's "How It Works".
 *
 * @param control      the control arm's estimate (a rate or a mean)
 * @param treatment    the treatment arm's estimate
 * @param difference   treatment − control
 * @param differenceCi the (1 − α) confidence interval of the difference
 * @param lift         treatment / control − 1 (NaN when control is 0)
 * @param liftCi       the (1 − α) confidence interval of the lift, by the delta method
 * @param statistic    the test statistic (z or t)
 * @param pValue       the two-sided p-value
 * @param alpha        the significance level the intervals and {@link #decision()} use
 */
public record Comparison(double control, double treatment, double difference, Interval differenceCi,
                         double lift, Interval liftCi, double statistic, double pValue, double alpha) {

    /** Whether the difference is significant at level α ({@code pValue < alpha}). */
    public boolean significant() {
        return pValue < alpha;
    }

    /** "treatment wins", "control wins" or "inconclusive", for a metric where higher is better. */
    public String decision() {
        if (!significant()) {
            return "inconclusive";
        }
        return difference > 0 ? "treatment wins" : "control wins";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "control=%.6g treatment=%.6g diff=%.6g CI[%.6g, %.6g] lift=%.4f%% CI[%.4f%%, %.4f%%] stat=%.4f "
                        + "p=%.4g → %s",
                control, treatment, difference, differenceCi.lower(), differenceCi.upper(), 100 * lift,
                100 * liftCi.lower(), 100 * liftCi.upper(),
                statistic, pValue, decision());
    }
}
