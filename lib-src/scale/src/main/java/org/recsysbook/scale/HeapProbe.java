package org.recsysbook.scale;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import org.recsysbook.core.Args;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Measures the heap a piece of work uses in this JVM, for the memory figures of notebook 13 and
 * {@code ./workbook bench scale}: the JVM's own accounting ({@link MemoryMXBean}), not a count of array lengths.
 *
 * <p>Two figures per run. <b>Peak</b>: the largest heap in use while the work ran, minus the heap in use (after a
 * collection) just before it. The heap in use only grows between collections (allocation) and only falls in one, so
 * its largest value is the one just before a collection, or the one at the end: the collectors' notifications report
 * the first (every heap pool's usage before the collection), and the end is read once. Nothing polls. It includes
 * garbage not yet collected, so it depends on the collector and the heap size: it says how much heap the work needed
 * at once here, not how much it would need at least. <b>Retained</b>: the heap in use after a collection with the
 * work's result alive, minus the heap in use after a collection once it is dropped, the two read one after the other:
 * the bytes reachable only from what the work returned (a model and its log), with their object headers. Reading both
 * at the end, rather than against the baseline, keeps out what other threads (Spark's, in this JVM) allocate or free
 * meanwhile. Spark's local mode runs its executors in this JVM, so a Spark job's peak is measured the same way.
 *
 * <p>Each settled reading costs two full collections, which on a heap holding a Spark session take a good part of a
 * second each: {@link #measure} takes three readings (before, alive, dropped), {@link #peak} one, and
 * {@link #peakAbove} none, for work that starts right after a reading ({@link Measured#settledBytes}).
 */
public final class HeapProbe {
    private HeapProbe() {
    }

    /** How long to wait at the end for the notifications of collections that ran during the work, at most. */
    private static final long NOTIFICATION_WAIT_NANOS = 200_000_000L;

    /**
     * What a run used: {@code peakBytes} and {@code retainedBytes} as in the class comment, its summary, and
     * {@code settledBytes}, the heap in use after the run's last full collections (the baseline of a run right after).
     */
    public record Measured<R>(R summary, long peakBytes, long retainedBytes, long settledBytes) {
    }

    /**
     * Runs {@code work}, measures the heap it used, and returns {@code summary} of its result (taken before the result
     * is dropped to read what it retained: the summary must not hold on to it).
     */
    public static <T, R> Measured<R> measure(Supplier<T> work, Function<T, R> summary) {
        Args.notNull("work", work);
        Args.notNull("summary", summary);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicReference<T> result = new AtomicReference<>();
        long peak = peakOf(() -> result.set(work.get()), settledHeap(memory));
        R kept = summary.apply(result.get());
        long alive = settledHeap(memory);
        result.set(null);
        long dropped = settledHeap(memory);
        return new Measured<>(kept, peak, alive - dropped, dropped);
    }

    /**
     * Runs {@code work} and measures its peak alone ({@code retainedBytes} is 0): four collections fewer than
     * {@link #measure}, for work whose result stays alive anyway (a Spark model, its factors cached by Spark).
     */
    public static <T> Measured<T> peak(Supplier<T> work) {
        Args.notNull("work", work);
        return peakAbove(settledHeap(ManagementFactory.getMemoryMXBean()), work);
    }

    /**
     * {@link #peak} against a baseline read just before ({@code baselineBytes}, e.g. the {@link Measured#settledBytes}
     * of the run that preceded it), without collecting; {@code settledBytes} of the result is that baseline.
     */
    public static <T> Measured<T> peakAbove(long baselineBytes, Supplier<T> work) {
        Args.nonNegative("baselineBytes", baselineBytes);
        Args.notNull("work", work);
        AtomicReference<T> result = new AtomicReference<>();
        long peak = peakOf(() -> result.set(work.get()), baselineBytes);
        return new Measured<>(result.get(), peak, 0, baselineBytes);
    }

    /** The largest heap in use while {@code work} ran (before each collection, and at the end), minus the baseline. */
    private static long peakOf(Runnable work, long baseline) {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        // a collection's id is its collector's count after it: the notifications of earlier ones (the baseline's,
        // which may arrive late) are not the work's
        Map<String, Long> countsBefore = new HashMap<>();
        for (GarbageCollectorMXBean gc : collectors) {
            countsBefore.put(gc.getName(), gc.getCollectionCount());
        }
        AtomicLong peak = new AtomicLong(baseline);
        AtomicLong notified = new AtomicLong();
        NotificationListener beforeGc = (Notification n, Object handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                if (info.getGcInfo().getId() <= countsBefore.getOrDefault(info.getGcName(), Long.MAX_VALUE)) {
                    return;
                }
                long used = 0;
                // the map has every pool, the non-heap ones too (metaspace, code cache): count the heap's alone
                for (var e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                peak.accumulateAndGet(used, Math::max);
                notified.incrementAndGet();
            }
        };
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : collectors) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(beforeGc, null, null);
                emitters.add(e);
            }
        }
        long before = 0;
        for (long c : countsBefore.values()) {
            before += Math.max(0, c);
        }
        try {
            work.run();
        } finally {
            peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            // notifications arrive on a service thread just after each collection: wait for the last ones
            long expected = collections(collectors) - before;
            long deadline = System.nanoTime() + NOTIFICATION_WAIT_NANOS;
            try {
                while (notified.get() < expected && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (NotificationEmitter e : emitters) {
                try {
                    e.removeNotificationListener(beforeGc);
                } catch (ListenerNotFoundException ignored) {
                    // already gone
                }
            }
        }
        return peak.get() - baseline;
    }

    private static long collections(List<GarbageCollectorMXBean> collectors) {
        long n = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /**
     * The heap in use after two full collections (the second frees what the first only made unreachable, such as
     * objects behind cleared references). Not more: with Spark's threads allocating beside it, the heap seldom settles
     * to the megabyte, and each full collection of a heap holding a Spark session costs a good part of a second.
     */
    private static long settledHeap(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
