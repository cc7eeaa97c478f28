package org.recsysbook.kernel;

import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the front end asks about code without running it: completion, inspection (signatures and
 * Javadoc) and whether a cell is complete, answered by JShell's source analysis. Magic lines are masked
 * out first so that offsets into the Java code are offsets into the cell.
 */
final class Introspection {
    private final Supplier<JavaEngine> engine;
    private final Magics magics;

    Introspection(Supplier<JavaEngine> engine, Magics magics) {
        this.engine = engine;
        this.magics = magics;
    }

    /**
     * Runs {@code question} on JShell's source analysis, holding the engine's lock (JShell is not
     * thread-safe; its evaluation and the kernel's completion warm-up hold the same lock).
     */
    private <T> T withAnalysis(Function<SourceCodeAnalysis, T> question) {
        JavaEngine e = engine.get();
        synchronized (e) {
            return question.apply(e.analysis());
        }
    }

    /** The Java snippet of a cell around a cursor: its text and where the cursor falls in it. */
    private record Snippet(int start, String text, int cursor) { }

    private Snippet snippetAround(SourceCodeAnalysis analysis, String code, int cursor) {
        String javaCode = magics.maskMagicLines(code);
        int start = 0;
        String remaining = javaCode;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String rest = info.remaining() == null ? "" : info.remaining();
            int end = javaCode.length() - rest.length();
            if (rest.isEmpty() || end >= cursor || end <= start
                    || info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            start = end;
            remaining = rest;
        }
        String text = javaCode.substring(start);
        return new Snippet(start, text, Math.max(0, Math.min(cursor - start, text.length())));
    }

    private static int cursor(Message msg, String code) {
        return Unicode.toCharIndex(code, msg.integer("cursor_pos", code.codePointCount(0, code.length())));
    }

    /** The {@code complete_reply}: magic names after a {@code %}, else JShell's suggestions. */
    Map<String, Object> complete(Message msg) {
        String code = msg.string("code", "");
        int cursor = cursor(msg, code);
        Set<String> matches = new LinkedHashSet<>();
        int anchorChar;
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String linePrefix = code.substring(lineStart, cursor);
        if (linePrefix.stripLeading().startsWith("%") && !linePrefix.contains(" ")) {
            String typed = linePrefix.strip();
            for (String name : magics.names()) {
                if (name.startsWith(typed)) {
                    matches.add(name);
                }
            }
            anchorChar = lineStart + linePrefix.indexOf('%');
        } else {
            int[] anchor = new int[1];
            Snippet s = withAnalysis(analysis -> {
                Snippet around = snippetAround(analysis, code, cursor);
                for (SourceCodeAnalysis.Suggestion suggestion
                        : analysis.completionSuggestions(around.text(), around.cursor(), anchor)) {
                    matches.add(suggestion.continuation());
                }
                return around;
            });
            anchorChar = s.start() + anchor[0];
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("matches", new ArrayList<>(matches));
        reply.put("cursor_start", Unicode.toCodePointIndex(code, anchorChar));
        reply.put("cursor_end", Unicode.toCodePointIndex(code, cursor));
        reply.put("metadata", Map.of());
        return reply;
    }

    /** The {@code inspect_reply}: the signatures and Javadoc of what the cursor is on. */
    Map<String, Object> inspect(Message msg) {
        String code = msg.string("code", "");
        String text = withAnalysis(analysis -> documentation(analysis, snippetAround(analysis, code, cursor(msg, code))));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("found", !text.isEmpty());
        reply.put("data", !text.isEmpty() ? Map.of("text/plain", text) : Map.of());
        reply.put("metadata", Map.of());
        return reply;
    }

    private static String documentation(SourceCodeAnalysis analysis, Snippet s) {
        String snippet = s.text();
        int rel = s.cursor();
        // documentation() wants the cursor inside or right after an identifier
        while (rel < snippet.length() && Character.isJavaIdentifierPart(snippet.charAt(rel))) {
            rel++;
        }
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(snippet, rel, true);
        if (docs.isEmpty()) {
            // a bare method name: ask as if the call's parenthesis were open
            docs = analysis.documentation(snippet.substring(0, rel) + "(", rel + 1, true);
        }
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(d.signature());
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                text.append("\n\n").append(Javadoc.plain(d.javadoc()));
            }
        }
        return text.toString();
    }

    /** The {@code is_complete_reply}: complete, incomplete (with an indent) or invalid. */
    Map<String, Object> isComplete(Message msg) {
        String code = msg.string("code", "");
        String status = code.stripLeading().startsWith("%%") ? "complete" : javaStatus(magics.maskMagicLines(code));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", status);
        if ("incomplete".equals(status)) {
            reply.put("indent", "    ");
        }
        return reply;
    }

    private String javaStatus(String javaCode) {
        if (javaCode.isBlank()) {
            return "complete";
        }
        return withAnalysis(analysis -> javaStatus(analysis, javaCode));
    }

    private static String javaStatus(SourceCodeAnalysis analysis, String javaCode) {
        String remaining = javaCode;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return "incomplete";
                }
                case UNKNOWN -> {
                    return "invalid";
                }
                default -> { }
            }
            String rest = info.remaining() == null ? "" : info.remaining();
            if (rest.length() >= remaining.length()) {
                break;
            }
            remaining = rest;
        }
        return "complete";
    }
}
