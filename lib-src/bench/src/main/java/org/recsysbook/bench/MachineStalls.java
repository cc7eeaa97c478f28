package org.recsysbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * A meter of the machine's own stalls while a benchmark runs: a thread that asks to sleep 1 ms, again and again, and
 * records how much later than asked it woke (the way jHiccup measures a JVM's platform), beside the CPU time the
 * hypervisor took from this virtual machine ("steal" in {@code /proc/stat}, Linux only).
 *
 * <p>It puts the overload target "each shed request under 5 ms" in its place: on a virtual machine whose host takes
 * its cores away now and then, a thread with nothing to do but wake up is late by as much, and so is any request in
 * flight at that moment. The meter's thread runs at the default priority, as the service's I/O thread does.
 */
final class MachineStalls implements AutoCloseable {
    private static final long ASKED_NANOS = 1_000_000;
    private final Histogram lateMicros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    private final long stealStart = stealTicks();
    private final long started = System.nanoTime();
    private volatile boolean stop;
    private final Thread thread;

    MachineStalls() {
        thread = new Thread(this::run, "machine-stall-meter");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!stop) {
            long t = System.nanoTime();
            LockSupport.parkNanos(ASKED_NANOS);
            long late = System.nanoTime() - t - ASKED_NANOS;
            synchronized (lateMicros) {
                lateMicros.recordValue(Math.min(lateMicros.getHighestTrackableValue(), Math.max(0, late / 1000)));
            }
        }
    }

    /** The CPU time the hypervisor took from this machine (all cores) since the start, in ms; -1 off Linux. */
    private long stolenMillis() {
        long now = stealTicks();
        return now < 0 || stealStart < 0 ? -1 : (now - stealStart) * 10; // USER_HZ is 100 on Linux
    }

    /** Stops the meter. */
    @Override
    public void close() {
        stop = true;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many wake-ups were later than {@code millis}. */
    long lateBy(double millis) {
        synchronized (lateMicros) {
            long from = lateMicros.lowestEquivalentValue((long) (millis * 1000) + 1);
            return lateMicros.getCountBetweenValues(from, lateMicros.getMaxValue());
        }
    }

    /** The meter's figures: wake-ups, how late at p99 and at worst, how many more than 5 ms late, time stolen. */
    String line() {
        double seconds = (System.nanoTime() - started) / 1e9;
        long stolen = stolenMillis();
        synchronized (lateMicros) {
            return String.format(Locale.ROOT, "a thread asleep for 1 ms woke late by p50 %.2f ms, p99 %.2f ms, "
                            + "max %.2f ms, %d times by more than 5 ms (%d wake-ups); CPU taken by the host: %s",
                    lateMicros.getValueAtPercentile(50) / 1000.0, lateMicros.getValueAtPercentile(99) / 1000.0,
                    lateMicros.getMaxValue() / 1000.0, lateBy(5), lateMicros.getTotalCount(),
                    stolen < 0 ? "not known (no /proc/stat)" : String.format(Locale.ROOT, "%d ms in %.1f s on %d "
                            + "cores", stolen, seconds, Runtime.getRuntime().availableProcessors()));
        }
    }

    /** The "steal" field of {@code /proc/stat}'s first line, in clock ticks, or -1 where there is none. */
    static long stealTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return f.length > 8 ? Long.parseLong(f[8]) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
