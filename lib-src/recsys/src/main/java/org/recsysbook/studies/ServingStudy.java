package org.recsysbook.studies;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.recsysbook.notebook.Charts;
import org.recsysbook.notebook.Progress;
import org.recsysbook.serving.Answer;
import org.recsysbook.serving.LoadClient;
import org.recsysbook.serving.LoadGenerator;
import org.recsysbook.serving.LoadResult;
import org.recsysbook.serving.ModelBundle;
import org.recsysbook.serving.AnswerPath;
import org.recsysbook.serving.RecommendationService;
import org.recsysbook.serving.Stage;
import org.recsysbook.serving.StageBudgets;

import com.google.gson.JsonParser;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The load experiments of notebook 11 and their tables and charts: latency against offered load, runs side by side,
 * where a request's time goes stage by stage, and which paths a service under stress takes.
 */
public final class ServingStudy {
    private ServingStudy() {
    }

    /** A sweep of open-loop runs, one per offered rate. */
    public record LoadCurve(double[] rates, List<LoadResult> runs) {
        public LoadCurve {
            rates = rates.clone();
            runs = List.copyOf(runs);
        }

        @Override
        public double[] rates() {
            return rates.clone();
        }

        /** The answered requests' latency at percentile {@code p} in each run, in milliseconds. */
        public double[] millis(double p) {
            return runs.stream().mapToDouble(r -> r.millis(p)).toArray();
        }

        /** Answered requests per second in each run. */
        public double[] throughput() {
            return runs.stream().mapToDouble(LoadResult::throughput).toArray();
        }

        /**
         * The knee: the first rate whose p99 is more than {@code factor} times the p99 of the lightest load, or NaN
         * if none is.
         */
        public double knee(double factor) {
            double base = runs.get(0).p99();
            for (int i = 0; i < rates.length; i++) {
                if (runs.get(i).p99() > factor * base) {
                    return rates[i];
                }
            }
            return Double.NaN;
        }

        /** One row per run: offered and answered rate, shed share, p50, p99, p99.9, and Little's law's two sides. */
        public Table table() {
            Table t = compare(runs.stream().map(r -> String.format(Locale.ROOT, "%.0f/s", r.offeredRate())).toList(),
                    runs);
            t.setName("latency against offered load");
            return t;
        }

        /** p50, p99 and p99.9 against the answered throughput. */
        public Figure chart(String title) {
            Map<String, double[]> s = new LinkedHashMap<>();
            s.put("p50", millis(50));
            s.put("p99", millis(99));
            s.put("p99.9", millis(99.9));
            return Charts.line(title, "offered load (requests per second)", "latency of answered requests (ms)",
                    rates, s);
        }
    }

    /** Open-loop runs of {@code seconds} each at the given rates, lightest first, with a progress bar. */
    public static LoadCurve sweep(LoadGenerator.Target target, double[] rates, double seconds) {
        if (rates == null || rates.length == 0) {
            throw new IllegalArgumentException("rates must hold at least one rate, got "
                    + (rates == null ? "null" : "none"));
        }
        List<LoadResult> runs = new ArrayList<>();
        try (Progress p = Progress.start("Open-loop runs of " + seconds + " s", rates.length)) {
            for (double r : rates) {
                runs.add(LoadGenerator.openLoop(target, r, seconds));
                p.step();
            }
        }
        return new LoadCurve(rates, runs);
    }

    /** Runs side by side, one row each: the figures a load run measures. */
    public static Table compare(List<String> names, List<LoadResult> runs) {
        if (names == null || runs == null || names.size() != runs.size() || names.isEmpty()) {
            throw new IllegalArgumentException("names and runs must be non-empty and of the same length, got "
                    + (names == null ? "null" : names.size()) + " and " + (runs == null ? "null" : runs.size()));
        }
        Table t = Table.create("load runs", StringColumn.create("run"), LongColumn.create("sent"),
                DoubleColumn.create("answered /s"), DoubleColumn.create("shed %"), DoubleColumn.create("p50 ms"),
                DoubleColumn.create("p99 ms"), DoubleColumn.create("p99.9 ms"), DoubleColumn.create("max ms"),
                DoubleColumn.create("in flight L"), DoubleColumn.create("λ·W"));
        for (int i = 0; i < runs.size(); i++) {
            LoadResult r = runs.get(i);
            t.stringColumn(0).append(names.get(i));
            t.longColumn(1).append(r.sent());
            t.doubleColumn(2).append(round(r.throughput(), 1));
            t.doubleColumn(3).append(round(100 * r.shedRate(), 1));
            t.doubleColumn(4).append(round(r.p50(), 2));
            t.doubleColumn(5).append(round(r.p99(), 2));
            t.doubleColumn(6).append(round(r.p999(), 2));
            t.doubleColumn(7).append(round(r.maxMillis(), 2));
            t.doubleColumn(8).append(round(r.meanInFlight(), 2));
            t.doubleColumn(9).append(round(r.littleLambdaW(), 2));
        }
        return t;
    }

