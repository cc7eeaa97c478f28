package org.recsysbook.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;
import org.recsysbook.core.TopK;

/**
 * Reference recommenders an offline evaluation compares against, the yardsticks for the chapter's "Model A" and
 * "Model B": most popular, embedding similarity to the user's history, and random. They know only the training side of a {@link TemporalSplit} and never
 * recommend an item the user already clicked in training. All are thread-safe and deterministic.
 *
 * <ul>
 *   <li>{@link #popularity}: items by training clicks, most first (ties by smaller id), the same list for
 *       everyone; the "obvious" recommendation {@link Serendipity} measures surprise against.</li>
 *   <li>{@link #embedding}: the mean vector of the items the user clicked in training, scored against every
 *       item by dot product; users without training clicks get the popularity list.</li>
 *   <li>{@link #random}: uniform without replacement, seeded per user so a user gets the same list on every
 *       call and in any thread.</li>
 * </ul>
 */
public final class Baselines {
    private Baselines() { }

    /** Most popular first, by training clicks. */
    public static Recommender popularity(TemporalSplit split) {
        Args.notNull("split", split);
        int[] order = popularityOrder(split.trainClickCounts());
        int[][] seen = split.trainItemsShared();
        return (user, k) -> {
            Args.atLeast("k", k, 1);
            return skipSeen(order, seen[checkUser(user, seen)], k);
        };
    }

    /**
     * Dot product of every item vector with the mean vector of the user's training items.
     *
     * @param itemVectors flat row-major item vectors, {@code dim} floats per item (as {@code World.itemVectors()})
     */
    public static Recommender embedding(TemporalSplit split, float[] itemVectors, int dim) {
        Args.notNull("split", split);
        int n = checkVectors(split, itemVectors, dim);
        int[][] seen = split.trainItemsShared();
        Recommender fallback = popularity(split);
        return (user, k) -> {
            Args.atLeast("k", k, 1);
            int[] history = seen[checkUser(user, seen)];
            if (history.length == 0) {
                return fallback.recommend(user, k);
            }
            double[] scores = profileDots(itemVectors, dim, n, history);
            for (int item : history) {
                scores[item] = Double.NEGATIVE_INFINITY;
            }
            int want = (int) Math.min(n, (long) k + history.length);
            return skipSeen(TopK.indices(scores, want), history, k);
        };
    }

    /**
     * Checks that {@code itemVectors} holds {@code dim} floats for each of the split's items, and returns the item
     * count (every embedding recommender here, and {@link OfflineUses}' variants, check the same way).
     */
    static int checkVectors(TemporalSplit split, float[] itemVectors, int dim) {
        Args.notNull("itemVectors", itemVectors);
        Args.atLeast("dim", dim, 1);
        int n = split.itemCount();
        if (itemVectors.length != (long) n * dim) {
            throw new IllegalArgumentException("itemVectors has " + itemVectors.length + " floats; expected itemCount "
                    + n + " × dim " + dim + " = " + (long) n * dim);
        }
        return n;
    }

    /**
     * The dot product of every item's vector with the sum of {@code history}'s vectors, accumulated in doubles in item
     * and dimension order (the embedding baseline's scores; {@link OfflineUses} scores its variants the same way).
     */
    static double[] profileDots(float[] itemVectors, int dim, int n, int[] history) {
        double[] profile = new double[dim];
        for (int item : history) {
            for (int d = 0; d < dim; d++) {
                profile[d] += itemVectors[item * dim + d];
            }
        }
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * dim;
            for (int d = 0; d < dim; d++) {
                s += profile[d] * itemVectors[o + d];
            }
            scores[i] = s;
        }
        return scores;
    }

    /** Uniformly random unseen items, seeded by {@code seed} and the user id. */
    public static Recommender random(TemporalSplit split, long seed) {
        Args.notNull("split", split);
        int n = split.itemCount();
        int[][] seen = split.trainItemsShared();
        return (user, k) -> {
            Args.atLeast("k", k, 1);
            int[] history = seen[checkUser(user, seen)];
            int[] pool = new int[n - history.length];
            for (int i = 0, m = 0; i < n; i++) {
                if (Arrays.binarySearch(history, i) < 0) {
                    pool[m++] = i;
                }
            }
            SplittableRandom rng = new SplittableRandom(Seeds.forIndex(seed, 2, user));
            int take = Math.min(k, pool.length);
            for (int j = 0; j < take; j++) {
                int r = j + rng.nextInt(pool.length - j);
                int t = pool[j];
                pool[j] = pool[r];
                pool[r] = t;
            }
            return Arrays.copyOf(pool, take);
        };
    }

    /** Item ids by count, largest first, ties by smaller id. */
    static int[] popularityOrder(long[] counts) {
        Integer[] order = new Integer[counts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a])
                : Integer.compare(a, b));
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** The first k items of {@code ranked} that are not in the ascending array {@code seen}. */
    private static int[] skipSeen(int[] ranked, int[] seen, int k) {
        int[] out = new int[Math.min(k, ranked.length)];
        int m = 0;
        for (int i = 0; i < ranked.length && m < out.length; i++) {
            if (Arrays.binarySearch(seen, ranked[i]) < 0) {
                out[m++] = ranked[i];
            }
        }
        return m == out.length ? out : Arrays.copyOf(out, m);
    }

    private static int checkUser(int user, int[][] seen) {
        if (user < 0 || user >= seen.length) {
            throw new IllegalArgumentException("user must be in [0, " + seen.length + "), got " + user);
        }
        return user;
    }
}
