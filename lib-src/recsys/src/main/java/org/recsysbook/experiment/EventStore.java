package org.recsysbook.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.recsysbook.serving.Event;
import org.recsysbook.serving.EventSink;

/**
 * The event store of the chapter's A/B-testing and bandit sections made real: every impression (with the
 * propensity its policy showed it with) and every click, in one DuckDB file, written through JDBC.
 *
 * <p><b>Schema</b> (created at start-up if absent; the Spark chapter reads the same names exported to Parquet):
 * <pre>
 * impressions(request_id VARCHAR, user_id INTEGER, arm VARCHAR, model_version VARCHAR, item_id INTEGER,
 *             position INTEGER, propensity DOUBLE, ts TIMESTAMP, explored BOOLEAN,
 *             PRIMARY KEY (request_id, position))
 * clicks(request_id VARCHAR, item_id INTEGER, ts TIMESTAMP, PRIMARY KEY (request_id, item_id))
 * boots(boot INTEGER PRIMARY KEY, started TIMESTAMP)
 * </pre>
 * The keys are what makes a duplicate harmless: the same click sent twice (a client retrying after a lost
 * acknowledgement) is the same {@code (request_id, item_id)}, and the first is kept. A user clicks an item of a list
 * at most once in this model; a second click on it carries no new information.
 *
 * <p><b>Group commit.</b> One writer thread owns the write connection. {@link #record} (the path of
 * {@code POST /events}) queues its batch and waits; the writer takes every batch waiting, appends them with DuckDB's
 * Appender straight into the keyed tables in one transaction, commits once, and only then releases the waiting
 * callers. If the group repeats a key (a retried batch), DuckDB refuses the append, the transaction is rolled back,
 * and the group is written again the careful way: into staging tables, then {@code INSERT OR IGNORE} into the keyed
 * tables, which keeps the first copy of each key. (The careful way was the only one once; appending straight costs
 * the writer thread a quarter to a third of the CPU a row, see {@code ./workbook bench experiment}.) Either way, a
 * caller that returned has its events in the write-ahead log, so a process killed with SIGKILL
 * loses none of them (DuckDB replays the log when the file is opened again). {@link #log} (the serving path's
 * impressions) queues without waiting, and such rows are committed together at most every 250 ms unless a waiting
 * batch comes first; if the writer falls behind by more than {@code maxQueuedRows} the rows are
 * dropped and counted ({@link #dropped}), so that the request path never blocks on the database.
 *
 * <p><b>When it cannot write</b> (a read-only file, a full disk) {@link #status} says so, {@link #record} fails with
 * {@link IllegalStateException} (the service answers 503) and nothing is acknowledged. A write that succeeds again
 * clears the state.
 *
 * <p>DuckDB rather than SQLite: the analysis is aggregation over millions of rows (DuckDB is columnar and
 * vectorised), its Appender writes batches fast (the benchmark measures it), and {@code COPY … TO … (FORMAT parquet,
 * PARTITION_BY …)} hands the log to Spark. The price: an 80 MB jar (native libraries for every platform), and the
 * file is locked by the process that writes it, so other processes read an export rather than the live file; in the
 * notebook the analysis runs in the service's process and reads through {@link #connection()}.
 */
public final class EventStore implements EventSink, AutoCloseable {
    /** The most rows one commit carries; the writer starts another commit for the rest. */
    static final int MAX_GROUP_ROWS = 100_000;
    /** How long serving-path rows wait for company before they are committed, when no caller waits. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static final String IMPRESSION_COLUMNS = "request_id VARCHAR NOT NULL, user_id INTEGER NOT NULL, "
            + "arm VARCHAR NOT NULL, model_version VARCHAR NOT NULL, item_id INTEGER NOT NULL, "
            + "position INTEGER NOT NULL, propensity DOUBLE NOT NULL, ts TIMESTAMP NOT NULL, explored BOOLEAN NOT NULL";
    private static final String CLICK_COLUMNS = "request_id VARCHAR NOT NULL, item_id INTEGER NOT NULL, "
            + "ts TIMESTAMP NOT NULL";

    /** One row to write: an event, the model version that served it, and whether an exploration policy chose it. */
    public record Row(Event event, String modelVersion, boolean explored) {
        public Row {
            if (event == null) {
                throw new IllegalArgumentException("event must not be null");
            }
            if (modelVersion == null || modelVersion.isEmpty()) {
                throw new IllegalArgumentException("modelVersion must be a non-empty string, got "
                        + (modelVersion == null ? "null" : "\"\""));
            }
        }
    }

