package org.recsysbook.metrics;

/**
 * Derives independent seeds for numbered sub-streams (one per user, one per replicate) from one seed.
 *
 * <p>{@code SplittableRandom(s)} does not scramble its seed, so seeds that differ by a multiple of its internal
 * increment give the same stream shifted by a few steps. Every derived seed therefore goes through a 64-bit
 * finaliser (the MurmurHash3 / SplitMix mixing function), after which nearby indices give unrelated streams.
 */
final class Seeds {
    private Seeds() { }

    /** Stream families, so that one seed used by two components does not give both the same numbers. */
    static final long HISTORICAL_LOG = 1;
    static final long RANDOM_BASELINE = 2;
    static final long SAMPLED_METRICS = 3;

    /** A well-mixed seed for sub-stream {@code index} of family {@code family} under {@code seed}. */
    static long forIndex(long seed, long family, long index) {
        return mix(mix(mix(seed) ^ (0x9E3779B97F4A7C15L * family)) + 0xD1B54A32D192ED03L * (index + 1));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
