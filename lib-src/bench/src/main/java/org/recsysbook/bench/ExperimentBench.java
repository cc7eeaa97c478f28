package org.recsysbook.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.recsysbook.experiment.EventStore;
import org.recsysbook.experiment.ExperimentLoop;
import org.recsysbook.experiment.ExperimentServeMain;
import org.recsysbook.serving.Event;
import org.recsysbook.serving.LoadClient;
import org.recsysbook.serving.LoadGenerator;
import org.recsysbook.serving.LoadResult;
import org.recsysbook.serving.RecommendationServer;
import org.recsysbook.serving.RecommendationService;
import org.recsysbook.serving.ServerConfig;
import org.recsysbook.world.World;

/**
 * The experiment-loop issue's logging targets, in one run with client, service and store on this machine: the
 * served p99 with impression logging on against off (phases interleaved off, on, on, off, … at half the saturation
 * throughput, open loop, so that drift in the machine's load falls on both), and the events per second the store
 * commits while the service serves (its own impressions plus batches posted to {@code /events} by two clients).
 * Each is measured with the store's careful write path (staging tables, then {@code INSERT OR IGNORE}: its only
 * path before) and with its fast one (the Appender straight into the keyed tables) in the same run; the verdicts
 * are the fast path's, the one the store uses.
 *
 * <p>Usage: {@code ExperimentBench [items=100000] [seconds=4] [repeats=3]}.
 */
