package org.recsysbook.retrieval;

import java.util.Arrays;
import java.util.Locale;

import org.recsysbook.world.World;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The output of candidate generation, the seed's {@code (top_candidates, blended[top_candidates])}:
 * item ids with their retrieval scores, best first.
 *
 * <p>The record keeps its own copies of the arrays; {@link #id(int)} and {@link #score(int)} read
 * without copying.
 *
 * @param ids    item ids, each ≥ 0, no duplicates expected
 * @param scores one score per id (the generator's own scale: cosine, blend or popularity)
 */
public record Candidates(int[] ids, double[] scores) {

    public Candidates {
        if (ids == null || scores == null) {
            throw new IllegalArgumentException("ids and scores must not be null");
        }
        if (ids.length != scores.length) {
            throw new IllegalArgumentException("ids.length and scores.length must be equal, got "
                    + ids.length + " and " + scores.length);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                throw new IllegalArgumentException("ids[" + i + "] must be >= 0, got " + ids[i]);
            }
        }
        ids = ids.clone();
        scores = scores.clone();
    }

    /** Number of candidates. */
    public int size() {
        return ids.length;
    }

    /** The id at 0-based rank {@code i}. */
    public int id(int i) {
        return ids[i];
    }

    /** The score at 0-based rank {@code i}. */
    public double score(int i) {
        return scores[i];
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** Whether {@code item} is among the candidates. */
    public boolean contains(int item) {
        for (int id : ids) {
            if (id == item) {
                return true;
            }
        }
        return false;
    }

    /** The candidates as a table: {@code rank} (1-based), {@code item}, {@code score}. */
    public Table toTable() {
        int[] rank = new int[ids.length];
        for (int i = 0; i < rank.length; i++) {
            rank[i] = i + 1;
        }
        return Table.create("candidates", IntColumn.create("rank", rank), IntColumn.create("item", ids.clone()),
                DoubleColumn.create("score", scores.clone()));
    }

    /** The candidates as a table with each item's {@code category} and {@code popularity} from {@code world}. */
    public Table toTable(World world) {
        String[] cat = new String[ids.length];
        double[] pop = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            cat[i] = world.categoryName(ids[i]);
            pop[i] = world.popularity(ids[i]);
        }
        Table t = toTable();
        t.addColumns(StringColumn.create("category", cat), DoubleColumn.create("popularity", pop));
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Candidates c && Arrays.equals(ids, c.ids) && Arrays.equals(scores, c.scores);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Candidates[");
        int shown = Math.min(ids.length, 8);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(ids[i]).append('=')
                    .append(String.format(Locale.ROOT, "%.4f", scores[i]));
        }
        if (ids.length > shown) {
            sb.append(", … ").append(ids.length - shown).append(" more");
        }
        return sb.append(']').toString();
    }
}
