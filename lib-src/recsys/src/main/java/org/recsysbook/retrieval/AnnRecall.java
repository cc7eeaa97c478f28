package org.recsysbook.retrieval;

import java.util.HashSet;
import java.util.Set;

import org.recsysbook.core.ScoredItems;

/**
 * Recall@k of an approximate nearest-neighbour result against the exact one: the share of the exact
 * top {@code k} that the approximate top {@code k} also found — how ANN retrieval is judged before
 * anyone looks at clicks.
 */
public final class AnnRecall {
    private AnnRecall() {
    }

    /**
     * {@code |approx[0..k) ∩ exact[0..k)| / k}, in [0, 1].
     *
     * @throws IllegalArgumentException if k is not in [1, exact.size()] or approx has fewer than k ids
     */
    public static double atK(ScoredItems approx, ScoredItems exact, int k) {
        if (approx == null || exact == null) {
            throw new IllegalArgumentException("approx and exact must not be null");
        }
        if (k < 1 || k > exact.size()) {
            throw new IllegalArgumentException("k must be in [1, " + exact.size()
                    + "] (the exact result's size), got " + k);
        }
        if (approx.size() < k) {
            throw new IllegalArgumentException("approx must hold at least k=" + k + " ids, got " + approx.size());
        }
        Set<Integer> truth = new HashSet<>(2 * k);
        for (int i = 0; i < k; i++) {
            truth.add(exact.id(i));
        }
        int hit = 0;
        for (int i = 0; i < k; i++) {
            if (truth.contains(approx.id(i))) {
                hit++;
            }
        }
        return (double) hit / k;
    }

    /** Recall@k with k = the exact result's size. */
    public static double of(ScoredItems approx, ScoredItems exact) {
        return atK(approx, exact, exact.size());
    }
}
