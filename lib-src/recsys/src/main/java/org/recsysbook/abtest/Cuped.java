package org.recsysbook.abtest;

import org.recsysbook.core.Args;

/**
 * CUPED (Controlled-experiment Using Pre-Experiment Data): variance reduction for an online experiment's
 * metric with a covariate measured before the experiment started, so that the chapter's "run for a fixed
 * period" needs fewer users or detects smaller effects.
 *
 * <p>Each user's metric Y is replaced by Y − θ(X − X̄), where X is the same user's pre-experiment value
 * (say last month's sessions) and θ = Cov(X, Y) / Var(X) is estimated on both arms pooled. Because X was
 * fixed before randomisation, the adjustment leaves the difference between arms unbiased while shrinking
 * the variance by the factor 1 − ρ², ρ being the correlation of X and Y. The adjusted values are then
 * compared with {@link WelchTTest}. commons-math has no CUPED; it is written here.
 */
public final class Cuped {
    private Cuped() { }

    /** θ = Cov(X, Y) / Var(X) over the given users; 0 when X does not vary. */
    public static double theta(double[] metric, double[] covariate) {
        check("metric", metric, "covariate", covariate);
        return thetaOf(new double[][] {metric}, new double[][] {covariate});
    }

    /** Y − θ(X − x̄) for each user. */
    public static double[] adjust(double[] metric, double[] covariate, double theta, double covariateMean) {
        check("metric", metric, "covariate", covariate);
        Args.finite("theta", theta);
        Args.finite("covariateMean", covariateMean);
        double[] out = new double[metric.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = metric[i] - theta * (covariate[i] - covariateMean);
        }
        return out;
    }

    /**
     * Compares the arms on CUPED-adjusted values, θ and x̄ estimated on both arms pooled; the reported
     * means are the adjusted ones.
     */
    public static Comparison test(double[] controlMetric, double[] controlCovariate,
                                  double[] treatmentMetric, double[] treatmentCovariate, double alpha) {
        check("controlMetric", controlMetric, "controlCovariate", controlCovariate);
        check("treatmentMetric", treatmentMetric, "treatmentCovariate", treatmentCovariate);
        Args.openUnit("alpha", alpha);
        double theta = thetaOf(new double[][] {controlMetric, treatmentMetric},
                new double[][] {controlCovariate, treatmentCovariate});
        double xSum = 0;
        for (double x : controlCovariate) {
            xSum += x;
        }
        for (double x : treatmentCovariate) {
            xSum += x;
        }
        double xMean = xSum / (controlCovariate.length + treatmentCovariate.length);
        return WelchTTest.test(adjust(controlMetric, controlCovariate, theta, xMean),
                adjust(treatmentMetric, treatmentCovariate, theta, xMean), alpha);
    }

    /** The share of variance CUPED removes, ρ² for the pooled users (1 − Var(adjusted)/Var(Y)). */
    public static double varianceReduction(double[] metric, double[] covariate) {
        check("metric", metric, "covariate", covariate);
        double[] y = WelchTTest.meanAndVariance(metric);
        double[] x = WelchTTest.meanAndVariance(covariate);
        if (y[1] == 0 || x[1] == 0) {
            return 0;
        }
        double cov = covariance(new double[][] {metric}, new double[][] {covariate}, y[0], x[0]);
        return cov * cov / (x[1] * y[1]);
    }

    private static double thetaOf(double[][] ys, double[][] xs) {
        long n = 0;
        double sy = 0;
        double sx = 0;
        for (int a = 0; a < ys.length; a++) {
            for (int i = 0; i < ys[a].length; i++) {
                sy += ys[a][i];
                sx += xs[a][i];
            }
            n += ys[a].length;
        }
        double my = sy / n;
        double mx = sx / n;
        double cov = covariance(ys, xs, my, mx);
        double var = 0;
        for (double[] x : xs) {
            for (double v : x) {
                var += (v - mx) * (v - mx);
            }
        }
        var /= n - 1;
        return var > 0 ? cov / var : 0;
    }

    private static double covariance(double[][] ys, double[][] xs, double my, double mx) {
        double s = 0;
        long n = 0;
        for (int a = 0; a < ys.length; a++) {
            for (int i = 0; i < ys[a].length; i++) {
                s += (ys[a][i] - my) * (xs[a][i] - mx);
            }
            n += ys[a].length;
        }
        return s / (n - 1);
    }

    private static void check(String yName, double[] y, String xName, double[] x) {
        Args.notNull(yName, y);
        Args.notNull(xName, x);
        ArmCounts.size(yName + ".length", y.length, 2);
        Args.sameLength(yName, y.length, xName, x.length);
        Args.allFinite(yName, y);
        Args.allFinite(xName, x);
    }
}
