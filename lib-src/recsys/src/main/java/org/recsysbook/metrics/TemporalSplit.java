package org.recsysbook.metrics;

import java.util.Arrays;

import org.recsysbook.core.Args;
import org.recsysbook.world.InteractionLog;

/**
 * A split of an interaction log by time into training and test data: everything logged before a cut-off day
 * trains, the clicks after it are what a recommender should have predicted. The chapter's "offline metrics are
 * computed on held-out interaction data"; holding out the future, not a random sample, is what keeps the
 * evaluation honest about what was known when.
 *
 * <p>Clicks are the positive feedback; impressions without a click are ignored. A user's relevant items are
 * the distinct items clicked on or after {@code firstTestDay} that the user had not clicked before it (re-clicks
 * of known items are not predictions). {@link #testUsers()} are the users with at least one such item: users
 * with none would score 0 on every metric and say nothing about the recommenders.
 */
public final class TemporalSplit {
    private final int firstTestDay;
    private final int[][] trainItems;   // per user, distinct, ascending
    private final RelevantItems[] relevant;
    private final long[] trainClickCounts;
    private final int[] testUsers;
    private final long trainRows;
    private final long testRows;

    private TemporalSplit(InteractionLog log, int firstTestDay, int userCount, int itemCount) {
        Args.notNull("log", log);
        Args.atLeast("userCount", userCount, 1);
        Args.atLeast("itemCount", itemCount, 1);
        this.firstTestDay = firstTestDay;
        this.trainClickCounts = new long[itemCount];
        int[] trainN = new int[userCount];
        int[] testN = new int[userCount];
        long train = 0;
        for (int r = 0; r < log.size(); r++) {
            int u = log.user(r);
            int i = log.item(r);
            if (u >= userCount) {
                throw new IllegalArgumentException("log row " + r + " has user " + u + "; users must be in [0, "
                        + userCount + ")");
            }
            RankedLists.item(i, itemCount, "log row " + r);
            boolean isTrain = log.day(r) < firstTestDay;
            if (isTrain) {
                train++;
            }
            if (log.clicked(r)) {
                if (isTrain) {
                    trainN[u]++;
                    trainClickCounts[i]++;
                } else {
                    testN[u]++;
                }
            }
        }
        this.trainRows = train;
        this.testRows = log.size() - train;
        int[][] tr = new int[userCount][];
        int[][] te = new int[userCount][];
        for (int u = 0; u < userCount; u++) {
            tr[u] = new int[trainN[u]];
            te[u] = new int[testN[u]];
        }
        Arrays.fill(trainN, 0);
        Arrays.fill(testN, 0);
        for (int r = 0; r < log.size(); r++) {
            if (log.clicked(r)) {
                int u = log.user(r);
                if (log.day(r) < firstTestDay) {
                    tr[u][trainN[u]++] = log.item(r);
                } else {
                    te[u][testN[u]++] = log.item(r);
                }
            }
        }
        this.trainItems = new int[userCount][];
        this.relevant = new RelevantItems[userCount];
        int users = 0;
        for (int u = 0; u < userCount; u++) {
            trainItems[u] = distinctSorted(tr[u]);
            int[] test = distinctSorted(te[u]);
            int m = 0;
            for (int item : test) {
                if (Arrays.binarySearch(trainItems[u], item) < 0) {
                    test[m++] = item;
                }
            }
            relevant[u] = m == 0 ? RelevantItems.none() : RelevantItems.of(Arrays.copyOf(test, m));
            if (m > 0) {
                users++;
            }
        }
        this.testUsers = new int[users];
        for (int u = 0, j = 0; u < userCount; u++) {
            if (!relevant[u].isEmpty()) {
                testUsers[j++] = u;
            }
        }
    }

    /**
     * Rows logged before {@code firstTestDay} train, the rest test.
     *
     * @param userCount users are {@code 0 … userCount-1}
     * @param itemCount items are {@code 0 … itemCount-1}
     */
    public static TemporalSplit atDay(InteractionLog log, int firstTestDay, int userCount, int itemCount) {
        Args.notNull("log", log);
        if (firstTestDay < 1) {
            throw new IllegalArgumentException("firstTestDay must be ≥ 1 (day 0 must train), got " + firstTestDay);
        }
        return new TemporalSplit(log, firstTestDay, userCount, itemCount);
    }

    /**
     * Cuts at the first day from which about {@code testFraction} of the log's rows remain (the day whose
     * start is closest to that quantile, at least one day on each side).
     *
     * @param testFraction in (0, 1)
     */
    public static TemporalSplit byFraction(InteractionLog log, double testFraction, int userCount, int itemCount) {
        Args.notNull("log", log);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        if (log.size() == 0) {
            throw new IllegalArgumentException("log must hold at least one row, got none");
        }
        int maxDay = 0;
        for (int r = 0; r < log.size(); r++) {
            maxDay = Math.max(maxDay, log.day(r));
        }
        if (maxDay < 1) {
            throw new IllegalArgumentException("log spans one day (day " + maxDay + "); a split by time needs two");
        }
        long[] perDay = new long[maxDay + 1];
        for (int r = 0; r < log.size(); r++) {
            perDay[log.day(r)]++;
        }
        double target = (1 - testFraction) * log.size();
        int best = 1;
        double bestDistance = Double.POSITIVE_INFINITY;
        long before = perDay[0];
        for (int d = 1; d <= maxDay; d++) {
            double distance = Math.abs(before - target);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = d;
            }
            before += perDay[d];
        }
        return new TemporalSplit(log, best, userCount, itemCount);
    }

    private static int[] distinctSorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                s[m++] = s[i];
            }
        }
        return Arrays.copyOf(s, m);
    }

    /** The first day of the test period. */
    public int firstTestDay() {
        return firstTestDay;
    }

    public int userCount() {
        return trainItems.length;
    }

    public int itemCount() {
        return trainClickCounts.length;
    }

    /** The distinct items {@code user} clicked before the test period, ascending (a copy). */
    public int[] trainItems(int user) {
        checkUser(user);
        return trainItems[user].clone();
    }

    /** Every user's training items; the arrays are shared, treat them as read-only. */
    int[][] trainItemsShared() {
        return trainItems;
    }

    /** Clicks per item before the test period: the popularity a recommender may know about. */
    public long[] trainClickCounts() {
        return trainClickCounts.clone();
    }

    /** The items {@code user} clicked in the test period and not before. */
    public RelevantItems relevant(int user) {
        checkUser(user);
        return relevant[user];
    }

    /** The relevant items of each of {@code users}, in the same order. */
    public RelevantItems[] relevant(int[] users) {
        Args.notNull("users", users);
        RelevantItems[] out = new RelevantItems[users.length];
        for (int j = 0; j < users.length; j++) {
            out[j] = relevant(users[j]);
        }
        return out;
    }

    /** Users with at least one relevant test item, ascending (a copy). */
    public int[] testUsers() {
        return testUsers.clone();
    }

    /** Logged rows (impressions) in the training period. */
    public long trainRows() {
        return trainRows;
    }

    /** Logged rows (impressions) in the test period. */
    public long testRows() {
        return testRows;
    }

    private void checkUser(int user) {
        if (user < 0 || user >= trainItems.length) {
            throw new IllegalArgumentException("user must be in [0, " + trainItems.length + "), got " + user);
        }
    }

    @Override
    public String toString() {
        return "TemporalSplit[firstTestDay=" + firstTestDay + ", train rows=" + trainRows + ", test rows=" + testRows
                + ", test users=" + testUsers.length + "]";
    }
}
