package org.recsysbook.retrieval;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.recsysbook.core.Args;
import org.recsysbook.core.Vectors;
import org.recsysbook.data.Interactions;
import org.recsysbook.notebook.Progress;

/**
 * Matrix factorisation for implicit feedback by alternating least squares, after Hu, Koren and Volinsky
 * ("Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008): the learned user and item embeddings the
 * chapter's candidate generation retrieves with, built from interactions instead of given.
 *
 * <p>Every (user, item) cell counts: the preference {@code p_ui} is 1 if u interacted with i and 0 otherwise, and
 * its confidence {@code c_ui = 1 + α} for an interaction and 1 for a missing one. ALS minimises
 * <pre>  Σ_{u,i} c_ui (p_ui − x_uᵀ y_i)² + λ (Σ_u ‖x_u‖² + Σ_i ‖y_i‖²)</pre>
 * by solving for all item vectors with the user vectors fixed, then for all user vectors with the item vectors fixed,
 * each a ridge regression with the closed form
 * <pre>  x_u = (YᵀY + α Σ_{i ∈ I_u} y_i y_iᵀ + λI)⁻¹ (1 + α) Σ_{i ∈ I_u} y_i</pre>
 * — HKV's trick: {@code YᵀC_uY = YᵀY + Yᵀ(C_u − I)Y}, where {@code YᵀY} is shared by every user and the correction
 * touches only the user's own items, so an iteration costs {@code O(nnz·f² + (users + items)·f³)}, not a pass over
 * every cell. The {@code f × f} systems are accumulated on {@code double[]} and solved with EJML's Cholesky solver.
 *
 * <p>An item without training interactions solves to the zero vector; it gets no score (the model knows nothing of
 * it), as {@link LearnedGenerator} allows. Each iteration solves the items, then the users, so after training a user's vector is exactly the least-squares
 * fit to their history given the item vectors: {@link #generate} folds a new history in with the same solve.
 * Initial vectors are drawn from N(0, 0.01²) with the seed; rows are solved in parallel but each independently, so
 * any number of threads gives the same factors, bit for bit.
 *
 * <p>The penalty follows HKV by default, the same {@code λ} for every row ({@link Regularization#FIXED}). Spark MLlib's
 * ALS (and the ALS-WR of Zhou et al. 2008) multiplies it by the number of interactions of the row being solved,
 * {@code λ_u = λ · n_u} ({@link Regularization#WEIGHTED}): the objective's penalty becomes
 * {@code λ (Σ_u n_u ‖x_u‖² + Σ_i n_i ‖y_i‖²)}. Settings with the weighted convention train the same model Spark does,
 * so the two can be compared like with like (notebook 13).
 */
public final class ImplicitAls extends LearnedGenerator {
    private final Settings settings;
    private final int f;
    private final double[] x; // users × f
    private final double[] y; // items × f
    private final double trainSeconds;
    private final double[] lossByIteration;
    private final double[] itemGram; // YᵀY, for folding in
    private final boolean[] trained;
    private final double[][] itemKinv; // (YᵀY + λ_n I)⁻¹ for a history of n items, n ≤ lowRankLimit

    /** How {@code λ} penalises a row's vector (see the class comment). */
    public enum Regularization {
        /** The same {@code λ} for every user and item (Hu, Koren and Volinsky): the library's default. */
        FIXED,
        /** {@code λ} times the row's number of interactions (Zhou et al.'s weighted-λ): Spark MLlib's convention. */
        WEIGHTED
    }

