package org.recsysbook.notebook;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * Shows a Tablesaw {@link Table} in a notebook: an HTML table with every cell escaped, and the same cells as
 * aligned plain text.
 *
 * <p>Long tables are cut: above {@value #MAX_ROWS} rows only the first {@value #HEAD_ROWS} and the last
 * {@value #TAIL_ROWS} are shown; above {@value #MAX_COLUMNS} columns, only the first {@value #HEAD_COLUMNS} and
 * the last {@value #TAIL_COLUMNS}. A note then says how much was left out, for example
 * {@code "… 975 rows not shown (1000 rows × 4 columns)"}. Floating-point cells keep six significant digits,
 * missing cells are empty. Written by hand because tablesaw-html's writer prints every row.
 */
public final class TableHtml {
    /** Tables with more rows than this are cut. */
    public static final int MAX_ROWS = 30;
    /** Rows shown from the top of a cut table. */
    public static final int HEAD_ROWS = 20;
    /** Rows shown from the bottom of a cut table. */
    public static final int TAIL_ROWS = 5;
    /** Tables with more columns than this are cut. */
    public static final int MAX_COLUMNS = 30;
    /** Columns shown from the left of a cut table. */
    public static final int HEAD_COLUMNS = 20;
    /** Columns shown from the right of a cut table. */
    public static final int TAIL_COLUMNS = 5;

    private static final String ELLIPSIS = "…";
    /** Inline so that it holds in every front end and export, none of which share a style sheet. */
    private static final String CELL = "padding:0.2em 0.6em;";

    private TableHtml() { }

    /** The indices to show out of {@code n}, with -1 where the cut is. */
    private static int[] shown(int n, int max, int head, int tail) {
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] idx = new int[head + 1 + tail];
        for (int i = 0; i < head; i++) {
            idx[i] = i;
        }
        idx[head] = -1;
        for (int i = 0; i < tail; i++) {
            idx[head + 1 + i] = n - tail + i;
        }
        return idx;
    }

    /** A cell as the reader sees it. */
    static String cell(Column<?> c, int row) {
        if (c.isMissing(row)) {
            return "";
        }
        ColumnType type = c.type();
        if (type == ColumnType.DOUBLE || type == ColumnType.FLOAT) {
            return Numbers.format(((NumericColumn<?>) c).getDouble(row));
        }
        return c.getString(row);
    }

    /** The note about what was left out, or {@code null} if the whole table is shown. */
    static String note(Table t) {
        int rows = t.rowCount();
        int cols = t.columnCount();
        List<String> parts = new ArrayList<>(2);
        if (rows > MAX_ROWS) {
            parts.add((rows - HEAD_ROWS - TAIL_ROWS) + " rows");
        }
        if (cols > MAX_COLUMNS) {
            parts.add((cols - HEAD_COLUMNS - TAIL_COLUMNS) + " columns");
        }
        if (parts.isEmpty()) {
            return null;
        }
        return ELLIPSIS + " " + String.join(" and ", parts) + " not shown (" + rows + " rows × " + cols + " columns)";
    }

    /** The table as an HTML fragment. */
    public static String html(Table t) {
        int[] rows = shown(t.rowCount(), MAX_ROWS, HEAD_ROWS, TAIL_ROWS);
        int[] cols = shown(t.columnCount(), MAX_COLUMNS, HEAD_COLUMNS, TAIL_COLUMNS);
        boolean[] numeric = new boolean[cols.length];
        StringBuilder sb = new StringBuilder(256 + rows.length * cols.length * 24);
        sb.append("<div class=\"recsysbook-table\"><table>");
        if (t.name() != null && !t.name().isEmpty()) {
            sb.append("<caption style=\"text-align:left;font-weight:bold\">").append(Html.escape(t.name()))
                    .append("</caption>");
        }
        sb.append("<thead><tr>");
        for (int j = 0; j < cols.length; j++) {
            if (cols[j] < 0) {
                sb.append("<th style=\"").append(CELL).append("\">").append(ELLIPSIS).append("</th>");
                continue;
            }
            Column<?> c = t.column(cols[j]);
            numeric[j] = c instanceof NumericColumn;
            sb.append("<th style=\"").append(CELL).append("text-align:").append(numeric[j] ? "right" : "left")
                    .append("\">")
                    .append(Html.escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int row : rows) {
            sb.append("<tr>");
            for (int j = 0; j < cols.length; j++) {
                String align = numeric[j] ? "right" : "left";
                String text = row < 0 || cols[j] < 0 ? ELLIPSIS : Html.escape(cell(t.column(cols[j]), row));
                sb.append("<td style=\"").append(CELL).append("text-align:").append(align).append("\">").append(text)
                        .append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        String note = note(t);
        if (note != null) {
            sb.append("<p style=\"font-size:smaller;color:#666\">").append(Html.escape(note)).append("</p>");
        }
        return sb.append("</div>").toString();
    }

    /** The table as aligned plain text, cut like {@link #html(Table)}. */
    public static String text(Table t) {
        int[] rows = shown(t.rowCount(), MAX_ROWS, HEAD_ROWS, TAIL_ROWS);
        int[] cols = shown(t.columnCount(), MAX_COLUMNS, HEAD_COLUMNS, TAIL_COLUMNS);
        String[][] cells = new String[rows.length + 1][cols.length];
        int[] width = new int[cols.length];
        boolean[] numeric = new boolean[cols.length];
        for (int j = 0; j < cols.length; j++) {
            Column<?> c = cols[j] < 0 ? null : t.column(cols[j]);
            numeric[j] = c instanceof NumericColumn;
            cells[0][j] = c == null ? ELLIPSIS : c.name();
            for (int i = 0; i < rows.length; i++) {
                cells[i + 1][j] = c == null || rows[i] < 0 ? ELLIPSIS : cell(c, rows[i]);
            }
            for (String[] line : cells) {
                width[j] = Math.max(width[j], line[j].codePointCount(0, line[j].length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        if (t.name() != null && !t.name().isEmpty()) {
            sb.append(t.name()).append('\n');
        }
        for (int i = 0; i < cells.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                String s = cells[i][j];
                int pad = width[j] - s.codePointCount(0, s.length());
                if (j > 0) {
                    sb.append("  ");
                }
                if (numeric[j]) {
                    sb.append(" ".repeat(pad)).append(s);
                } else {
                    sb.append(s).append(j == cols.length - 1 ? "" : " ".repeat(pad));
                }
            }
            sb.append('\n');
        }
        String note = note(t);
        if (note != null) {
            sb.append(note).append('\n');
        }
        return sb.toString();
    }
}
