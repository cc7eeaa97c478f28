package org.recsysbook.world;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.recsysbook.core.Args;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * An append-only log of impressions and clicks (user, item, position, clicked, day), the raw material
 * of the chapter's CTR, A/B tests and bandit feedback; stored column-wise on primitive arrays.
 *
 * <p>{@link ClickModel#simulate} appends to it; anyone may {@link #add} rows of their own. Rows are
 * read by index ({@link #user(int)}, {@link #clicked(int)}, …) in hot loops, or as {@link Interaction}
 * records and a Tablesaw {@link Table} elsewhere. Not thread-safe.
 */
public final class InteractionLog {
    private int size;
    private int[] users = new int[256];
    private int[] items = new int[256];
    private int[] positions = new int[256];
    private boolean[] clicked = new boolean[256];
    private int[] days = new int[256];
    private double[] probabilities = new double[256];
    private long clicks;

    /** Appends an impression whose true click probability is unknown (recorded as NaN). */
    public void add(int user, int item, int position, boolean wasClicked, int day) {
        add(user, item, position, wasClicked, day, Double.NaN);
    }

    /**
     * Appends an impression.
     *
     * @param user             user id, ≥ 0
     * @param item             item id, ≥ 0
     * @param position         1-based position, ≥ 1
     * @param wasClicked       whether it was clicked
     * @param day              day, ≥ 0
     * @param clickProbability true click probability in [0, 1], or NaN when unknown
     */
    public void add(int user, int item, int position, boolean wasClicked, int day, double clickProbability) {
        Args.atLeast("user", user, 0);
        Args.atLeast("item", item, 0);
        if (position < 1) {
            throw new IllegalArgumentException("position must be ≥ 1 (1 = top), got " + position);
        }
        Args.atLeast("day", day, 0);
        if (clickProbability < 0 || clickProbability > 1) {
            throw new IllegalArgumentException("clickProbability must be in [0, 1] or NaN, got " + clickProbability);
        }
        if (size == users.length) {
            int n = size * 2;
            users = Arrays.copyOf(users, n);
            items = Arrays.copyOf(items, n);
            positions = Arrays.copyOf(positions, n);
            clicked = Arrays.copyOf(clicked, n);
            days = Arrays.copyOf(days, n);
            probabilities = Arrays.copyOf(probabilities, n);
        }
        users[size] = user;
        items[size] = item;
        positions[size] = position;
        clicked[size] = wasClicked;
        days[size] = day;
        probabilities[size] = clickProbability;
        size++;
        if (wasClicked) {
            clicks++;
        }
    }

    /** Number of impressions logged. */
    public int size() {
        return size;
    }

    /** Number of clicks logged. */
    public long clicks() {
        return clicks;
    }

    /** Click-through rate: clicks / impressions; NaN when the log is empty. */
    public double ctr() {
        return size == 0 ? Double.NaN : (double) clicks / size;
    }

    /**
     * Click-through rate at each position {@code 1 … maxPosition} (index 0 holds position 1); NaN
     * where nothing was shown. The fall with position is the position bias.
     */
    public double[] ctrByPosition(int maxPosition) {
        Args.atLeast("maxPosition", maxPosition, 1);
        long[] shown = new long[maxPosition];
        long[] hit = new long[maxPosition];
        for (int i = 0; i < size; i++) {
            int p = positions[i] - 1;
            if (p < maxPosition) {
                shown[p]++;
                if (clicked[i]) {
                    hit[p]++;
                }
            }
        }
        double[] ctr = new double[maxPosition];
        for (int p = 0; p < maxPosition; p++) {
            ctr[p] = shown[p] == 0 ? Double.NaN : (double) hit[p] / shown[p];
        }
        return ctr;
    }

    public int user(int row) {
        checkRow(row);
        return users[row];
    }

    public int item(int row) {
        checkRow(row);
        return items[row];
    }

    /** The 1-based position of row {@code row}. */
    public int position(int row) {
        checkRow(row);
        return positions[row];
    }

    public boolean clicked(int row) {
        checkRow(row);
        return clicked[row];
    }

    public int day(int row) {
        checkRow(row);
        return days[row];
    }

    /** The true click probability of row {@code row}, NaN when it was not recorded. */
    public double clickProbability(int row) {
        checkRow(row);
        return probabilities[row];
    }

    /** Row {@code row} as a record. */
    public Interaction get(int row) {
        checkRow(row);
        return new Interaction(users[row], items[row], positions[row], clicked[row], days[row], probabilities[row]);
    }

    /** The rows as records, in the order they were logged. */
    public Stream<Interaction> stream() {
        return IntStream.range(0, size).mapToObj(this::get);
    }

    /** The log as a table with columns user, item, position, clicked, day, clickProbability. */
    public Table toTable() {
        return Table.create("interactions",
                IntColumn.create("user", Arrays.copyOf(users, size)),
                IntColumn.create("item", Arrays.copyOf(items, size)),
                IntColumn.create("position", Arrays.copyOf(positions, size)),
                BooleanColumn.create("clicked", Arrays.copyOf(clicked, size)),
                IntColumn.create("day", Arrays.copyOf(days, size)),
                DoubleColumn.create("clickProbability", Arrays.copyOf(probabilities, size)));
    }

    private void checkRow(int row) {
        if (row < 0 || row >= size) {
            throw new IllegalArgumentException("row must be in [0, " + size + "), got " + row);
        }
    }

    @Override
    public String toString() {
        return "InteractionLog[" + size + " impressions, " + clicks + " clicks]";
    }
}