    /**
     * The model's hyper-parameters; {@link #DEFAULTS} are 64 factors, 15 iterations, λ 30, α 2, seed 42, the fixed
     * penalty.
     */
    public record Settings(int factors, int iterations, double regularization, double alpha, long seed,
                           Regularization convention) {
        public Settings {
            Args.positive("factors", factors);
            Args.positive("iterations", iterations);
            Args.nonNegative("regularization", regularization);
            Args.nonNegative("alpha", alpha);
            Args.notNull("convention", convention);
        }

        /** Settings with the fixed penalty ({@link Regularization#FIXED}). */
        public Settings(int factors, int iterations, double regularization, double alpha, long seed) {
            this(factors, iterations, regularization, alpha, seed, Regularization.FIXED);
        }

        public Settings withFactors(int value) {
            return new Settings(value, iterations, regularization, alpha, seed, convention);
        }

        public Settings withIterations(int value) {
            return new Settings(factors, value, regularization, alpha, seed, convention);
        }

        public Settings withRegularization(double value) {
            return new Settings(factors, iterations, value, alpha, seed, convention);
        }

        /** The same settings with penalty {@code value} in {@code convention}. */
        public Settings withRegularization(double value, Regularization convention) {
            return new Settings(factors, iterations, value, alpha, seed, convention);
        }

        public Settings withAlpha(double value) {
            return new Settings(factors, iterations, regularization, value, seed, convention);
        }

        public Settings withSeed(long value) {
            return new Settings(factors, iterations, regularization, alpha, value, convention);
        }

        /** The penalty on a row with {@code interactions} interactions: λ, or λ times them when weighted. */
        public double penalty(int interactions) {
            return convention == Regularization.WEIGHTED ? regularization * interactions : regularization;
        }
    }

    /** 64 factors, 15 iterations, λ = 30, α = 2, seed 42: the best of a small grid on MovieLens' validation slice. */
    public static final Settings DEFAULTS = new Settings(64, 15, 30, 2, 42);

    private ImplicitAls(Interactions train, Settings settings, double[] x, double[] y, double trainSeconds,
                        double[] lossByIteration) {
        super(train);
        this.settings = settings;
        this.f = settings.factors();
        this.x = x;
        this.y = y;
        this.trainSeconds = trainSeconds;
        this.lossByIteration = lossByIteration;
        this.itemGram = gram(y, train.itemCount(), settings.factors());
        this.itemKinv = regularizedInverses(itemGram, settings);
        this.trained = new boolean[train.itemCount()];
        int[] counts = train.itemCounts();
        for (int i = 0; i < counts.length; i++) {
            trained[i] = counts[i] > 0;
        }
    }

    /** Trains with {@link #DEFAULTS}. */
    public static ImplicitAls train(Interactions train) {
        return train(train, DEFAULTS);
    }

    /** Trains with a progress bar; {@link #lossByIteration()} records the objective after each iteration. */
    public static ImplicitAls train(Interactions train, Settings settings) {
        return train(train, settings, true);
    }

    /** As {@link #train(Interactions, Settings)}; {@code trackLoss = false} skips computing the objective. */
    public static ImplicitAls train(Interactions train, Settings settings, boolean trackLoss) {
        Args.notNull("train", train);
        Args.notNull("settings", settings);
        long start = System.nanoTime();
        int f = settings.factors();
        int users = train.userCount();
        int items = train.itemCount();
        double[] x = new double[users * f];
        double[] y = new double[items * f];
        SplittableRandom rng = new SplittableRandom(settings.seed());
        for (int k = 0; k < x.length; k++) {
            x[k] = 0.01 * rng.nextGaussian();
        }
        for (int k = 0; k < y.length; k++) {
            y[k] = 0.01 * rng.nextGaussian();
        }
        int[] userOffsets = new int[users + 1];
        int[] userItems = new int[train.size()];
        for (int u = 0, q = 0; u < users; u++) {
            for (int i : train.sortedItemsShared(u)) {
                userItems[q++] = i;
            }
            userOffsets[u + 1] = userOffsets[u] + train.count(u);
        }
        int[][] byItem = train.byItem();
        double[] loss = new double[trackLoss ? settings.iterations() : 0];
        try (Progress bar = Progress.start(String.format(Locale.ROOT, "ALS: %d factors, %d iterations over %,d "
                + "interactions", f, settings.iterations(), train.size()), 2L * settings.iterations())) {
            for (int it = 0; it < settings.iterations(); it++) {
                solveAll(y, items, x, byItem[0], byItem[1], settings);
                bar.step();
                solveAll(x, users, y, userOffsets, userItems, settings);
                bar.step();
                if (trackLoss) {
                    loss[it] = objective(x, y, users, items, userOffsets, userItems, settings);
                }
            }
        }
        return new ImplicitAls(train, settings, x, y, (System.nanoTime() - start) / 1e9, loss);
    }

