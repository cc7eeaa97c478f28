package org.recsysbook.studies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.recsysbook.core.Args;
import org.recsysbook.core.TopK;
import org.recsysbook.data.Interactions;
import org.recsysbook.data.MovieLens;
import org.recsysbook.data.Split;
import org.recsysbook.metrics.Ndcg;
import org.recsysbook.metrics.RelevantItems;
import org.recsysbook.retrieval.ImplicitAls;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The cold start on MovieLens (notebook 09): new users, whom a model trained without them cannot embed until they
 * have rated something, and new items, which no learned embedding retrieves until they have been rated — the two
 * gaps the chapter's candidate-generation stage fills with popularity and rule-based sources.
 *
 * <p>{@link #newUsers}: a seeded share of the users is taken out of training altogether; for each, their first
 * {@code k} ratings (by time) are revealed and their ratings after the first {@value #REVEALED_AT_MOST} are the test set, the same
 * for every {@code k}. Three sources recommend 10 movies the user has not revealed: popularity among the training users,
 * genres (popularity times the cosine between the movie's genres and the genres of the revealed movies) and ALS
 * folded in from the revealed movies (the user step's solve against the item vectors of an ALS trained on the other users). With nothing revealed
 * ALS has no vector for the user, and its cell is missing.
 *
 * <p>{@link #newItems}: under a per-user chronological split, the movies without a training rating have no ALS
 * vector and are never retrieved; a content slot (the last of the 10 places given to the unrated movie whose genres
 * best match the user's training movies) is one way to expose them.
 */
public final class ColdStart {
    private ColdStart() { }

    /** The most first ratings {@link #newUsers} reveals; the later ones are the test set. */
    public static final int REVEALED_AT_MOST = 20;

    /** The three sources compared for new users, in table order. */
    public static final List<String> SOURCES = List.of("popularity", "genres", "ALS");

    /**
     * NDCG@10 of each source for users held out of training, by how many of their ratings have been revealed.
     *
     * @param share    the share of users held out, in (0, 1)
     * @param reveals  the numbers of first ratings revealed, each in [0, {@value #REVEALED_AT_MOST}]; every held-out
     *                 user's test set is their ratings after the first {@value #REVEALED_AT_MOST} (a user with no
     *                 more is left out), the same for every number revealed
     * @param settings the ALS trained on the other users
     * @return columns "ratings revealed", "popularity", "genres", "ALS" (missing at 0: no vector without a rating),
     *         and "users"
     */
    public static Table newUsers(MovieLens ml, double share, int[] reveals, ImplicitAls.Settings settings,
                                 long seed) {
        Args.notNull("ml", ml);
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("share must be in (0, 1), got " + share);
        }
        Args.notNull("reveals", reveals);
        for (int k : reveals) {
            if (k < 0 || k > REVEALED_AT_MOST) {
                throw new IllegalArgumentException("reveals must each be in [0, " + REVEALED_AT_MOST + "], got " + k);
            }
        }
        Interactions all = ml.ratings();
        int users = all.userCount();
        int[] order = new int[users];
        Arrays.setAll(order, u -> u);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = users - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int take = Math.max(1, (int) Math.round(share * users));
        boolean[] isNew = new boolean[users];
        int[] chosen = Arrays.copyOf(order, take);
        Arrays.sort(chosen);
        for (int u : chosen) {
            isNew[u] = true;
        }
        int[] newUsers = Arrays.stream(chosen).filter(u -> all.count(u) > REVEALED_AT_MOST).toArray();
        int held = newUsers.length;
        if (held == 0) {
            throw new IllegalArgumentException("none of the " + take + " users held out has more than "
                    + REVEALED_AT_MOST + " ratings, so none has a test set; hold out a larger share");
        }
        Interactions train = without(all, isNew);
        ImplicitAls als = ImplicitAls.train(train, Args.notNull("settings", settings), false);
        double[] popularity = toDouble(train.itemCounts());
        int[] genres = ml.genreMasks();
        float[] itemVectors = als.itemVectors();

        IntColumn revealed = IntColumn.create("ratings revealed");
        DoubleColumn pop = DoubleColumn.create("popularity");
        DoubleColumn gen = DoubleColumn.create("genres");
        DoubleColumn mf = DoubleColumn.create("ALS");
        IntColumn count = IntColumn.create("users");
        for (int k : reveals) {
            double sp = 0, sg = 0, sa = 0;
            for (int u : newUsers) {
                int[] history = all.items(u); // time order
                int n = history.length;
                int[] shown = Arrays.copyOf(history, k);
                Arrays.sort(shown);
                RelevantItems relevant = RelevantItems.of(Arrays.copyOfRange(history, REVEALED_AT_MOST, n));
                sp += Ndcg.of(top(popularity, shown, 10), relevant, 10);
                sg += Ndcg.of(top(genreScores(popularity, genres, shown), shown, 10), relevant, 10);
                if (k > 0) {
                    double[] v = als.foldIn(shown);
                    sa += Ndcg.of(top(alsScores(als, itemVectors, v), shown, 10), relevant, 10);
                }
            }
            revealed.append(k);
            pop.append(sp / held);
            gen.append(sg / held);
            if (k > 0) {
                mf.append(sa / held);
            } else {
                mf.appendMissing();
            }
            count.append(held);
        }
        return Table.create("New users: NDCG@10 by the number of ratings revealed", revealed, pop, gen, mf, count);
    }

    /** What a new item meets under a chronological split: no ALS vector, no retrieval, unless a content slot exists. */
    public record NewItems(int newMoviesInTest, int testRatingsOnNewMovies, double shareOfTestRatings,
                           int testUsersWithANewMovie, int newMoviesInAlsLists, int hitsOnNewMoviesAls,
                           int newMoviesExposedBySlot, int hitsOnNewMoviesBySlot, double alsNdcg,
                           double alsWithSlotNdcg) { }

    /**
     * New movies under {@code split}: those with test ratings but no training rating. Counts how often ALS's top 10
     * (or the whole catalog, if smaller) holds one (never: they have no vector) and what a content slot does — the last place given to the unrated
     * movie whose genre vector has the highest cosine with the user's training movies' genre counts (ties: the
     * newer release, then the smaller id).
     */
    public static NewItems newItems(MovieLens ml, Split split, ImplicitAls als) {
        Args.notNull("ml", ml);
        Args.notNull("split", split);
        Args.notNull("als", als);
        Interactions train = split.train();
        Interactions test = split.test();
        int items = train.itemCount();
        int[] trainCounts = train.itemCounts();
        int[] testCounts = test.itemCounts();
        int[] genres = ml.genreMasks();
        int[] years = ml.years();
        List<Integer> unrated = new ArrayList<>();
        int newInTest = 0, ratingsOnNew = 0;
        for (int i = 0; i < items; i++) {
            if (trainCounts[i] == 0) {
                unrated.add(i);
                if (testCounts[i] > 0) {
                    newInTest++;
                    ratingsOnNew += testCounts[i];
                }
            }
        }
        int k = Math.min(10, items);
        int usersWithNew = 0, inAls = 0, hitsAls = 0, hitsSlot = 0;
        boolean[] exposed = new boolean[items];
        double ndcgAls = 0, ndcgSlot = 0;
        int[] testUsers = split.testUsers();
        for (int u : testUsers) {
            int[] mine = test.sortedItemsShared(u);
            RelevantItems relevant = RelevantItems.of(mine);
            boolean any = false;
            for (int i : mine) {
                any |= trainCounts[i] == 0;
            }
            if (any) {
                usersWithNew++;
            }
            int[] list = als.recommendIds(u, k);
            for (int i : list) {
                if (trainCounts[i] == 0) {
                    inAls++;
                    if (relevant.contains(i)) {
                        hitsAls++;
                    }
                }
            }
            ndcgAls += Ndcg.of(list, relevant, k);
            double[] profile = profile(genres, train.sortedItemsShared(u));
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i : unrated) {
                double s = cosine(profile, genres[i]);
                if (s > bestScore || (s == bestScore && years[i] > years[best])) {
                    best = i;
                    bestScore = s;
                }
            }
            int[] withSlot = list.clone();
            if (best >= 0 && withSlot.length == k) {
                withSlot[k - 1] = best;
                exposed[best] = true;
                if (relevant.contains(best)) {
                    hitsSlot++;
                }
            }
            ndcgSlot += Ndcg.of(withSlot, relevant, k);
        }
        int exposedCount = 0;
        for (boolean e : exposed) {
            if (e) {
                exposedCount++;
            }
        }
        return new NewItems(newInTest, ratingsOnNew, (double) ratingsOnNew / test.size(), usersWithNew, inAls, hitsAls,
                exposedCount, hitsSlot, ndcgAls / testUsers.length, ndcgSlot / testUsers.length);
    }

    /** {@code all} without the rows of the users marked in {@code drop} (same id ranges). */
    static Interactions without(Interactions all, boolean[] drop) {
        int n = 0;
        for (int u = 0; u < all.userCount(); u++) {
            if (!drop[u]) {
                n += all.count(u);
            }
        }
        int[] us = new int[n], is = new int[n];
        long[] ts = new long[n];
        float[] rs = new float[n];
        for (int u = 0, e = 0; u < all.userCount(); u++) {
            if (drop[u]) {
                continue;
            }
            int[] items = all.items(u);
            long[] times = all.times(u);
            float[] ratings = all.ratings(u);
            for (int j = 0; j < items.length; j++, e++) {
                us[e] = u;
                is[e] = items[j];
                ts[e] = times[j];
                rs[e] = ratings[j];
            }
        }
        return Interactions.of(all.userCount(), all.itemCount(), us, is, ts, rs);
    }

    private static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    /** Genre counts over {@code items}: entry g is how many of them carry genre g. */
    static double[] profile(int[] genreMasks, int[] items) {
        double[] p = new double[32];
        for (int i : items) {
            int m = genreMasks[i];
            for (int g = 0; g < 32; g++) {
                if ((m >>> g & 1) != 0) {
                    p[g]++;
                }
            }
        }
        return p;
    }

    /** Cosine between a genre-count profile and a movie's 0/1 genre vector; 0 if either is empty. */
    static double cosine(double[] profile, int mask) {
        double dot = 0, pp = 0;
        int bits = Integer.bitCount(mask);
        for (int g = 0; g < 32; g++) {
            pp += profile[g] * profile[g];
            if ((mask >>> g & 1) != 0) {
                dot += profile[g];
            }
        }
        return pp == 0 || bits == 0 ? 0 : dot / Math.sqrt(pp * bits);
    }

    /** Popularity times genre match; with nothing revealed, popularity alone. */
    static double[] genreScores(double[] popularity, int[] genreMasks, int[] shown) {
        if (shown.length == 0) {
            return popularity;
        }
        double[] p = profile(genreMasks, shown);
        double[] s = new double[popularity.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = popularity[i] * cosine(p, genreMasks[i]);
        }
        return s;
    }

    private static double[] alsScores(ImplicitAls als, float[] y, double[] v) {
        int f = als.factors();
        double[] s = new double[als.itemCount()];
        for (int i = 0; i < s.length; i++) {
            if (!als.trained(i)) {
                s[i] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double d = 0;
            for (int c = 0; c < f; c++) {
                d += v[c] * y[i * f + c];
            }
            s[i] = d;
        }
        return s;
    }

    /** The best {@code k} items by {@code scores}, skipping {@code skip} (ascending) and unscorable items. */
    static int[] top(double[] scores, int[] skip, int k) {
        int[] idx = TopK.indices(scores, Math.min(scores.length, k + skip.length));
        int[] out = new int[k];
        int m = 0;
        for (int i : idx) {
            if (m == k) {
                break;
            }
            if (Arrays.binarySearch(skip, i) < 0 && scores[i] != Double.NEGATIVE_INFINITY) {
                out[m++] = i;
            }
        }
        return Arrays.copyOf(out, m);
    }
}
