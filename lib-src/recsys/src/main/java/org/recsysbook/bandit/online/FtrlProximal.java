package org.recsysbook.bandit.online;

import org.recsysbook.core.Args;

/**
 * Logistic regression trained online by FTRL-Proximal ("Follow The Regularized Leader", McMahan et al., "Ad Click
 * Prediction: a View from the Trenches", KDD 2013): the model the chapter's "online learning continuously updates
 * models from fresh interactions" asks for, one example at a time, with per-coordinate learning rates and an L1
 * penalty that sets weights to exactly zero.
 *
 * <p>For each feature {@code i} the learner keeps {@code z_i} (the accumulated gradients, shifted so that the
 * proximal term is centred on the current weight) and {@code n_i} (the sum of squared gradients). The weight is
 * computed from them when needed:
 * <pre>
 *   w_i = 0                                                       if |z_i| ≤ λ₁
 *   w_i = −(z_i − sign(z_i)·λ₁) / ((β + √n_i) / α + λ₂)           otherwise
 * </pre>
 * An example {@code (x, y)} with prediction {@code p = σ(w·x)} has the log-loss gradient {@code g_i = (p − y)·x_i};
 * with {@code σ_i = (√(n_i + g_i²) − √n_i) / α} the update is {@code z_i += g_i − σ_i·w_i}, {@code n_i += g_i²}.
 * The learning rate of feature {@code i} is {@code α / (β + √n_i)}: features seen often move slowly, rare ones fast.
 * Written from the paper's equations; no code taken from elsewhere.
 *
 * <p>Examples are sparse: the indices of their non-zero features and, optionally, the values (binary features
 * have value 1). A weighted update multiplies the gradient by the example's weight. Not thread-safe.
 */
public final class FtrlProximal {
    private final int dimension;
    private final double alpha;
    private final double beta;
    private final double l1;
    private final double l2;
    private final double[] z;
    private final double[] n;
    private long updates;

    /**
     * @param dimension number of features, ≥ 1
     * @param alpha     learning-rate scale α, &gt; 0
     * @param beta      learning-rate smoothing β, ≥ 0
     * @param l1        L1 strength λ₁, ≥ 0
     * @param l2        L2 strength λ₂, ≥ 0
     */
    public FtrlProximal(int dimension, double alpha, double beta, double l1, double l2) {
        this.dimension = Args.atLeast("dimension", dimension, 1);
        this.alpha = Args.positive("alpha", alpha);
        this.beta = nonNegative("beta", beta);
        this.l1 = nonNegative("l1", l1);
        this.l2 = nonNegative("l2", l2);
        this.z = new double[dimension];
        this.n = new double[dimension];
    }

    private static double nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw Args.fail(name, v, "a finite number ≥ 0");
        }
        return v;
    }

    /** The number of features. */
    public int dimension() {
        return dimension;
    }

    /** How many examples the learner was updated with. */
    public long updates() {
        return updates;
    }

    /** The weight of feature {@code i} now (0 exactly while {@code |z_i| ≤ λ₁}). */
    public double weight(int i) {
        Args.index("i", i, dimension, "features");
        return w(i);
    }

    private double w(int i) {
        double zi = z[i];
        if (Math.abs(zi) <= l1) {
            return 0;
        }
        return -(zi - Math.signum(zi) * l1) / ((beta + Math.sqrt(n[i])) / alpha + l2);
    }

    /** All weights now. */
    public double[] weights() {
        double[] out = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            out[i] = w(i);
        }
        return out;
    }

    /** How many weights are exactly zero. */
    public int zeroWeights() {
        int c = 0;
        for (int i = 0; i < dimension; i++) {
            if (w(i) == 0) {
                c++;
            }
        }
        return c;
    }

    /** The predicted click probability {@code σ(w·x)} of a binary example (its active features' indices). */
    public double predict(int[] features) {
        return sigmoid(margin(features, null));
    }

    /**
     * The predicted click probability of a sparse example.
     *
     * @param values the feature values, parallel to {@code features}; null for binary features (all 1)
     */
    public double predict(int[] features, double[] values) {
        return sigmoid(margin(features, values));
    }

    /** Learns from a binary example with label {@code label} (1 click, 0 none); returns the prediction before. */
    public double update(int[] features, double label) {
        return update(features, null, label, 1);
    }

    /**
     * Learns from one example: one FTRL-Proximal step on its log-loss, times {@code weight}.
     *
     * @param values the feature values, parallel to {@code features}; null for binary features
     * @param label  in [0, 1]
     * @param weight the example's weight, &gt; 0
     * @return the prediction before the update
     */
    public double update(int[] features, double[] values, double label, double weight) {
        Args.unit("label", label);
        Args.positive("weight", weight);
        double p = sigmoid(margin(features, values));
        double err = (p - label) * weight;
        for (int k = 0; k < features.length; k++) {
            int i = features[k];
            double g = values == null ? err : err * values[k];
            double ni = n[i];
            double sigma = (Math.sqrt(ni + g * g) - Math.sqrt(ni)) / alpha;
            z[i] += g - sigma * w(i);
            n[i] = ni + g * g;
        }
        updates++;
        return p;
    }

    private double margin(int[] features, double[] values) {
        Args.notNull("features", features);
        if (values != null && values.length != features.length) {
            throw Args.fail("values.length", values.length, features.length + " (one value per feature)");
        }
        double m = 0;
        for (int k = 0; k < features.length; k++) {
            int i = features[k];
            if (i < 0 || i >= dimension) {
                throw Args.fail("features[" + k + "]", i, "a feature index in [0, " + dimension + ")");
            }
            m += values == null ? w(i) : w(i) * values[k];
        }
        return m;
    }

    static double sigmoid(double m) {
        if (m > 35) {
            return 1 - 1e-15;
        }
        if (m < -35) {
            return 1e-15;
        }
        return 1 / (1 + Math.exp(-m));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "FtrlProximal[%d features, α=%s, β=%s, λ₁=%s, λ₂=%s, %d updates]",
                dimension, alpha, beta, l1, l2, updates);
    }
}
