package org.recsysbook.kernel;

import jdk.jshell.EvalException;
import jdk.jshell.JShellException;

import java.util.ArrayList;
import java.util.List;

/**
 * A run-time error's stack trace cut down to what the reader wrote: frames of the notebook's cells and
 * libraries, without the reflection and JShell machinery that called them; deep recursion is shortened.
 */
final class StackTraces {
    private static final int MAX_FRAMES = 12;

    private StackTraces() { }

    static List<String> format(String className, JShellException ex) {
        List<String> lines = new ArrayList<>();
        lines.add("\u001b[31m" + className + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + "\u001b[0m");
        appendFrames(lines, ex.getStackTrace());
        Throwable cause = ex.getCause();
        int depth = 0;
        while (cause != null && depth++ < 5) {
            String name = cause instanceof EvalException e ? e.getExceptionClassName() : cause.getClass().getName();
            lines.add("Caused by: " + name + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            appendFrames(lines, cause.getStackTrace());
            cause = cause.getCause();
        }
        return lines;
    }

    private static void appendFrames(List<String> lines, StackTraceElement[] frames) {
        int shown = 0;
        int kept = 0;
        for (StackTraceElement f : frames) {
            if (isMachinery(f)) {
                break;
            }
            kept++;
            if (shown < MAX_FRAMES) {
                lines.add("    at " + describe(f));
                shown++;
            }
        }
        if (kept > shown) {
            lines.add("    ... " + (kept - shown) + " more frames");
        }
    }

    /** The frames from here down are the kernel calling the cell, not the cell's own code. */
    private static boolean isMachinery(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.Method")
                || c.startsWith("jdk.jshell.") || c.startsWith("org.recsysbook.kernel.");
    }

    private static String describe(StackTraceElement f) {
        String c = f.getClassName();
        if (c.isEmpty() || c.startsWith("REPL.$JShell$")) {
            // a frame of a cell: JShell names the file after the snippet ("#12")
            String method = f.getMethodName().equals("do_it$") ? "cell" : f.getMethodName();
            String file = f.getFileName() == null ? "cell" : "snippet " + f.getFileName();
            return method + " (" + file + ", line " + f.getLineNumber() + ")";
        }
        return f.toString();
    }
}
