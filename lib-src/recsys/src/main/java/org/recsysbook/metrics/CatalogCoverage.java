package org.recsysbook.metrics;

import java.util.Collection;

import org.recsysbook.core.Args;

/**
 * Catalog coverage, the seed's {@code catalog_coverage}: the share of the catalog that appears in at least one
 * recommendation list.
 *
 * <p>{@code coverage = |∪_u L_u| / catalogSize}. Item ids must lie in {@code [0, catalogSize)}. It says
 * nothing about how evenly exposure is spread; {@link ExposureDistribution} does.
 */
public final class CatalogCoverage {
    private CatalogCoverage() { }

    /** The share of the {@code catalogSize} items that appear in some list. */
    public static double of(int[][] lists, int catalogSize) {
        Args.notNull("lists", lists);
        Args.atLeast("catalogSize", catalogSize, 1);
        boolean[] seen = new boolean[catalogSize];
        int distinct = 0;
        for (int u = 0; u < lists.length; u++) {
            int[] list = Args.notNull("lists", u, lists[u]);
            RankedLists.items(list, catalogSize, "lists", u);
            for (int item : list) {
                if (!seen[item]) {
                    seen[item] = true;
                    distinct++;
                }
            }
        }
        return (double) distinct / catalogSize;
    }

    /** The same for a collection of lists. */
    public static double of(Collection<int[]> lists, int catalogSize) {
        Args.notNull("lists", lists);
        return of(lists.toArray(new int[0][]), catalogSize);
    }
}
