package org.recsysbook.core;

/**
 * The library's one place for deriving seeds and hashes, so that every random thing is seeded and nearby seeds,
 * users or replicates give unrelated streams.
 *
 * <p>{@code SplittableRandom(s)} does not scramble its seed: seeds that differ by a multiple of its internal
 * increment give the same stream shifted by a few steps, and seeds such as {@code seed ^ (γ · (user + 1))} give
 * correlated streams for neighbouring users. Every derived seed therefore goes through a 64-bit finaliser. Two are
 * written here, and each caller keeps the one its recorded figures were measured with: SplitMix64's
 * ({@link #splitMix}), under {@link #stream} and {@link #forIndex}; and MurmurHash3's ({@link #fmix64}), under the
 * A/B tests' user hashing and {@link #replicate}.
 */
public final class Seeds {
    private Seeds() { }

    /** The golden-ratio increment 2⁶⁴/φ, odd, used to spread consecutive indices over the 64-bit integers. */
    public static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** A well-mixed seed for stream {@code stream} under {@code seed}: parallel chunks, stages, users. */
    public static long stream(long seed, long stream) {
        return splitMix(seed * GOLDEN + stream * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L);
    }

    /**
     * A well-mixed seed for sub-stream {@code index} of family {@code family} under {@code seed}, so that one seed
     * used by two components (a family each) does not give both the same numbers.
     */
    public static long forIndex(long seed, long family, long index) {
        return splitMix(splitMix(splitMix(seed) ^ (GOLDEN * family)) + 0xD1B54A32D192ED03L * (index + 1));
    }

    /** The seed of replicate {@code i} of an experiment repeated under {@code seed}. */
    public static long replicate(long seed, long i) {
        return fmix64(seed * GOLDEN + i);
    }

    /** SplitMix64's finaliser (Stafford's variant 13): a bijection of the 64-bit integers with full avalanche. */
    public static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** MurmurHash3's 64-bit finaliser: a bijection of the 64-bit integers with full avalanche. */
    public static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** The top 53 bits of {@code h} as a double in [0, 1). */
    public static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }
}
