package org.recsysbook.data;

import java.util.Arrays;

/**
 * Who interacted with what and when, as a sparse user × item matrix: the "real interactions" the chapter's
 * opening says a recommendation model is built from, in the compressed-row layout every model here reads.
 *
 * <p>Rows are users {@code 0 … userCount-1}, columns items {@code 0 … itemCount-1} (the dense ids of
 * {@link MovieLens}). Each user's entries are kept in time order, ties broken by item id; {@link #sortedItems(int)}
 * gives the same items in ascending id order for membership tests. Every entry is an implicit interaction (the
 * user watched the item); its rating and timestamp are kept beside it. Built once and never changed: the arrays
 * are private and every accessor that returns one returns a copy, except the {@code *Shared} ones, which
 * document that the caller must not write to them.
 */
public final class Interactions {
    private final int userCount;
    private final int itemCount;
    private final int[] offsets;   // user u's entries are [offsets[u], offsets[u+1])
    private final int[] items;
    private final long[] times;
    private final float[] ratings;
    private final int[][] sorted;  // each user's items in ascending id order
    private final int[] itemCounts;

    /**
     * Builds the matrix from parallel arrays of entries in any order.
     *
     * @throws IllegalArgumentException if the arrays differ in length, an id is outside its range, or a user
     *                                  holds the same item twice
     */
    public static Interactions of(int userCount, int itemCount, int[] users, int[] items, long[] times,
                                  float[] ratings) {
        if (userCount < 0 || itemCount < 0) {
            throw new IllegalArgumentException("userCount and itemCount must be >= 0, got " + userCount + " and "
                    + itemCount);
        }
        int n = users.length;
        if (items.length != n || times.length != n || ratings.length != n) {
            throw new IllegalArgumentException("users, items, times and ratings must have the same length, got "
                    + n + ", " + items.length + ", " + times.length + ", " + ratings.length);
        }
        int[] offsets = new int[userCount + 1];
        for (int e = 0; e < n; e++) {
            if (users[e] < 0 || users[e] >= userCount) {
                throw new IllegalArgumentException("users[" + e + "] is " + users[e] + "; user ids must be in [0, "
                        + userCount + ")");
            }
            if (items[e] < 0 || items[e] >= itemCount) {
                throw new IllegalArgumentException("items[" + e + "] is " + items[e] + "; item ids must be in [0, "
                        + itemCount + ")");
            }
            offsets[users[e] + 1]++;
        }
        for (int u = 0; u < userCount; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] fill = Arrays.copyOf(offsets, userCount);
        int[] order = new int[n];
        for (int e = 0; e < n; e++) {
            order[fill[users[e]]++] = e;
        }
        int[] it = new int[n];
        long[] tm = new long[n];
        float[] rt = new float[n];
        for (int u = 0; u < userCount; u++) {
            int from = offsets[u];
            int to = offsets[u + 1];
            sortByTimeThenItem(order, from, to, times, items);
            for (int p = from; p < to; p++) {
                it[p] = items[order[p]];
                tm[p] = times[order[p]];
                rt[p] = ratings[order[p]];
            }
        }
        return new Interactions(userCount, itemCount, offsets, it, tm, rt);
    }

    private Interactions(int userCount, int itemCount, int[] offsets, int[] items, long[] times, float[] ratings) {
        this.userCount = userCount;
        this.itemCount = itemCount;
        this.offsets = offsets;
        this.items = items;
        this.times = times;
        this.ratings = ratings;
        this.sorted = new int[userCount][];
        this.itemCounts = new int[itemCount];
        for (int u = 0; u < userCount; u++) {
            int[] s = Arrays.copyOfRange(items, offsets[u], offsets[u + 1]);
            Arrays.sort(s);
            for (int j = 1; j < s.length; j++) {
                if (s[j] == s[j - 1]) {
                    throw new IllegalArgumentException("user " + u + " holds item " + s[j]
                            + " twice; each (user, item) pair may appear once");
                }
            }
            sorted[u] = s;
            for (int i : s) {
                itemCounts[i]++;
            }
        }
    }

