package org.recsysbook.abtest;

import org.recsysbook.core.Args;

/**
 * O'Brien–Fleming group-sequential boundaries, the other cure for peeking: when the number of looks is
 * fixed in advance, each look gets its own critical value, very strict early and close to the usual 1.96 at
 * the end, so that the chance of crossing at any look is α.
 *
 * <p>With K equally spaced looks, look k (1 … K) rejects when |Z<sub>k</sub>| ≥ C·√(K/k). In terms of the running
 * sum S<sub>k</sub> = Z<sub>k</sub>√k of k independent N(0, 1) increments the boundary is the constant C√K, and C is chosen so
 * that P(max<sub>k</sub> |S<sub>k</sub>| ≥ C√K) = α under the null hypothesis. That probability is computed by the recursive
 * numerical integration of Armitage, McPherson and Rowe (1969): the density of S<sub>k</sub> among the paths not yet
 * stopped is carried from look to look on a grid (trapezoid rule over the continuation region), and C is
 * found by bisection. commons-math has no group-sequential designs; this is written here, with its normal
 * density and distribution.
 */
public final class OBrienFleming {
    private static final double GRID_STEP = 0.02;

    private final int looks;
    private final double alpha;
    private final double constant;

    /**
     * @param looks the planned number of equally spaced looks, 1 … 100
     * @param alpha the overall two-sided level, 0 &lt; α &lt; 1
     */
    public OBrienFleming(int looks, double alpha) {
        if (looks < 1 || looks > 100) {
            throw Args.fail("looks", looks, "in [1, 100]");
        }
        this.looks = looks;
        this.alpha = Args.openUnit("alpha", alpha);
        this.constant = constant(looks, alpha);
    }

    /** The constant C<sub>B</sub>(K, α): look k's critical value is C·√(K/k). */
    public static double constant(int looks, double alpha) {
        if (looks < 1 || looks > 100) {
            throw Args.fail("looks", looks, "in [1, 100]");
        }
        Args.openUnit("alpha", alpha);
        if (looks == 1) {
            return StandardNormal.quantile(1 - alpha / 2);
        }
        double lo = StandardNormal.quantile(1 - alpha / 2);   // one look needs this; more looks need more
        double hi = lo + 2;
        for (int i = 0; i < 60 && hi - lo > 1e-7; i++) {
            double mid = 0.5 * (lo + hi);
            if (crossingProbability(looks, mid * Math.sqrt(looks)) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * P(max<sub>k ≤ K</sub> |S<sub>k</sub>| ≥ b) for a sum of K independent standard normal increments, by recursive
     * integration on a grid of step {@value #GRID_STEP} over (−b, b).
     */
    static double crossingProbability(int looks, double b) {
        int n = (int) Math.ceil(2 * b / GRID_STEP);
        double h = 2 * b / n;
        double[] x = new double[n + 1];
        double[] f = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            x[i] = -b + i * h;
            f[i] = phi(x[i]);
        }
        double[] kernel = new double[2 * n + 1];   // φ((i − j)h) for i − j in −n … n
        for (int d = -n; d <= n; d++) {
            kernel[d + n] = phi(d * h);
        }
        double[] g = new double[n + 1];
        for (int k = 2; k <= looks; k++) {
            for (int i = 0; i <= n; i++) {
                double s = 0.5 * (f[0] * kernel[i + n] + f[n] * kernel[i]);
                for (int j = 1; j < n; j++) {
                    s += f[j] * kernel[i - j + n];
                }
                g[i] = s * h;
            }
            double[] t = f;
            f = g;
            g = t;
        }
        double stay = 0.5 * (f[0] + f[n]);
        for (int i = 1; i < n; i++) {
            stay += f[i];
        }
        return 1 - stay * h;
    }

    private static double phi(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /** The critical |z| at look {@code look} (1 … looks): C·√(K/k). */
    public double boundary(int look) {
        if (look < 1 || look > looks) {
            throw Args.fail("look", look, "in [1, " + looks + "]");
        }
        return constant * Math.sqrt((double) looks / look);
    }

    /** Whether a z statistic at look {@code look} crosses the boundary. */
    public boolean crosses(int look, double z) {
        return Math.abs(Args.finite("z", z)) >= boundary(look);
    }

    public int looks() {
        return looks;
    }

    public double alpha() {
        return alpha;
    }

    /** C<sub>B</sub>(K, α). */
    public double constant() {
        return constant;
    }
}
