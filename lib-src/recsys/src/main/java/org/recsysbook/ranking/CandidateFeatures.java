package org.recsysbook.ranking;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.recsysbook.core.Args;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.data.Interactions;
import org.recsysbook.data.MovieLens;
import org.recsysbook.notebook.Progress;
import org.recsysbook.retrieval.Ease;
import org.recsysbook.retrieval.ImplicitAls;
import org.recsysbook.retrieval.ItemKnn;

/**
 * The features a learned ranker sees for each (user, candidate) pair on real data — the chapter's ranking stage
 * ("accurate, slower", with "rich features") fed by the candidates of a learned generator.
 *
 * <p>Candidates are EASE's top {@code n} unseen items for the user. Each pair gets {@link #NAMES}: each generator's
 * score and rank (EASE's rank is the candidate's position; ALS's and item-kNN's are the item's rank among all unseen
 * items by that model); the item's popularity ({@code log(1 + training users)}) and its recent trend (the share of
 * its ratings before the request that fall in the 180 days before it); the item's age at the request (the request's
 * year minus the release year); the user's genre affinity for the item (the mean, over the item's genres, of the
 * share of the user's training ratings in that genre); the user's activity ({@code log(1 + training ratings)}); and
 * the release year. The request's time is the user's last training rating, so no feature looks past it. An unknown
 * year gives NaN, which the gradient-boosted ranker treats as missing and the logistic regression replaces by the
 * feature's mean.
 *
 * <p>Rows are grouped by user, candidates in EASE's order; {@link Batch#labels()} marks the candidates the user went
 * on to watch in the held-out set given. Built in parallel over users, each user's rows computed independently, so
 * the result does not depend on the number of threads.
 */
public final class CandidateFeatures {
    /** The feature names, in column order. */
    public static final String[] NAMES = {"EASE score", "EASE rank", "ALS score", "ALS rank", "item-kNN score",
        "item-kNN rank", "popularity", "trend", "age at request", "genre affinity", "user activity", "year"};
    private static final long TREND_WINDOW = 180L * 24 * 3600;
    private static final long SECONDS_PER_YEAR = 31_556_952L;

    private final MovieLens ml;
    private final Interactions train;
    private final Ease ease;
    private final ImplicitAls als;
    private final ItemKnn knn;
    private final long[][] itemTimes; // each item's training timestamps, ascending

    /** Features from generators trained on {@code train} (all four on the same interactions). */
    public CandidateFeatures(MovieLens ml, Interactions train, Ease ease, ImplicitAls als, ItemKnn knn) {
        this.ml = Args.notNull("ml", ml);
        this.train = Args.notNull("train", train);
        this.ease = Args.notNull("ease", ease);
        this.als = Args.notNull("als", als);
        this.knn = Args.notNull("knn", knn);
        int n = train.itemCount();
        int[] fill = new int[n];
        long[][] times = new long[n][];
        int[] counts = train.itemCounts();
        for (int i = 0; i < n; i++) {
            times[i] = new long[counts[i]];
        }
        for (int u = 0; u < train.userCount(); u++) {
            int[] items = train.items(u);
            long[] t = train.times(u);
            for (int j = 0; j < items.length; j++) {
                times[items[j]][fill[items[j]]++] = t[j];
            }
        }
        for (long[] t : times) {
            Arrays.sort(t);
        }
        this.itemTimes = times;
    }