public final class ExperimentBench {
    private ExperimentBench() {
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int cores = Runtime.getRuntime().availableProcessors();
        BenchStats.begin("ExperimentBench");
        Path db = Path.of("build", "bench", "experiment-events.duckdb");
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
        World world = World.builder().items(items).users(10_000).seed(42).build();
        try (EventStore store = EventStore.open(db)) {
            ExperimentLoop loop = new ExperimentLoop(store, System::currentTimeMillis);
            RecommendationService service = loop.wire(ExperimentServeMain.twoArms(world, 100));
            service.warmUp(500);
            int[] users = LoadGenerator.zipfUsers(10_000, 0.8, 1 << 16, 1);
            // The library's lean client, as ServingBench's load: the JDK's costs as much CPU per request as the
            // service's whole HTTP path on two cores.
            try (LoadClient client = LoadClient.create();
                 RecommendationServer server = RecommendationServer.start(service,
                         ServerConfig.defaults().withMaxConcurrent(cores))) {
                LoadGenerator.Target served = LoadGenerator.http(client, server.uri(), users, 10);
                LoadGenerator.closedLoop(served, cores, 2);
                double saturation = LoadGenerator.closedLoop(served, cores, seconds).throughput();
                double rate = saturation / 2;
                System.out.printf(Locale.ROOT, "# %d items, 10000 users, k = 10, %d requests at once; saturation "
                        + "%.0f/s (closed loop); phases of %.0f s open loop at %.0f/s%n", items, cores, saturation,
                        seconds, rate);

                // Each repeat: logging off, on with the careful write path (the store's only one before), on with
                // the fast one; the verdict is the fast path's.
                double[] off = new double[repeats];
                double[] onCareful = new double[repeats];
                double[] on = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    loop.logging(false);
                    off[r] = LoadGenerator.openLoop(served, rate, seconds).p99();
                    loop.logging(true);
                    store.alwaysCareful(true);
                    onCareful[r] = LoadGenerator.openLoop(served, rate, seconds).p99();
                    store.flush();
                    store.alwaysCareful(false);
                    long before = store.count();
                    EventStore.WriterStats w0 = store.writerStats();
                    on[r] = LoadGenerator.openLoop(served, rate, seconds).p99();
                    store.flush();
                    EventStore.WriterStats w1 = store.writerStats();
                    System.out.printf(Locale.ROOT, "phase %d: p99 off %.2f ms, on (careful path) %.2f ms, on (fast "
                            + "path) %.2f ms (%d impressions logged; writer %s, %.1f%% of one core)%n", r + 1, off[r],
                            onCareful[r], on[r], store.count() - before, delta(w0, w1),
                            100.0 * (w1.cpuNanos() - w0.cpuNanos()) / (seconds * 1e9));
                }
                double pOff = median(off);
                double pOn = median(on);
                System.out.printf(Locale.ROOT, "careful path: median p99 on %.2f ms, ratio %.3f%n", median(onCareful),
                        median(onCareful) / pOff);
                verdict("serving p99 with logging within 10% of without", String.format(Locale.ROOT,
                        "median p99 off %.2f ms, on %.2f ms, ratio %.3f", pOff, pOn, pOn / pOff), pOn <= 1.1 * pOff);

                // Ingest while serving: the service's impressions plus two clients posting 1000-event batches, with
                // the careful write path and then the fast one.
                for (boolean careful : new boolean[] {true, false}) {
                    store.alwaysCareful(careful);
                    String path = careful ? "careful path" : "fast path";
                    AtomicBoolean stop = new AtomicBoolean();
                    AtomicLong posted = new AtomicLong();
                    List<Thread> posters = new ArrayList<>();
                    for (int t = 0; t < 2; t++) {
                        String tag = (careful ? "careful-" : "fast-") + t;
                        Thread p = new Thread(() -> post(client, server.uri(), tag, items, stop, posted));
                        p.start();
                        posters.add(p);
                    }
                    EventStore.WriterStats w0 = store.writerStats();
                    long before = store.count();
                    long t0 = System.nanoTime();
                    LoadResult during = LoadGenerator.openLoop(served, rate, seconds * 2);
                    stop.set(true);
                    for (Thread p : posters) {
                        p.join();
                    }
                    store.flush();
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    double perSecond = (store.count() - before) / elapsed;
                    System.out.printf(Locale.ROOT, "ingest while serving, %s: %d events committed in %.1f s (%d "
                                    + "posted and acknowledged), %d dropped so far; serving p99 meanwhile %.2f ms; "
                                    + "writer %s%n", path, store.count() - before, elapsed, posted.get(),
                            store.dropped(), during.p99(), delta(w0, store.writerStats()));
                    if (careful) {
                        System.out.printf(Locale.ROOT, "careful path: %.0f events/s%n", perSecond);
                    } else {
                        verdict("at least 50,000 events/s into the store while serving",
                                String.format(Locale.ROOT, "%.0f events/s", perSecond), perSecond >= 50_000);
                    }
                }
                store.alwaysCareful(false);
            }
            // The store alone, for scale: two threads writing 1000-row batches straight to it, each waiting for its
            // commit (what POST /events costs without HTTP and JSON); the careful write path (staging tables and
            // INSERT OR IGNORE, the store's only path before) first, then the fast one, so both meet the same load.
            for (boolean careful : new boolean[] {true, false}) {
                store.alwaysCareful(careful);
                EventStore.WriterStats w0 = store.writerStats();
                double perSecond = storeAlone(store, items, seconds, careful ? "careful" : "fast");
                System.out.printf(Locale.ROOT, "store alone (no HTTP, no serving), %s: %.0f events/s; writer %s%n",
                        careful ? "careful path (staging + INSERT OR IGNORE)" : "fast path (Appender into the keyed "
                        + "tables)", perSecond, delta(w0, store.writerStats()));
            }
            store.alwaysCareful(false);
            System.out.printf(Locale.ROOT, "store: %s%nwriter (whole run): %s%n", store, store.writerStats());
        }
        BenchStats.end();
    }

    private static double storeAlone(EventStore store, int items, double seconds, String tag) throws Exception {
        long before = store.count();
        long t0 = System.nanoTime();
        Thread[] writers = new Thread[2];
        for (int t = 0; t < writers.length; t++) {
            int thread = t;
            writers[t] = new Thread(() -> {
                for (int b = 0; System.nanoTime() - t0 < seconds * 1e9; b++) {
                    List<Event> batch = new ArrayList<>(1000);
                    for (int j = 0; j < 1000; j++) {
                        batch.add(new Event(Event.Type.IMPRESSION, "direct-" + tag + "-" + thread + "-" + b,
                                b % 10_000, j % items, "control", j + 1, 1.0, System.currentTimeMillis()));
                    }
                    store.record(batch);
                }
            });
            writers[t].start();
        }
        for (Thread w : writers) {
            w.join();
        }
        return (store.count() - before) / ((System.nanoTime() - t0) / 1e9);
    }

    /** The writer's cost between two snapshots: commits, rows a commit, thread CPU and wall µs a committed row. */
    private static String delta(EventStore.WriterStats a, EventStore.WriterStats b) {
        long rows = b.rows() - a.rows();
        long commits = b.commits() - a.commits();
        return String.format(Locale.ROOT, "%d commits (%.0f rows each), %.2f µs CPU and %.2f µs wall a row", commits,
                commits == 0 ? 0.0 : (double) rows / commits, (b.cpuNanos() - a.cpuNanos()) / 1e3 / Math.max(1, rows),
                (b.wallNanos() - a.wallNanos()) / 1e3 / Math.max(1, rows));
    }

    private static void post(LoadClient client, URI base, String tag, int items, AtomicBoolean stop,
                             AtomicLong posted) {
        for (int b = 0; !stop.get(); b++) {
            StringBuilder body = new StringBuilder("[");
            for (int j = 0; j < 1000; j++) {
                body.append(j == 0 ? "" : ",").append("{\"type\":\"impression\",\"requestId\":\"post-").append(tag)
                        .append('-').append(b).append("\",\"user\":").append(b % 10_000).append(",\"item\":")
                        .append(j % items).append(",\"arm\":\"control\",\"position\":").append(j + 1).append('}');
            }
            try {
                LoadClient.Response r = client.post(base.resolve("events"), "application/json",
                        body.append(']').toString()).join();
                if (r.status() == 200) {
                    posted.addAndGet(1000);
                }
            } catch (Exception e) {
                return;
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void verdict(String target, String figures, boolean met) {
        System.out.printf(Locale.ROOT, "target: %s: %s → %s%n", target, figures, met ? "met" : "MISSED");
    }
}