    private record Pending(List<Row> rows, CompletableFuture<Void> done) {
    }

    private final Path file;
    private final boolean readOnly;
    private final DuckDBConnection root;
    private DuckDBConnection conn; // the writer thread's, in a transaction; replaced after a failed commit
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedRows = new AtomicInteger();
    private final int maxQueuedRows;
    private final AtomicLong impressions = new AtomicLong();
    private final AtomicLong clicks = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedRows = new AtomicLong();
    private final AtomicLong careful = new AtomicLong();
    private final AtomicLong writerCpuNanos = new AtomicLong();
    private final AtomicLong writerWallNanos = new AtomicLong();
    private final AtomicLong maxCommitNanos = new AtomicLong();
    private final int boot;
    private final Thread writer;
    private volatile String problem;
    private volatile boolean running = true;
    private volatile boolean alwaysCareful;
    private java.util.function.Function<String, String> versions = arm -> "unknown";

    private EventStore(Path file, boolean readOnly, int maxQueuedRows) throws SQLException {
        this.file = file;
        this.readOnly = readOnly;
        this.maxQueuedRows = maxQueuedRows;
        Properties p = new Properties();
        // The store shares two cores with the service: one DuckDB thread, a bounded memory.
        p.setProperty("threads", "1");
        p.setProperty("memory_limit", "512MB");
        if (readOnly) {
            p.setProperty("access_mode", "READ_ONLY");
        }
        // The driver directly rather than through DriverManager, which cannot see a driver loaded by a notebook's
        // class loader.
        this.root = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), p);
        int b = 0;
        if (readOnly) {
            problem = "the event store " + file + " is read-only; events are refused until it is writable";
        }
        try (Statement s = root.createStatement()) {
            if (!readOnly) {
                s.execute("CREATE TABLE IF NOT EXISTS impressions(" + IMPRESSION_COLUMNS
                        + ", PRIMARY KEY (request_id, position))");
                s.execute("CREATE TABLE IF NOT EXISTS clicks(" + CLICK_COLUMNS + ", PRIMARY KEY (request_id, item_id))");
                s.execute("CREATE TABLE IF NOT EXISTS boots(boot INTEGER PRIMARY KEY, started TIMESTAMP NOT NULL)");
                try (ResultSet r = s.executeQuery("SELECT coalesce(max(boot), 0) + 1 FROM boots")) {
                    r.next();
                    b = r.getInt(1);
                }
                s.execute("INSERT INTO boots VALUES (" + b + ", now())");
            }
            impressions.set(countOf(s, "impressions"));
            clicks.set(countOf(s, "clicks"));
        }
        this.boot = b;
        if (!readOnly) {
            openWriter();
        }
        this.writer = new Thread(this::writeLoop, "recsys-event-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** The writer's connection: its own transaction and its own (temporary) staging tables. */
    private void openWriter() throws SQLException {
        DuckDBConnection c = root.duplicate();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE staging_impressions(" + IMPRESSION_COLUMNS + ")");
            s.execute("CREATE TEMP TABLE staging_clicks(" + CLICK_COLUMNS + ")");
        }
        c.setAutoCommit(false);
        conn = c;
    }

    private static long countOf(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /**
     * Opens (creating it and its tables if absent) the store in {@code file}, its parent directories created.
     *
     * @throws IllegalArgumentException if {@code file} is null
     * @throws IllegalStateException    if the file cannot be opened (another process holds it, or it is not a
     *                                  DuckDB database)
     */
    public static EventStore open(Path file) {
        return open(file, false, 1_000_000);
    }

    /**
     * Opens the store in {@code file}: read-only if {@code readOnly} (it then refuses every event, and says so), with
     * at most {@code maxQueuedRows} (≥ 1) rows of the serving path waiting for the writer before it drops them.
     */
    public static EventStore open(Path file, boolean readOnly, int maxQueuedRows) {
        if (file == null) {
            throw new IllegalArgumentException("file must be a path such as build/events.duckdb, got null");
        }
        if (maxQueuedRows < 1) {
            throw new IllegalArgumentException("maxQueuedRows must be ≥ 1, got " + maxQueuedRows);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !readOnly) {
                Files.createDirectories(parent);
            }
            return new EventStore(file, readOnly, maxQueuedRows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the event store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Tells the store which model version each arm serves now, for impressions posted without one. */
    public EventStore versions(java.util.function.Function<String, String> versionOfArm) {
        if (versionOfArm == null) {
            throw new IllegalArgumentException("versionOfArm must not be null");
        }
        this.versions = versionOfArm;
        return this;
    }

    /**
     * Records a batch and returns once it is committed (impressions take the arm's current model version; see
     * {@link #versions}). Duplicates of stored events are ignored (see the class comment).
     *
     * @throws IllegalStateException if the store cannot write (the batch is then not recorded)
     */
    @Override
    public void record(List<Event> batch) {
        if (batch == null) {
            throw new IllegalArgumentException("batch must not be null");
        }
        List<Row> rows = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Event e = batch.get(i);
            if (e == null) {
                throw new IllegalArgumentException("batch[" + i + "] must not be null");
            }
            rows.add(new Row(e, e.type() == Event.Type.IMPRESSION ? versions.apply(e.arm()) : "-", false));
        }
        write(rows);
    }

    /** Writes rows and returns once they are committed; see {@link #record}. */
    public void write(List<Row> rows) {
        String p = problem;
        if (readOnly || !running) {
            throw new IllegalStateException(readOnly ? p : "the event store is closed");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(List.copyOf(rows), done));
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the event store did not commit within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the event store");
        }
    }

    /**
     * Queues rows for the writer without waiting (the serving path's impressions). Returns false, counting them
     * as dropped, if the store is read-only, closed, failing, or {@code maxQueuedRows} rows are already waiting.
     */
    public boolean log(List<Row> rows) {
        if (readOnly || !running || problem != null) {
            dropped.addAndGet(rows.size());
            return false;
        }
        if (queuedRows.addAndGet(rows.size()) > maxQueuedRows) {
            queuedRows.addAndGet(-rows.size());
            dropped.addAndGet(rows.size());
            return false;
        }
        queue.add(new Pending(rows, null));
        return true;
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                continue;
            }
            group.clear();
            group.add(first);
            int rows = first.rows().size();
            boolean waited = first.done() != null;
            // Only serving-path rows so far: nobody waits for them, so linger a little and commit them together
            // (a commit per answer would cost the cores the service answers on); a batch someone waits for ends it.
            long until = System.nanoTime() + LINGER_NANOS;
            Pending next;
            while (rows < MAX_GROUP_ROWS) {
                long left = until - System.nanoTime();
                try {
                    next = waited || left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    next = null;
                    running = false;
                }
                if (next == null) {
                    break;
                }
                group.add(next);
                rows += next.rows().size();
                waited |= next.done() != null;
            }
            commit(group);
        }
    }

    private void commit(List<Pending> group) {
        int async = 0;
        int rows = 0;
        for (Pending p : group) {
            rows += p.rows().size();
            if (p.done() == null) {
                async += p.rows().size();
            }
        }
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try {
            if (conn == null) {
                openWriter();
            }
            long[] n;
            if (alwaysCareful) {
                careful.incrementAndGet();
                n = viaStaging(group);
            } else {
                try {
                    n = appendDirect(group);
                } catch (SQLException | RuntimeException direct) {
                    // Most likely a duplicate (a retried batch): the transaction is void, so nothing of the group is
                    // in the tables; do it again the careful way, which keeps the first copy of each key. (If the
                    // cause was anything else, a full disk say, the careful way fails too and says so below.)
                    careful.incrementAndGet();
                    discardTransaction();
                    n = viaStaging(group);
                }
            }
            impressions.addAndGet(n[0]);
            clicks.addAndGet(n[1]);
            duplicates.addAndGet(rows - n[0] - n[1]);
            commits.incrementAndGet();
            committedRows.addAndGet(rows);
            problem = null;
            for (Pending p : group) {
                if (p.done() != null) {
                    p.done().complete(null);
                }
            }
        } catch (SQLException | RuntimeException e) {
            // A failed commit leaves the connection without a usable transaction: start afresh on a new one (if that
            // fails too, the next write tries again).
            try {
                DuckDBConnection broken = conn;
                conn = null;
                if (broken != null) {
                    broken.close();
                }
                openWriter();
            } catch (SQLException ignored) {
                // Still broken; the next write will say so again.
            }
            problem = "the event store cannot write (" + firstLine(e.getMessage()) + "); events are refused";
            dropped.addAndGet(async);
            IllegalStateException failure = new IllegalStateException(problem, e);
            for (Pending p : group) {
                if (p.done() != null) {
                    p.done().completeExceptionally(failure);
                }
            }
        } finally {
            queuedRows.addAndGet(-async);
            long wall = System.nanoTime() - t0;
            writerCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
            writerWallNanos.addAndGet(wall);
            maxCommitNanos.accumulateAndGet(wall, Math::max);
        }
    }

    /**
     * The fast way: the group's rows appended straight into the keyed tables, one commit. The keys still hold: a
     * row that repeats a stored key (or one earlier in the group) makes DuckDB refuse the transaction, and
     * {@link #commit} then takes the careful way. Returns the impressions and clicks written.
     */
    private long[] appendDirect(List<Pending> group) throws SQLException {
        beginTransaction();
        long[] n;
        try (DuckDBAppender imp = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "impressions");
             DuckDBAppender clk = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "clicks")) {
            n = appendAll(group, imp, clk);
        }
        conn.commit();
        return n;
    }

    /**
     * The careful way, for a group with a duplicate: the rows appended into staging tables, then
     * {@code INSERT OR IGNORE} into the keyed tables (the first copy of a key wins), one commit.
     */
    private long[] viaStaging(List<Pending> group) throws SQLException {
        beginTransaction();
        try (DuckDBAppender imp = conn.createAppender("temp", "main", "staging_impressions");
             DuckDBAppender clk = conn.createAppender("temp", "main", "staging_clicks")) {
            appendAll(group, imp, clk);
        }
        long ni;
        long nc;
        try (Statement s = conn.createStatement()) {
            ni = s.executeUpdate("INSERT OR IGNORE INTO impressions SELECT * FROM staging_impressions");
            nc = s.executeUpdate("INSERT OR IGNORE INTO clicks SELECT * FROM staging_clicks");
            s.execute("DELETE FROM staging_impressions");
            s.execute("DELETE FROM staging_clicks");
        }
        conn.commit();
        return new long[] {ni, nc};
    }

    /** Appends the group's impressions to {@code imp} and clicks to {@code clk}; returns how many of each. */
    private static long[] appendAll(List<Pending> group, DuckDBAppender imp, DuckDBAppender clk)
            throws SQLException {
        long ni = 0;
        long nc = 0;
        for (Pending p : group) {
            for (Row r : p.rows()) {
                if (r.event().type() == Event.Type.IMPRESSION) {
                    appendImpression(imp, r);
                    ni++;
                } else {
                    appendClick(clk, r.event());
                    nc++;
                }
            }
        }
        // Explicitly: the driver's close() flushes too but swallows what goes wrong there (a violated key, a full
        // disk), and the rows would then be silently missing from a commit that succeeds.
        imp.flush();
        clk.flush();
        return new long[] {ni, nc};
    }

    private static void appendImpression(DuckDBAppender a, Row r) throws SQLException {
        Event e = r.event();
        a.beginRow().append(e.requestId()).append(e.user()).append(e.arm()).append(r.modelVersion())
                .append(e.item()).append(e.position()).append(e.propensity())
                .appendEpochMicros(e.timeMillis() * 1000).append(r.explored()).endRow();
    }

    private static void appendClick(DuckDBAppender a, Event e) throws SQLException {
        a.beginRow().append(e.requestId()).append(e.item()).appendEpochMicros(e.timeMillis() * 1000).endRow();
    }

    /**
     * Opens the writer's transaction before anything is appended. The driver begins the transaction of a
     * connection without auto-commit only when it runs a statement; an Appender used before that writes outside
     * any transaction: its rows would be committed at once, and neither a rollback nor a SIGKILL before the commit
     * would keep a batch whole.
     */
    private void beginTransaction() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    /** Ends the writer's failed transaction; if even that fails, the next step opens a new connection. */
    private void discardTransaction() throws SQLException {
        try {
            conn.rollback();
        } catch (SQLException e) {
            DuckDBConnection broken = conn;
            conn = null;
            try {
                broken.close();
            } catch (SQLException ignored) {
                // It is being replaced.
            }
            openWriter();
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Waits until every row queued so far is committed (or dropped); for tests and the notebook's analysis. */
    public void flush() {
        if (readOnly || !running) {
            return;
        }
        write(List.of());
    }

    @Override
    public String status() {
        String p = problem;
        return p == null ? "ok" : p;
    }

    @Override
    public long count() {
        return impressions.get() + clicks.get();
    }

    @Override
    public long count(Event.Type type) {
        return type == Event.Type.IMPRESSION ? impressions.get() : clicks.get();
    }

    /** Events ignored as duplicates of stored ones. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Serving-path rows dropped because the writer was behind or the store could not write. */
    public long dropped() {
        return dropped.get();
    }

    /** Commits so far: fewer than the batches recorded when batches are grouped. */
    public long commits() {
        return commits.get();
    }

    /**
     * Makes every commit take the careful way (staging tables, then {@code INSERT OR IGNORE}), the write path this
     * store had before the fast one: for the benchmark, which compares the two in one run. The stored rows are the
     * same either way.
     */
    public EventStore alwaysCareful(boolean on) {
        this.alwaysCareful = on;
        return this;
    }

    /**
     * What the writer has cost so far: its commits, the rows they carried, how many groups took the careful way
     * (a duplicate in them), and the writer thread's CPU and wall time per committed row (appending, index upkeep,
     * commit and its write-ahead-log sync, and any checkpoint DuckDB runs inside a commit).
     */
    public WriterStats writerStats() {
        return new WriterStats(commits.get(), committedRows.get(), careful.get(), writerCpuNanos.get(),
                writerWallNanos.get(), maxCommitNanos.get());
    }

    /** See {@link #writerStats()}; the times are the writer thread's totals, in nanoseconds. */
    public record WriterStats(long commits, long rows, long carefulCommits, long cpuNanos, long wallNanos,
                              long longestCommitNanos) {
        /** The writer thread's CPU time per committed row, in microseconds. */
        public double cpuMicrosPerRow() {
            return cpuNanos / 1e3 / Math.max(1, rows);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d commits, %d rows (%.0f a commit), %d the careful way; "
                    + "writer thread %.2f µs CPU and %.2f µs wall a row, longest commit %.1f ms", commits, rows,
                    commits == 0 ? 0.0 : (double) rows / commits, carefulCommits, cpuMicrosPerRow(),
                    wallNanos / 1e3 / Math.max(1, rows), longestCommitNanos / 1e6);
        }
    }

    /** This start's number (1, 2, … across restarts; 0 when read-only): a prefix that keeps request ids unique. */
    public int boot() {
        return boot;
    }

    public Path file() {
        return file;
    }

    /**
     * A new connection to the same database, for reading (queries see what is committed); close it after use.
     * DuckDB lets the process that holds the file open any number of these.
     */
    public Connection connection() {
        try {
            return root.duplicate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a connection to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes both tables to Parquet under {@code dir} ({@code impressions/}, {@code clicks/}), one directory per
     * day ({@code day=YYYY-MM-DD}), the layout the Spark chapter reads.
     */
    public void exportParquet(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("dir must not be null");
        }
        flush();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection c = connection(); Statement s = c.createStatement()) {
            for (String table : List.of("impressions", "clicks")) {
                String out = dir.resolve(table).toAbsolutePath().toString().replace("'", "''");
                s.execute("COPY (SELECT *, CAST(ts AS DATE) AS day FROM " + table + ") TO '" + out
                        + "' (FORMAT parquet, PARTITION_BY (day), OVERWRITE_OR_IGNORE)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot export " + file + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Commits what is queued, stops the writer and closes the file. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (conn != null) {
                conn.close();
            }
            root.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "EventStore[" + file + ", " + impressions.get() + " impressions, " + clicks.get() + " clicks, "
                + status() + "]";
    }
}
