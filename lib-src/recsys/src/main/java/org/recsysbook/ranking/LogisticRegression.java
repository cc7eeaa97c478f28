package org.recsysbook.ranking;

import java.util.Arrays;
import java.util.Locale;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;
import org.recsysbook.core.Args;

/**
 * Logistic regression, {@code P(click) = σ(b + w·x)}, fitted by Newton's method: the learned model
 * behind the chapter's "Ranking: accurate, slower" stage, in place of its simulated deep model.
 *
 * <p>It minimises the weighted cross-entropy with an L2 penalty on the weights (not on the intercept):
 * <pre>  J(b, w) = (1/Σvᵢ) Σ vᵢ [log(1 + e^{zᵢ}) − yᵢ zᵢ] + (λ/2)‖w‖²,   zᵢ = b + w·xᵢ</pre>
 * The labels {@code yᵢ} need not be 0 or 1: any {@code yᵢ ≥ 0} is allowed, which is what inverse
 * propensity weighting needs (a click at a position examined with probability θ counts as the label
 * {@code 1/θ}; see {@link ClickTrainingSet}). The loss stays convex for such labels because the Hessian,
 * {@code (1/Σvᵢ) Σ vᵢ σᵢ(1−σᵢ) x̃ᵢx̃ᵢᵀ + λI}, does not depend on them.
 *
 * <p>Why Newton on {@code double[]} and not gradient descent or a library optimiser: a ranker has a
 * handful of features, so the Hessian is tiny (5 × 5 here) and Newton converges in under ten passes
 * over the data with no learning rate to tune. The passes over the rows are plain loops on a flat
 * array; only the small linear solve is delegated, to commons-math3's Cholesky decomposition. Each
 * Newton step is halved until the loss decreases, so the fit never diverges.
 */
public final class LogisticRegression {
    /** Newton stops when no weight moves by more than this. */
    static final double TOLERANCE = 1e-10;
    /** And after at most this many steps. */
    static final int MAX_ITERATIONS = 100;

    private final double intercept;
    private final double[] weights;
    private final int iterations;

    private LogisticRegression(double intercept, double[] weights, int iterations) {
        this.intercept = intercept;
        this.weights = weights;
        this.iterations = iterations;
    }

    /** A model with given parameters (for example to score with weights fitted elsewhere). */
    public static LogisticRegression of(double intercept, double... weights) {
        requireFinite("intercept", intercept);
        if (weights.length == 0) {
            throw new IllegalArgumentException("weights must hold at least one number (features ≥ 1), got none");
        }
        for (int j = 0; j < weights.length; j++) {
            requireFinite("weights[" + j + "]", weights[j]);
        }
        return new LogisticRegression(intercept, weights.clone(), 0);
    }

    /**
     * Fits a model with every row weighing 1.
     *
     * @see #fit(double[], int, double[], double[], double)
     */
    public static LogisticRegression fit(double[] x, int features, double[] y, double l2) {
        double[] ones = new double[y.length];
        Arrays.fill(ones, 1.0);
        return fit(x, features, y, ones, l2);
    }

    /**
     * Fits a model by Newton's method.
     *
     * @param x        the feature rows, row-major: row {@code i} is {@code x[i*features … (i+1)*features)}
     * @param features the number of features per row, ≥ 1
     * @param y        one label per row, finite and ≥ 0 (0/1 clicks or inverse-propensity-weighted clicks)
     * @param rowWeights one weight per row, finite and ≥ 0, not all 0
     * @param l2       the L2 penalty λ on the weights, finite and ≥ 0
     * @throws IllegalArgumentException on mismatched lengths, NaN or out-of-range values, or when the
     *                                  Hessian is singular (a constant feature with {@code l2 = 0})
     */
    public static LogisticRegression fit(double[] x, int features, double[] y, double[] rowWeights, double l2) {
        Args.atLeast("features", features, 1);
        int n = y.length;
        if (n < 1) {
            throw new IllegalArgumentException("y must hold at least one label (rows ≥ 1), got none");
        }
        if ((long) n * features != x.length) {
            throw new IllegalArgumentException("x.length must be rows × features = " + n + " × " + features
                    + " = " + ((long) n * features) + ", got " + x.length);
        }
        if (rowWeights.length != n) {
            throw new IllegalArgumentException("rowWeights.length must equal the number of rows " + n
                    + ", got " + rowWeights.length);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be a finite number ≥ 0, got " + l2);
        }
        for (int k = 0; k < x.length; k++) {
            requireFinite("x[" + k + "]", x[k]);
        }
        double totalWeight = 0;
        for (int i = 0; i < n; i++) {
            if (!(y[i] >= 0) || Double.isInfinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] must be a finite number ≥ 0, got " + y[i]);
            }
            if (!(rowWeights[i] >= 0) || Double.isInfinite(rowWeights[i])) {
                throw new IllegalArgumentException("rowWeights[" + i + "] must be a finite number ≥ 0, got "
                        + rowWeights[i]);
            }
            totalWeight += rowWeights[i];
        }
        if (totalWeight == 0) {
            throw new IllegalArgumentException("rowWeights must not all be 0 (their sum must be > 0)");
        }