    /** Solves every row of {@code out} given the other side's factors {@code fixed}. */
    private static void solveAll(double[] out, int rows, double[] fixed, int[] offsets, int[] adj, Settings s) {
        int f = s.factors();
        double[] gram = gram(fixed, fixed.length / f, f);
        double[][] kinv = regularizedInverses(gram, s);
        int chunk = 64;
        IntStream.range(0, (rows + chunk - 1) / chunk).parallel().forEach(c -> {
            Solver solver = new Solver(f);
            for (int r = c * chunk; r < Math.min(rows, (c + 1) * chunk); r++) {
                solver.solve(gram, kinv, fixed, adj, offsets[r], offsets[r + 1], s, out, r * f);
            }
        });
    }

    /**
     * {@code (FᵀF + λ_n I)⁻¹} for each row size {@code n ≤ lowRankLimit}, shared by the low-rank updates of
     * {@link Solver}: one inverse for the fixed penalty, one per size for the weighted one; an entry is null when
     * the penalty is 0 and FᵀF is singular.
     */
    static double[][] regularizedInverses(double[] gram, Settings s) {
        double[][] out = new double[lowRankLimit(s.factors()) + 1][];
        if (s.convention() == Regularization.FIXED) {
            java.util.Arrays.fill(out, regularizedInverse(gram, s.factors(), s.regularization()));
        } else {
            for (int n = 1; n < out.length; n++) {
                out[n] = regularizedInverse(gram, s.factors(), s.penalty(n));
            }
        }
        return out;
    }

    /** {@code (FᵀF + λI)⁻¹}; null when it is singular. */
    static double[] regularizedInverse(double[] gram, int f, double lambda) {
        DMatrixRMaj k = new DMatrixRMaj(f, f);
        System.arraycopy(gram, 0, k.data, 0, f * f);
        for (int i = 0; i < f; i++) {
            k.data[i * f + i] += lambda;
        }
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.symmPosDef(f);
        if (!chol.setA(k)) {
            return null;
        }
        DMatrixRMaj inv = new DMatrixRMaj(f, f);
        chol.invert(inv);
        return inv.data;
    }

    /** Rows with at most this many interactions are solved by the low-rank update (Woodbury), the rest by Cholesky. */
    static int lowRankLimit(int f) {
        return f / 4;
    }

    /** FᵀF of an n × f row-major matrix. */
    static double[] gram(double[] m, int n, int f) {
        double[] g = new double[f * f];
        for (int r = 0; r < n; r++) {
            int base = r * f;
            for (int a = 0; a < f; a++) {
                double va = m[base + a];
                if (va == 0) {
                    continue;
                }
                int row = a * f;
                for (int b = 0; b <= a; b++) {
                    g[row + b] += va * m[base + b];
                }
            }
        }
        for (int a = 0; a < f; a++) {
            for (int b = 0; b < a; b++) {
                g[b * f + a] = g[a * f + b];
            }
        }
        return g;
    }

    /**
     * One thread's workspace for the f × f systems. A row with few interactions (most items: the median movie has
     * three ratings) is solved with the Woodbury identity, {@code (K + UUᵀ)⁻¹ = K⁻¹ − K⁻¹U (I + UᵀK⁻¹U)⁻¹ UᵀK⁻¹},
     * with {@code K = YᵀY + λ_n I} inverted once per half-step (per row size n under the weighted penalty) and the
     * columns of U the row's {@code √α y_i}: an
     * {@code s × s} system instead of an {@code f × f} one, and the same solution.
     */
    private static final class Solver {
        final int f;
        final DMatrixRMaj a;
        final DMatrixRMaj b;
        final DMatrixRMaj sol;
        final LinearSolverDense<DMatrixRMaj> chol;
        final double[] w;
        final double[] z;
        final DMatrixRMaj small = new DMatrixRMaj(1, 1);
        final DMatrixRMaj smallB = new DMatrixRMaj(1, 1);
        final DMatrixRMaj smallX = new DMatrixRMaj(1, 1);

