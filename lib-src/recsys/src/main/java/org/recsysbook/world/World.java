package org.recsysbook.world;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.recsysbook.core.Args;
import org.recsysbook.core.Catalog;
import org.recsysbook.core.NumpyRandomState;
import org.recsysbook.core.Seeds;
import org.recsysbook.core.Vectors;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A synthetic, seeded world: a catalog of items (unit feature vectors, a category, a popularity and an
 * age) and a population of users with preference vectors, the inputs of the chapter's
 * {@code RecommendationPipeline} demo ("Stage 1: Candidate Generation").
 *
 * <p>Two ways to make one:
 * <ul>
 *   <li>{@link #chapterDemo(long)} — the chapter's demo catalog, NumPy's numbers digit for digit: 1000
 *       items, 20 features drawn standard normal and scaled to unit length, popularity exponential with
 *       scale 0.3 divided by its maximum, categories {@code cat_0 … cat_4} by {@code item % 5}; user 0 is
 *       the chapter's standard-normal user profile.</li>
 *   <li>{@link #lowRank(int, int, long)} and {@link #builder()} — catalogs of realistic size whose
 *       vectors come from a low-rank latent structure plus noise, as learned embeddings do. Items of a
 *       category share a latent centre, so categories are visible in the vectors.</li>
 * </ul>
 *
 * <p>Item vectors are stored as one flat row-major {@code float[]} ({@code itemCount × dim}); item
 * {@code i} occupies {@code [i*dim, (i+1)*dim)}. {@link #itemVectors()} hands out that array itself so
 * that scans run at memory speed: treat it as read-only. Every item vector has unit length, so a dot
 * product with an item is the cosine times the other vector's length.
 *
 * <p>Ids are dense: items are {@code 0 … itemCount-1}, users {@code 0 … userCount-1}, categories
 * {@code 0 … categoryCount-1}. Generation is parallel over fixed chunks of rows, each with its own
 * seed, so the same seed gives the same world whatever the number of threads.
 */
public final class World implements Catalog {

    /** Rows generated per parallel task; fixed so that results do not depend on the thread count. */
    static final int CHUNK = 4096;

    /** Mean item age in days (ages are exponential). */
    public static final double MEAN_AGE_DAYS = 30.0;

    /** The chapter's popularity scale: popularity is exponential with this scale, divided by its maximum. */
    public static final double POPULARITY_SCALE = 0.3;

    private final int itemCount;
    private final int dim;
    private final float[] items;
    private final int[] categories;
    private final String[] categoryNames;
    private final double[] popularity;
    private final double[] ageDays;
    private final int userCount;
    private final float[] users;
    private final double[] userNorms;
    private final long seed;

    World(int dim, float[] items, int[] categories, String[] categoryNames, double[] popularity,
                  double[] ageDays, float[] users, long seed) {
        this.dim = dim;
        this.itemCount = items.length / dim;
        this.items = items;
        this.categories = categories;
        this.categoryNames = categoryNames;
        this.popularity = popularity;
        this.ageDays = ageDays;
        this.userCount = users.length / dim;
        this.users = users;
        this.userNorms = new double[userCount];
        for (int u = 0; u < userCount; u++) {
            userNorms[u] = Math.sqrt(Vectors.dot(users, u * dim, users, u * dim, dim));
        }
        this.seed = seed;
    }

    // ------------------------------------------------------------------------------------------------
    // Factories

    /**
     * The chapter's demo world, drawn as its script draws it after {@code np.random.seed(seed)}: 1000 items with
     * 20 features ({@code np.random.randn(1000, 20)}, each row scaled to unit length), popularity
     * {@code np.random.exponential(0.3, 1000)} divided by its maximum, and user 0 the chapter's
     * {@code user_profile = np.random.randn(20)}; categories {@code cat_0 … cat_4} by {@code item % 5}. The numbers
     * come from {@link NumpyRandomState}, so with seed 42 they are the chapter's digit for digit (stored as
     * {@code float}, the world's vector type). What the chapter does not have is drawn from Java streams: users
     * 1 … 999 (standard normal, not normalised, as the chapter's profile) and ages (exponential, mean
     * {@value #MEAN_AGE_DAYS} days). {@link #chapterDemoStream(long)} continues NumPy's stream where the world's
     * draws end, for the ranking noise the chapter draws next.
     */
    public static World chapterDemo(long seed) {
        NumpyRandomState np = new NumpyRandomState(seed);
        int n = 1000;
        int d = 20;
        int userCount = 1000;
        float[] items = new float[n * d];
        double[] pop = new double[n];
        float[] users = new float[userCount * d];
        drawChapterDemo(np, items, pop, users);
        SplittableRandom rng = new SplittableRandom(Seeds.stream(seed, 0));
        for (int i = d; i < users.length; i++) {
            users[i] = (float) rng.nextGaussian();
        }
        int[] cats = new int[n];
        for (int i = 0; i < n; i++) {
            cats[i] = i % 5;
        }
        SplittableRandom ageRng = new SplittableRandom(Seeds.stream(seed, 1));
        double[] age = new double[n];
        for (int i = 0; i < n; i++) {
            age[i] = MEAN_AGE_DAYS * ageRng.nextExponential();
        }
        return new World(d, items, cats, names(5), pop, age, users, seed);
    }

    /**
     * NumPy's global stream as the chapter's pipeline script leaves it after {@code np.random.seed(seed)} and the
     * world's draws (items, popularity, user profile): the next number it gives is the chapter's first ranking
     * noise. A fresh copy per call.
     */
    public static NumpyRandomState chapterDemoStream(long seed) {
        NumpyRandomState np = new NumpyRandomState(seed);
        drawChapterDemo(np, new float[1000 * 20], new double[1000], new float[20]);
        return np;
    }

    /** The chapter's draws in its order; fills {@code items}, {@code pop} and the first 20 floats of {@code users}. */
    private static void drawChapterDemo(NumpyRandomState np, float[] items, double[] pop, float[] users) {
        int d = 20;
        int n = items.length / d;
        double[] raw = Vectors.normaliseRows(np.randn(n, d), d);
        for (int i = 0; i < raw.length; i++) {
            items[i] = (float) raw[i];
        }
        System.arraycopy(np.exponential(POPULARITY_SCALE, n), 0, pop, 0, n);
        divideByMax(pop);
        double[] profile = np.randn(1, d);
        for (int j = 0; j < d; j++) {
            users[j] = (float) profile[j];
        }
    }

    /**
     * A low-rank world of {@code itemCount} items in {@code dim} dimensions with the builder's other
     * defaults (1000 users, 20 categories, latent rank 16, noise 0.5).
     */
    public static World lowRank(int itemCount, int dim, long seed) {
        return builder().items(itemCount).dim(dim).seed(seed).build();
    }

    /** A builder for low-rank worlds; see {@link Builder} for the model and the defaults. */
    public static WorldBuilder builder() {
        return new WorldBuilder();
    }

    /**
     * A world from given arrays, for hand-built examples and tests. Item vectors are scaled to unit
     * length (a documented normalisation, not a silent one); user vectors are kept as given.
     *
     * @param dim           vector dimension, ≥ 1
     * @param itemVectors   row-major {@code n × dim} item vectors, each finite and not all zero
     * @param categories    category id of each item, in {@code [0, categoryNames.length)}
     * @param categoryNames one name per category id
     * @param popularity    popularity of each item, finite
     * @param ageDays       age of each item in days, finite and ≥ 0
     * @param userVectors   row-major {@code u × dim} user vectors, each finite and not all zero
     */
    public static World of(int dim, float[] itemVectors, int[] categories, String[] categoryNames,
                           double[] popularity, double[] ageDays, float[] userVectors) {
        Args.atLeast("dim", dim, 1);
        if (itemVectors.length == 0 || itemVectors.length % dim != 0) {
            throw new IllegalArgumentException("itemVectors.length must be a positive multiple of dim=" + dim
                    + ", got " + itemVectors.length);
        }
        if (userVectors.length % dim != 0) {
            throw new IllegalArgumentException("userVectors.length must be a multiple of dim=" + dim
                    + ", got " + userVectors.length);
        }
        int n = itemVectors.length / dim;
        Args.length("categories", categories.length, n, "the item count");
        Args.length("popularity", popularity.length, n, "the item count");
        Args.length("ageDays", ageDays.length, n, "the item count");
        if (categoryNames.length == 0) {
            throw new IllegalArgumentException("categoryNames must not be empty");
        }
        float[] items = itemVectors.clone();
        for (int i = 0; i < n; i++) {
            Args.direction("itemVectors[item " + i + "]", items, i * dim, dim);
            Vectors.normalise(items, i * dim, dim);
            if (categories[i] < 0 || categories[i] >= categoryNames.length) {
                throw new IllegalArgumentException("categories[" + i + "] must be in [0, "
                        + categoryNames.length + "), got " + categories[i]);
            }
            if (!Double.isFinite(popularity[i])) {
                throw new IllegalArgumentException("popularity[" + i + "] must be finite, got " + popularity[i]);
            }
            if (!(ageDays[i] >= 0) || Double.isInfinite(ageDays[i])) {
                throw new IllegalArgumentException("ageDays[" + i + "] must be finite and ≥ 0, got " + ageDays[i]);
            }
        }
        for (int u = 0; u < userVectors.length / dim; u++) {
            Args.direction("userVectors[user " + u + "]", userVectors, u * dim, dim);
        }
        return new World(dim, items, categories.clone(), categoryNames.clone(), popularity.clone(),
                ageDays.clone(), userVectors.clone(), 0L);
    }

    // ------------------------------------------------------------------------------------------------
    // Items

    /** Number of items in the catalog. */
    public int itemCount() {
        return itemCount;
    }

    /** Dimension of item and user vectors. */
    public int dim() {
        return dim;
    }

    /**
     * The item vectors as one flat row-major array ({@code itemCount × dim}), not a copy: read it, do
     * not write it. Every row has unit length.
     */
    public float[] itemVectors() {
        return items;
    }

    /** A copy of item {@code item}'s unit vector. */
    public float[] itemVector(int item) {
        checkItem(item);
        return Arrays.copyOfRange(items, item * dim, (item + 1) * dim);
    }

    /** Dot product of item {@code item}'s unit vector with {@code v} (length {@link #dim()}). */
    public double itemDot(int item, float[] v) {
        checkItem(item);
        checkVector("v", v);
        return Vectors.dot(items, item * dim, v, 0, dim);
    }

    /** Category id of an item, in {@code [0, categoryCount())}. */
    public int category(int item) {
        checkItem(item);
        return categories[item];
    }

    /** Category name of an item, e.g. {@code "cat_3"}. */
    public String categoryName(int item) {
        checkItem(item);
        return categoryNames[categories[item]];
    }

    /** A copy of every item's category id. */
    public int[] categories() {
        return categories.clone();
    }

    /** Number of categories. */
    public int categoryCount() {
        return categoryNames.length;
    }

    /** The category names, indexed by category id. */
    public List<String> categoryNames() {
        return List.of(categoryNames);
    }

    /** Popularity of an item; in the generated worlds it lies in {@code (0, 1]} with maximum 1. */
    public double popularity(int item) {
        checkItem(item);
        return popularity[item];
    }

    /** A copy of every item's popularity. */
    public double[] popularity() {
        return popularity.clone();
    }

    /** Age of an item in days (exponential with mean {@value #MEAN_AGE_DAYS} in generated worlds). */
    public double ageDays(int item) {
        checkItem(item);
        return ageDays[item];
    }

    /** A copy of every item's age in days. */
    public double[] ageDays() {
        return ageDays.clone();
    }

    // ------------------------------------------------------------------------------------------------
    // Users

    /** Number of users. */
    public int userCount() {
        return userCount;
    }

    /** A copy of user {@code user}'s preference vector. */
    public float[] userVector(int user) {
        checkUser(user);
        return Arrays.copyOfRange(users, user * dim, (user + 1) * dim);
    }

    /** The user vectors as one flat row-major array ({@code userCount × dim}), not a copy: read only. */
    public float[] userVectors() {
        return users;
    }

    /** Cosine similarity between a user's preference vector and an item's vector, in [-1, 1]. */
    public double affinity(int user, int item) {
        checkUser(user);
        checkItem(item);
        return Vectors.dot(users, user * dim, items, item * dim, dim) / userNorms[user];
    }

    /** The default click model over this world; see {@link ClickModel}. */
    public ClickModel clickModel() {
        return new ClickModel(this);
    }

    /** The seed this world was generated from (0 for {@link #of}). */
    public long seed() {
        return seed;
    }

    /**
     * The first {@code limit} items as a table: {@code item}, {@code category}, {@code popularity},
     * {@code ageDays}.
     */
    public Table itemTable(int limit) {
        Args.atLeast("limit", limit, 1);
        int n = Math.min(limit, itemCount);
        int[] ids = new int[n];
        String[] cats = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            cats[i] = categoryNames[categories[i]];
        }
        return Table.create("items",
                IntColumn.create("item", ids),
                StringColumn.create("category", cats),
                DoubleColumn.create("popularity", Arrays.copyOf(popularity, n)),
                DoubleColumn.create("ageDays", Arrays.copyOf(ageDays, n)));
    }

    @Override
    public String toString() {
        return "World[" + itemCount + " items × " + dim + " dims, " + categoryNames.length + " categories, "
                + userCount + " users, seed " + seed + "]";
    }

    // ------------------------------------------------------------------------------------------------
    // Validation, shared with the other packages through these public helpers

    /** Throws {@link IllegalArgumentException} unless {@code item} is in {@code [0, itemCount)}. */
    public void checkItem(int item) {
        Args.index("item", item, itemCount, "items");
    }

    /** Throws {@link IllegalArgumentException} unless {@code user} is in {@code [0, userCount)}. */
    public void checkUser(int user) {
        Args.index("user", user, userCount, "users");
    }

    /**
     * Throws {@link IllegalArgumentException} unless {@code v} has length {@link #dim()}, only finite
     * entries and at least one non-zero entry.
     */
    public void checkVector(String name, float[] v) {
        Args.notNull(name, v);
        if (v.length != dim) {
            throw Args.fail(name + ".length", v.length, dim + " (the world's dimension)");
        }
        Args.direction(name, v, 0, dim);
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers

    static void divideByMax(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, v);
        }
        if (max > 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] /= max;
            }
        }
    }

    static String[] names(int count) {
        String[] names = new String[count];
        for (int k = 0; k < count; k++) {
            names[k] = "cat_" + k;
        }
        return names;
    }
}