        int p = features + 1; // parameter 0 is the intercept
        double[] beta = new double[p];
        double current = loss(x, features, y, rowWeights, totalWeight, l2, beta);
        double[] grad = new double[p];
        double[][] hess = new double[p][p];
        double[] trial = new double[p];
        int iter = 0;
        while (iter < MAX_ITERATIONS) {
            iter++;
            gradientAndHessian(x, features, y, rowWeights, totalWeight, l2, beta, grad, hess);
            double[] step = solve(hess, grad);
            double t = 1.0;
            double next;
            while (true) {
                for (int j = 0; j < p; j++) {
                    trial[j] = beta[j] - t * step[j];
                }
                next = loss(x, features, y, rowWeights, totalWeight, l2, trial);
                if (next <= current || t < 1e-8) {
                    break;
                }
                t *= 0.5;
            }
            double maxMove = 0;
            for (int j = 0; j < p; j++) {
                maxMove = Math.max(maxMove, Math.abs(trial[j] - beta[j]));
            }
            if (next <= current) {
                System.arraycopy(trial, 0, beta, 0, p);
                current = next;
            }
            if (maxMove < TOLERANCE || t < 1e-8) {
                break;
            }
        }
        return new LogisticRegression(beta[0], Arrays.copyOfRange(beta, 1, p), iter);
    }

    private static double loss(double[] x, int f, double[] y, double[] v, double total, double l2, double[] beta) {
        double s = 0;
        int n = y.length;
        for (int i = 0; i < n; i++) {
            double z = beta[0];
            int off = i * f;
            for (int j = 0; j < f; j++) {
                z += beta[j + 1] * x[off + j];
            }
            s += v[i] * (softplus(z) - y[i] * z);
        }
        double pen = 0;
        for (int j = 1; j < beta.length; j++) {
            pen += beta[j] * beta[j];
        }
        return s / total + 0.5 * l2 * pen;
    }

    private static void gradientAndHessian(double[] x, int f, double[] y, double[] v, double total, double l2,
                                           double[] beta, double[] grad, double[][] hess) {
        int p = f + 1;
        Arrays.fill(grad, 0);
        for (double[] row : hess) {
            Arrays.fill(row, 0);
        }
        int n = y.length;
        for (int i = 0; i < n; i++) {
            int off = i * f;
            double z = beta[0];
            for (int j = 0; j < f; j++) {
                z += beta[j + 1] * x[off + j];
            }
            double s = sigmoid(z);
            double g = v[i] * (s - y[i]);
            double h = v[i] * s * (1 - s);
            grad[0] += g;
            hess[0][0] += h;
            for (int a = 0; a < f; a++) {
                double xa = x[off + a];
                grad[a + 1] += g * xa;
                hess[0][a + 1] += h * xa;
                for (int b = 0; b <= a; b++) {
                    hess[a + 1][b + 1] += h * xa * x[off + b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            grad[a] /= total;
            for (int b = 0; b <= a; b++) {
                double val = (a == 0 ? hess[0][b] : (b == 0 ? hess[0][a] : hess[a][b])) / total;
                hess[a][b] = val;
                hess[b][a] = val;
            }
        }
        for (int j = 1; j < p; j++) {
            grad[j] += l2 * beta[j];
            hess[j][j] += l2;
        }
    }

    private static double[] solve(double[][] hess, double[] grad) {
        try {
            RealVector step = new CholeskyDecomposition(new Array2DRowRealMatrix(hess, false), 1e-12, 1e-14)
                    .getSolver().solve(new ArrayRealVector(grad, false));
            return step.toArray();
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new IllegalArgumentException("the Hessian is singular: a feature is constant or a copy of "
                    + "another; use l2 > 0 (got the data's Hessian " + Arrays.deepToString(hess) + ")", e);
        }
    }

    /** The logistic function σ(z) = 1 / (1 + e^{−z}), computed without overflow. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** log(1 + e^z), computed without overflow. */
    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /** The number of features the model takes. */
    public int features() {
        return weights.length;
    }

    public double intercept() {
        return intercept;
    }

    /** A copy of the weights, one per feature. */
    public double[] weights() {
        return weights.clone();
    }

    /** Weight {@code j}. */
    public double weight(int j) {
        return weights[j];
    }

    /** The number of Newton steps the fit took (0 for {@link #of}). */
    public int iterations() {
        return iterations;
    }

    /** The log-odds {@code b + w·x} of a feature row. */
    public double logit(double[] x) {
        if (x.length != weights.length) {
            throw new IllegalArgumentException("x must have " + weights.length + " features, got " + x.length);
        }
        return logit(x, 0);
    }

    /** The log-odds of the row starting at {@code offset} of a flat row-major array. */
    public double logit(double[] x, int offset) {
        double z = intercept;
        for (int j = 0; j < weights.length; j++) {
            z += weights[j] * x[offset + j];
        }
        return z;
    }

    /** The predicted probability {@code σ(b + w·x)} of a feature row. */
    public double probability(double[] x) {
        return sigmoid(logit(x));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "LogisticRegression[b=%.4f, w=(", intercept));
        for (int j = 0; j < weights.length; j++) {
            sb.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", weights[j]));
        }
        return sb.append(")]").toString();
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + v);
        }
    }
}
