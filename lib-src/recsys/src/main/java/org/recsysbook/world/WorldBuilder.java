package org.recsysbook.world;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;

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
 *   <li>popularity is exponential with scale 0.3 divided by its maximum, as in the chapter; age is
 *       exponential with mean {@value World#MEAN_AGE_DAYS} days; both independent of the vectors.</li>
 * </ol>
 * The low-rank part has per-coordinate variance about {@code 1 + s²}, so σ = 0.5 is mild noise.
 * Defaults: 10 000 items, 64 dims, 1000 users, 20 categories, rank 16 (capped at dim), spread 1,
 * noise 0.5, seed 42.
 */
public final class WorldBuilder {
    private int items = 10_000;
    private int dim = 64;
    private int users = 1000;
    private int categories = 20;
    private int rank = 16;
    private double spread = 1.0;
    private double noise = 0.5;
    private long seed = 42;

    WorldBuilder() {
    }

    /** Number of items, ≥ 1; {@code items × dim} must fit in one Java array. */
    public WorldBuilder items(int items) {
        this.items = Args.atLeast("items", items, 1);
        return this;
    }

    /** Vector dimension, ≥ 1. */
    public WorldBuilder dim(int dim) {
        this.dim = Args.atLeast("dim", dim, 1);
        return this;
    }

    /** Number of users, ≥ 0. */
    public WorldBuilder users(int users) {
        this.users = Args.atLeast("users", users, 0);
        return this;
    }

    /** Number of categories, ≥ 1; names are {@code cat_0, cat_1, …}. */
    public WorldBuilder categories(int categories) {
        this.categories = Args.atLeast("categories", categories, 1);
        return this;
    }

    /** Latent rank, ≥ 1; values above dim are capped at dim. */
    public WorldBuilder rank(int rank) {
        this.rank = Args.atLeast("rank", rank, 1);
        return this;
    }

    /** How far category centres lie from each other in latent units, finite and ≥ 0. */
    public WorldBuilder categorySpread(double spread) {
        this.spread = Args.nonNegative("categorySpread", spread);
        return this;
    }

    /** Standard deviation of the isotropic noise per coordinate, finite and ≥ 0. */
    public WorldBuilder noise(double noise) {
        this.noise = Args.nonNegative("noise", noise);
        return this;
    }

    /** The seed; the same seed gives the same world on every machine and thread count. */
    public WorldBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Generates the world (in parallel; 1M × 64 takes a few seconds on two cores). */
    public World build() {
        if ((long) items * dim > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("items × dim must be ≤ " + (Integer.MAX_VALUE - 16)
                    + ", got " + items + " × " + dim);
        }
        if ((long) users * dim > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("users × dim must be ≤ " + (Integer.MAX_VALUE - 16)
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
        int itemChunks = (items + World.CHUNK - 1) / World.CHUNK;
        IntStream.range(0, itemChunks).parallel().forEach(c -> {
            SplittableRandom rng = new SplittableRandom(Seeds.stream(seed, 1_000_000L + c));
            double[] z = new double[r];
            int end = Math.min(items, (c + 1) * World.CHUNK);
            for (int i = c * World.CHUNK; i < end; i++) {
                int k = rng.nextInt(categories);
                cats[i] = k;
                latentRow(rng, centres, k, z);
                embed(rng, basis, z, dim, noise, itemVectors, i * dim);
                pop[i] = World.POPULARITY_SCALE * rng.nextExponential();
                age[i] = World.MEAN_AGE_DAYS * rng.nextExponential();
            }
        });
        World.divideByMax(pop);
        float[] userVectors = new float[users * dim];
        int userChunks = (users + World.CHUNK - 1) / World.CHUNK;
        IntStream.range(0, userChunks).parallel().forEach(c -> {
            SplittableRandom rng = new SplittableRandom(Seeds.stream(seed, 2_000_000_000L + c));
            double[] z = new double[r];
            int end = Math.min(users, (c + 1) * World.CHUNK);
            for (int u = c * World.CHUNK; u < end; u++) {
                latentRow(rng, centres, rng.nextInt(categories), z);
                embed(rng, basis, z, dim, noise, userVectors, u * dim);
            }
        });
        return new World(dim, itemVectors, cats, World.names(categories), pop, age, userVectors, seed);
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
