package org.recsysbook.rerank;

import org.recsysbook.core.Args;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.world.World;

/**
 * The chapter's {@code re_ranking} stage: walks the ranked list best first and keeps an item only while
 * its category has fewer than {@code max_per_category} items in the list, until {@code n_final} items
 * are kept ("Apply diversity constraints and business rules").
 *
 * <p>Items keep their scores; the output is the kept items in ranked order, so, as in the chapter, it is
 * shorter than {@code n_final} when the list runs out of categories. {@link #withBackfill()} gives a
 * variant that then tops the list up with the best skipped items, appended after the others in
 * ranked order.
 */
public final class CategoryQuota implements ReRanker {
    /** The chapter's default {@code max_per_category}. */
    public static final int DEFAULT_MAX_PER_CATEGORY = 3;

    private final int[] itemCategory;
    private final int categoryCount;
    private final int maxPerCategory;
    private final int nFinal;
    private final boolean backfill;

    /**
     * A quota over the given categories.
     *
     * @param itemCategory   the category id of every item in the catalog, each ≥ 0
     * @param maxPerCategory the most items one category may place in the list, ≥ 1
     * @param nFinal         the length of the final list, ≥ 1
     */
    public CategoryQuota(int[] itemCategory, int maxPerCategory, int nFinal) {
        if (itemCategory == null || itemCategory.length == 0) {
            throw new IllegalArgumentException("itemCategory must hold one category per item (length ≥ 1), got "
                    + (itemCategory == null ? "null" : "an empty array"));
        }
        Args.atLeast("maxPerCategory", maxPerCategory, 1);
        Args.atLeast("nFinal", nFinal, 1);
        int max = -1;
        for (int i = 0; i < itemCategory.length; i++) {
            if (itemCategory[i] < 0) {
                throw new IllegalArgumentException("itemCategory[" + i + "] must be ≥ 0, got " + itemCategory[i]);
            }
            max = Math.max(max, itemCategory[i]);
        }
        this.itemCategory = itemCategory.clone();
        this.categoryCount = max + 1;
        this.maxPerCategory = maxPerCategory;
        this.nFinal = nFinal;
        this.backfill = false;
    }

    private CategoryQuota(CategoryQuota q, boolean backfill) {
        this.itemCategory = q.itemCategory;
        this.categoryCount = q.categoryCount;
        this.maxPerCategory = q.maxPerCategory;
        this.nFinal = q.nFinal;
        this.backfill = backfill;
    }

    /**
     * The same quota, but when the quota leaves fewer than {@code nFinal} items it appends the best
     * skipped items (in ranked order) until the list has {@code nFinal} or the input runs out.
     */
    public CategoryQuota withBackfill() {
        return new CategoryQuota(this, true);
    }

    /** A quota over {@code world}'s categories. */
    public static CategoryQuota of(World world, int maxPerCategory, int nFinal) {
        return new CategoryQuota(world.categories(), maxPerCategory, nFinal);
    }

    /** The chapter's defaults over {@code world}: at most 3 per category, 10 in all. */
    public static CategoryQuota chapterDefaults(World world) {
        return of(world, DEFAULT_MAX_PER_CATEGORY, 10);
    }

    public int maxPerCategory() {
        return maxPerCategory;
    }

    public int nFinal() {
        return nFinal;
    }

    @Override
    public ScoredItems rerank(Request request, ScoredItems ranked) {
        int[] counts = new int[categoryCount];
        int[] ids = new int[Math.min(nFinal, ranked.size())];
        double[] scores = new double[ids.length];
        int kept = 0;
        boolean[] skipped = backfill ? new boolean[ranked.size()] : null;
        for (int i = 0; i < ranked.size() && kept < ids.length; i++) {
            int item = ranked.id(i);
            if (item >= itemCategory.length) {
                throw new IllegalArgumentException("ranked holds item " + item + ", not in the catalog [0, "
                        + itemCategory.length + ")");
            }
            int c = itemCategory[item];
            if (counts[c] >= maxPerCategory) {
                if (skipped != null) {
                    skipped[i] = true;
                }
                continue;
            }
            counts[c]++;
            ids[kept] = item;
            scores[kept] = ranked.score(i);
            kept++;
        }
        if (skipped != null) {
            for (int i = 0; i < ranked.size() && kept < ids.length; i++) {
                if (skipped[i]) {
                    ids[kept] = ranked.id(i);
                    scores[kept] = ranked.score(i);
                    kept++;
                }
            }
        }
        return kept == ids.length ? new ScoredItems(ids, scores)
                : new ScoredItems(java.util.Arrays.copyOf(ids, kept), java.util.Arrays.copyOf(scores, kept));
    }

    @Override
    public String toString() {
        return "CategoryQuota[maxPerCategory=" + maxPerCategory + ", nFinal=" + nFinal
                + (backfill ? ", backfill" : "") + "]";
    }
}
