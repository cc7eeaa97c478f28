package org.recsysbook.ranking;

import java.util.List;

import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.world.World;

/**
 * The features the learned ranker scores a (user, item) pair by, the "richer features" of the chapter's
 * ranking stage ("Re-score candidates with richer features"):
 * <ol>
 *   <li>{@code affinity}: cosine between the user's vector and the item's vector, in [−1, 1];</li>
 *   <li>{@code popularity}: the item's popularity, in (0, 1];</li>
 *   <li>{@code freshness}: {@code exp(−age / 30 days)}, 1 for a new item, about 0.37 at 30 days;</li>
 *   <li>{@code categoryMatch}: 1 if the item is in the user's favourite category, else 0, where the
 *       favourite category is the one whose centroid (mean item vector) is closest in cosine to the
 *       user's vector. It is derived from the catalog alone, so it leaks nothing from the click log.</li>
 * </ol>
 * The item arrays are copied once at construction; computing one candidate's features costs one dot
 * product in the world's dimension.
 */
public final class RankingFeatures {
    /** The number of features. */
    public static final int COUNT = 4;
    /** The features' names, in order. */
    public static final List<String> NAMES = List.of("affinity", "popularity", "freshness", "categoryMatch");
    /** The freshness time scale in days. */
    public static final double FRESHNESS_DAYS = 30.0;

    private final float[] items;
    private final int dim;
    private final int itemCount;
    private final double[] popularity;
    private final double[] freshness;
    private final int[] category;
    private final float[] centroids;
    private final int categoryCount;

    /** The features of {@code world}'s items. */
    public RankingFeatures(World world) {
        if (world == null) {
            throw new IllegalArgumentException("world must not be null");
        }
        this.items = world.itemVectors();
        this.dim = world.dim();
        this.itemCount = world.itemCount();
        this.popularity = world.popularity();
        double[] age = world.ageDays();
        this.freshness = new double[itemCount];
        for (int i = 0; i < itemCount; i++) {
            freshness[i] = Math.exp(-age[i] / FRESHNESS_DAYS);
        }
        this.category = world.categories();
        this.categoryCount = world.categoryCount();
        double[] sum = new double[categoryCount * dim];
        for (int i = 0; i < itemCount; i++) {
            int off = category[i] * dim;
            int io = i * dim;
            for (int j = 0; j < dim; j++) {
                sum[off + j] += items[io + j];
            }
        }
        this.centroids = new float[categoryCount * dim];
        for (int c = 0; c < categoryCount; c++) {
            double n2 = 0;
            for (int j = 0; j < dim; j++) {
                n2 += sum[c * dim + j] * sum[c * dim + j];
            }
            double inv = n2 > 0 ? 1.0 / Math.sqrt(n2) : 0.0;
            for (int j = 0; j < dim; j++) {
                centroids[c * dim + j] = (float) (sum[c * dim + j] * inv);
            }
        }
    }

    /** The catalog size. */
    public int itemCount() {
        return itemCount;
    }

    /** The vector dimension. */
    public int dim() {
        return dim;
    }

    /** The user's favourite category: the one whose centroid has the largest cosine with the user's vector. */
    public int favouriteCategory(Request request) {
        requireDim(request);
        int best = 0;
        double bestDot = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < categoryCount; c++) {
            double s = 0;
            int off = c * dim;
            for (int j = 0; j < dim; j++) {
                s += centroids[off + j] * request.userVector(j);
            }
            if (s > bestDot) {
                bestDot = s;
                best = c;
            }
        }
        return best;
    }

    /** The features of one (user, item) pair, in {@link #NAMES} order. */
    public double[] of(Request request, int item) {
        double[] out = new double[COUNT];
        write(request, userNorm(request), favouriteCategory(request), item, out, 0);
        return out;
    }

    /**
     * The features of every candidate, row-major ({@code candidates.size() × COUNT}).
     *
     * @throws IllegalArgumentException if a candidate is not in the catalog or the user's vector has
     *                                  another dimension than the items'
     */
    public double[] matrix(Request request, ScoredItems candidates) {
        double norm = userNorm(request);
        int fav = favouriteCategory(request);
        double[] out = new double[candidates.size() * COUNT];
        for (int i = 0; i < candidates.size(); i++) {
            write(request, norm, fav, candidates.id(i), out, i * COUNT);
        }
        return out;
    }

    /** Writes the features of {@code item} for a user of vector norm {@code norm} and favourite category {@code fav}. */
    void write(Request request, double norm, int fav, int item, double[] out, int offset) {
        if (item >= itemCount) {
            throw new IllegalArgumentException("item " + item + " is not in the catalog [0, " + itemCount + ")");
        }
        int io = item * dim;
        double s = 0;
        for (int j = 0; j < dim; j++) {
            s += items[io + j] * request.userVector(j);
        }
        out[offset] = s / norm;
        out[offset + 1] = popularity[item];
        out[offset + 2] = freshness[item];
        out[offset + 3] = category[item] == fav ? 1.0 : 0.0;
    }

    double userNorm(Request request) {
        requireDim(request);
        double s = 0;
        for (int j = 0; j < dim; j++) {
            s += (double) request.userVector(j) * request.userVector(j);
        }
        return Math.sqrt(s);
    }

    private void requireDim(Request request) {
        if (request.dim() != dim) {
            throw new IllegalArgumentException("userVector must have the items' dimension " + dim + ", got "
                    + request.dim());
        }
    }
}
