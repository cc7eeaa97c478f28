package org.recsysbook.ranking;

import java.util.Arrays;

import org.recsysbook.retrieval.Candidates;

/**
 * A list of item ids, each with one score: what one stage of the seed's funnel hands the next
 * (candidates with their blended score, ranked items with their ranking score, the final list).
 *
 * <p>The list keeps its own copies of the arrays, so it cannot change after it is made; loops read it
 * through {@link #id(int)} and {@link #score(int)}, which copy nothing. Order is meaningful: a ranked
 * list is best first, a candidate list is in whatever order its generator produced.
 *
 * @param ids    item ids, each ≥ 0
 * @param scores one finite score per id
 */
public record ScoredItems(int[] ids, double[] scores) {

    /** Checks the arrays and copies them. */
    public ScoredItems {
        if (ids == null || scores == null) {
            throw new IllegalArgumentException("ids and scores must not be null, got ids=" + ids
                    + ", scores=" + scores);
        }
        if (ids.length != scores.length) {
            throw new IllegalArgumentException("ids and scores must have the same length, got ids.length="
                    + ids.length + " and scores.length=" + scores.length);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                throw new IllegalArgumentException("ids[" + i + "] is " + ids[i] + "; item ids must be ≥ 0");
            }
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] is " + scores[i]
                        + "; scores must be finite numbers");
            }
        }
        ids = ids.clone();
        scores = scores.clone();
    }

    /** The empty list. */
    public static ScoredItems empty() {
        return new ScoredItems(new int[0], new double[0]);
    }

    /**
     * Candidate generation's output as a scored list, in the same order.
     *
     * @throws IllegalArgumentException if a candidate's score is NaN or infinite
     */
    public static ScoredItems from(Candidates candidates) {
        if (candidates == null) {
            throw new IllegalArgumentException("candidates must not be null");
        }
        return new ScoredItems(candidates.ids(), candidates.scores());
    }

    /** The number of items. */
    public int size() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    /** The id at position {@code i} (0-based). */
    public int id(int i) {
        return ids[i];
    }

    /** The score at position {@code i} (0-based). */
    public double score(int i) {
        return scores[i];
    }

    /** A copy of the ids. */
    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** A copy of the scores. */
    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** The position of {@code itemId} in this list, or -1 if it is not in it. */
    public int indexOf(int itemId) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == itemId) {
                return i;
            }
        }
        return -1;
    }

    /** The first {@code n} items (all of them if there are fewer). */
    public ScoredItems head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be ≥ 0, got " + n);
        }
        int m = Math.min(n, ids.length);
        return new ScoredItems(Arrays.copyOf(ids, m), Arrays.copyOf(scores, m));
    }

    /**
     * The same items ordered by score, highest first, ties broken by the earlier position; only the
     * best {@code n} are kept (partial selection, not a full sort, when {@code n} is small).
     */
    public ScoredItems best(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be ≥ 1, got " + n);
        }
        int[] order = TopK.indices(scores, n);
        int[] topIds = new int[order.length];
        double[] topScores = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            topIds[i] = ids[order[i]];
            topScores[i] = scores[order[i]];
        }
        return new ScoredItems(topIds, topScores);
    }

    /** Two lists are equal when they hold the same ids and scores in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ScoredItems other && Arrays.equals(ids, other.ids)
                && Arrays.equals(scores, other.scores);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ScoredItems[");
        int shown = Math.min(ids.length, 10);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(ids[i]).append('=').append(String.format(java.util.Locale.ROOT, "%.4f", scores[i]));
        }
        if (ids.length > shown) {
            sb.append(", … ").append(ids.length - shown).append(" more");
        }
        return sb.append(']').toString();
    }
}
