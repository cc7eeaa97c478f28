package org.recsysbook.abtest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;

/**
 * Deterministic, salted assignment of users to an experiment's variants, step 1 of the chapter's "How It
 * Works" ("split live traffic randomly into control and treatment").
 *
 * <p>A user's variant is a function of the experiment's salt and the user's id alone, so it is the same on
 * every request, run, server and JVM, with no table of assignments to store. The salt is hashed to 64 bits
 * with FNV-1a over its UTF-8 bytes; the user id is then mixed with it by MurmurHash3's 64-bit finaliser,
 * h = fmix64(fmix64(id) ⊕ salt hash), whose avalanche makes every output bit depend on every input bit.
 * The top 53 bits of h give a uniform number u in [0, 1), and the user gets the first variant whose
 * cumulative share exceeds u. Different salts give independent splits, so one user's arm in one experiment
 * says nothing about their arm in the next. Both hashes are fixed, published bit recipes written out here
 * (never {@code String.hashCode} or identity hashes, which a JVM may change).
 */
public final class TrafficSplitter {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final String salt;
    private final long saltHash;
    private final List<String> variants;
    private final double[] shares;
    private final double[] cumulative;

    /**
     * @param salt     the experiment's salt (e.g. its name), non-empty
     * @param variants the variants' names, at least 2, distinct
     * @param shares   each variant's share of traffic, &gt; 0 (normalised to sum to 1)
     */
    public TrafficSplitter(String salt, List<String> variants, double[] shares) {
        if (salt == null || salt.isEmpty()) {
            throw Args.fail("salt", salt == null ? "null" : "\"\"", "a non-empty string");
        }
        if (variants == null || variants.size() < 2) {
            throw Args.fail("variants.size()", variants == null ? "null" : variants.size(),
                    "≥ 2 (at least 2 variants)");
        }
        if (variants.stream().distinct().count() != variants.size()) {
            throw Args.fail("variants", variants, "distinct names");
        }
        Args.notNull("shares", shares);
        Args.sameLength("variants", variants.size(), "shares", shares.length);
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            sum += Args.positive("shares[" + i + "]", shares[i]);
        }
        this.salt = salt;
        this.saltHash = fnv1a64(salt);
        this.variants = List.copyOf(variants);
        this.shares = new double[shares.length];
        this.cumulative = new double[shares.length];
        double c = 0;
        for (int i = 0; i < shares.length; i++) {
            this.shares[i] = shares[i] / sum;
            c += this.shares[i];
            cumulative[i] = c;
        }
        cumulative[shares.length - 1] = 1.0;
    }

    /** A 50/50 split into "control" and "treatment". */
    public static TrafficSplitter fiftyFifty(String salt) {
        return new TrafficSplitter(salt, List.of("control", "treatment"), new double[] {0.5, 0.5});
    }

    /** The index of the user's variant. */
    public int assign(long userId) {
        double u = Seeds.unit(hash64(saltHash, userId));
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** The index of the variant of a user known by a string id (hashed with FNV-1a first). */
    public int assign(String userId) {
        if (userId == null) {
            throw new IllegalArgumentException("userId must not be null");
        }
        return assign(fnv1a64(userId));
    }

    /** The name of the user's variant. */
    public String variantOf(long userId) {
        return variants.get(assign(userId));
    }

    public String salt() {
        return salt;
    }

    public List<String> variants() {
        return variants;
    }

    /** The normalised shares, summing to 1. */
    public double[] shares() {
        return shares.clone();
    }

    /** The 64-bit hash of a user under a salt: fmix64(fmix64(userId) ⊕ FNV-1a(salt)). */
    public static long hash64(String salt, long userId) {
        return hash64(fnv1a64(salt), userId);
    }

    static long hash64(long saltHash, long userId) {
        return Seeds.fmix64(Seeds.fmix64(userId) ^ saltHash);
    }

    /** FNV-1a, 64-bit, over the UTF-8 bytes of s. */
    public static long fnv1a64(String s) {
        long h = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }


    @Override
    public String toString() {
        return "TrafficSplitter[salt=" + salt + ", variants=" + variants + ", shares=" + Arrays.toString(shares) + "]";
    }
}
