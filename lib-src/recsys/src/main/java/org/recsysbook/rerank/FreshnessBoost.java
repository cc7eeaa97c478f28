package org.recsysbook.rerank;

import java.util.Locale;

import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.world.World;

/**
 * A freshness boost, the "freshness" of the chapter's "Re-ranking: business logic, diversity, freshness":
 * adds to each item's score a bonus that halves with every half-life of the item's age,
 * <pre>  score' = score + w · 2^(−age / halfLife)</pre>
 * and re-orders the list by the new scores (a brand-new item gains {@code w}, one a half-life old
 * gains {@code w/2}). It keeps every item; follow it with a cut such as {@link CategoryQuota}.
 */
public final class FreshnessBoost implements ReRanker {
    private final double[] ageDays;
    private final double weight;
    private final double halfLifeDays;

    /**
     * A boost over the given item ages.
     *
     * @param ageDays      every catalog item's age in days, finite and ≥ 0
     * @param weight       the bonus w of a brand-new item, finite and ≥ 0
     * @param halfLifeDays the age in days at which the bonus halves, finite and &gt; 0
     */
    public FreshnessBoost(double[] ageDays, double weight, double halfLifeDays) {
        if (ageDays == null || ageDays.length == 0) {
            throw new IllegalArgumentException("ageDays must hold one age per item (length ≥ 1), got "
                    + (ageDays == null ? "null" : "an empty array"));
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be a finite number ≥ 0, got " + weight);
        }
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException("halfLifeDays must be a finite number > 0, got " + halfLifeDays);
        }
        for (int i = 0; i < ageDays.length; i++) {
            if (!(ageDays[i] >= 0) || Double.isInfinite(ageDays[i])) {
                throw new IllegalArgumentException("ageDays[" + i + "] must be a finite number ≥ 0, got " + ageDays[i]);
            }
        }
        this.ageDays = ageDays.clone();
        this.weight = weight;
        this.halfLifeDays = halfLifeDays;
    }

    /** A boost over {@code world}'s item ages. */
    public static FreshnessBoost of(World world, double weight, double halfLifeDays) {
        return new FreshnessBoost(world.ageDays(), weight, halfLifeDays);
    }

    /** The bonus an item of this age receives. */
    public double bonus(double age) {
        return weight * Math.pow(2.0, -age / halfLifeDays);
    }

    @Override
    public ScoredItems rerank(Request request, ScoredItems ranked) {
        int n = ranked.size();
        if (n == 0) {
            return ranked;
        }
        int[] ids = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            int item = ranked.id(i);
            if (item >= ageDays.length) {
                throw new IllegalArgumentException("ranked holds item " + item + ", not in the catalog [0, "
                        + ageDays.length + ")");
            }
            ids[i] = item;
            scores[i] = ranked.score(i) + bonus(ageDays[item]);
        }
        return new ScoredItems(ids, scores).best(n);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FreshnessBoost[weight=%.3f, halfLifeDays=%.1f]", weight, halfLifeDays);
    }
}
