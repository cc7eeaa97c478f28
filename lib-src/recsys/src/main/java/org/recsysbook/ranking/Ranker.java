package org.recsysbook.ranking;

import org.recsysbook.core.Args;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.TopK;

/**
 * Stage 2 of the chapter's funnel, "Ranking: accurate, slower": re-scores the candidates that candidate
 * generation returned, with richer features, and orders them.
 *
 * <p>An implementation only scores; {@link #rank} keeps the best {@code n} by partial selection.
 */
public interface Ranker {

    /**
     * One score per candidate, higher meaning more likely to be wanted, in the candidates' order.
     *
     * @throws IllegalArgumentException if the candidate list is empty or names an item the ranker
     *                                  does not know
     */
    double[] score(Request request, ScoredItems candidates);

    /**
     * The {@code n} best candidates by {@link #score}, best first, each carrying its ranking score.
     *
     * @throws IllegalArgumentException if {@code n < 1} or the candidate list is empty
     */
    default ScoredItems rank(Request request, ScoredItems candidates, int n) {
        Args.atLeast("n", n, 1);
        requireCandidates(candidates);
        double[] s = score(request, candidates);
        int[] order = TopK.indices(s, n);
        int[] ids = new int[order.length];
        double[] scores = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            ids[i] = candidates.id(order[i]);
            scores[i] = s[order[i]];
        }
        return new ScoredItems(ids, scores);
    }

    /** Fails with an {@link IllegalArgumentException} unless {@code candidates} holds at least one item. */
    static void requireCandidates(ScoredItems candidates) {
        if (candidates == null || candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates must hold at least one item (1 ≤ size), got "
                    + (candidates == null ? "null" : "an empty list"));
        }
    }
}
