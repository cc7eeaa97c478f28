package org.recsysbook.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.recsysbook.serving.LoadGenerator;
import org.recsysbook.serving.LoadResult;
import org.recsysbook.serving.ModelBundle;
import org.recsysbook.serving.RecommendationServer;
import org.recsysbook.serving.RecommendationService;
import org.recsysbook.serving.ServeMain;
import org.recsysbook.serving.ServerConfig;
import org.recsysbook.serving.SyntheticBundle;
import org.recsysbook.world.World;

/**
 * The serving issue's targets, measured in one run with client and server on this machine: served against
 * in-process latency and throughput, overload at twice the saturation throughput, a model swap under load, and
 * events counted after a run. Each figure of a target is the median over {@code repeats} runs; the load average
 * is printed before and after, since other work on the machine moves every figure.
 *
 * <p>Usage: {@code ServingBench [items=1000000] [seconds=5] [repeats=3] [maxConcurrent=cores] [deadlineMs=100]}.
 * The candidate cache is off, so every request runs the whole funnel over the catalog.
 */
public final class ServingBench {
    private ServingBench() {
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int cores = Runtime.getRuntime().availableProcessors();
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : cores;
        double deadline = args.length > 4 ? Double.parseDouble(args[4]) : 100;
        BenchStats.printMachine("ServingBench");
        System.out.println("# load average before: " + loadAverage()
                + " (the machine is shared: other work running now moves every figure)");
        System.out.printf(Locale.ROOT, "# %d items × 64 dims, 10000 users; funnel: exact blend top-%d → simulated "
                        + "ranker keeps %d → category quota → 10; no cache; %d requests at once, deadline %.0f ms; "
                        + "runs of %.0f s, median of %d%n", items, SyntheticBundle.CANDIDATES, SyntheticBundle.RANKED,
                concurrency, deadline, seconds, repeats);

        long t0 = System.nanoTime();
        World world = World.builder().items(items).users(10_000).seed(42).build();
        RecommendationService service = ServeMain.twoArms(world, deadline, 0);
        service.warmUp(500);
        System.out.printf(Locale.ROOT, "world and warm-up: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        int[] users = LoadGenerator.zipfUsers(10_000, 0.8, 1 << 16, 1);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        HttpClient client = LoadGenerator.client();
        ServerConfig config = ServerConfig.defaults().withMaxConcurrent(concurrency);
        try (RecommendationServer server = RecommendationServer.start(service, config)) {
            LoadGenerator.Target inProcess = LoadGenerator.inProcess(service, users, 10, pool);
            LoadGenerator.Target served = LoadGenerator.http(client, server.uri(), users, 10);
            LoadGenerator.closedLoop(served, concurrency, 2); // warms the HTTP path

            LoadResult[] capIn = repeat(repeats, () -> LoadGenerator.closedLoop(inProcess, concurrency, seconds));
            LoadResult[] capSrv = repeat(repeats, () -> LoadGenerator.closedLoop(served, concurrency, seconds));
            double xIn = median(capIn, LoadResult::throughput);
            double xSrv = median(capSrv, LoadResult::throughput);
            System.out.printf(Locale.ROOT, "saturation throughput (closed loop, %d users): in-process %.1f/s, "
                    + "served %.1f/s (runs: %s | %s)%n", concurrency, xIn, xSrv, list(capIn, LoadResult::throughput),
                    list(capSrv, LoadResult::throughput));

            LoadResult[] idleIn = repeat(repeats, () -> LoadGenerator.closedLoop(inProcess, 1, seconds));
            LoadResult[] idleSrv = repeat(repeats, () -> LoadGenerator.closedLoop(served, 1, seconds));
            double p99IdleSrv = median(idleSrv, LoadResult::p99);
            System.out.printf(Locale.ROOT, "unloaded (1 user): in-process p50 %.2f ms, p99 %.2f ms; served p50 %.2f ms,"
                            + " p99 %.2f ms%n", median(idleIn, LoadResult::p50), median(idleIn, LoadResult::p99),
                    median(idleSrv, LoadResult::p50), p99IdleSrv);

            double half = xSrv / 2;
            LoadResult[] halfIn = repeat(repeats, () -> LoadGenerator.openLoop(inProcess, half, seconds));
            LoadResult[] halfSrv = repeat(repeats, () -> LoadGenerator.openLoop(served, half, seconds));
            double p99HalfIn = median(halfIn, LoadResult::p99);
            double p99HalfSrv = median(halfSrv, LoadResult::p99);
            System.out.printf(Locale.ROOT, "open loop at %.1f/s (half the served saturation): in-process p50 %.2f ms, "
                            + "p99 %.2f ms; served p50 %.2f ms, p99 %.2f ms (served p99 runs: %s)%n", half,
                    median(halfIn, LoadResult::p50), p99HalfIn, median(halfSrv, LoadResult::p50), p99HalfSrv,
                    list(halfSrv, LoadResult::p99));
            verdict("served p99 at half saturation ≤ 2 × in-process p99 at the same rate",
                    String.format(Locale.ROOT, "%.2f ms vs 2 × %.2f ms", p99HalfSrv, p99HalfIn),
                    p99HalfSrv <= 2 * p99HalfIn);
            verdict("served saturation throughput ≥ 70% of in-process",
                    String.format(Locale.ROOT, "%.1f/s = %.0f%% of %.1f/s", xSrv, 100 * xSrv / xIn, xIn),
                    xSrv >= 0.7 * xIn);

            double twice = 2 * xSrv;
            LoadResult over = LoadGenerator.openLoop(served, twice, 10);
            System.out.printf(Locale.ROOT, "open loop at %.1f/s (twice saturation) for 10 s: %d sent, %d answered "
                            + "(%.1f/s), %d shed (%.0f%%), %d errors, %d lost; answered p50 %.2f ms, p99 %.2f ms, max "
                            + "%.2f ms; shed p99 %.2f ms, max %.2f ms%n", twice, over.sent(), over.ok(),
                    over.throughput(), over.shed(), 100 * over.shedRate(), over.errors(), over.lost(), over.p50(),
                    over.p99(), over.maxMillis(), over.shedMillis(99), over.shedMaxMillis());
            System.out.printf(Locale.ROOT, "  inside the service (no client, no socket): slowest shed %.3f ms, slowest "
                    + "answer %.2f ms%n", service.metrics().shedMaxMillis(), service.metrics().answerMaxMillis());
            verdict("at 2× saturation, answered p99 ≤ 3 × unloaded p99",
                    String.format(Locale.ROOT, "%.2f ms vs 3 × %.2f ms", over.p99(), p99IdleSrv),
                    over.p99() <= 3 * p99IdleSrv);
            verdict("at 2× saturation, every shed request answered in < 5 ms",
                    String.format(Locale.ROOT, "slowest shed %.2f ms", over.shedMaxMillis()),
                    over.shed() > 0 && over.shedMaxMillis() < 5);
            verdict("at 2× saturation, no request exceeds the deadline",
                    String.format(Locale.ROOT, "slowest answer %.2f ms, deadline %.0f ms", over.maxMillis(),
                            deadline), over.maxMillis() <= deadline && over.lost() == 0);

            ModelBundle v1 = service.model("control");
            ModelBundle v1b = SyntheticBundle.of(world, "blend-0.7-v1b", 0.7, 0.3, 43);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong swaps = new AtomicLong();
            Thread swapper = new Thread(() -> {
                while (!stop.get()) {
                    service.swap("control", swaps.incrementAndGet() % 2 == 0 ? v1 : v1b);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            swapper.start();
            LoadResult swap = LoadGenerator.openLoop(served, half, seconds);
            stop.set(true);
            swapper.join();
            System.out.printf(Locale.ROOT, "model swap every 100 ms under %.1f/s: %d swaps, %s%n", half, swaps.get(),
                    swap);
            verdict("a model swap under load fails no request", swap.errors() + swap.lost() + " failed, "
                    + swap.shed() + " shed", swap.errors() + swap.lost() == 0);

            long before = service.events().count();
            AtomicLong acknowledged = new AtomicLong();
            URI events = server.uri().resolve("events");
            LoadGenerator.Target post = i -> client.sendAsync(HttpRequest.newBuilder(events)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(batch(i, 50))).build(),
                    HttpResponse.BodyHandlers.discarding()).thenApply(r -> {
                        if (r.statusCode() == 200) {
                            acknowledged.addAndGet(50);
                        }
                        return r.statusCode();
                    });
            LoadResult ev = LoadGenerator.openLoop(post, 400, seconds);
            long recorded = service.events().count() - before;
            System.out.printf(Locale.ROOT, "events: %d batches of 50 at 400/s: %d acknowledged, %d recorded "
                    + "(%.0f events/s), batch p99 %.2f ms%n", ev.sent(), acknowledged.get(), recorded,
                    recorded / ev.seconds(), ev.p99());
            verdict("after a run that sends N events the service has recorded exactly N",
                    acknowledged.get() + " acknowledged of " + ev.sent() * 50 + " sent, " + recorded + " recorded",
                    recorded == acknowledged.get() && acknowledged.get() == ev.sent() * 50);
        } finally {
            pool.shutdown();
        }
        System.out.println("# load average after: " + loadAverage());
    }

    private static String batch(long i, int n) {
        StringBuilder b = new StringBuilder("[");
        for (int j = 0; j < n; j++) {
            b.append(j == 0 ? "" : ",").append("{\"type\":\"impression\",\"requestId\":\"b").append(i)
                    .append("\",\"user\":").append(i % 1000).append(",\"item\":").append(j)
                    .append(",\"arm\":\"control\",\"position\":").append(j + 1).append('}');
        }
        return b.append(']').toString();
    }

    private static void verdict(String target, String figures, boolean met) {
        System.out.printf(Locale.ROOT, "target: %s: %s → %s%n", target, figures, met ? "met" : "MISSED");
    }

    private static LoadResult[] repeat(int n, Supplier<LoadResult> run) {
        LoadResult[] r = new LoadResult[n];
        for (int i = 0; i < n; i++) {
            r[i] = run.get();
        }
        return r;
    }

    private static double median(LoadResult[] runs, java.util.function.ToDoubleFunction<LoadResult> f) {
        double[] v = Arrays.stream(runs).mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String list(LoadResult[] runs, java.util.function.ToDoubleFunction<LoadResult> f) {
        StringBuilder b = new StringBuilder();
        for (LoadResult r : runs) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", f.applyAsDouble(r)));
        }
        return b.toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