    /** Sorts {@code order[from, to)} (entry indices) by time, then item id: insertion sort for short runs. */
    private static void sortByTimeThenItem(int[] order, int from, int to, long[] times, int[] items) {
        if (to - from < 32) {
            for (int i = from + 1; i < to; i++) {
                int e = order[i];
                int j = i - 1;
                while (j >= from && before(e, order[j], times, items)) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = e;
            }
            return;
        }
        Integer[] boxed = new Integer[to - from];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = order[from + i];
        }
        Arrays.sort(boxed, (a, b) -> before(a, b, times, items) ? -1 : before(b, a, times, items) ? 1 : 0);
        for (int i = 0; i < boxed.length; i++) {
            order[from + i] = boxed[i];
        }
    }

    private static boolean before(int a, int b, long[] times, int[] items) {
        return times[a] < times[b] || (times[a] == times[b] && items[a] < items[b]);
    }

    /** The same shape with only the entries for which {@code keep[user][position]} holds (time order kept). */
    Interactions select(EntryFilter keep) {
        int n = 0;
        boolean[] kept = new boolean[items.length];
        for (int u = 0; u < userCount; u++) {
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                if (keep.keep(u, p - offsets[u], offsets[u + 1] - offsets[u], times[p], ratings[p])) {
                    kept[p] = true;
                    n++;
                }
            }
        }
        int[] off = new int[userCount + 1];
        int[] it = new int[n];
        long[] tm = new long[n];
        float[] rt = new float[n];
        int q = 0;
        for (int u = 0; u < userCount; u++) {
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                if (kept[p]) {
                    it[q] = items[p];
                    tm[q] = times[p];
                    rt[q] = ratings[p];
                    q++;
                }
            }
            off[u + 1] = q;
        }
        return new Interactions(userCount, itemCount, off, it, tm, rt);
    }

    /** Decides, entry by entry, what {@link #select} keeps. */
    @FunctionalInterface
    interface EntryFilter {
        /** @param position the entry's place in the user's time order, {@code 0 … count-1} */
        boolean keep(int user, int position, int count, long time, float rating);
    }

    public int userCount() {
        return userCount;
    }

    public int itemCount() {
        return itemCount;
    }

    /** The number of entries (interactions). */
    public int size() {
        return items.length;
    }

    /** The number of user {@code u}'s interactions. */
    public int count(int u) {
        checkUser(u);
        return offsets[u + 1] - offsets[u];
    }

    /** User {@code u}'s items in time order (a copy). */
    public int[] items(int u) {
        checkUser(u);
        return Arrays.copyOfRange(items, offsets[u], offsets[u + 1]);
    }

    /** User {@code u}'s timestamps (seconds since 1970), in time order (a copy). */
    public long[] times(int u) {
        checkUser(u);
        return Arrays.copyOfRange(times, offsets[u], offsets[u + 1]);
    }

    /** User {@code u}'s ratings, in time order (a copy). */
    public float[] ratings(int u) {
        checkUser(u);
        return Arrays.copyOfRange(ratings, offsets[u], offsets[u + 1]);
    }

    /** User {@code u}'s items in ascending id order; shared, must not be written to. */
    public int[] sortedItemsShared(int u) {
        checkUser(u);
        return sorted[u];
    }

    /** User {@code u}'s items in ascending id order (a copy). */
    public int[] sortedItems(int u) {
        return sortedItemsShared(u).clone();
    }

    /** Whether user {@code u} interacted with {@code item}. */
    public boolean contains(int u, int item) {
        return Arrays.binarySearch(sortedItemsShared(u), item) >= 0;
    }

    /** The number of users who interacted with each item (a copy). */
    public int[] itemCounts() {
        return itemCounts.clone();
    }

    /** The number of users who interacted with each item, as {@code long}s (what {@code Novelty} takes). */
    public long[] itemCountsLong() {
        long[] c = new long[itemCount];
        for (int i = 0; i < itemCount; i++) {
            c[i] = itemCounts[i];
        }
        return c;
    }

    /** Every user with at least one interaction, ascending. */
    public int[] activeUsers() {
        int m = 0;
        for (int u = 0; u < userCount; u++) {
            if (offsets[u + 1] > offsets[u]) {
                m++;
            }
        }
        int[] out = new int[m];
        m = 0;
        for (int u = 0; u < userCount; u++) {
            if (offsets[u + 1] > offsets[u]) {
                out[m++] = u;
            }
        }
        return out;
    }

    /**
     * The transpose in the same layout: for each item the users who interacted with it, ascending. Returned as
     * {@code [0] = offsets (itemCount + 1)}, {@code [1] = users}.
     */
    public int[][] byItem() {
        int[] off = new int[itemCount + 1];
        for (int i = 0; i < items.length; i++) {
            off[items[i] + 1]++;
        }
        for (int i = 0; i < itemCount; i++) {
            off[i + 1] += off[i];
        }
        int[] fill = Arrays.copyOf(off, itemCount);
        int[] users = new int[items.length];
        for (int u = 0; u < userCount; u++) {
            for (int i : sorted[u]) {
                users[fill[i]++] = u;
            }
        }
        return new int[][] {off, users};
    }

    /** The latest timestamp of any entry, or {@link Long#MIN_VALUE} when there is none. */
    public long lastTime() {
        long t = Long.MIN_VALUE;
        for (long x : times) {
            t = Math.max(t, x);
        }
        return t;
    }

    private void checkUser(int u) {
        if (u < 0 || u >= userCount) {
            throw new IllegalArgumentException("user must be in [0, " + userCount + "), got " + u);
        }
    }

    @Override
    public String toString() {
        return "Interactions[" + userCount + " users × " + itemCount + " items, " + items.length + " entries]";
    }
}
