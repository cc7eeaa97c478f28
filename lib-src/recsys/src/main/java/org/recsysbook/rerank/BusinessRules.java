package org.recsysbook.rerank;

import java.util.Arrays;
import java.util.BitSet;

import org.recsysbook.core.Args;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;

/**
 * The business rules of the chapter's re-ranking stage: drop the items the user has already seen (from
 * the {@link Request}) and the items the business has blocked (out of stock, withdrawn, unsafe).
 * Order and scores of the remaining items are kept.
 */
public final class BusinessRules implements ReRanker {
    private final int catalogSize;
    private final BitSet blocked;
    private final boolean dropSeen;

    /**
     * Rules over a catalog of {@code catalogSize} items.
     *
     * @param catalogSize  the number of items, ≥ 1; items in the list must be in [0, catalogSize)
     * @param dropSeen     whether to drop the items the request says the user has seen
     * @param blockedItems items never to show, each in [0, catalogSize)
     */
    public BusinessRules(int catalogSize, boolean dropSeen, int... blockedItems) {
        Args.atLeast("catalogSize", catalogSize, 1);
        BitSet b = new BitSet(catalogSize);
        for (int item : blockedItems) {
            if (item < 0 || item >= catalogSize) {
                throw new IllegalArgumentException("blockedItems holds " + item + "; item ids must be in [0, "
                        + catalogSize + ")");
            }
            b.set(item);
        }
        this.catalogSize = catalogSize;
        this.blocked = b;
        this.dropSeen = dropSeen;
    }

    /** Drop seen items and the given blocked items. */
    public static BusinessRules dropSeenAndBlocked(int catalogSize, int... blockedItems) {
        return new BusinessRules(catalogSize, true, blockedItems);
    }

    @Override
    public ScoredItems rerank(Request request, ScoredItems ranked) {
        int n = ranked.size();
        int[] ids = new int[n];
        double[] scores = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int item = ranked.id(i);
            if (item >= catalogSize) {
                throw new IllegalArgumentException("ranked holds item " + item + ", not in the catalog [0, "
                        + catalogSize + ")");
            }
            if (blocked.get(item) || (dropSeen && request.hasSeen(item))) {
                continue;
            }
            ids[kept] = item;
            scores[kept] = ranked.score(i);
            kept++;
        }
        return new ScoredItems(Arrays.copyOf(ids, kept), Arrays.copyOf(scores, kept));
    }

    @Override
    public String toString() {
        return "BusinessRules[dropSeen=" + dropSeen + ", " + blocked.cardinality() + " blocked]";
    }
}