        Solver(int f) {
            this.f = f;
            a = new DMatrixRMaj(f, f);
            b = new DMatrixRMaj(f, 1);
            sol = new DMatrixRMaj(f, 1);
            chol = LinearSolverFactory_DDRM.symmPosDef(f);
            w = new double[f * lowRankLimit(f)];
            z = new double[f];
        }

        /** Writes the solution for the row whose interactions are {@code adj[from, to)} into {@code out[at…]}. */
        void solve(double[] gram, double[][] kinv, double[] fixed, int[] adj, int from, int to, Settings s,
                   double[] out, int at) {
            if (from == to) {
                java.util.Arrays.fill(out, at, at + f, 0.0);
                return;
            }
            if (to - from <= lowRankLimit(f) && kinv[to - from] != null && s.alpha() > 0) {
                lowRank(kinv[to - from], fixed, adj, from, to, s, out, at);
                return;
            }
            double[] ad = a.data;
            double[] bd = b.data;
            System.arraycopy(gram, 0, ad, 0, f * f);
            java.util.Arrays.fill(bd, 0.0);
            double alpha = s.alpha();
            double wt = 1 + alpha;
            for (int p = from; p < to; p++) {
                int base = adj[p] * f;
                for (int i = 0; i < f; i++) {
                    double vi = fixed[base + i];
                    bd[i] += wt * vi;
                    double avi = alpha * vi;
                    int row = i * f;
                    for (int j = 0; j <= i; j++) {
                        ad[row + j] += avi * fixed[base + j];
                    }
                }
            }
            double lambda = s.penalty(to - from);
            for (int i = 0; i < f; i++) {
                ad[i * f + i] += lambda;
                for (int j = 0; j < i; j++) {
                    ad[j * f + i] = ad[i * f + j];
                }
            }
            if (!chol.setA(a)) {
                throw new IllegalArgumentException("the least-squares system is singular; use regularization > 0");
            }
            chol.solve(b, sol);
            System.arraycopy(sol.data, 0, out, at, f);
        }

