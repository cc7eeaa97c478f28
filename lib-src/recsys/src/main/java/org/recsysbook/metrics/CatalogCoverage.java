package org.recsysbook.metrics;

import java.util.Collection;

import org.recsysbook.core.Args;

/**
 * Catalog coverage, the chapter's {@code catalog_coverage}: the share of the catalog that appears in at least one
 * recommendation list.
 *
 * <p>{@code coverage = |∪_u L_u| / catalogSize}. Item ids must lie in {@code [0, catalogSize)}. It says
 * nothing about how evenly exposure is spread; {@link ExposureDistribution} does, and computes it too. At least
 * one list is needed (as for {@link Novelty#mean} and {@link IntraListDiversity#mean}), and a list may not name an
 * item twice.
 */
public final class CatalogCoverage {
    private CatalogCoverage() { }

    /**
     * The share of the {@code catalogSize} items that appear in some list: {@link ExposureDistribution#coverage()}
     * of the same lists, where coverage is computed. At least one list; each a ranked list (no item twice).
     */
    public static double of(int[][] lists, int catalogSize) {
        return ExposureDistribution.of(lists, catalogSize).coverage();
    }

    /** The same for a collection of lists. */
    public static double of(Collection<int[]> lists, int catalogSize) {
        Args.notNull("lists", lists);
        return of(lists.toArray(new int[0][]), catalogSize);
    }
}
