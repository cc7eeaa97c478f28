package org.recsysbook.kernel.runtime;

/**
 * Lets the kernel stop a running cell on every JDK. The kernel weaves a call to {@link #check()} into
 * the start of every method and every backward jump of the notebook's snippet classes; when a stop is
 * requested, the next check throws {@link Stopped}, and the thread running the cell is interrupted so
 * that a sleep or a blocking read ends too. (JDK 17 could stop threads outright; JDK 20 and later
 * cannot.)
 */
public final class StopCheck {
    private static volatile boolean requested;
    private static volatile Thread cellThread;

    private StopCheck() { }

    /** Thrown inside a cell that the kernel was asked to stop. */
    public static final class Stopped extends Error {
        private static final long serialVersionUID = 1L;

        public Stopped() {
            super("the cell was stopped", null, false, false);
        }
    }

    /** Woven into snippet code: throws if a stop was requested. */
    public static void check() {
        if (requested) {
            throw new Stopped();
        }
    }

    /** Woven into the start of each cell's entry method: remembers the thread that runs the cell. */
    public static void enter() {
        cellThread = Thread.currentThread();
        check();
    }

    /** Called by the kernel before a cell runs. */
    public static void reset() {
        requested = false;
        cellThread = null;
    }

    /** Called by the kernel to stop the running cell. */
    public static void request() {
        requested = true;
        Thread t = cellThread;
        if (t != null) {
            t.interrupt();
        }
    }
}