        /** The Woodbury solve of the class comment. */
        private void lowRank(double[] kinv, double[] fixed, int[] adj, int from, int to, Settings s, double[] out,
                             int at) {
            int n = to - from;
            double ra = Math.sqrt(s.alpha());
            // W = K⁻¹U, column j at w[j*f …]
            for (int j = 0; j < n; j++) {
                int base = adj[from + j] * f;
                int wj = j * f;
                for (int i = 0; i < f; i++) {
                    double acc = 0;
                    int row = i * f;
                    for (int k = 0; k < f; k++) {
                        acc += kinv[row + k] * fixed[base + k];
                    }
                    w[wj + i] = ra * acc;
                }
            }
            // b = (1 + α) Σ y_j = ((1 + α) / √α) U·1, so z = K⁻¹b = ((1 + α) / √α) W·1
            double c = (1 + s.alpha()) / ra;
            java.util.Arrays.fill(z, 0.0);
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < f; i++) {
                    z[i] += c * w[j * f + i];
                }
            }
            small.reshape(n, n);
            smallB.reshape(n, 1);
            smallX.reshape(n, 1);
            for (int p = 0; p < n; p++) {
                int base = adj[from + p] * f;
                double rhs = 0;
                for (int i = 0; i < f; i++) {
                    rhs += fixed[base + i] * z[i];
                }
                smallB.data[p] = ra * rhs;
                for (int q = 0; q < n; q++) {
                    double acc = 0;
                    for (int i = 0; i < f; i++) {
                        acc += fixed[base + i] * w[q * f + i];
                    }
                    small.data[p * n + q] = (p == q ? 1 : 0) + ra * acc;
                }
            }
            if (!CommonOps_DDRM.solveSPD(small, smallB, smallX)) {
                throw new IllegalArgumentException("the least-squares system is singular; use regularization > 0");
            }
            for (int i = 0; i < f; i++) {
                double v = z[i];
                for (int j = 0; j < n; j++) {
                    v -= w[j * f + i] * smallX.data[j];
                }
                out[at + i] = v;
            }
        }
    }

    /** The HKV objective over every cell, computed with the YᵀY trick. */
    static double objective(double[] x, double[] y, int users, int items, int[] offsets, int[] adj, Settings s) {
        int f = s.factors();
        double[] gx = gram(x, users, f);
        double[] gy = gram(y, items, f);
        double all = 0; // Σ_{u,i} (x_u·y_i)² = trace(XᵀX YᵀY)
        for (int k = 0; k < f * f; k++) {
            all += gx[k] * gy[k];
        }
        double observed = 0;
        for (int u = 0; u < users; u++) {
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                double d = Vectors.dot(x, u * f, y, adj[p] * f, f);
                // the cell was counted as c = 1, (0 − d)²; it is c = 1 + α, (1 − d)²
                observed += (1 + s.alpha()) * (1 - d) * (1 - d) - d * d;
            }
        }
        int[] itemCounts = new int[items];
        for (int p = 0; p < offsets[users]; p++) {
            itemCounts[adj[p]]++;
        }
        double reg = 0;
        for (int u = 0; u < users; u++) {
            reg += s.penalty(offsets[u + 1] - offsets[u]) * Vectors.dot(x, u * f, x, u * f, f);
        }
        for (int i = 0; i < items; i++) {
            reg += s.penalty(itemCounts[i]) * Vectors.dot(y, i * f, y, i * f, f);
        }
        return all + observed + reg;
    }

    @Override
    protected void scoreUser(int user, double[] out) {
        score(x, user * f, out);
    }

    /** Scores every item against the vector at {@code v[at…]}; items never seen in training have no vector. */
    private void score(double[] v, int at, double[] out) {
        int items = itemCount();
        for (int i = 0; i < items; i++) {
            out[i] = trained[i] ? Vectors.dot(v, at, y, i * f, f) : Double.NEGATIVE_INFINITY;
        }
    }

    /** Whether item {@code i} had a training interaction, so a learned vector (untrained items score nothing). */
    public boolean trained(int i) {
        Args.index("item", i, itemCount(), "items");
        return trained[i];
    }

    /** Folds a history in (the user step's solve against the trained item vectors), then scores every item. */
    @Override
    protected void scoreHistory(int[] items, double[] out) {
        score(foldIn(items), 0, out);
    }

    /** The user vector that fits {@code items} (ascending ids) best given the item vectors. */
    public double[] foldIn(int[] items) {
        for (int i : items) {
            Args.index("item", i, itemCount(), "items");
        }
        double[] u = new double[f];
        new Solver(f).solve(itemGram, itemKinv, y, items, 0, items.length, settings, u, 0);
        return u;
    }

    /** The user vectors, row-major users × factors, as floats (a copy). */
    public float[] userVectors() {
        return toFloats(x);
    }

    /** The item vectors, row-major items × factors, as floats (a copy). */
    public float[] itemVectors() {
        return toFloats(y);
    }

    /** User {@code u}'s vector (a copy). */
    public float[] userVector(int u) {
        checkUser(u);
        float[] v = new float[f];
        for (int k = 0; k < f; k++) {
            v[k] = (float) x[u * f + k];
        }
        return v;
    }

    private static float[] toFloats(double[] d) {
        float[] out = new float[d.length];
        for (int k = 0; k < d.length; k++) {
            out[k] = (float) d[k];
        }
        return out;
    }

    public int factors() {
        return f;
    }

    public Settings settings() {
        return settings;
    }

    /** The objective after each iteration (empty if training skipped it); never increases. */
    public double[] lossByIteration() {
        return lossByIteration.clone();
    }

    /** Wall-clock seconds training took. */
    public double trainSeconds() {
        return trainSeconds;
    }

    @Override
    public String name() {
        return "ALS";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ImplicitAls[%d factors, %d iterations, λ %.3g%s, α %.3g, %.2f s]", f,
                settings.iterations(), settings.regularization(),
                settings.convention() == Regularization.WEIGHTED ? " × interactions" : "", settings.alpha(),
                trainSeconds);
    }
}
