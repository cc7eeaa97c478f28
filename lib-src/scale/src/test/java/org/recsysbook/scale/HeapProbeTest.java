package org.recsysbook.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapProbeTest {
    private static final int MB = 1 << 20;

    @Test
    void retainedIsWhatTheResultHoldsAndPeakIsAtLeastThat() {
        HeapProbe.Measured<Integer> m = HeapProbe.measure(() -> new long[8 * MB], a -> a.length);
        assertEquals(8 * MB, m.summary());
        // 64 MB of longs and one array header; the heap beside it moves by a little (the JIT, the test runner)
        assertEquals(64.0, m.retainedBytes() / (double) MB, 4.0);
        assertTrue(m.peakBytes() >= 60L * MB, "peak " + m.peakBytes());
        assertTrue(m.settledBytes() > 0);
    }

    @Test
    void thePeakSeesGarbageCollectedBeforeTheEnd() {
        // 96 MB allocated and dropped, then a collection inside the work: only the collection's notification saw it
        HeapProbe.Measured<Long> m = HeapProbe.peak(() -> {
            long[] garbage = new long[12 * MB];
            garbage[garbage.length - 1] = 1;
            long last = garbage[garbage.length - 1];
            garbage = null;
            System.gc();
            return last;
        });
        assertEquals(1L, m.summary());
        assertTrue(m.peakBytes() >= 90L * MB, "peak " + m.peakBytes() / MB + " MB");
        assertEquals(0, m.retainedBytes());
    }

    @Test
    void peakAboveTakesTheBaselineGivenAndCollectsNothing() {
        long settled = HeapProbe.measure(() -> 1, x -> x).settledBytes();
        long before = fullCollections();
        HeapProbe.Measured<int[]> m = HeapProbe.peakAbove(settled, () -> new int[4 * MB]);
        // the allocation may start a young collection, never a full one (G1, the test JVM's collector)
        assertEquals(before, fullCollections(), "no full collection forced");
        assertEquals(settled, m.settledBytes());
        assertTrue(m.peakBytes() >= 15L * MB, "peak " + m.peakBytes());
    }

    private static long fullCollections() {
        long n = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Young")) {
                n += gc.getCollectionCount();
            }
        }
        return n;
    }

    @Test
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeapProbe.measure(null, x -> x));
        assertTrue(e.getMessage().startsWith("work"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HeapProbe.measure(() -> 1, null));
        assertTrue(e.getMessage().startsWith("summary"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HeapProbe.peakAbove(-1, () -> 1));
        assertTrue(e.getMessage().startsWith("baselineBytes"), e.getMessage());
    }
}
