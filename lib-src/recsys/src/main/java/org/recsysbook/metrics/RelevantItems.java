package org.recsysbook.metrics;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

import org.recsysbook.core.Args;

/**
 * The items one user found relevant in held-out data, as a set (binary relevance) or with a grade per item
 * (graded relevance): the ground truth the chapter's ranking metrics compare a ranked list against.
 *
 * <p>Grades are finite and {@code ≥ 0}; an item with grade 0 is not relevant and is dropped, so
 * {@link #size()} is the number of items with a positive grade, {@code |R|}. A set given with
 * {@link #of(int...)} grades every item 1. Binary metrics (precision, recall, AP, hit rate, MRR, AUC) treat
 * any positive grade as relevant; DCG and NDCG use the grade itself as the gain. The same item twice is
 * rejected rather than merged, since it usually means the caller built the set wrongly.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class RelevantItems {
    private static final RelevantItems NONE = new RelevantItems(new int[0], new double[0], true);

    private final int[] items;        // ascending, distinct, every grade > 0
    private final double[] grades;    // grade of items[i]
    private final double[] ideal;     // grades in descending order
    private final double[] idealPrefix; // idealPrefix[i]: DCG of the best i grades
    private final boolean binary;

    private RelevantItems(int[] items, double[] grades, boolean binary) {
        this.items = items;
        this.grades = grades;
        this.binary = binary;
        this.ideal = grades.clone();
        Arrays.sort(ideal);
        for (int i = 0, j = ideal.length - 1; i < j; i++, j--) {
            double t = ideal[i];
            ideal[i] = ideal[j];
            ideal[j] = t;
        }
        this.idealPrefix = new double[ideal.length + 1];
        for (int i = 0; i < ideal.length; i++) {
            idealPrefix[i + 1] = idealPrefix[i] + ideal[i] * Dcg.discount(i + 1);
        }
    }

    /** No relevant items: every metric scores such a user 0. */
    public static RelevantItems none() {
        return NONE;
    }

    /** A set of relevant items (binary relevance, every grade 1). */
    public static RelevantItems of(int... items) {
        Args.notNull("items", items);
        double[] ones = new double[items.length];
        Arrays.fill(ones, 1.0);
        return build(items, ones, true);
    }

    /** A set of relevant items from a collection (binary relevance); null elements are rejected. */
    public static RelevantItems of(Collection<Integer> items) {
        Args.notNull("items", items);
        int[] a = new int[items.size()];
        int i = 0;
        for (Integer item : items) {
            if (item == null) {
                throw new IllegalArgumentException("items holds null; relevant items are item ids");
            }
            a[i++] = item;
        }
        return of(a);
    }

    /** Graded relevance: {@code grades[i]} is the grade of {@code items[i]}; grade 0 means not relevant. */
    public static RelevantItems graded(int[] items, double[] grades) {
        Args.notNull("items", items);
        RankedLists.grades(grades, "grades");
        if (items.length != grades.length) {
            throw new IllegalArgumentException("items and grades must have the same length, were "
                    + items.length + " and " + grades.length);
        }
        return build(items, grades, false);
    }

    /** Graded relevance from a map item → grade; null keys or values are rejected. */
    public static RelevantItems graded(Map<Integer, ? extends Number> grades) {
        Args.notNull("grades", grades);
        int[] items = new int[grades.size()];
        double[] g = new double[grades.size()];
        int i = 0;
        for (Map.Entry<Integer, ? extends Number> e : grades.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("grades holds a null key or value (" + e.getKey() + " -> "
                        + e.getValue() + "); it maps item ids to grades ≥ 0");
            }
            items[i] = e.getKey();
            g[i] = e.getValue().doubleValue();
            i++;
        }
        return graded(items, g);
    }

    private static RelevantItems build(int[] items, double[] grades, boolean binary) {
        int n = items.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(items[a], items[b]));
        int[] it = new int[n];
        double[] gr = new double[n];
        int m = 0;
        for (int idx = 0; idx < n; idx++) {
            int i = order[idx];
            if (idx > 0 && items[i] == items[order[idx - 1]]) {
                throw new IllegalArgumentException("items holds item " + items[i]
                        + " twice; each relevant item appears once");
            }
            double g = RankedLists.grade(grades[i], "grades", i);
            if (g > 0) {
                it[m] = items[i];
                gr[m] = g;
                m++;
            }
        }
        return new RelevantItems(Arrays.copyOf(it, m), Arrays.copyOf(gr, m), binary);
    }

    /** {@code |R|}: the number of relevant items (grade > 0). */
    public int size() {
        return items.length;
    }

    public boolean isEmpty() {
        return items.length == 0;
    }

    /** The grade of {@code item}, 0 when it is not relevant. */
    public double grade(int item) {
        int i = Arrays.binarySearch(items, item);
        return i >= 0 ? grades[i] : 0.0;
    }

    public boolean contains(int item) {
        return Arrays.binarySearch(items, item) >= 0;
    }

    /** Writes the grade of {@code ranked[i]} into {@code gains[i]} for the first {@code depth} ranks. */
    void gains(int[] ranked, int depth, double[] gains) {
        int[] it = items;
        if (it.length == 0) {
            Arrays.fill(gains, 0, depth, 0.0);
            return;
        }
        if (it.length <= 8) {
            for (int i = 0; i < depth; i++) {
                int item = ranked[i];
                double g = 0;
                for (int j = 0; j < it.length; j++) {
                    if (it[j] == item) {
                        g = grades[j];
                        break;
                    }
                }
                gains[i] = g;
            }
            return;
        }
        for (int i = 0; i < depth; i++) {
            int j = Arrays.binarySearch(it, ranked[i]);
            gains[i] = j >= 0 ? grades[j] : 0.0;
        }
    }

    /** The relevant items in ascending id order (a copy). */
    public int[] items() {
        return items.clone();
    }

    /** The ideal DCG@k: the DCG of the relevant items' grades sorted from best to worst. */
    public double idealDcg(int k) {
        Args.atLeast("k", k, 1);
        return idealPrefix[Math.min(k, ideal.length)];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(binary ? "RelevantItems" : "RelevantItems(graded)").append('{');
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(items[i]);
            if (!binary) {
                sb.append('=').append(grades[i]);
            }
        }
        return sb.append('}').toString();
    }
}
