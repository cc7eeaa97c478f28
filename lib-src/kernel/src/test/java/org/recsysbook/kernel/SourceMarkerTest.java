package org.recsysbook.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceMarkerTest {
    private static String plain(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "");
    }

    @Test
    void marksTheSpanUnderTheRightLine() {
        String cell = "int a = 1;\nString b = a;\n";
        int start = cell.indexOf("a;");
        List<String> lines = SourceMarker.mark(cell, start, start + 1, "incompatible types");
        assertEquals("line 2: incompatible types", plain(lines.get(0)));
        assertEquals("String b = a;", lines.get(1));
        assertEquals("           ^", plain(lines.get(2)));
    }

    @Test
    void aSpanLongerThanItsLineStopsAtTheLineEnd() {
        String cell = "foo(1,\n2)";
        List<String> lines = SourceMarker.mark(cell, 0, cell.length(), "boom");
        assertEquals("^~~~~~", plain(lines.get(2)));
    }

    @Test
    void keepsTheMessagesFurtherLines() {
        List<String> lines = SourceMarker.mark("x", 0, 1, "cannot find symbol\n  symbol: variable x");
        assertTrue(lines.contains("  symbol: variable x"));
    }
}