    /**
     * The candidates and their features for each user, with labels from {@code heldOut} (null: all 0).
     *
     * @param users      training users, each with at least one training interaction
     * @param candidates EASE's top {@code candidates} per user, in [1, item count]
     */
    public Batch build(int[] users, int candidates, Interactions heldOut) {
        Args.notNull("users", users);
        Args.inRange("candidates", candidates, 1, train.itemCount());
        int f = NAMES.length;
        double[][] rows = new double[users.length][];
        int[][] items = new int[users.length][];
        float[][] labels = new float[users.length][];
        try (Progress bar = Progress.start("Features of " + candidates + " candidates for " + users.length
                + " users", users.length)) {
            IntStream.range(0, users.length).parallel().forEach(j -> {
                int u = users[j];
                ScoredItems c = ease.recommend(u, candidates);
                double[] alsScores = als.scores(u);
                double[] knnScores = knn.scores(u);
                int[] seen = train.sortedItemsShared(u);
                double[] alsSorted = unseenSorted(alsScores, seen);
                double[] knnSorted = unseenSorted(knnScores, seen);
                long now = train.times(u)[train.count(u) - 1];
                double[] genreShare = genreShare(u);
                double activity = Math.log1p(train.count(u));
                int requestYear = 1970 + (int) (now / SECONDS_PER_YEAR);
                double[] x = new double[c.size() * f];
                float[] y = new float[c.size()];
                for (int p = 0; p < c.size(); p++) {
                    int i = c.id(p);
                    int o = p * f;
                    x[o] = c.score(p);
                    x[o + 1] = p + 1;
                    x[o + 2] = finiteOr(alsScores[i], 0);
                    x[o + 3] = rank(alsSorted, alsScores[i]);
                    x[o + 4] = knnScores[i];
                    x[o + 5] = rank(knnSorted, knnScores[i]);
                    long[] t = itemTimes[i];
                    int before = lowerBound(t, now + 1);
                    int recentStart = lowerBound(t, now - TREND_WINDOW);
                    x[o + 6] = Math.log1p(t.length);
                    x[o + 7] = (double) (before - recentStart) / (before + 1);
                    int year = ml.year(i);
                    x[o + 8] = year > 0 ? requestYear - year : Double.NaN;
                    x[o + 9] = affinity(genreShare, ml.genreMask(i));
                    x[o + 10] = activity;
                    x[o + 11] = year > 0 ? year : Double.NaN;
                    y[p] = heldOut != null && heldOut.contains(u, i) ? 1f : 0f;
                }
                rows[j] = x;
                items[j] = c.ids();
                labels[j] = y;
                bar.step();
            });
        }
        int[] offsets = new int[users.length + 1];
        for (int j = 0; j < users.length; j++) {
            offsets[j + 1] = offsets[j] + items[j].length;
        }
        int total = offsets[users.length];
        double[] x = new double[total * f];
        int[] allItems = new int[total];
        float[] y = new float[total];
        for (int j = 0; j < users.length; j++) {
            System.arraycopy(rows[j], 0, x, offsets[j] * f, rows[j].length);
            System.arraycopy(items[j], 0, allItems, offsets[j], items[j].length);
            System.arraycopy(labels[j], 0, y, offsets[j], labels[j].length);
        }
        return new Batch(users.clone(), offsets, allItems, x, y);
    }

    /**
     * Candidate rows grouped by user: user {@code users[j]}'s candidates are rows {@code offsets[j] … offsets[j+1]-1}.
     *
     * @param x      the features, row-major, {@link #NAMES}{@code .length} per row
     * @param labels 1 for a candidate the user watched in the held-out set, else 0
     */
    public record Batch(int[] users, int[] offsets, int[] items, double[] x, float[] labels) {
        public int rows() {
            return items.length;
        }

        public int features() {
            return NAMES.length;
        }

        /** The rows of the users at positions {@code [from, to)}, for a split of users into parts. */
        public Batch users(int from, int to) {
            int f = NAMES.length;
            int a = offsets[from];
            int b = offsets[to];
            int[] off = new int[to - from + 1];
            for (int j = from; j <= to; j++) {
                off[j - from] = offsets[j] - a;
            }
            return new Batch(Arrays.copyOfRange(users, from, to), off, Arrays.copyOfRange(items, a, b),
                    Arrays.copyOfRange(x, a * f, b * f), Arrays.copyOfRange(labels, a, b));
        }
    }

    private double[] genreShare(int u) {
        double[] share = new double[ml.genreNames().length];
        int[] items = train.sortedItemsShared(u);
        for (int i : items) {
            int mask = ml.genreMask(i);
            for (int g = 0; g < share.length; g++) {
                if ((mask & (1 << g)) != 0) {
                    share[g] += 1.0 / items.length;
                }
            }
        }
        return share;
    }

    private static double affinity(double[] share, int mask) {
        double s = 0;
        int n = 0;
        for (int g = 0; g < share.length; g++) {
            if ((mask & (1 << g)) != 0) {
                s += share[g];
                n++;
            }
        }
        return n == 0 ? 0 : s / n;
    }

    /** The finite scores of the unseen items, descending. */
    private static double[] unseenSorted(double[] scores, int[] seen) {
        double[] s = new double[scores.length];
        int m = 0;
        int e = 0;
        for (int i = 0; i < scores.length; i++) {
            if (e < seen.length && seen[e] == i) {
                e++;
                continue;
            }
            if (Double.isFinite(scores[i])) {
                s[m++] = -scores[i];
            }
        }
        double[] out = Arrays.copyOf(s, m);
        Arrays.sort(out);
        return out;
    }

    /** 1 + the number of unseen items scored above {@code score} ({@code sortedNegated} holds −scores, ascending). */
    private static double rank(double[] sortedNegated, double score) {
        if (!Double.isFinite(score)) {
            return sortedNegated.length + 1;
        }
        int lo = 0;
        int hi = sortedNegated.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedNegated[mid] < -score) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo + 1;
    }

    private static int lowerBound(long[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double finiteOr(double v, double fallback) {
        return Double.isFinite(v) ? v : fallback;
    }
}
