package org.recsysbook.metrics;

import org.recsysbook.core.Args;

/**
 * Area under the ROC curve for one user's ranking, one of the offline metrics the chapter names ("RMSE, AUC,
 * NDCG"): the probability that a random relevant item is ranked above a random non-relevant one.
 *
 * <p>{@code AUC = (number of (relevant, non-relevant) pairs in the right order) / (|R| · |N|)}. A ranked
 * list rarely holds the whole catalog, so the items it leaves out need a convention, and this class states
 * its own: every item missing from the list ties with the other missing items below the last listed one, and
 * a tie counts one half.
 * <ul>
 *   <li>{@link #overCatalog(int)}: the negatives {@code N} are all {@code catalogSize - |R|} other items of
 *       the catalog. For a full-catalog ranking this is the textbook AUC.</li>
 *   <li>{@link #full()}: the catalog is taken to be the listed items plus the user's relevant items, so the
 *       negatives are the listed non-relevant items and a missed relevant item loses to all of them.</li>
 * </ul>
 * A user with no relevant items (or no negatives) scores 0. Any positive grade counts as relevant.
 */
public final class Auc extends GainMetric {
    private final int catalogSize;   // 0: the listed items plus the relevant ones

    private Auc(int catalogSize) {
        super(WHOLE_LIST);
        this.catalogSize = catalogSize;
    }

    /** AUC with negatives drawn from the list only. */
    public static Auc full() {
        return new Auc(0);
    }

    /** AUC against every other item of a catalog of {@code catalogSize} items. */
    public static Auc overCatalog(int catalogSize) {
        Args.atLeast("catalogSize", catalogSize, 1);
        return new Auc(catalogSize);
    }

    @Override
    public String name() {
        return "AUC";
    }

    @Override
    double fromGains(double[] gains, int n, RelevantItems relevant) {
        long r = relevant.size();
        if (r == 0) {
            return 0.0;
        }
        long found = hits(gains, n);
        long catalog = n + r - found;
        if (catalogSize > 0) {
            if (catalogSize < catalog) {
                throw new IllegalArgumentException("catalogSize must be ≥ " + catalog
                        + " (the listed items plus the relevant items not listed), got " + catalogSize);
            }
            catalog = catalogSize;
        }
        long negatives = catalog - r;
        if (negatives == 0) {
            return 0.0;
        }
        long negativesAbove = 0;
        double correct = 0;
        for (int i = 0; i < n; i++) {
            if (gains[i] > 0) {
                correct += negatives - negativesAbove;
            } else {
                negativesAbove++;
            }
        }
        long unlistedNegatives = negatives - negativesAbove;
        correct += 0.5 * (r - found) * unlistedNegatives;
        return correct / ((double) r * negatives);
    }

    /** AUC with the catalog taken as the listed items plus the relevant items. */
    public static double of(int[] ranked, RelevantItems relevant) {
        return full().score(ranked, relevant);
    }

    /** AUC against every other item of a catalog of {@code catalogSize} items (see the class comment). */
    public static double of(int[] ranked, RelevantItems relevant, int catalogSize) {
        return overCatalog(catalogSize).score(ranked, relevant);
    }

    /** The relevance-list form: AUC among the listed items only (grade > 0 relevant); 0 without both kinds. */
    public static double ofRelevances(double[] relevances) {
        RankedLists.grades(relevances, "relevances");
        long pos = 0;
        long neg = 0;
        double correct = 0;
        for (int i = relevances.length - 1; i >= 0; i--) {
            if (relevances[i] > 0) {
                pos++;
                correct += neg;
            } else {
                neg++;
            }
        }
        return pos == 0 || neg == 0 ? 0.0 : correct / ((double) pos * neg);
    }

    /** The relevance-list form with integer grades. */
    public static double ofRelevances(int[] relevances) {
        return ofRelevances(RankedLists.grades(relevances, "relevances"));
    }
}
