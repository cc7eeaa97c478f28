package org.recsysbook.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;

/**
 * A train/test split of real interactions, the protocol an offline evaluation (the chapter's "Offline vs Online
 * Metrics") is only as good as: which ratings a model may learn from, and which it must predict.
 *
 * <ul>
 *   <li>{@link #chronological}: per user, the last share of their ratings by time (ties broken by item id) is the
 *       test set, the rest train. Each user with {@code n >= 2} ratings keeps {@code t = round(f·n)} of them for the
 *       test, at least 1 and at most {@code n - 1}; a user with one rating keeps it for training. The protocol the
 *       workbook uses.</li>
 *   <li>{@link #random}: the same number of test ratings per user, drawn at random (seeded per user) — the
 *       protocol that lets a model see the future.</li>
 *   <li>{@link #globalTime}: one cut in time for everyone; what was rated at or after the cut is the test set.</li>
 * </ul>
 * Every rating counts as an implicit interaction; every test item is relevant unless {@link #relevantAtLeast}
 * raises the bar. {@link #validation} cuts the last part of each user's training ratings off as a validation set, for
 * tuning and for training a ranker without touching the test set. Test users ({@link #testUsers()}) are the users
 * with at least one training and one test interaction. Immutable.
 */
public final class Split {
    private final String protocol;
    private final Interactions train;
    private final Interactions test;

    private Split(String protocol, Interactions train, Interactions test) {
        this.protocol = protocol;
        this.train = train;
        this.test = test;
    }

    /** Per user, the last {@code testFraction} of their ratings by time are the test set. */
    public static Split chronological(Interactions all, double testFraction) {
        checkAll(all);
        checkFraction(testFraction, "testFraction");
        Interactions test = all.select((u, p, n, t, r) -> p >= n - testCount(n, testFraction));
        Interactions train = all.select((u, p, n, t, r) -> p < n - testCount(n, testFraction));
        return new Split(String.format(Locale.ROOT, "chronological, last %.0f%% per user", 100 * testFraction), train,
                test);
    }

    /** Per user, a random {@code testFraction} of their ratings (same counts as {@link #chronological}). */
    public static Split random(Interactions all, double testFraction, long seed) {
        checkAll(all);
        checkFraction(testFraction, "testFraction");
        boolean[][] inTest = new boolean[all.userCount()][];
        for (int u = 0; u < all.userCount(); u++) {
            int n = all.count(u);
            int t = testCount(n, testFraction);
            int[] positions = new int[n];
            for (int p = 0; p < n; p++) {
                positions[p] = p;
            }
            SplittableRandom rng = new SplittableRandom(Seeds.stream(seed, u));
            for (int j = 0; j < t; j++) {
                int r = j + rng.nextInt(n - j);
                int x = positions[j];
                positions[j] = positions[r];
                positions[r] = x;
            }
            inTest[u] = new boolean[n];
            for (int j = 0; j < t; j++) {
                inTest[u][positions[j]] = true;
            }
        }
        return new Split(String.format(Locale.ROOT, "random %.0f%% per user (seed %d)", 100 * testFraction, seed),
                all.select((u, p, n, t, r) -> !inTest[u][p]), all.select((u, p, n, t, r) -> inTest[u][p]));
    }

    /** One cut for everyone at timestamp {@code cut} (seconds since 1970): ratings at or after it are the test set. */
    public static Split globalTime(Interactions all, long cut) {
        checkAll(all);
        return new Split("global time cut at " + java.time.Instant.ofEpochSecond(cut), all.select((u, p, n, t, r) -> t
                < cut), all.select((u, p, n, t, r) -> t >= cut));
    }

    /** One cut for everyone, placed so that about the last {@code testFraction} of all ratings fall after it. */
    public static Split globalTime(Interactions all, double testFraction) {
        checkAll(all);
        checkFraction(testFraction, "testFraction");
        long[] times = new long[all.size()];
        int q = 0;
        for (int u = 0; u < all.userCount(); u++) {
            for (long t : all.times(u)) {
                times[q++] = t;
            }
        }
        Arrays.sort(times);
        long cut = times[Math.min(times.length - 1, (int) Math.floor((1 - testFraction) * times.length))];
        return globalTime(all, cut);
    }

    /**
     * The same split whose test set keeps only the ratings of at least {@code threshold} stars: "relevant" now
     * means "liked", not "watched". Training is unchanged.
     *
     * @param threshold in [0.5, 5]
     */
    public Split relevantAtLeast(double threshold) {
        if (!(threshold >= 0.5 && threshold <= 5)) {
            throw Args.fail("threshold", threshold, "in [0.5, 5] (stars)");
        }
        return new Split(protocol + String.format(Locale.ROOT, ", relevant if rated >= %.1f", threshold), train,
                test.select((u, p, n, t, r) -> r >= threshold));
    }

    /**
     * A validation split inside the training set: per user, the last {@code fraction} of their training ratings by
     * time become the validation "test" set, the rest its training set. The test set of this split is not used.
     */
    public Split validation(double fraction) {
        checkFraction(fraction, "fraction");
        Split v = chronological(train, fraction);
        return new Split("validation: last " + Math.round(100 * fraction) + "% of each user's training ratings",
                v.train, v.test);
    }

    /** The number of test ratings of a user with {@code n} ratings. */
    static int testCount(int n, double fraction) {
        if (n < 2) {
            return 0;
        }
        return (int) Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
    }

    public Interactions train() {
        return train;
    }

    public Interactions test() {
        return test;
    }

    /** How the split was made, for tables. */
    public String protocol() {
        return protocol;
    }

    public int userCount() {
        return train.userCount();
    }

    public int itemCount() {
        return train.itemCount();
    }

    /** The users with at least one training and one test interaction, ascending. */
    public int[] testUsers() {
        int m = 0;
        int[] out = new int[train.userCount()];
        for (int u = 0; u < train.userCount(); u++) {
            if (train.count(u) > 0 && test.count(u) > 0) {
                out[m++] = u;
            }
        }
        return Arrays.copyOf(out, m);
    }

    private static void checkAll(Interactions all) {
        if (Args.notNull("all", all).size() == 0) {
            throw Args.fail("all", all, "at least one interaction");
        }
    }

    private static void checkFraction(double f, String name) {
        Args.openUnit(name, f);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Split[%s: %,d train, %,d test, %,d test users]", protocol, train.size(),
                test.size(), testUsers().length);
    }
}
