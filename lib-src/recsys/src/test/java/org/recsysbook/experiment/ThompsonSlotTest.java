package org.recsysbook.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsysbook.serving.Event;

/** The exploration slot: it learns, its propensities are what it serves, it is thread-safe and replays the store. */
class ThompsonSlotTest {
    @TempDir
    Path dir;

    static final int[] POOL = {10, 20, 30, 40};
    static final double[] RATES = {0.02, 0.05, 0.20, 0.08};

    @Test
    void itLearnsTheBestItemAndKeepsEveryPropensityAtLeastEpsilonOverK() {
        ThompsonSlot slot = ThompsonSlot.of(POOL, 3, 1);
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 4000; i++) {
            ThompsonSlot.Choice c = slot.choose("r" + i);
            if (rng.nextDouble() < RATES[c.index()]) {
                slot.clicked(c.index());
            }
        }
        double[] p = slot.probabilities();
        assertEquals(1.0, java.util.Arrays.stream(p).sum(), 1e-9);
        assertTrue(p[2] > 0.8, "the 20% item wins: " + java.util.Arrays.toString(p));
        for (double x : p) {
            assertTrue(x >= 0.05 / POOL.length - 1e-12);
        }
    }

    @Test
    void theLoggedPropensityIsTheShareItIsServedWith() {
        ThompsonSlot slot = new ThompsonSlot(POOL, 1, 0.1, 2000, 1_000_000, 4); // no refresh: π stays put
        double[] p = slot.probabilities();
        int[] n = new int[POOL.length];
        for (int i = 0; i < 20_000; i++) {
            ThompsonSlot.Choice c = slot.choose("q" + i);
            assertEquals(p[c.index()], c.propensity());
            n[c.index()]++;
        }
        for (int a = 0; a < POOL.length; a++) {
            assertEquals(p[a], n[a] / 20_000.0, 0.015);
        }
        assertEquals(slot.choose("same").item(), slot.choose("same").item(), "a request id gives the same draw");
    }

    @Test
    void concurrentRequestsCountEveryShowAndClick() throws Exception {
        ThompsonSlot slot = ThompsonSlot.of(POOL, 2, 5);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 5000; i++) {
                    ThompsonSlot.Choice c = slot.choose(thread + "-" + i);
                    if (i % 10 == 0) {
                        slot.clicked(c.index());
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(20_000, java.util.Arrays.stream(slot.shows()).sum());
        assertEquals(2000, java.util.Arrays.stream(slot.clicks()).sum());
    }

    @Test
    void aRestartedSlotRebuildsItsCountsFromTheStore() throws Exception {
        Path file = dir.resolve("events.duckdb");
        ThompsonSlot slot = ThompsonSlot.of(POOL, 3, 1);
        try (EventStore store = EventStore.open(file)) {
            List<Event> events = new ArrayList<>();
            List<EventStore.Row> rows = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ThompsonSlot.Choice c = slot.choose("r" + i);
                rows.add(new EventStore.Row(new Event(Event.Type.IMPRESSION, "r" + i, 1, c.item(), "control", 3,
                        c.propensity(), 1000), "v1", true));
                rows.add(new EventStore.Row(new Event(Event.Type.IMPRESSION, "r" + i, 1, 99, "control", 1, 1.0, 1000),
                        "v1", false));
                if (i % 7 == 0) {
                    slot.clicked(c.index());
                    events.add(new Event(Event.Type.CLICK, "r" + i, 1, c.item(), "control", 3, 1.0, 2000));
                }
            }
            store.write(rows);
            store.record(events);
        }
        try (EventStore store = EventStore.open(file); Connection c = store.connection()) {
            ThompsonSlot again = ThompsonSlot.of(POOL, 3, 1);
            assertEquals(300, again.replay(c));
            assertArrayEquals(slot.shows(), again.shows());
            assertArrayEquals(slot.clicks(), again.clicks());
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ThompsonSlot.of(new int[] {1}, 1, 0))
                .getMessage().contains("pool"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ThompsonSlot.of(new int[] {1, 1}, 1, 0))
                .getMessage().contains("distinct"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ThompsonSlot.of(POOL, 0, 0))
                .getMessage().contains("position"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ThompsonSlot(POOL, 1, 1.0, 2000, 1, 0))
                .getMessage().contains("epsilon"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ThompsonSlot.of(POOL, 1, 0).clicked(4))
                .getMessage().contains("index"));
    }
}
