package org.recsysbook.abtest;

import org.apache.commons.math3.distribution.NormalDistribution;

/** The standard normal distribution of commons-math, built once without a random generator (it only evaluates). */
final class StandardNormal {
    static final NormalDistribution N = new NormalDistribution(null, 0, 1, 1e-12);

    private StandardNormal() { }

    /** Φ(x). */
    static double cdf(double x) {
        return N.cumulativeProbability(x);
    }

    /** Φ⁻¹(p). */
    static double quantile(double p) {
        return N.inverseCumulativeProbability(p);
    }

    /** The two-sided p-value of a z statistic, 2·(1 − Φ(|z|)), computed from the lower tail to keep precision. */
    static double twoSidedP(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return Math.min(1.0, 2 * N.cumulativeProbability(-Math.abs(z)));
    }
}
