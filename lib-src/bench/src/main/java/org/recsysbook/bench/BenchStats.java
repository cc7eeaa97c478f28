package org.recsysbook.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latency statistics for the benchmarks: collects one duration per operation and prints the median,
 * p99 and max. Every benchmark prints its figures through this class so that they read alike.
 */
public final class BenchStats {
    private final String name;
    private long[] nanos = new long[1024];
    private int n;

    public BenchStats(String name) {
        this.name = name;
    }

    /** Records one operation's duration in nanoseconds. */
    public void add(long durationNanos) {
        if (n == nanos.length) {
            nanos = Arrays.copyOf(nanos, n * 2);
        }
        nanos[n++] = durationNanos;
    }

    public int count() {
        return n;
    }

    /** The q-quantile (0 ≤ q ≤ 1) in milliseconds, nearest rank. */
    public double quantileMillis(double q) {
        if (n == 0) {
            throw new IllegalStateException("no samples recorded for " + name);
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, rank))] / 1e6;
    }

    public double medianMillis() {
        return quantileMillis(0.5);
    }

    public double p99Millis() {
        return quantileMillis(0.99);
    }

    /** One line: name, count, median, p99 and max in milliseconds. */
    public String line() {
        return String.format(Locale.ROOT, "%-48s n=%-6d median=%9.3f ms  p99=%9.3f ms  max=%9.3f ms",
                name, n, medianMillis(), p99Millis(), quantileMillis(1.0));
    }

    public void print() {
        System.out.println(line());
    }

    /** Prints a header naming the machine, so that figures are never read without it. */
    public static void printMachine(String benchmark) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "# %s on %s %s, %d cores, max heap %d MiB, Java %s (%s)%n",
                benchmark, System.getProperty("os.name"), System.getProperty("os.arch"),
                rt.availableProcessors(), rt.maxMemory() >> 20,
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }
}
