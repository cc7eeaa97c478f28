package org.recsysbook.kernel;

import java.util.ArrayList;
import java.util.List;

/** Points at a span of a cell: the cell's line, then a line of {@code ^~~~} under the span. */
final class SourceMarker {
    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";

    private SourceMarker() { }

    /**
     * Lines that show {@code message}, the cell line holding {@code start} and a marker under the
     * characters from {@code start} to {@code end} (cut at the end of that line).
     */
    static List<String> mark(String cell, int start, int end, String message) {
        start = Math.max(0, Math.min(start, cell.length()));
        end = Math.max(start + 1, Math.min(end, cell.length()));
        int lineStart = cell.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = cell.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = cell.length();
        }
        int lineNo = 1;
        for (int i = 0; i < lineStart; i++) {
            if (cell.charAt(i) == '\n') {
                lineNo++;
            }
        }
        String line = cell.substring(lineStart, lineEnd);
        int col = start - lineStart;
        int width = Math.max(1, Math.min(end, lineEnd) - start);
        List<String> out = new ArrayList<>();
        out.add(RED + "line " + lineNo + ": " + message.lines().findFirst().orElse(message) + RESET);
        message.lines().skip(1).forEach(out::add);
        out.add(line);
        StringBuilder marker = new StringBuilder();
        for (int i = 0; i < col; i++) {
            marker.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        marker.append(RED).append('^');
        for (int i = 1; i < width; i++) {
            marker.append('~');
        }
        marker.append(RESET);
        out.add(marker.toString());
        return out;
    }
}
