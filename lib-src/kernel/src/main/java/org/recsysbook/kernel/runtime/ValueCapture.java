package org.recsysbook.kernel.runtime;

/**
 * Hands the value of a cell's last expression to the kernel as an object, not a string. The kernel
 * rewrites each JShell wrapper's {@code do_it$} method to pass its result here before returning it, so
 * that the kernel can render it (a table as HTML, a chart as a chart).
 */
public final class ValueCapture {
    private static volatile Object last;

    private ValueCapture() { }

    /** Called by rewritten snippet code with the value it is about to return. */
    public static void capture(Object value) {
        last = value;
    }

    /** The value captured since the last {@link #clear()}. */
    public static Object last() {
        return last;
    }

    public static void clear() {
        last = null;
    }
}
