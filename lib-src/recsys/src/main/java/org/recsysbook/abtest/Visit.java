package org.recsysbook.abtest;

import org.recsysbook.core.Args;

/**
 * What happened during one user visit in a simulated experiment: the impressions a variant showed, the
 * clicks, conversions, revenue and seconds that followed, and the chance that the user comes back on each
 * later day until their next visit. A {@link Variant} fills it in; the simulator reads it and reuses it for the next visit.
 */
public final class Visit {
    private static final int MAX_LOGGED_ITEMS = 256;

    private final int[] items = new int[MAX_LOGGED_ITEMS];
    private final int[] categories = new int[MAX_LOGGED_ITEMS];
    private int shown;
    private int impressions;
    private int clicks;
    private int conversions;
    private double revenue;
    private double seconds;
    private double returnProbability;

    /** Clears everything for the next visit. */
    public void reset() {
        shown = 0;
        impressions = 0;
        clicks = 0;
        conversions = 0;
        revenue = 0;
        seconds = 0;
        returnProbability = 0;
    }

    /** One recommended item was shown (counts an impression and logs the item for coverage and diversity). */
    public void show(int item, int category) {
        if (item < 0 || category < 0) {
            throw Args.fail(item < 0 ? "item" : "category", item < 0 ? item : category, "≥ 0");
        }
        if (shown < MAX_LOGGED_ITEMS) {
            items[shown] = item;
            categories[shown] = category;
            shown++;
        }
        impressions++;
    }

    /** {@code n} impressions whose items are not tracked (variants without a catalog). */
    public void impressions(int n) {
        impressions += (int) Args.nonNegative("n", n);
    }

    public void click() {
        clicks++;
    }

    /** A purchase or sign-up worth {@code value} (≥ 0). */
    public void convert(double value) {
        conversions++;
        revenue += Args.nonNegative("value", value);
    }

    public void spend(double secondsSpent) {
        seconds += Args.nonNegative("secondsSpent", secondsSpent);
    }

    /** The chance, in [0, 1], that the user visits on each later day until their next visit. */
    public void returnProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw Args.fail("p", p, "in [0, 1]");
        }
        returnProbability = p;
    }

    public int impressions() {
        return impressions;
    }

    public int clicks() {
        return clicks;
    }

    public int conversions() {
        return conversions;
    }

    public double revenue() {
        return revenue;
    }

    public double seconds() {
        return seconds;
    }

    public double returnProbability() {
        return returnProbability;
    }

    /** Number of logged items (those given to {@link #show}, at most 256). */
    public int shownItems() {
        return shown;
    }

    public int item(int k) {
        return items[k];
    }

    /**
     * The share of distinct categories among the logged items (1 = every item from another category),
     * NaN when no item was logged.
     */
    public double categoryDiversity() {
        if (shown == 0) {
            return Double.NaN;
        }
        int distinct = 0;
        for (int k = 0; k < shown; k++) {
            boolean seen = false;
            for (int j = 0; j < k && !seen; j++) {
                seen = categories[j] == categories[k];
            }
            distinct += seen ? 0 : 1;
        }
        return (double) distinct / shown;
    }
}
