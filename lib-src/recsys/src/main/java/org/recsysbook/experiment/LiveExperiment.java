package org.recsysbook.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.recsysbook.core.TopK;
import org.recsysbook.serving.ModelBundle;
import org.recsysbook.serving.RecommendationServer;
import org.recsysbook.serving.RecommendationService;
import org.recsysbook.serving.ServerConfig;
import org.recsysbook.world.World;

/**
 * The whole loop set up for a notebook: a synthetic world, a fresh event store, the two-arm service wired to it
 * and listening on localhost, a simulated clock and a traffic simulator; plus a twin of the service without the
 * loop, whose in-process answers give each arm's true click rate.
 *
 * <p>Simulated days lie in the last 13 days, UTC midnights before today, so that clicks carry times the service
 * accepts ({@code POST /events} refuses times older than 14 days or in the future).
 */
public final class LiveExperiment implements AutoCloseable {
    private final World world;
    private final EventStore store;
    private final ExperimentLoop loop;
    private final RecommendationService service;
    private final RecommendationService truth;
    private final RecommendationServer server;
    private final SimulatedClock clock;
    private final long today;

    private LiveExperiment(Path db, int items, int users, long seed, LocalDate today) {
        this.world = World.builder().items(items).users(users).seed(seed).build();
        try {
            Files.deleteIfExists(db);
            Files.deleteIfExists(Path.of(db + ".wal"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.today = today.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        this.clock = new SimulatedClock(this.today - 7 * SimulatedClock.DAY_MILLIS);
        this.store = EventStore.open(db);
        this.loop = new ExperimentLoop(store, clock);
        this.service = loop.wire(ExperimentServeMain.twoArms(world, 5000));
        this.truth = ExperimentServeMain.twoArms(world, 5000).build();
        this.server = RecommendationServer.start(service, ServerConfig.defaults());
        service.warmUp(200);
    }

    /**
     * Starts it all: a world of {@code items} items and {@code users} users from {@code seed}, the store in
     * {@code db} (an old file there is deleted first).
     */
    public static LiveExperiment start(Path db, int items, int users, long seed) {
        return start(db, items, users, seed, LocalDate.now(ZoneOffset.UTC));
    }

    /** As {@link #start(Path, int, int, long)}, with the days counted back from {@code today} (for tests). */
    static LiveExperiment start(Path db, int items, int users, long seed, LocalDate today) {
        if (db == null) {
            throw new IllegalArgumentException("db must be a path such as build/experiment/events.duckdb, got null");
        }
        return new LiveExperiment(db, items, users, seed, today);
    }

    /** The UTC midnight {@code daysAgo} (1 to 13) days before today. */
    public long day(int daysAgo) {
        if (daysAgo < 1 || daysAgo > 13) {
            throw new IllegalArgumentException("daysAgo must be in [1, 13], got " + daysAgo);
        }
        return today - daysAgo * SimulatedClock.DAY_MILLIS;
    }

    /** The date {@code daysAgo} days before today, for the SQL's {@code WHERE CAST(ts AS DATE) …}. */
    public LocalDate date(int daysAgo) {
        return Instant.ofEpochMilli(day(daysAgo)).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** A simulator with {@code threads} client threads and {@code seed}. */
    public TrafficSimulator simulator(int threads, long seed) {
        return new TrafficSimulator(world, server.uri(), clock, threads, seed);
    }

    /**
     * Makes the treatment arm serve the control's model (true) for a pre-period, or its own again (false); the
     * arm's impressions carry whichever version served them.
     */
    public void treatmentServesControl(boolean on) {
        service.swap("treatment", on ? truth.model("control") : truth.model("treatment"));
    }

    /** An arm's true CTR at {@code k} (over all users, from the click model), its model as the twin serves it. */
    public double trueCtr(String arm, int k) {
        return TrafficSimulator.trueCtr(truth, world, arm, k);
    }

    /**
     * {@code n} pool items for an exploration slot, spread evenly over the catalog ranked by popularity from the
     * most popular item down: one or two popular, most from the long tail, so that their click rates differ and
     * there is something to learn.
     */
    public int[] explorationPool(int n) {
        if (n < 2 || n > 100) {
            throw new IllegalArgumentException("n must be in [2, 100], got " + n);
        }
        int[] byPopularity = TopK.indices(world.popularity(), world.itemCount());
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = byPopularity[(int) ((long) i * byPopularity.length / n)];
        }
        return pool;
    }

    /** A read connection to the store, everything queued committed first; close it after use. */
    public Connection connection() {
        store.flush();
        return store.connection();
    }

    public World world() {
        return world;
    }

    public EventStore store() {
        return store;
    }

    public ExperimentLoop loop() {
        return loop;
    }

    public RecommendationService service() {
        return service;
    }

    public RecommendationServer server() {
        return server;
    }

    public SimulatedClock clock() {
        return clock;
    }

    /** The model the twin serves for an arm. */
    public ModelBundle model(String arm) {
        return truth.model(arm);
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
