package org.recsysbook.metrics;

import org.recsysbook.core.NumpyRandomState;
import org.recsysbook.core.Vectors;

/**
 * The item feature vectors of the chapter's metrics demo ({@code item_features}, 50 items × 10 features, unit
 * length), which its diversity example ranks.
 *
 * <p>The chapter draws them with {@code np.random.seed(42); np.random.randn(50, 10)} (its metric functions draw
 * nothing before) and scales each row to unit length. {@link #itemFeatures(long)} does the same on
 * {@link NumpyRandomState}, so with seed 42 the vectors, and the diversities computed from them, are the
 * chapter's digit for digit; other seeds give other draws of the same recipe.
 */
public final class ChapterMetricsDemo {
    /** The chapter's catalog size in the diversity and coverage examples. */
    public static final int N_ITEMS = 50;
    /** The chapter's feature dimension. */
    public static final int DIM = 10;
    /** The chapter's {@code np.random.seed(42)}. */
    public static final long SEED = 42;

    private ChapterMetricsDemo() { }

    /**
     * The chapter's {@code item_features} after {@code np.random.seed(seed)}: {@code np.random.randn(50, 10)},
     * each row divided by its norm (row i is item i). {@code seed} in [0, 2³² − 1], as NumPy's.
     */
    public static double[][] itemFeatures(long seed) {
        double[] raw = Vectors.normaliseRows(new NumpyRandomState(seed).randn(N_ITEMS, DIM), DIM);
        double[][] f = new double[N_ITEMS][];
        for (int i = 0; i < N_ITEMS; i++) {
            f[i] = java.util.Arrays.copyOfRange(raw, i * DIM, (i + 1) * DIM);
        }
        return f;
    }
}
