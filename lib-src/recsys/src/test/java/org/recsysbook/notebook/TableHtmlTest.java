package org.recsysbook.notebook;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableHtmlTest {
    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static Table ints(int rows, int cols) {
        Table t = Table.create("numbers");
        for (int c = 0; c < cols; c++) {
            IntColumn col = IntColumn.create("c" + c);
            for (int r = 0; r < rows; r++) {
                col.append(r * 1000 + c);
            }
            t.addColumns(col);
        }
        return t;
    }

    @Test
    void everyTextIsEscaped() {
        Table t = Table.create("a&b", StringColumn.create("<b>name</b>", "<script>alert(1)</script>", "O'Hara \"x\""));
        String html = TableHtml.html(t);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("O&#39;Hara &quot;x&quot;"), html);
        assertTrue(html.contains("&lt;b&gt;name&lt;/b&gt;"), html);
        assertTrue(html.contains("<caption style=\"text-align:left;font-weight:bold\">a&amp;b</caption>"), html);
    }

    @Test
    void smallTablesAreShownWhole() {
        String html = TableHtml.html(ints(30, 2));
        assertEquals(1 + 30, count(html, "<tr>"));
        assertFalse(html.contains("not shown"));
        assertNull(TableHtml.note(ints(30, 30)));
    }

    @Test
    void longTablesShowHeadAndTailWithANote() {
        String html = TableHtml.html(ints(100, 2));
        assertEquals(1 + 20 + 1 + 5, count(html, "<tr>"));
        assertTrue(html.contains(">19000<") && html.contains(">95000<") && html.contains(">99001<"), html);
        assertFalse(html.contains(">20000<") || html.contains(">94000<"), html);
        assertTrue(html.contains("… 75 rows not shown (100 rows × 2 columns)"), html);
        assertEquals("… 6 rows not shown (31 rows × 1 columns)", TableHtml.note(ints(31, 1)));
    }

    @Test
    void wideTablesShowFirstAndLastColumns() {
        Table t = ints(2, 40);
        String html = TableHtml.html(t);
        assertEquals(2 * (20 + 1 + 5), count(html, "<td"));
        assertTrue(html.contains(">c19<") && html.contains(">c35<") && !html.contains(">c20<"), html);
        assertEquals("… 15 columns not shown (2 rows × 40 columns)", TableHtml.note(t));
        assertEquals("… 70 rows and 15 columns not shown (95 rows × 40 columns)", TableHtml.note(ints(95, 40)));
    }

    @Test
    void numbersAreFormattedAndMissingCellsEmpty() {
        DoubleColumn d = DoubleColumn.create("d", 1.0 / 3, 2.0, Double.NaN);
        FloatColumn f = FloatColumn.create("f", 0.1f, 1e-6f, 3f);
        IntColumn i = IntColumn.create("i", 1234567, 2, 3);
        Table t = Table.create("", d, f, i);
        assertEquals("0.333333", TableHtml.cell(d, 0));
        assertEquals("2", TableHtml.cell(d, 1));
        assertEquals("", TableHtml.cell(d, 2));
        assertEquals("0.1", TableHtml.cell(f, 0));
        assertEquals("1e-6", TableHtml.cell(f, 1));
        assertEquals("1234567", TableHtml.cell(i, 0));
        assertTrue(TableHtml.html(t).contains("text-align:right\">0.333333</td>"));
    }

    @Test
    void plainTextIsAligned() {
        Table t = Table.create("scores", StringColumn.create("item", "a", "long name"),
                DoubleColumn.create("score", 0.5, 12.25));
        assertEquals("scores\n"
                + "item       score\n"
                + "a            0.5\n"
                + "long name  12.25\n", TableHtml.text(t));
    }
}
