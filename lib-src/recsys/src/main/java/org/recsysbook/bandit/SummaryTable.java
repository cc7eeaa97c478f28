package org.recsysbook.bandit;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A summary table of one name column and number columns rounded to a fixed number of decimals, as the
 * bandit classes show their results ({@code SimulationResult.summary}, {@code OffPolicyExperiment.table},
 * {@link ArmStats#table}). Non-finite values are kept as they are. Public for the bandit subpackages.
 */
public final class SummaryTable {
    private final int decimals;
    private final StringColumn names;
    private final DoubleColumn[] columns;

    /**
     * @param decimals decimals kept in every number column
     * @param name     the name column's header
     * @param columns  the number columns' headers
     */
    public SummaryTable(int decimals, String name, String... columns) {
        this.decimals = decimals;
        this.names = StringColumn.create(name);
        this.columns = new DoubleColumn[columns.length];
        for (int c = 0; c < columns.length; c++) {
            this.columns[c] = DoubleColumn.create(columns[c]);
        }
    }

    /** Adds a row: its name and one value per number column. */
    public void row(String name, double... values) {
        names.append(name);
        for (int c = 0; c < columns.length; c++) {
            columns[c].append(round(values[c], decimals));
        }
    }

    public Table table(String title) {
        return Table.create(title, names).addColumns(columns);
    }

    /** {@code v} rounded to {@code decimals} places (half up); NaN and infinities unchanged. */
    public static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(v) ? Math.round(v * scale) / scale : v;
    }
}
