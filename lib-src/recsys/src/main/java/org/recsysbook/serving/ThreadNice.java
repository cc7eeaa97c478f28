package org.recsysbook.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A thread's scheduling niceness on Linux, set with {@code renice} for the calling thread alone (Linux gives each
 * thread its own nice value), and read back from {@code /proc/self/task/<tid>/stat}; elsewhere a no-op with a log line.
 *
 * <p>The service lowers its worker threads' priority with it: on two cores busy computing the funnel, the I/O thread
 * that writes a 503 waited in the run queue behind the workers (its wall time 16.6 ms, of which 0.27 ms on a core and
 * 16.4 ms queued, from {@code /proc/<tid>/schedstat}), so a shed that costs a fraction of a millisecond took tens.
 * At nice 10 the workers yield the cores to the I/O threads whenever these have work.
 */
public final class ThreadNice {
    private static final Logger LOG = Logger.getLogger(ThreadNice.class.getName());

    private ThreadNice() {
    }

    /** The calling thread's kernel thread id on Linux ({@code /proc/thread-self}), or -1 elsewhere. */
    public static long currentTid() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
            return Long.parseLong(link.getFileName().toString());
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Sets the calling thread's nice value to {@code nice} (in [0, 19]: raising it needs no privilege) and says
     * whether it took; off Linux, or without {@code renice}, it logs why and returns false.
     */
    public static boolean setCurrent(int nice) {
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("nice must be in [0, 19], got " + nice);
        }
        long tid = currentTid();
        if (tid < 0) {
            LOG.info("thread priorities are left alone: no /proc/thread-self (not Linux)");
            return false;
        }
        try {
            Process p = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", Long.toString(tid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.info("renice did not finish within 5 s: thread " + tid + " keeps its priority");
                return false;
            }
            return p.exitValue() == 0 && niceOf(tid) == nice;
        } catch (IOException e) {
            LOG.info("thread priorities are left alone: cannot run renice (" + e.getMessage() + ")");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The nice value of thread {@code tid} of this process, read from field 19 of {@code /proc/self/task/<tid>/stat}.
     *
     * @throws IOException when the file cannot be read (not Linux, or no such thread)
     */
    public static int niceOf(long tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        // "tid (comm) state ppid …": comm may hold spaces and parentheses, so count the fields after its last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(f[16]); // field 19 of the line; f[0] is field 3, the state
    }
}
