package org.recsysbook.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Latency statistics and the shared printing of every benchmark: one duration per operation (wall clock,
 * optionally also the thread's CPU time), printed as the count, median, p99 and spread (min–max). The p99 is
 * printed only from {@value #MIN_SAMPLES_FOR_P99} samples up: below that the nearest-rank p99 is simply the
 * maximum, so a line then shows min / median / max and says so.
 *
 * <p>Every benchmark starts with {@link #begin(String)} (the machine and the load average) and ends with
 * {@link #end()} (the load average again), and prints one {@link #verdict} (or {@link #printVerdict}) line per target it has, so that no
 * figure is read without the load it was measured under.
 */
public final class BenchStats {
    /** The fewest samples from which a p99 is printed (with fewer, the nearest-rank p99 is the maximum). */
    public static final int MIN_SAMPLES_FOR_P99 = 100;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String name;
    private long[] nanos = new long[1024];
    private long[] cpuNanos = new long[1024];
    private int n;
    private boolean hasCpu;

    public BenchStats(String name) {
        this.name = name;
    }

    /** Records one operation's wall-clock duration in nanoseconds. */
    public void add(long durationNanos) {
        add(durationNanos, -1);
    }

    /**
     * Records one operation's wall-clock duration and the CPU time its thread spent on it ({@link #cpuNow()}
     * before and after; negative: not measured), both in nanoseconds.
     */
    public void add(long durationNanos, long threadCpuNanos) {
        if (n == nanos.length) {
            nanos = Arrays.copyOf(nanos, n * 2);
            cpuNanos = Arrays.copyOf(cpuNanos, n * 2);
        }
        nanos[n] = durationNanos;
        cpuNanos[n++] = threadCpuNanos;
        hasCpu |= threadCpuNanos >= 0;
    }

    /** The current thread's CPU time in nanoseconds (what preemption on a loaded machine does not inflate). */
    public static long cpuNow() {
        return THREADS.getCurrentThreadCpuTime();
    }

    public String name() {
        return name;
    }

    public int count() {
        return n;
    }

    /** Whether there are enough samples for a p99 that is not just the maximum. */
    public boolean hasP99() {
        return n >= MIN_SAMPLES_FOR_P99;
    }

    /** The q-quantile (0 ≤ q ≤ 1) of the wall-clock durations in milliseconds, nearest rank. */
    public double quantileMillis(double q) {
        return quantile(nanos, q);
    }

    /** The q-quantile of the thread CPU times in milliseconds; NaN when none was recorded. */
    public double cpuQuantileMillis(double q) {
        return hasCpu ? quantile(cpuNanos, q) : Double.NaN;
    }

    private double quantile(long[] values, double q) {
        if (n == 0) {
            throw new IllegalStateException("no samples recorded for " + name);
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in [0, 1], got " + q);
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, rank))] / 1e6;
    }

    public double medianMillis() {
        return quantileMillis(0.5);
    }

    /** The p99 in milliseconds; callers print it only when {@link #hasP99()}. */
    public double p99Millis() {
        return quantileMillis(0.99);
    }

    public double minMillis() {
        return quantileMillis(0);
    }

    public double maxMillis() {
        return quantileMillis(1);
    }

    /**
     * The figures of this line: {@code median 1.234 ms  p99 2.345 ms  spread 1.100–3.000 ms}, or with fewer than
     * {@value #MIN_SAMPLES_FOR_P99} samples {@code min / median / max 1.100 / 1.234 / 3.000 ms (no p99 from n
     * samples)}; then the same for the thread CPU time when it was recorded.
     */
    public String figures() {
        String wall = figures(nanos);
        return hasCpu ? wall + "  | thread CPU " + figures(cpuNanos) : wall;
    }

    private String figures(long[] values) {
        double min = quantile(values, 0);
        double med = quantile(values, 0.5);
        double max = quantile(values, 1);
        if (hasP99()) {
            return String.format(Locale.ROOT, "median %s ms  p99 %s ms  spread %s–%s ms", ms(med),
                    ms(quantile(values, 0.99)), ms(min), ms(max));
        }
        return String.format(Locale.ROOT, "min / median / max %s / %s / %s ms (too few samples for a p99)",
                ms(min), ms(med), ms(max));
    }

    /** A duration in ms with three significant decimals for small figures and none for large ones. */
    static String ms(double millis) {
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.0f", millis);
        }
        if (millis >= 10) {
            return String.format(Locale.ROOT, "%.1f", millis);
        }
        return String.format(Locale.ROOT, "%.3f", millis);
    }

    /** One line: name, count and {@link #figures()}. */
    public String line() {
        return String.format(Locale.ROOT, "%-48s n=%-6d %s", name, n, figures());
    }

    public void print() {
        System.out.println(line());
    }

    /**
     * Prints the verdict line of one target: {@code target: <what> -> met|MISSED (<figures>)}, where the figures
     * are this statistic's {@link #figures()} and {@code extra} (may be empty), and the load average now.
     */
    public void verdict(String target, boolean met, String extra) {
        printVerdict(target, met, figures() + (extra == null || extra.isEmpty() ? "" : "; " + extra));
    }

    /** Prints the verdict line of a target whose figure is not a latency (a rate, a ratio): see the other. */
    public static void printVerdict(String target, boolean met, String figures) {
        System.out.printf(Locale.ROOT, "target: %s -> %s (%s; load %s)%n", target, met ? "met" : "MISSED", figures,
                loadAverage());
    }

    /** The machine's 1-, 5- and 15-minute load averages from /proc/loadavg (else the JVM's 1-minute figure). */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f (1 min)",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** The header of a benchmark: the machine, then the load average at its start. */
    public static void begin(String benchmark) {
        printMachine(benchmark);
        System.out.println("# load average at start (1, 5, 15 min): " + loadAverage());
    }

    /** The machine header alone (without the load average); {@link #begin(String)} prints both. */
    public static void printMachine(String benchmark) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "# %s on %s %s, %d cores, max heap %d MiB, Java %s (%s)%n",
                benchmark, System.getProperty("os.name"), System.getProperty("os.arch"),
                rt.availableProcessors(), rt.maxMemory() >> 20,
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    /** The footer of a benchmark: the load average at its end. */
    public static void end() {
        System.out.println("# load average at end (1, 5, 15 min): " + loadAverage());
    }
}
