package org.recsysbook.scale;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

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
 * collection) just before it; the heap is read every millisecond by a daemon thread and, from the collectors'
 * notifications, just before every collection, which is when it is fullest. It includes garbage not yet collected,
 * so it depends on the collector and the heap size: it says how much heap the work needed at once here, not how much
 * it would need at least. <b>Retained</b>: the heap in use after a collection with the work's result alive, minus the
 * heap in use after a collection once it is dropped, the two read one after the other: the bytes reachable only from
 * what the work returned (a model and its log), with their object headers. Reading both at the end, rather than
 * against the baseline, keeps out what other threads (Spark's, in this JVM) allocate or free meanwhile. Spark's
 * local mode runs its executors in this JVM, so a Spark job's peak is measured the same way.
 */
public final class HeapProbe {
    private HeapProbe() {
    }

    /** What a run used: {@code peakBytes} and {@code retainedBytes} as in the class comment, and its summary. */
    public record Measured<R>(R summary, long peakBytes, long retainedBytes) {
    }

    /**
     * Runs {@code work}, measures the heap it used, and returns {@code summary} of its result (taken before the result
     * is dropped to read what it retained: the summary must not hold on to it).
     */
    public static <T, R> Measured<R> measure(Supplier<T> work, java.util.function.Function<T, R> summary) {
        return measure(work, summary, true);
    }

    /**
     * Runs {@code work} and measures its peak alone ({@code retainedBytes} is 0): two collections fewer, for work
     * whose result stays alive anyway (a Spark model, its factors cached by Spark).
     */
    public static <T> Measured<T> peak(Supplier<T> work) {
        return measure(work, t -> t, false);
    }

    private static <T, R> Measured<R> measure(Supplier<T> work, java.util.function.Function<T, R> summary,
                                              boolean retained) {
        Args.notNull("work", work);
        Args.notNull("summary", summary);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = settledHeap(memory);
        AtomicLong peak = new AtomicLong(baseline);
        NotificationListener beforeGc = (Notification n, Object handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = 0;
                for (MemoryUsage u : info.getGcInfo().getMemoryUsageBeforeGc().values()) {
                    used += u.getUsed();
                }
                // the map has every pool, the non-heap ones too (metaspace, code cache): count the heap's alone
                long nonHeap = 0;
                for (var e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                    if (!heapPool(e.getKey())) {
                        nonHeap += e.getValue().getUsed();
                    }
                }
                peak.accumulateAndGet(used - nonHeap, Math::max);
            }
        };
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(beforeGc, null, null);
                emitters.add(e);
            }
        }
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-probe");
        sampler.setDaemon(true);
        sampler.start();
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            result.set(work.get());
        } finally {
            sampler.interrupt();
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            for (NotificationEmitter e : emitters) {
                try {
                    e.removeNotificationListener(beforeGc);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // already gone
                }
            }
        }
        R kept = summary.apply(result.get());
        if (!retained) {
            return new Measured<>(kept, peak.get() - baseline, 0);
        }
        long alive = settledHeap(memory);
        result.set(null);
        long dropped = settledHeap(memory);
        return new Measured<>(kept, peak.get() - baseline, alive - dropped);
    }

    private static boolean heapPool(String name) {
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(name)) {
                return pool.getType() == java.lang.management.MemoryType.HEAP;
            }
        }
        return false;
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
