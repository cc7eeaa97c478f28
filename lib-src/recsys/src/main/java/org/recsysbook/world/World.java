package org.recsysbook.world;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.recsysbook.core.Args;
import org.recsysbook.core.Catalog;
import org.recsysbook.core.Seeds;
import org.recsysbook.core.Vectors;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A synthetic, seeded world: a catalog of items (unit feature vectors, a category, a popularity and an
 * age) and a population of users with preference vectors, the inputs of the seed's
 * {@code RecommendationPipeline} demo ("Stage 1: Candidate Generation").
 *
 * <p>Two ways to make one:
 * <ul>
 *   <li>{@link #seedDemo(long)} — the seed's demo catalog: 1000 items, 20 features drawn standard normal
 *       and scaled to unit length, popularity exponential with scale 0.3 divided by its maximum,
 *       categories {@code cat_0 … cat_4} by {@code item % 5}; user 0 is the seed's standard-normal
 *       user profile.</li>
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

    /** The seed's popularity scale: popularity is exponential with this scale, divided by its maximum. */
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

    private World(int dim, float[] items, int[] categories, String[] categoryNames, double[] popularity,
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
     * The seed's demo world: 1000 items with 20 features (standard normal, then unit length),
     * popularity exponential with scale 0.3 divided by its maximum, categories {@code cat_0 … cat_4}
     * by {@code item % 5}, ages exponential with mean {@value #MEAN_AGE_DAYS} days, and 1000 users whose
     * profiles are standard normal (not normalised, as in the seed). User 0 is the seed's
     * {@code user_profile}, drawn right after the popularity as the seed draws it.
     *
     * <p>Java cannot reproduce numpy's random stream, so the numbers match the seed in distribution,
     * not digit for digit.
     */
    public static World seedDemo(long seed) {
        int n = 1000;
        int d = 20;
        int userCount = 1000;
        SplittableRandom rng = new SplittableRandom(Seeds.stream(seed, 0));
        float[] items = new float[n * d];
        for (int i = 0; i < items.length; i++) {
            items[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            Vectors.normalise(items, i * d, d);
        }
        double[] pop = new double[n];
        for (int i = 0; i < n; i++) {
            pop[i] = POPULARITY_SCALE * rng.nextExponential();
        }
        divideByMax(pop);
        float[] users = new float[userCount * d];
        for (int i = 0; i < users.length; i++) {
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
     * A low-rank world of {@code itemCount} items in {@code dim} dimensions with the builder's other
     * defaults (1000 users, 20 categories, latent rank 16, noise 0.5).
     */
    public static World lowRank(int itemCount, int dim, long seed) {
        return builder().items(itemCount).dim(dim).seed(seed).build();
    }

    /** A builder for low-rank worlds; see {@link Builder} for the model and the defaults. */
    public static Builder builder() {
        return new Builder();
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
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        }
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
                throw new IllegalArgumentException("ageDays[" + i + "] must be finite and >= 0, got " + ageDays[i]);
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
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
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
    // Generation of low-rank worlds

    /**
     * Builds low-rank worlds. The model, with {@code r} the latent rank and {@code C} the number of
     * categories:
     * <ol>
     *   <li>a random basis {@code B} ({@code dim × r}, entries N(0, 1/r)) and one latent centre
     *       {@code c_k ~ N(0, I_r)} per category;</li>
     *   <li>item {@code i} gets a uniform category {@code k}, a latent vector
     *       {@code z = s·c_k + N(0, I_r)} ({@code s} = category spread), and the vector
     *       {@code normalise(B z + σ·N(0, I_dim))} (σ = noise);</li>
     *   <li>user {@code u} gets a favourite category {@code k} and the vector
     *       {@code normalise(B (s·c_k + N(0, I_r)) + σ·N(0, I_dim))};</li>
     *   <li>popularity is exponential with scale 0.3 divided by its maximum, as in the seed; age is
     *       exponential with mean {@value World#MEAN_AGE_DAYS} days; both independent of the vectors.</li>
     * </ol>
     * The low-rank part has per-coordinate variance about {@code 1 + s²}, so σ = 0.5 is mild noise.
     * Defaults: 10 000 items, 64 dims, 1000 users, 20 categories, rank 16 (capped at dim), spread 1,
     * noise 0.5, seed 42.
     */
    public static final class Builder {
        private int items = 10_000;
        private int dim = 64;
        private int users = 1000;
        private int categories = 20;
        private int rank = 16;
        private double spread = 1.0;
        private double noise = 0.5;
        private long seed = 42;

        private Builder() {
        }

        /** Number of items, ≥ 1; {@code items × dim} must fit in one Java array. */
        public Builder items(int items) {
            if (items < 1) {
                throw new IllegalArgumentException("items must be >= 1, got " + items);
            }
            this.items = items;
            return this;
        }

        /** Vector dimension, ≥ 1. */
        public Builder dim(int dim) {
            if (dim < 1) {
                throw new IllegalArgumentException("dim must be >= 1, got " + dim);
            }
            this.dim = dim;
            return this;
        }

        /** Number of users, ≥ 0. */
        public Builder users(int users) {
            if (users < 0) {
                throw new IllegalArgumentException("users must be >= 0, got " + users);
            }
            this.users = users;
            return this;
        }

        /** Number of categories, ≥ 1; names are {@code cat_0, cat_1, …}. */
        public Builder categories(int categories) {
            if (categories < 1) {
                throw new IllegalArgumentException("categories must be >= 1, got " + categories);
            }
            this.categories = categories;
            return this;
        }

        /** Latent rank, ≥ 1; values above dim are capped at dim. */
        public Builder rank(int rank) {
            if (rank < 1) {
                throw new IllegalArgumentException("rank must be >= 1, got " + rank);
            }
            this.rank = rank;
            return this;
        }

        /** How far category centres lie from each other in latent units, finite and ≥ 0. */
        public Builder categorySpread(double spread) {
            if (!(spread >= 0) || Double.isInfinite(spread)) {
                throw new IllegalArgumentException("categorySpread must be finite and >= 0, got " + spread);
            }
            this.spread = spread;
            return this;
        }

        /** Standard deviation of the isotropic noise per coordinate, finite and ≥ 0. */
        public Builder noise(double noise) {
            if (!(noise >= 0) || Double.isInfinite(noise)) {
                throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
            }
            this.noise = noise;
            return this;
        }

        /** The seed; the same seed gives the same world on every machine and thread count. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Generates the world (in parallel; 1M × 64 takes a few seconds on two cores). */
        public World build() {
            if ((long) items * dim > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("items × dim must be <= " + (Integer.MAX_VALUE - 16)
                        + ", got " + items + " × " + dim);
            }
            if ((long) users * dim > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("users × dim must be <= " + (Integer.MAX_VALUE - 16)
                        + ", got " + users + " × " + dim);
            }
            int r = Math.min(rank, dim);
            SplittableRandom setup = new SplittableRandom(Seeds.stream(seed, 10));
            double[] basis = new double[dim * r];
            double basisScale = 1.0 / Math.sqrt(r);
            for (int i = 0; i < basis.length; i++) {
                basis[i] = basisScale * setup.nextGaussian();
            }
            double[] centres = new double[categories * r];
            for (int i = 0; i < centres.length; i++) {
                centres[i] = spread * setup.nextGaussian();
            }
            float[] itemVectors = new float[items * dim];
            int[] cats = new int[items];
            double[] pop = new double[items];
            double[] age = new double[items];
            int itemChunks = (items + CHUNK - 1) / CHUNK;
            IntStream.range(0, itemChunks).parallel().forEach(c -> {
                SplittableRandom rng = new SplittableRandom(Seeds.stream(seed, 1_000_000L + c));
                double[] z = new double[r];
                int end = Math.min(items, (c + 1) * CHUNK);
                for (int i = c * CHUNK; i < end; i++) {
                    int k = rng.nextInt(categories);
                    cats[i] = k;
                    latentRow(rng, centres, k, z);
                    embed(rng, basis, z, dim, noise, itemVectors, i * dim);
                    pop[i] = POPULARITY_SCALE * rng.nextExponential();
                    age[i] = MEAN_AGE_DAYS * rng.nextExponential();
                }
            });
            divideByMax(pop);
            float[] userVectors = new float[users * dim];
            int userChunks = (users + CHUNK - 1) / CHUNK;
            IntStream.range(0, userChunks).parallel().forEach(c -> {
                SplittableRandom rng = new SplittableRandom(Seeds.stream(seed, 2_000_000_000L + c));
                double[] z = new double[r];
                int end = Math.min(users, (c + 1) * CHUNK);
                for (int u = c * CHUNK; u < end; u++) {
                    latentRow(rng, centres, rng.nextInt(categories), z);
                    embed(rng, basis, z, dim, noise, userVectors, u * dim);
                }
            });
            return new World(dim, itemVectors, cats, names(categories), pop, age, userVectors, seed);
        }

        private static void latentRow(SplittableRandom rng, double[] centres, int k, double[] z) {
            int r = z.length;
            for (int j = 0; j < r; j++) {
                z[j] = centres[k * r + j] + rng.nextGaussian();
            }
        }

        private static void embed(SplittableRandom rng, double[] basis, double[] z, int dim, double noise,
                                  float[] out, int off) {
            int r = z.length;
            double norm2 = 0;
            for (int a = 0; a < dim; a++) {
                double s = noise * rng.nextGaussian();
                int row = a * r;
                for (int j = 0; j < r; j++) {
                    s += basis[row + j] * z[j];
                }
                out[off + a] = (float) s;
                norm2 += s * s;
            }
            if (norm2 == 0) {
                out[off] = 1f;
                return;
            }
            float inv = (float) (1.0 / Math.sqrt(norm2));
            for (int a = 0; a < dim; a++) {
                out[off + a] *= inv;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers

    private static void divideByMax(double[] x) {
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

    private static String[] names(int count) {
        String[] names = new String[count];
        for (int k = 0; k < count; k++) {
            names[k] = "cat_" + k;
        }
        return names;
    }
}
