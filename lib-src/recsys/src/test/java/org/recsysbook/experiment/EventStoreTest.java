package org.recsysbook.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsysbook.serving.Event;

/** The DuckDB event store: schema, keys, group commit, read-only and full files, Parquet export. */
class EventStoreTest {
    @TempDir
    Path dir;

    static Event impression(String request, int position, long ts) {
        return new Event(Event.Type.IMPRESSION, request, 3, 100 + position, "control", position, 1.0, ts);
    }

    static Event click(String request, int item, long ts) {
        return new Event(Event.Type.CLICK, request, 3, item, "control", 1, 1.0, ts);
    }

    static long query(EventStore store, String sql) throws Exception {
        try (Connection c = store.connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void recordsImpressionsAndClicksWithTheSharedSchema() throws Exception {
        try (EventStore store = EventStore.open(dir.resolve("sub/events.duckdb"))) {
            store.versions(arm -> "v7");
            store.record(List.of(impression("r1", 1, 1_700_000_000_000L), impression("r1", 2, 1_700_000_000_000L),
                    click("r1", 102, 1_700_000_000_500L)));
            assertEquals(3, store.count());
            assertEquals(2, store.count(Event.Type.IMPRESSION));
            assertEquals(1, query(store, "SELECT count(*) FROM clicks WHERE request_id = 'r1' AND item_id = 102"));
            assertEquals(2, query(store, "SELECT count(*) FROM impressions WHERE model_version = 'v7' AND arm = 'control'"
                    + " AND user_id = 3 AND propensity = 1.0 AND NOT explored"));
            assertEquals(1_700_000_000_500L, query(store, "SELECT epoch_ms(ts) FROM clicks"));
            try (Connection c = store.connection(); ResultSet r = c.getMetaData().getColumns(null, "main", "impressions",
                    null)) {
                List<String> columns = new ArrayList<>();
                while (r.next()) {
                    columns.add(r.getString("COLUMN_NAME") + " " + r.getString("TYPE_NAME"));
                }
                assertEquals(List.of("request_id VARCHAR", "user_id INTEGER", "arm VARCHAR", "model_version VARCHAR",
                        "item_id INTEGER", "position INTEGER", "propensity DOUBLE", "ts TIMESTAMP",
                        "explored BOOLEAN"), columns);
            }
        }
    }

    @Test
    void aDuplicatedClickIsStoredOnceAndAcknowledged() throws Exception {
        try (EventStore store = EventStore.open(dir.resolve("events.duckdb"))) {
            store.record(List.of(impression("r1", 1, 1000), click("r1", 101, 2000)));
            store.record(List.of(click("r1", 101, 2500), impression("r1", 1, 1000)));
            store.record(List.of(click("r1", 101, 2600), click("r1", 101, 2700)));
            assertEquals(1, store.count(Event.Type.CLICK));
            assertEquals(1, query(store, "SELECT count(*) FROM clicks"));
            assertEquals(2000, query(store, "SELECT epoch_ms(ts) FROM clicks"), "the first click is kept");
            assertEquals(4, store.duplicates());
            assertEquals(3, store.writerStats().commits());
            assertEquals(2, store.writerStats().carefulCommits(),
                    "only the batches with a duplicate took the careful way");
        }
    }

    @Test
    void aDuplicateInABatchKeepsTheRestOfItsBatch() throws Exception {
        try (EventStore store = EventStore.open(dir.resolve("events.duckdb"))) {
            store.record(List.of(impression("r1", 1, 1000), click("r1", 101, 2000)));
            store.record(List.of(impression("r2", 1, 1000), click("r1", 101, 2500), impression("r2", 2, 1000),
                    click("r2", 101, 3000)));
            assertEquals(3, query(store, "SELECT count(*) FROM impressions"));
            assertEquals(2, query(store, "SELECT count(*) FROM clicks"));
            assertEquals(5, store.count());
            assertEquals(1, store.duplicates());
            store.record(List.of(impression("r3", 1, 1000)));
            assertEquals(1, store.writerStats().carefulCommits(), "a clean batch goes the fast way again");
            assertEquals(4, query(store, "SELECT count(*) FROM impressions"));
            assertEquals(6, store.count());
        }
    }

    @Test
    void outOfOrderTimestampsAreKeptAsTheyCame() throws Exception {
        try (EventStore store = EventStore.open(dir.resolve("events.duckdb"))) {
            store.record(List.of(impression("late", 1, 5_000), click("late", 101, 4_000)));
            store.record(List.of(impression("early", 1, 1_000)));
            assertEquals(1, query(store, "SELECT count(*) FROM impressions i JOIN clicks c USING (request_id, item_id)"
                    + " WHERE c.ts < i.ts"), "a click stamped before its impression still joins it by request id");
            assertEquals(1_000, query(store, "SELECT epoch_ms(min(ts)) FROM impressions"));
        }
    }

    @Test
    void concurrentBatchesShareCommitsAndAllLand() throws Exception {
        try (EventStore store = EventStore.open(dir.resolve("events.duckdb"))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int b = 0; b < 50; b++) {
                        List<Event> batch = new ArrayList<>();
                        for (int p = 1; p <= 20; p++) {
                            batch.add(impression("t" + thread + "-" + b, p, 1000));
                        }
                        store.record(batch);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertEquals(8 * 50 * 20, store.count());
            assertEquals(8 * 50 * 20, query(store, "SELECT count(*) FROM impressions"));
            assertTrue(store.commits() < 8 * 50, "waiting batches share a commit: " + store.commits() + " commits");
        }
    }

    @Test
    void servingPathRowsAreWrittenWithoutWaitingAndDroppedPastTheQueueBound() throws Exception {
        try (EventStore store = EventStore.open(dir.resolve("events.duckdb"), false, 10)) {
            List<EventStore.Row> rows = new ArrayList<>();
            for (int p = 1; p <= 8; p++) {
                rows.add(new EventStore.Row(impression("a", p, 1000), "v1", p == 3));
            }
            assertTrue(store.log(rows));
            store.flush();
            assertEquals(8, store.count());
            assertEquals(1, query(store, "SELECT count(*) FROM impressions WHERE explored AND position = 3"));
            List<EventStore.Row> big = new ArrayList<>();
            for (int p = 1; p <= 11; p++) {
                big.add(new EventStore.Row(impression("b", p, 1000), "v1", false));
            }
            assertEquals(false, store.log(big), "more than the queue bound is dropped, not waited for");
            assertEquals(11, store.dropped());
        }
    }

    @Test
    void aReadOnlyStoreSaysSoAndRefusesEvents() {
        Path file = dir.resolve("events.duckdb");
        try (EventStore store = EventStore.open(file)) {
            store.record(List.of(impression("r1", 1, 1000)));
        }
        try (EventStore store = EventStore.open(file, true, 100)) {
            assertTrue(store.status().contains("read-only"), store.status());
            assertEquals(1, store.count(), "a read-only store still counts what it holds");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> store.record(List.of(impression("r2", 1, 1000))));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
            assertEquals(false, store.log(List.of(new EventStore.Row(impression("r3", 1, 1000), "v1", false))));
        }
        try (EventStore store = EventStore.open(file)) {
            assertEquals(1, store.count(), "nothing was written meanwhile");
            assertEquals("ok", store.status());
            assertEquals(2, store.boot(), "the read-only open did not count as a start");
        }
    }

    /** A real full disk: a 3 MB tmpfs (needs mount rights, as root in the workbook's container; skipped elsewhere). */
    @Test
    void aFullDiskSaysSoRefusesEventsAndRecoversWhenThereIsRoomAgain() throws Exception {
        Path mnt = Files.createDirectories(dir.resolve("tiny"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor() == 0, "mounting a tmpfs needs root");
        try {
            Path filler = mnt.resolve("filler");
            try (EventStore store = EventStore.open(mnt.resolve("events.duckdb"))) {
                store.record(List.of(impression("r0", 1, 1000)));
                byte[] mb = new byte[1 << 20];
                try (var out = Files.newOutputStream(filler)) {
                    for (int i = 0; i < 3; i++) {
                        out.write(mb);
                    }
                } catch (java.io.IOException full) {
                    // The disk is full now.
                }
                List<Event> batch = new ArrayList<>();
                for (int p = 1; p <= 1000; p++) {
                    batch.add(impression("r1-" + p + "-with-a-longer-id-to-need-more-pages", p, 1000));
                }
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.record(batch));
                assertTrue(store.status().contains("cannot write"), store.status());
                assertTrue(e.getMessage().contains("cannot write"), e.getMessage());
                assertEquals(1, store.count(), "nothing of the refused batch is counted");
                Files.delete(filler);
                store.record(List.of(impression("r2", 1, 1000)));
                assertEquals("ok", store.status(), "a write that succeeds clears the state");
                assertEquals(2, store.count());
            }
        } finally {
            new ProcessBuilder("umount", mnt.toString()).start().waitFor();
        }
    }

    @Test
    void exportsBothTablesToParquetPartitionedByDay() throws Exception {
        try (EventStore store = EventStore.open(dir.resolve("events.duckdb"))) {
            long day = 86_400_000L;
            store.record(List.of(impression("a", 1, 20_000 * day), impression("b", 1, 20_001 * day + 5),
                    click("b", 101, 20_001 * day + 9)));
            Path out = dir.resolve("parquet");
            store.exportParquet(out);
            assertTrue(Files.isDirectory(out.resolve("impressions/day=2024-10-04")));
            assertTrue(Files.isDirectory(out.resolve("impressions/day=2024-10-05")));
            assertTrue(Files.isDirectory(out.resolve("clicks/day=2024-10-05")));
            assertEquals(2, query(store, "SELECT count(*) FROM read_parquet('" + out + "/impressions/*/*.parquet')"));
        }
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventStore.open(dir.resolve("x.duckdb"), false, 0));
        assertTrue(e.getMessage().contains("maxQueuedRows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EventStore.open(null));
        assertThrows(IllegalArgumentException.class, () -> new EventStore.Row(null, "v", false));
    }
}
