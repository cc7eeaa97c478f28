package org.recsysbook.metrics;

import java.util.Arrays;

import org.recsysbook.core.Args;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Fairness, the chapter's "is recommendation quality equitable across user/item groups?", measured two ways: how
 * recommendations share exposure among item groups, and how the quality users get differs between user groups.
 *
 * <p>Item side: the exposure of a group is the sum over all lists of its items' exposure, either one per
 * appearance ({@link Weighting#COUNT}) or {@code 1 / log2(rank + 1)} for the rank it appeared at
 * ({@link Weighting#POSITION}, the DCG discount, since lower ranks are seen less). Each group's share is its
 * exposure over the total; compare it with {@link #catalogShares}, the group's share of the catalog.
 *
 * <p>User side: {@link #qualityGap} averages a per-user metric (NDCG, recall...) inside each user group and
 * reports the largest difference between group means. A gap of 0 means every group is served equally well by
 * that metric; it says nothing about why they differ.
 */
public final class Fairness {
    private Fairness() { }

    /** How one appearance of an item in a list is counted as exposure. */
    public enum Weighting {
        /** Every appearance counts 1. */
        COUNT,
        /** An appearance at rank r counts {@code 1 / log2(r + 1)}. */
        POSITION
    }

    /** Per-group mean of a per-user metric, the number of users in each group and the gap max − min. */
    public record GroupQuality(double[] means, int[] users, double gap) {
    }

    /**
     * Each item group's share of the total exposure in {@code lists}.
     *
     * @param itemGroup  the group of every item ({@code itemGroup[item]} in {@code [0, groupCount)}); its
     *                   length is the catalog size
     * @return one share per group, summing to 1 (all 0 when the lists are empty)
     */
    public static double[] exposureShares(int[][] lists, int[] itemGroup, int groupCount, Weighting weighting) {
        Args.notNull("lists", lists);
        checkGroups(itemGroup, groupCount, "itemGroup");
        Args.notNull("weighting", weighting);
        double[] exposure = new double[groupCount];
        double total = 0;
        for (int u = 0; u < lists.length; u++) {
            int[] list = Args.notNull("lists", u, lists[u]);
            RankedLists.items(list, itemGroup.length, "lists", u);
            for (int r = 0; r < list.length; r++) {
                double e = weighting == Weighting.COUNT ? 1.0 : Dcg.discount(r + 1);
                exposure[itemGroup[list[r]]] += e;
                total += e;
            }
        }
        if (total > 0) {
            for (int g = 0; g < groupCount; g++) {
                exposure[g] /= total;
            }
        }
        return exposure;
    }

    /** Each group's share of the catalog's items: what an exposure share would be if exposure were uniform. */
    public static double[] catalogShares(int[] itemGroup, int groupCount) {
        checkGroups(itemGroup, groupCount, "itemGroup");
        double[] share = new double[groupCount];
        for (int g : itemGroup) {
            share[g]++;
        }
        for (int g = 0; g < groupCount; g++) {
            share[g] /= itemGroup.length;
        }
        return share;
    }

    /**
     * The mean of {@code userScores} in each user group and the largest gap between two non-empty groups. Groups
     * without users get a NaN mean and are left out of the gap.
     */
    public static GroupQuality qualityGap(double[] userScores, int[] userGroup, int groupCount) {
        Args.notNull("userScores", userScores);
        checkGroups(userGroup, groupCount, "userGroup");
        if (userScores.length != userGroup.length) {
            throw new IllegalArgumentException("userScores and userGroup must have one entry per user, had "
                    + userScores.length + " and " + userGroup.length);
        }
        double[] sums = new double[groupCount];
        int[] users = new int[groupCount];
        for (int u = 0; u < userScores.length; u++) {
            if (!Double.isFinite(userScores[u])) {
                throw new IllegalArgumentException("userScores[" + u + "] is " + userScores[u] + "; scores must be finite");
            }
            sums[userGroup[u]] += userScores[u];
            users[userGroup[u]]++;
        }
        double[] means = new double[groupCount];
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int g = 0; g < groupCount; g++) {
            means[g] = users[g] == 0 ? Double.NaN : sums[g] / users[g];
            if (users[g] > 0) {
                max = Math.max(max, means[g]);
                min = Math.min(min, means[g]);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("userScores must hold at least one user, got none");
        }
        return new GroupQuality(means, users, max - min);
    }

    /**
     * Splits ids into a head (group 0) and a tail (group 1) by count: the {@code headShare} fraction of ids with
     * the largest counts form the head (ties broken by smaller id). Used for popular versus long-tail items, or
     * heavy versus light users.
     *
     * @param headShare in (0, 1)
     */
    public static int[] headTail(long[] counts, double headShare) {
        Args.notNull("counts", counts);
        if (!(headShare > 0 && headShare < 1)) {
            throw new IllegalArgumentException("headShare must be in (0, 1), got " + headShare);
        }
        int n = counts.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a])
                : Integer.compare(a, b));
        int head = (int) Math.round(headShare * n);
        int[] group = new int[n];
        for (int r = 0; r < n; r++) {
            group[order[r]] = r < head ? 0 : 1;
        }
        return group;
    }

    /**
     * Both sides for every recommender of an offline evaluation: each item group's share of the
     * position-weighted exposure in the evaluated lists, {@code metric}'s mean in each user group, and the gap.
     *
     * @param itemGroup  the group of every catalog item, in {@code [0, itemGroupNames.length)}
     * @param userGroup  the group of each evaluated user, in the order of {@link OfflineResult#users()}
     * @return columns {@code recommender}, {@code <item group> share of exposure} per item group,
     *         {@code <metric> <user group>} per user group, and {@code <metric> gap}
     */
    public static Table table(OfflineResult result, String metric, int[] itemGroup, String[] itemGroupNames,
                              int[] userGroup, String[] userGroupNames) {
        Args.notNull("result", result);
        Args.notNull("itemGroupNames", itemGroupNames);
        Args.notNull("userGroupNames", userGroupNames);
        Args.notNull("userGroup", userGroup);
        if (userGroup.length != result.users().length) {
            throw new IllegalArgumentException("userGroup must hold one group per evaluated user ("
                    + result.users().length + "), had " + userGroup.length);
        }
        String[] names = result.recommenders();
        Table t = Table.create("Exposure by item group (position-weighted) and " + metric + " by user group");
        t.addColumns(StringColumn.create("recommender", names));
        double[][] shares = new double[names.length][];
        GroupQuality[] quality = new GroupQuality[names.length];
        for (int r = 0; r < names.length; r++) {
            shares[r] = exposureShares(result.lists(names[r]), itemGroup, itemGroupNames.length, Weighting.POSITION);
            quality[r] = qualityGap(result.perUser(names[r], metric), userGroup, userGroupNames.length);
        }
        for (int g = 0; g < itemGroupNames.length; g++) {
            double[] col = new double[names.length];
            for (int r = 0; r < names.length; r++) {
                col[r] = shares[r][g];
            }
            t.addColumns(DoubleColumn.create(itemGroupNames[g] + " share of exposure", col));
        }
        for (int g = 0; g < userGroupNames.length; g++) {
            double[] col = new double[names.length];
            for (int r = 0; r < names.length; r++) {
                col[r] = quality[r].means()[g];
            }
            t.addColumns(DoubleColumn.create(metric + " " + userGroupNames[g], col));
        }
        double[] gap = new double[names.length];
        for (int r = 0; r < names.length; r++) {
            gap[r] = quality[r].gap();
        }
        t.addColumns(DoubleColumn.create(metric + " gap", gap));
        return t;
    }

    private static void checkGroups(int[] group, int groupCount, String name) {
        Args.notNull(name, group);
        Args.atLeast("groupCount", groupCount, 1);
        for (int i = 0; i < group.length; i++) {
            if (group[i] < 0 || group[i] >= groupCount) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + group[i] + "; groups must be in [0, "
                        + groupCount + ")");
            }
        }
    }
}