    /** Grouped bars of p50 and p99 for runs side by side. */
    public static Figure latencyBars(String title, List<String> names, List<LoadResult> runs) {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("p50", runs.stream().mapToDouble(LoadResult::p50).toArray());
        s.put("p99", runs.stream().mapToDouble(LoadResult::p99).toArray());
        return Charts.bar(title, "run", "latency of answered requests (ms)", names.toArray(new String[0]), s);
    }

    /** Each stage's p50 and p99 over the answers (those that ran the stage), beside its budget, in milliseconds. */
    public static Table stageBudget(List<Answer> answers, StageBudgets budgets) {
        Table t = Table.create("stage latency against budget", StringColumn.create("stage"),
                DoubleColumn.create("p50 ms"), DoubleColumn.create("p99 ms"), DoubleColumn.create("budget ms"),
                DoubleColumn.create("p99 / budget"));
        for (Stage s : Stage.values()) {
            Histogram h = new Histogram(3);
            for (Answer a : answers) {
                long n = a.stageNanos()[s.ordinal()];
                if (n > 0) {
                    h.recordValue(Math.max(1, n / 1000));
                }
            }
            double p50 = h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50) / 1000.0;
            double p99 = h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
            t.stringColumn(0).append(s.label());
            t.doubleColumn(1).append(round(p50, 3));
            t.doubleColumn(2).append(round(p99, 3));
            t.doubleColumn(3).append(budgets.millis(s));
            t.doubleColumn(4).append(round(p99 / budgets.millis(s), 3));
        }
        return t;
    }

    /** What a stream of HTTP answers did: their latencies and how many took each path. */
    public record Probe(LoadResult run, Map<AnswerPath, Long> paths) {
        public Probe {
            paths = Map.copyOf(paths);
        }

        /** The share of answers that took {@code path}. */
        public double share(AnswerPath path) {
            long all = paths.values().stream().mapToLong(Long::longValue).sum();
            return all == 0 ? 0 : paths.getOrDefault(path, 0L) / (double) all;
        }
    }

    /**
     * {@code users} concurrent users asking {@code base} for recommendations through {@code client} for
     * {@code seconds}, reading each answer's path: what a service under a fault answers, and how fast. (The client is
     * the caller's: a client per call would leave a selector thread behind each time.)
     */
    public static Probe probe(HttpClient client, URI base, int[] userIds, int users, double seconds) {
        if (client == null || base == null) {
            throw new IllegalArgumentException("client and base must not be null");
        }
        return probe(base, userIds, users, seconds, uri -> client.sendAsync(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new LoadClient.Response(r.statusCode(), r.body())));
    }

    /** {@link #probe(HttpClient, URI, int[], int, double)} through the lean {@link LoadClient}. */
    public static Probe probe(LoadClient client, URI base, int[] userIds, int users, double seconds) {
        if (client == null || base == null) {
            throw new IllegalArgumentException("client and base must not be null");
        }
        return probe(base, userIds, users, seconds, client::fetch);
    }

    private static Probe probe(URI base, int[] userIds, int users, double seconds,
                               java.util.function.Function<URI, java.util.concurrent.CompletableFuture<LoadClient.Response>> get) {
        if (userIds == null || userIds.length == 0) {
            throw new IllegalArgumentException("userIds must hold at least one user id");
        }
        Map<AnswerPath, LongAdder> counts = new ConcurrentHashMap<>();
        Map<String, AnswerPath> byKey = new LinkedHashMap<>();
        for (AnswerPath p : AnswerPath.values()) {
            byKey.put(p.key(), p);
        }
        LoadGenerator.Target t = i -> get.apply(base.resolve(
                        "recommendations?k=10&user=" + userIds[(int) (i % userIds.length)]))
                .thenApply(r -> {
                    if (r.status() == 200) {
                        String key = JsonParser.parseString(r.body()).getAsJsonObject().get("path").getAsString();
                        counts.computeIfAbsent(byKey.get(key), k -> new LongAdder()).increment();
                    }
                    return r.status();
                });
        LoadResult run = LoadGenerator.closedLoop(t, users, seconds);
        Map<AnswerPath, Long> out = new EnumMap<>(AnswerPath.class);
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return new Probe(run, out);
    }

    /** One row per probe: the share of answers on each path, and their p50, p99 and slowest latency. */
    public static Table paths(List<String> names, List<Probe> probes) {
        if (names == null || probes == null || names.size() != probes.size() || names.isEmpty()) {
            throw new IllegalArgumentException("names and probes must be non-empty and of the same length");
        }
        Table t = Table.create("paths taken", StringColumn.create("scenario"));
        for (AnswerPath p : AnswerPath.values()) {
            t.addColumns(DoubleColumn.create(p.key() + " %"));
        }
        t.addColumns(DoubleColumn.create("p50 ms"), DoubleColumn.create("p99 ms"), DoubleColumn.create("max ms"));
        for (int i = 0; i < probes.size(); i++) {
            Probe pr = probes.get(i);
            t.stringColumn(0).append(names.get(i));
            int c = 1;
            for (AnswerPath p : AnswerPath.values()) {
                t.doubleColumn(c++).append(round(100 * pr.share(p), 1));
            }
            t.doubleColumn(c++).append(round(pr.run().p50(), 2));
            t.doubleColumn(c++).append(round(pr.run().p99(), 2));
            t.doubleColumn(c).append(round(pr.run().maxMillis(), 2));
        }
        return t;
    }

    /** A background thread that swaps an arm's model back and forth; closing it stops it and restores the first. */
    public static final class Swapper implements AutoCloseable {
        private final RecommendationService service;
        private final String arm;
        private final ModelBundle first;
        private final Thread thread;
        private final java.util.concurrent.atomic.AtomicInteger swaps = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean stop;

        private Swapper(RecommendationService service, String arm, ModelBundle other, long everyMillis) {
            this.service = service;
            this.arm = arm;
            this.first = service.model(arm);
            this.thread = new Thread(() -> {
                while (!stop) {
                    service.swap(arm, swaps.incrementAndGet() % 2 == 1 ? other : first);
                    try {
                        Thread.sleep(everyMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "swapper-" + arm);
            thread.setDaemon(true);
            thread.start();
        }

        /** The swaps made so far. */
        public int swaps() {
            return swaps.get();
        }

        @Override
        public void close() {
            stop = true;
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            service.swap(arm, first);
        }
    }

    /** Starts swapping {@code arm}'s model with {@code other} every {@code everyMillis} (≥ 1) milliseconds. */
    public static Swapper swapping(RecommendationService service, String arm, ModelBundle other, long everyMillis) {
        if (service == null || other == null) {
            throw new IllegalArgumentException("service and other must not be null");
        }
        if (everyMillis < 1) {
            throw new IllegalArgumentException("everyMillis must be ≥ 1, got " + everyMillis);
        }
        service.model(arm);
        return new Swapper(service, arm, other, everyMillis);
    }

    /**
     * Makes {@code stage} of {@code service} slower by {@code millis} from {@code atSeconds} from now for
     * {@code forSeconds}: a pause in the middle of a load run (a garbage collection, a slow dependency), on the clock.
     */
    public static void pause(RecommendationService service, Stage stage, double atSeconds, double forSeconds,
                             double millis) {
        if (service == null || stage == null) {
            throw new IllegalArgumentException("service and stage must not be null");
        }
        if (!(atSeconds >= 0) || !(forSeconds > 0) || Double.isInfinite(atSeconds + forSeconds)) {
            throw new IllegalArgumentException("atSeconds must be ≥ 0 and forSeconds > 0, both finite, got "
                    + atSeconds + " and " + forSeconds);
        }
        long from = System.nanoTime() + (long) (atSeconds * 1e9);
        service.slowDownDuring(stage, millis, from, from + (long) (forSeconds * 1e9));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Double.isFinite(v) ? Math.round(v * f) / f : v;
    }
}
