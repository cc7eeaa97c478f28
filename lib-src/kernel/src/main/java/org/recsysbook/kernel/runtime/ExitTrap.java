package org.recsysbook.kernel.runtime;

/**
 * Stands in for {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} in code run by the
 * notebook: the kernel rewrites those calls, as classes load, into calls to this class, which throws
 * {@link ExitAttempt} instead of ending the JVM. The cell ends with an error; the kernel and every
 * variable stay alive.
 */
public final class ExitTrap {
    private ExitTrap() { }

    /** Thrown where the notebook's code asked the JVM to exit. */
    public static final class ExitAttempt extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public ExitAttempt(String call, int status) {
            super(call + "(" + status + ") was called: the kernel keeps running and keeps your variables. "
                    + "To start afresh, use Kernel > Restart.");
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Replaces {@code System.exit(status)}. */
    public static void exit(int status) {
        throw new ExitAttempt("System.exit", status);
    }

    /** Replaces {@code runtime.exit(status)}. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new ExitAttempt("Runtime.exit", status);
    }

    /** Replaces {@code runtime.halt(status)}. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new ExitAttempt("Runtime.halt", status);
    }
}
