package org.recsysbook.core;

import java.util.Arrays;
import java.util.Locale;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A list of item ids, each with one score, that one stage of the chapter's funnel hands the next: the
 * candidates {@code candidate_generation} returns as {@code (top_candidates, blended[top_candidates])},
 * the items {@code ranking} returns with their ranking scores, and the final list {@code re_ranking} keeps.
 *
 * <p>The list keeps its own copies of the arrays, so it cannot change after it is made; loops read it
 * through {@link #id(int)} and {@link #score(int)}, which copy nothing. Order is meaningful: every stage
 * returns its list best first, on its own scale (cosine, blend, popularity, click probability).
 *
 * @param ids    item ids, each ≥ 0
 * @param scores one finite score per id
 */
public record ScoredItems(int[] ids, double[] scores) {

    /** Checks the arrays and copies them. */
    public ScoredItems {
        Args.notNull("ids", ids);
        Args.notNull("scores", scores);
        Args.sameLength("ids", ids.length, "scores", scores.length);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                throw Args.fail("ids[" + i + "]", ids[i], "an item id ≥ 0");
            }
            if (!Double.isFinite(scores[i])) {
                throw Args.fail("scores[" + i + "]", scores[i], "a finite number");
            }
        }
        ids = ids.clone();
        scores = scores.clone();
    }

    /** The empty list. */
    public static ScoredItems empty() {
        return new ScoredItems(new int[0], new double[0]);
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
        Args.atLeast("n", n, 0);
        int m = Math.min(n, ids.length);
        return new ScoredItems(Arrays.copyOf(ids, m), Arrays.copyOf(scores, m));
    }

    /**
     * The same items ordered by score, highest first, ties broken by the earlier position; only the
     * best {@code n} are kept (partial selection with a {@link TopK} over positions, not a full sort).
     */
    public ScoredItems best(int n) {
        Args.atLeast("n", n, 1);
        if (ids.length == 0) {
            return this;
        }
        TopK heap = new TopK(Math.min(n, ids.length));
        for (int i = 0; i < ids.length; i++) {
            heap.offer(i, scores[i]);
        }
        ScoredItems order = heap.drain();
        int[] topIds = new int[order.size()];
        double[] topScores = new double[order.size()];
        for (int i = 0; i < topIds.length; i++) {
            topIds[i] = ids[order.id(i)];
            topScores[i] = scores[order.id(i)];
        }
        return new ScoredItems(topIds, topScores);
    }

    /**
     * The list as a table: {@code rank} (1-based), {@code item}, {@code score}, and each item's
     * {@code category} and {@code popularity} from {@code world} (a {@link Catalog}: the
     * synthetic world or a real data set).
     */
    public Table toTable(Catalog world) {
        Args.notNull("world", world);
        int[] rank = new int[ids.length];
        String[] cat = new String[ids.length];
        double[] pop = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            rank[i] = i + 1;
            cat[i] = world.categoryName(ids[i]);
            pop[i] = world.popularity(ids[i]);
        }
        return Table.create("candidates", IntColumn.create("rank", rank), IntColumn.create("item", ids.clone()),
                DoubleColumn.create("score", scores.clone()), StringColumn.create("category", cat),
                DoubleColumn.create("popularity", pop));
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
            sb.append(ids[i]).append('=').append(String.format(Locale.ROOT, "%.4f", scores[i]));
        }
        if (ids.length > shown) {
            sb.append(", … ").append(ids.length - shown).append(" more");
        }
        return sb.append(']').toString();
    }
}
