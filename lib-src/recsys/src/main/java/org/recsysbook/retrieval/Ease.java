package org.recsysbook.retrieval;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.recsysbook.core.Args;
import org.recsysbook.data.Interactions;
import org.recsysbook.notebook.Progress;

/**
 * EASE, the "embarrassingly shallow autoencoder" of Steck (2019): an item–item model learned in closed form, a
 * strong learned candidate source for the chapter's first stage.
 *
 * <p>With X the binary user × item matrix, EASE finds the item–item weights B that reconstruct X best with no
 * item allowed to predict itself:
 * <pre>  min_B ‖X − XB‖² + λ‖B‖²   subject to diag(B) = 0,</pre>
 * whose solution, with {@code P = (XᵀX + λI)⁻¹}, is {@code B_ij = −P_ij / P_jj} for {@code i ≠ j} and 0 on the
 * diagonal. A user's scores are their history row times B: {@code score_j = Σ_{i ∈ history} B_ij}.
 *
 * <p>The inverse costs {@code O(m³)} in the number of items m, so the model is <em>pruned</em> to the items with at
 * least {@code minCount} training interactions (9,066 MovieLens movies become about 2,200 with 10): only those are
 * inputs and outputs; the rest get no score. The Gram matrix is accumulated on {@code double[]}; EJML's Cholesky
 * solver inverts it. Deterministic: no randomness.
 */
public final class Ease extends LearnedGenerator {
    /** Steck's regularisation scale for MovieLens-sized data is in the hundreds; this default suits 100k ratings. */
    public static final double DEFAULT_LAMBDA = 200;
    public static final int DEFAULT_MIN_COUNT = 10;

    private final double lambda;
    private final int minCount;
    private final int[] kept;     // kept[j]: the item of column j, ascending
    private final int[] column;   // column[item], -1 if pruned
    private final float[] weights; // B, kept.length², row-major
    private final double trainSeconds;

    private Ease(Interactions train, double lambda, int minCount, int[] kept, int[] column, float[] weights,
                 double trainSeconds) {
        super(train);
        this.lambda = lambda;
        this.minCount = minCount;
        this.kept = kept;
        this.column = column;
        this.weights = weights;
        this.trainSeconds = trainSeconds;
    }

    /** Trains with {@link #DEFAULT_LAMBDA} and {@link #DEFAULT_MIN_COUNT}. */
    public static Ease train(Interactions train) {
        return train(train, DEFAULT_LAMBDA, DEFAULT_MIN_COUNT);
    }

    /**
     * Solves for B with a progress bar.
     *
     * @param lambda   the L2 penalty λ, finite and ≥ 0 (0 only when XᵀX is invertible)
     * @param minCount the fewest training interactions an item needs to be kept, ≥ 1
     * @throws IllegalArgumentException if no item has {@code minCount} interactions or XᵀX + λI is singular
     */
    public static Ease train(Interactions train, double lambda, int minCount) {
        return train(train, lambda, minCount, true);
    }

    /** As {@link #train(Interactions, double, int)}; {@code progress = false} shows no bar (for small checks). */
    public static Ease train(Interactions train, double lambda, int minCount, boolean progress) {
        Args.notNull("train", train);
        Args.nonNegative("lambda", lambda);
        Args.positive("minCount", minCount);
        long start = System.nanoTime();
        int[] counts = train.itemCounts();
        int[] column = new int[counts.length];
        Arrays.fill(column, -1);
        int m = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] >= minCount) {
                column[i] = m++;
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("no item has minCount = " + minCount + " training interactions; "
                    + "lower minCount");
        }
        int[] kept = new int[m];
        for (int i = 0; i < counts.length; i++) {
            if (column[i] >= 0) {
                kept[column[i]] = i;
            }
        }
        float[] b;
        try (Progress bar = progress ? Progress.start("EASE: Gram matrix, inverse and weights of " + m + " items", 3)
                : null) {
            DMatrixRMaj gram = new DMatrixRMaj(m, m);
            double[] g = gram.data;
            int[] cols = new int[counts.length];
            for (int u = 0; u < train.userCount(); u++) {
                int c = 0;
                for (int i : train.sortedItemsShared(u)) {
                    if (column[i] >= 0) {
                        cols[c++] = column[i];
                    }
                }
                for (int x = 0; x < c; x++) {
                    int row = cols[x] * m;
                    for (int y = 0; y < c; y++) {
                        g[row + cols[y]] += 1;
                    }
                }
            }
            for (int j = 0; j < m; j++) {
                g[j * m + j] += lambda;
            }
            if (bar != null) {
                bar.step();
            }
            LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.symmPosDef(m);
            if (!chol.setA(gram)) {
                throw new IllegalArgumentException("XᵀX + λI is singular with lambda = " + lambda + "; use lambda > 0");
            }
            DMatrixRMaj p = new DMatrixRMaj(m, m);
            chol.invert(p);
            if (bar != null) {
                bar.step();
            }
            b = new float[m * m];
            double[] pd = p.data;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    b[i * m + j] = i == j ? 0f : (float) (-pd[i * m + j] / pd[j * m + j]);
                }
            }
            if (bar != null) {
                bar.step();
            }
        }
        return new Ease(train, lambda, minCount, kept, column, b, (System.nanoTime() - start) / 1e9);
    }

    @Override
    protected void scoreHistory(int[] items, double[] out) {
        int m = kept.length;
        double[] s = new double[m];
        for (int i : items) {
            int row = column[i];
            if (row < 0) {
                continue;
            }
            int base = row * m;
            for (int j = 0; j < m; j++) {
                s[j] += weights[base + j];
            }
        }
        Arrays.fill(out, Double.NEGATIVE_INFINITY);
        for (int j = 0; j < m; j++) {
            out[kept[j]] = s[j];
        }
    }

    /** The weight {@code B_ij}: how much a history holding i raises j (0 if either is pruned, or i = j). */
    public double weight(int i, int j) {
        Args.index("item", i, itemCount(), "items");
        Args.index("item", j, itemCount(), "items");
        if (column[i] < 0 || column[j] < 0) {
            return 0;
        }
        return weights[column[i] * kept.length + column[j]];
    }

    /** The items the model kept (inputs and outputs), ascending. */
    public int[] keptItems() {
        return kept.clone();
    }

    public double lambda() {
        return lambda;
    }

    public int minCount() {
        return minCount;
    }

    /** Wall-clock seconds training took. */
    public double trainSeconds() {
        return trainSeconds;
    }

    @Override
    public String name() {
        return "EASE";
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Ease[λ %.0f, %d of %d items kept (≥ %d interactions), %.2f s]",
                lambda, kept.length, itemCount(), minCount, trainSeconds);
    }
}
