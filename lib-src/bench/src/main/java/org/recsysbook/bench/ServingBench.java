package org.recsysbook.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

import com.sun.management.GarbageCollectionNotificationInfo;

import org.recsysbook.serving.LoadClient;
import org.recsysbook.serving.LoadGenerator;
import org.recsysbook.serving.LoadResult;
import org.recsysbook.serving.ModelBundle;
import org.recsysbook.serving.RecommendationServer;
import org.recsysbook.serving.RecommendationService;
import org.recsysbook.serving.ServeMain;
import org.recsysbook.serving.ServerConfig;
import org.recsysbook.serving.SyntheticBundle;
import org.recsysbook.retrieval.CosinePopularityBlend;
import org.recsysbook.retrieval.HnswIndex;
import org.recsysbook.world.World;

/**
 * The serving issue's targets, measured in one run with client and server on this machine: served against
 * in-process latency and throughput, overload at twice the saturation throughput, a model swap under load, and
 * events counted after a run. Each figure of a target is the median over {@code repeats} runs (each run's figure is
 * printed too; the saturation throughputs over at least six in-process / served pairs, after each path has run until
 * the JIT stopped compiling, each a closed loop of one user more than there are workers, the server admitting one
 * request to wait: {@link ServerConfig#maxQueued}); the load average is printed with every section, since other work
 * on the machine moves every figure, and the CPU time the threads of each side spent per request (thread CPU clocks,
 * so other processes' work does not count) is printed beside the throughputs, a comparison the machine's load moves
 * much less.
 *
 * <p>Usage: {@code ServingBench [items=1000000] [seconds=5] [repeats=3] [maxConcurrent=cores] [deadlineMs=100]
 * [retrieval=hnsw|exact]}. The candidate cache is off, so every request runs the whole funnel. Retrieval {@code hnsw}
 * (the default) is the blend over an HNSW index's candidates and the popular items ({@code ApproximateBlend}, int8
 * search, breadth 200); its graph is read from {@code <recsys.cacheDir>/hnsw-…bin} (system property, default
 * {@code build/cache}; {@code ./workbook bench} passes the checkout's {@code build/cache}) and built and written there
 * on the first run, which took 4–5 minutes on two idle cores for 1M × 64 (287 s). Retrieval {@code exact} is the
 * chapter's exact blend, one pass over the catalog per request.
 *
 * <p>System properties for an A/B of JVM options (one JVM per option, run alternately): {@code serving.short=true}
 * runs only the saturation, unloaded and twice-saturation sections; {@code serving.overloadRate=R} offers the overload
 * run R requests per second instead of twice this run's saturation, so that every JVM meets the same load.
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
        String retrieval = args.length > 5 ? args[5] : "hnsw";
        if (!retrieval.equals("hnsw") && !retrieval.equals("exact")) {
            throw new IllegalArgumentException("retrieval must be hnsw or exact, got " + retrieval);
        }
        // -Dserving.short=true: the saturation, unloaded and twice-saturation sections only (an A/B of JVM options,
        // such as the collector, runs the bench once per option and compares these).
        boolean brief = Boolean.getBoolean("serving.short");
        BenchStats.begin("ServingBench");
        System.out.println("# (the machine is shared: other work running now moves every figure)");
        System.out.printf(Locale.ROOT, "# %d items × 64 dims, 10000 users; funnel: %s, best %d kept → simulated "
                        + "ranker keeps %d → category quota → 10; no cache; %d requests at once and %d waiting, "
                        + "deadline %.0f ms; runs of %.0f s, median of %d%n", items,
                retrieval.equals("hnsw") ? "blend over HNSW's (int8, ef 200) " + SyntheticBundle.ANN_NEAREST
                        + " nearest and ≤ " + SyntheticBundle.ANN_MAX_POPULAR + " popular items" : "exact blend",
                SyntheticBundle.CANDIDATES, SyntheticBundle.RANKED, concurrency, SATURATION_QUEUE, deadline, seconds,
                repeats);

        long t0 = System.nanoTime();
        World world = World.builder().items(items).users(10_000).seed(42).build();
        System.out.printf(Locale.ROOT, "world: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        HnswIndex index = null;
        if (retrieval.equals("hnsw")) {
            Path cache = Path.of(System.getProperty("recsys.cacheDir", "build/cache"))
                    .resolve("hnsw-" + items + "x64-seed42-m16-bw100.bin");
            index = HnswIndex.builder(world).searchBreadth(SyntheticBundle.CANDIDATES).int8(true).cacheFile(cache)
                    .build();
            System.out.printf(Locale.ROOT, "HNSW graph %s %s in %.1f s (%d MiB)%n",
                    index.fromCache() ? "read from" : "built and written to", cache, index.buildSeconds(),
                    index.graphBytes() >> 20);
            if (!brief) {
                overlap(world, index);
            }
        }
        RecommendationService service = ServeMain.twoArms(world, deadline, 0, index);
        t0 = System.nanoTime();
        service.warmUp(retrieval.equals("hnsw") ? 5000 : 500);
        System.out.printf(Locale.ROOT, "warm-up: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        try (MachineStalls rest = new MachineStalls()) {
            Thread.sleep(5000);
            section("the machine at rest, 5 s");
            System.out.println("  " + rest.line());
        }
        int[] users = LoadGenerator.zipfUsers(10_000, 0.8, 1 << 16, 1);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        LoadClient client = LoadClient.create();
        ServerConfig config = ServerConfig.defaults().withMaxConcurrent(concurrency).withMaxQueued(SATURATION_QUEUE)
                .withWorkerNice(true);
        // the saturation runs keep one request more in flight than there are workers, on both sides (the in-process
        // pool queues it as the server does): with exactly as many users as workers, a served worker idled while
        // its client's next request crossed the loopback (the cores idle 5-17% of each served run, by vmstat,
        // against 0% in-process), and the ratio measured those hand-offs rather than the service's capacity
        int satUsers = config.admissionLimit();
        try (RecommendationServer server = RecommendationServer.start(service, config)) {
            LoadGenerator.Target inProcess = LoadGenerator.inProcess(service, users, 10, pool);
            LoadGenerator.Target served = LoadGenerator.http(client, server.uri(), users, 10);
            // warms the HTTP path, then the in-process one, until the JIT has stopped compiling: a fixed 5 s left it
            // compiling through the first served pair (0.3 s of compilation in a 5 s run, a served CPU per request
            // of 1.0 ms against 0.73 later, and that pair at 50-60% where the others gave 68-78%)
            warmUntilCompiled("the HTTP path", served, concurrency, 40);
            warmUntilCompiled("the in-process path", inProcess, concurrency, 20);

            // in-process and served runs alternate, pair by pair, so that a change in the machine's load (the host
            // takes up to a fifth of the cores here) moves both sides alike; at least six pairs, as the machine's
            // speed drifts by ±10-20% over tens of seconds and one pair alone ranged 62-82% in one run
            int pairs = Math.max(repeats, SATURATION_PAIRS);
            Cpu cpuIn = new Cpu().pause();
            Cpu cpuSrv = new Cpu().pause();
            LoadResult[] capIn = new LoadResult[pairs];
            LoadResult[] capSrv = new LoadResult[pairs];
            double[] pairRatio = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                cpuIn.resume();
                capIn[i] = LoadGenerator.closedLoop(inProcess, satUsers, seconds);
                cpuIn.pause();
                cpuSrv.resume();
                capSrv[i] = LoadGenerator.closedLoop(served, satUsers, seconds);
                cpuSrv.pause();
                pairRatio[i] = capSrv[i].throughput() / capIn[i].throughput();
            }
            String cpuInLine = cpuIn.perRequest(capIn);
            String cpuSrvLine = cpuSrv.perRequest(capSrv);
            double xIn = median(capIn, LoadResult::throughput);
            double xSrv = median(capSrv, LoadResult::throughput);
            section("saturation");
            System.out.printf(Locale.ROOT, "saturation throughput (closed loop, %d users: %d computing, %d "
                    + "waiting): in-process %.1f/s, served %.1f/s (runs: %s | %s)%n", satUsers, concurrency,
                    SATURATION_QUEUE, xIn, xSrv, list(capIn, LoadResult::throughput),
                    list(capSrv, LoadResult::throughput));
            System.out.printf(Locale.ROOT, "  p50/p99 at saturation: in-process %.2f/%.2f ms, served %.2f/%.2f ms%n",
                    median(capIn, LoadResult::p50), median(capIn, LoadResult::p99), median(capSrv, LoadResult::p50),
                    median(capSrv, LoadResult::p99));
            System.out.println("  CPU per request, in-process: " + cpuInLine);
            System.out.println("  CPU per request, served:     " + cpuSrvLine);
            String ratios = Arrays.stream(pairRatio).mapToObj(r -> String.format(Locale.ROOT, "%.0f%%", 100 * r))
                    .collect(java.util.stream.Collectors.joining(", "));
            verdict("served saturation throughput ≥ 70% of in-process",
                    String.format(Locale.ROOT, "%.1f/s = %.0f%% of %.1f/s (medians; runs %s | %s; pair by pair %s)",
                            xSrv, 100 * xSrv / xIn, xIn, list(capIn, LoadResult::throughput),
                            list(capSrv, LoadResult::throughput), ratios), xSrv >= 0.7 * xIn);

            LoadResult[] idleIn = repeat(repeats, () -> LoadGenerator.closedLoop(inProcess, 1, seconds));
            LoadResult[] idleSrv = repeat(repeats, () -> LoadGenerator.closedLoop(served, 1, seconds));
            double p99IdleSrv = median(idleSrv, LoadResult::p99);
            section("unloaded");
            System.out.printf(Locale.ROOT, "unloaded (1 user): in-process p50 %.2f ms, p99 %.2f ms; served p50 %.2f ms,"
                            + " p99 %.2f ms (served p99 runs: %s)%n", median(idleIn, LoadResult::p50),
                    median(idleIn, LoadResult::p99), median(idleSrv, LoadResult::p50), p99IdleSrv,
                    list(idleSrv, LoadResult::p99));

            double half = xSrv / 2;
            // -Dserving.overloadRate=R: the overload run at R/s instead of twice this run's saturation, so that an A/B
            // across JVMs offers each the same load
            double twice = Double.parseDouble(System.getProperty("serving.overloadRate", Double.toString(2 * xSrv)));
            if (brief) {
                overload(server, served, twice, p99IdleSrv, deadline);
                BenchStats.end();
                return;
            }
            LoadResult[] halfIn = repeat(repeats, () -> LoadGenerator.openLoop(inProcess, half, seconds));
            LoadResult[] halfSrv = repeat(repeats, () -> LoadGenerator.openLoop(served, half, seconds));
            double p99HalfIn = median(halfIn, LoadResult::p99);
            double p99HalfSrv = median(halfSrv, LoadResult::p99);
            section("half saturation");
            System.out.printf(Locale.ROOT, "open loop at %.1f/s (half the served saturation): in-process p50 %.2f ms, "
                            + "p99 %.2f ms; served p50 %.2f ms, p99 %.2f ms (p99 runs: %s | %s)%n", half,
                    median(halfIn, LoadResult::p50), p99HalfIn, median(halfSrv, LoadResult::p50), p99HalfSrv,
                    list(halfIn, LoadResult::p99), list(halfSrv, LoadResult::p99));
            verdict("served p99 at half saturation ≤ 2 × in-process p99 at the same rate",
                    String.format(Locale.ROOT, "%.2f ms vs 2 × %.2f ms", p99HalfSrv, p99HalfIn),
                    p99HalfSrv <= 2 * p99HalfIn);

            overload(server, served, twice, p99IdleSrv, deadline);
            niceAB(service, config, users, twice);
            ModelBundle v1 = service.model("control");
            ModelBundle v1b = SyntheticBundle.of(world, v1.version() + "b", 0.7, 0.3, 43, index);
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
            section("model swap");
            System.out.printf(Locale.ROOT, "model swap every 100 ms under %.1f/s: %d swaps, %s%n", half, swaps.get(),
                    swap);
            verdict("a model swap under load fails no request", swap.errors() + swap.lost() + " failed, "
                    + swap.shed() + " shed", swap.errors() + swap.lost() == 0);

            long before = service.events().count();
            AtomicLong acknowledged = new AtomicLong();
            URI events = server.uri().resolve("events");
            LoadGenerator.Target post = i -> client.post(events, "application/json", batch(i, 50)).thenApply(r -> {
                if (r.status() == 200) {
                    acknowledged.addAndGet(50);
                }
                return r.status();
            });
            LoadResult ev = LoadGenerator.openLoop(post, 400, seconds);
            long recorded = service.events().count() - before;
            section("events");
            System.out.printf(Locale.ROOT, "events: %d batches of 50 at 400/s: %d acknowledged, %d recorded "
                    + "(%.0f events/s), batch p99 %.2f ms%n", ev.sent(), acknowledged.get(), recorded,
                    recorded / ev.seconds(), ev.p99());
            verdict("after a run that sends N events the service has recorded exactly N",
                    acknowledged.get() + " acknowledged of " + ev.sent() * 50 + " sent, " + recorded + " recorded",
                    recorded == acknowledged.get() && acknowledged.get() == ev.sent() * 50);
        } finally {
            pool.shutdown();
        }
        BenchStats.end();
    }

    /** Twice the saturation throughput, offered open-loop for 10 s: the overload targets' figures. */
    private static void overload(RecommendationServer server, LoadGenerator.Target served, double twice,
                                 double p99IdleSrv, double deadline) {
        server.insideTimes(); // starts the service's own histograms afresh
        Cpu cpuOver = new Cpu();
        Pauses pauses = new Pauses();
        MachineStalls stalls = new MachineStalls();
        LoadResult over = LoadGenerator.openLoop(served, twice, 10);
        stalls.close();
        String cpuOverLine = cpuOver.perRequest(over);
        String pauseLine = pauses.line(over.sent());
        pauses.close();
        RecommendationServer.InsideTimes inside = server.insideTimes();
        section("twice saturation");
        System.out.printf(Locale.ROOT, "open loop at %.1f/s (twice saturation) for 10 s: %d sent, %d answered "
                        + "(%.1f/s), %d shed (%.0f%%), %d errors, %d lost%n", twice, over.sent(), over.ok(),
                over.throughput(), over.shed(), 100 * over.shedRate(), over.errors(), over.lost());
        System.out.printf(Locale.ROOT, "  client side: answered p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                over.p50(), over.p99(), over.maxMillis());
        System.out.printf(Locale.ROOT, "  shed, the %d of %d sent on time (≤ %.0f ms late), send → 503: p50 "
                        + "%.2f ms, p99 %.2f ms, max %.2f ms%n", over.shedOnTime(), over.shed(),
                LoadGenerator.ON_TIME_MILLIS, over.shedOnTimeMillis(50), over.shedOnTimeMillis(99),
                over.shedOnTimeMaxMillis());
        System.out.printf(Locale.ROOT, "  shed, all %d, due → 503 (the generator's lateness included): p50 "
                        + "%.2f ms, p99 %.2f ms, max %.2f ms%n", over.shed(), over.shedMillis(50), over.shedMillis(99),
                over.shedMaxMillis());
        System.out.printf(Locale.ROOT, "  inside the service (parsed → written): answered p50 %.2f ms, p99 %.2f ms,"
                        + " max %.2f ms; shed p50 %.3f ms, p99 %.3f ms, max %.3f ms; deadline timer lead now "
                        + "%.2f ms%n", ms(inside.answered(), 50), ms(inside.answered(), 99),
                ms(inside.answered(), 100), ms(inside.shed(), 50), ms(inside.shed(), 99), ms(inside.shed(), 100),
                server.lead() / 1e6);
        System.out.printf(Locale.ROOT, "  the generator's own lateness (due → sent): p50 %.2f ms, p99 %.2f ms, max "
                + "%.2f ms%n", over.sendLateMillis(50), over.sendLateMillis(99), over.sendLateMaxMillis());
        System.out.println("  CPU per request offered: " + cpuOverLine);
        System.out.println("  GC: " + pauseLine);
        System.out.println("  the machine meanwhile: " + stalls.line());
        verdict("at 2× saturation, answered p99 ≤ 3 × unloaded p99",
                String.format(Locale.ROOT, "%.2f ms vs 3 × %.2f ms", over.p99(), p99IdleSrv),
                over.p99() <= 3 * p99IdleSrv);
        // Timed from each request's send, over those the generator sent on time: a request it sent late was
        // late before the service saw it. The due-based and in-service figures stand beside it, so what this
        // leaves out stays in view (the share sent late, and how late).
        verdict("at 2× saturation, every shed request answered in < 5 ms",
                String.format(Locale.ROOT, "%d shed on time, send → 503: median %.2f ms, p99 %.2f ms, slowest "
                                + "%.2f ms; all %d shed, due → 503: p99 %.2f ms, slowest %.2f ms; inside the "
                                + "service: slowest %.3f ms; %d of the on-time sheds over 5 ms, while the machine "
                                + "stalled an idle thread by more than 5 ms %d times", over.shedOnTime(),
                        over.shedOnTimeMillis(50), over.shedOnTimeMillis(99), over.shedOnTimeMaxMillis(), over.shed(),
                        over.shedMillis(99), over.shedMaxMillis(), ms(inside.shed(), 100), over.shedOnTimeSlowerThan(5),
                        stalls.lateBy(5)),
                over.shedOnTime() > 0 && over.shedOnTimeMaxMillis() < 5);
        verdict("at 2× saturation, no request exceeds the deadline",
                String.format(Locale.ROOT, "client side: answered median %.2f ms, p99 %.2f ms, slowest %.2f ms; "
                                + "inside the service: slowest %.2f ms; deadline %.0f ms", over.p50(), over.p99(),
                        over.maxMillis(), ms(inside.answered(), 100), deadline),
                over.maxMillis() <= deadline && over.lost() == 0);
    }

    /**
     * Twice the saturation load on servers whose workers run at nice 0 and at nice {@value ServerConfig#WORKER_NICE},
     * alternating, twice each for 5 s: what {@link ServerConfig#workerNice} does to the sheds and the answers; and
     * to the closed-loop saturation throughput, measured on each server just before.
     */
    private static void niceAB(RecommendationService service, ServerConfig config, int[] users, double rate) {
        section("workers at nice 0 vs nice " + ServerConfig.WORKER_NICE + ", open loop at " + Math.round(rate) + "/s");
        for (int rep = 0; rep < 2; rep++) {
            for (boolean nice : new boolean[] {false, true}) {
                try (LoadClient client = LoadClient.create();
                     RecommendationServer server = RecommendationServer.start(service, config.withWorkerNice(nice))) {
                    LoadGenerator.Target t = LoadGenerator.http(client, server.uri(), users, 10);
                    LoadGenerator.closedLoop(t, config.admissionLimit(), 0.5); // its workers reniced and warm
                    // what the nice value does to the saturation throughput (the 70% target), beside the sheds
                    double saturation = LoadGenerator.closedLoop(t, config.admissionLimit(), 3).throughput();
                    Cpu cpu = new Cpu();
                    LoadResult r;
                    try (MachineStalls stalls = new MachineStalls()) {
                        r = LoadGenerator.openLoop(t, rate, 5);
                        System.out.printf(Locale.ROOT, "  nice %2d: saturation %.1f/s (closed loop, 3 s); %d shed (%d "
                                        + "on time): on-time shed p99 %.2f ms, max %.2f ms, %d over 5 ms (machine "
                                        + "stalls over 5 ms: %d); answered %.1f/s, p99 %.2f ms; load %s; CPU %s%n",
                                nice ? ServerConfig.WORKER_NICE : 0, saturation, r.shed(), r.shedOnTime(),
                                r.shedOnTimeMillis(99),
                                r.shedOnTimeMaxMillis(), r.shedOnTimeSlowerThan(5), stalls.lateBy(5), r.throughput(),
                                r.p99(), BenchStats.loadAverage(), cpu.perRequest(r));
                    }
                }
            }
        }
    }

    /** Requests the benchmark's server admits to wait for a worker ({@link ServerConfig#maxQueued}). */
    private static final int SATURATION_QUEUE = 1;

    /** The fewest in-process / served pairs the saturation section runs. */
    private static final int SATURATION_PAIRS = 6;

    /** Compilation time (ms) in a 2 s block of the warm-up below which the JIT counts as settled: 2% of it. */
    private static final long SETTLED_JIT_MILLIS = 40;

    /**
     * Runs {@code target} closed-loop in blocks of 2 s until a block in which the JIT compiled for less than
     * {@link #SETTLED_JIT_MILLIS}, or for {@code maxSeconds}, and prints how long that took.
     */
    private static void warmUntilCompiled(String what, LoadGenerator.Target target, int users, double maxSeconds) {
        var jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long compiledBefore = jit.getTotalCompilationTime();
        long block;
        double elapsed;
        do {
            long before = jit.getTotalCompilationTime();
            LoadGenerator.closedLoop(target, users, 2);
            block = jit.getTotalCompilationTime() - before;
            elapsed = (System.nanoTime() - start) / 1e9;
        } while (block >= SETTLED_JIT_MILLIS && elapsed < maxSeconds);
        System.out.printf(Locale.ROOT, "warm-up of %s: %.0f s, the JIT compiling for %d ms of it (%d ms in the last "
                + "2 s%s)%n", what, elapsed, jit.getTotalCompilationTime() - compiledBefore, block,
                block >= SETTLED_JIT_MILLIS ? ", still compiling: the limit of " + (int) maxSeconds + " s ended it"
                        : "");
    }

    private static void section(String name) {
        System.out.println("## " + name + " (load average " + BenchStats.loadAverage() + ")");
    }

    private static double ms(org.HdrHistogram.Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN
                : (percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile)) / 1e3;
    }

    /**
     * CPU time this JVM's threads spend between its creation and {@link #perRequest}, by kind of thread (each
     * thread's own CPU clock, so other processes' work does not count): the server's workers, its I/O threads and
     * deadline timer, the HTTP client's threads, the in-process executor, the load generator (a closed loop's users
     * read their clocks as they end: {@link LoadResult#userCpuNanos}), and, read from {@code /proc/self/task} on
     * Linux, the JVM's own JIT compiler and GC threads, which have no Java thread to ask.
     */
    private static final class Cpu {
        private static final String[] KINDS = {"server workers", "server I/O", "deadline timer", "load client",
            "in-process pool", "load generator", "JIT", "GC and VM threads", "other"};
        private static final int JIT = 6;
        private static final int GC = 7;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final long[] start;
        private long processStart;
        private long gcStart;
        /** Where {@link #pause} stopped the count, or null while it counts. */
        private long[] pausedAt;
        private long processPausedAt;
        private long gcPausedAt;

        Cpu() {
            start = byKind();
            processStart = processCpu();
            gcStart = gcMillis();
        }

        /** Stops counting (the runs of a peer come next), until {@link #resume}. */
        Cpu pause() {
            pausedAt = byKind();
            processPausedAt = processCpu();
            gcPausedAt = gcMillis();
            return this;
        }

        /** Counts again, leaving out what was spent since {@link #pause}. */
        void resume() {
            long[] now = byKind();
            for (int i = 0; i < start.length; i++) {
                start[i] += now[i] - pausedAt[i];
            }
            processStart += processCpu() - processPausedAt;
            gcStart += gcMillis() - gcPausedAt;
            pausedAt = null;
        }

        private static long gcMillis() {
            long t = 0;
            for (java.lang.management.GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (!g.getName().contains("Cycles")) { // ZGC's and Shenandoah's concurrent cycles are no pauses
                    t += Math.max(0, g.getCollectionTime());
                }
            }
            return t;
        }

        private static int kind(String name) {
            if (name.startsWith("recsys-worker")) {
                return 0;
            } else if (name.startsWith("XNIO")) {
                return 1;
            } else if (name.startsWith("recsys-deadline")) {
                return 2;
            } else if (name.startsWith("HttpClient") || name.startsWith("recsys-http")
                    || name.startsWith("recsys-load-client")) {
                return 3;
            } else if (name.startsWith("pool-")) {
                return 4;
            } else if (name.startsWith("load-user") || name.equals("main")) {
                return 5;
            }
            return KINDS.length - 1;
        }

        /** The JVM's own threads by their OS names (HotSpot's: "C2 CompilerThre", "G1 Conc#0", "ZWorker#1", …). */
        private static int vmKind(String comm) {
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                return JIT;
            } else if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")
                    || comm.startsWith("Shenandoah") || comm.matches("Z[A-Z][a-z]+.*")) {
                return GC;
            }
            return -1;
        }

        private long[] byKind() {
            long[] t = new long[KINDS.length];
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null) {
                    long c = threads.getThreadCpuTime(info.getThreadId());
                    if (c > 0) {
                        t[kind(info.getThreadName())] += c;
                    }
                }
            }
            java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
            for (java.io.File task : tasks == null ? new java.io.File[0] : tasks) {
                try {
                    int k = vmKind(java.nio.file.Files.readString(task.toPath().resolve("comm")).strip());
                    if (k >= 0) { // schedstat's first field: nanoseconds on a core
                        t[k] += Long.parseLong(java.nio.file.Files.readString(task.toPath().resolve("schedstat"))
                                .split(" ")[0]);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile, or no schedstat: its time stays in "unattributed"
                }
            }
            return t;
        }

        private static long processCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** CPU milliseconds per request sent, the whole process's and by kind of thread (those above 1%). */
        String perRequest(LoadResult... runs) {
            long n = 0;
            long users = 0;
            for (LoadResult r : runs) {
                n += r.sent();
                users += r.userCpuNanos();
            }
            long[] end = pausedAt != null ? pausedAt.clone() : byKind();
            end[5] += users;
            long processEnd = pausedAt != null ? processPausedAt : processCpu();
            long gcEnd = pausedAt != null ? gcPausedAt : gcMillis();
            double process = (processEnd - processStart) / 1e6 / Math.max(1, n);
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.3f ms (whole process, %d requests)",
                    process, n));
            double attributed = 0;
            for (int i = 0; i < KINDS.length; i++) {
                double ms = Math.max(0, end[i] - start[i]) / 1e6 / Math.max(1, n);
                attributed += ms;
                if (ms > 0.01 * process) {
                    b.append(String.format(Locale.ROOT, "; %s %.3f", KINDS[i], ms));
                }
            }
            // What is left: threads that ended during the run (a JIT compiler thread the JVM retired, the JDK's
            // pooled threads), and the clocks' differing granularity.
            b.append(String.format(Locale.ROOT, "; unattributed %.3f (GC pauses %.3f)",
                    Math.max(0, process - attributed), (gcEnd - gcStart) / (double) Math.max(1, n)));
            return b.toString();
        }
    }

    /**
     * The stop-the-world GC pauses during a run, from the collectors' notifications: how many, the longest and
     * their total, and the heap allocated per request (the JVM's allocation counters of every live thread).
     */
    private static final class Pauses implements javax.management.NotificationListener, AutoCloseable {
        private final java.util.List<Long> millis = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        private final java.util.List<javax.management.NotificationEmitter> emitters = new java.util.ArrayList<>();
        private final long allocatedStart = allocated();

        Pauses() {
            for (java.lang.management.GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
                // ZGC's and Shenandoah's "… Cycles" beans report concurrent cycles, not pauses
                if (g instanceof javax.management.NotificationEmitter e && !g.getName().contains("Cycles")) {
                    e.addNotificationListener(this, null, null);
                    emitters.add(e);
                }
            }
        }

        private static long allocated() {
            com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (long id : t.getAllThreadIds()) {
                sum += Math.max(0, t.getThreadAllocatedBytes(id));
            }
            return sum;
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) n.getUserData());
                millis.add(info.getGcInfo().getDuration());
            }
        }

        /** "n pauses, longest x ms, total y ms; z KB allocated per request" over {@code requests}. */
        String line(long requests) {
            long max = 0;
            long total = 0;
            synchronized (millis) {
                for (long m : millis) {
                    max = Math.max(max, m);
                    total += m;
                }
            }
            return String.format(Locale.ROOT, "%d pauses (%s), longest %d ms, total %d ms; %.1f KB allocated per "
                            + "request (threads alive at the end)", millis.size(), gcName(), max, total,
                    (allocated() - allocatedStart) / 1024.0 / Math.max(1, requests));
        }

        @Override
        public void close() {
            for (javax.management.NotificationEmitter e : emitters) {
                try {
                    e.removeNotificationListener(this);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // not registered: nothing to remove
                }
            }
        }
    }

    /** The collectors this JVM runs, by name ("G1 Young Generation, G1 Old Generation", "ZGC Pauses, …"). */
    static String gcName() {
        StringBuilder b = new StringBuilder();
        for (java.lang.management.GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            b.append(b.length() == 0 ? "" : ", ").append(g.getName());
        }
        return b.toString();
    }

    /**
     * How many of the exact blend's top-200 items the approximate blend returns, averaged over 50 users: what
     * serving from the index gives up against a pass over the whole catalog.
     */
    private static void overlap(World world, HnswIndex index) {
        CosinePopularityBlend exact = new CosinePopularityBlend(world);
        int k = SyntheticBundle.CANDIDATES;
        int users = 50;
        org.recsysbook.core.ScoredItems[] truth = new org.recsysbook.core.ScoredItems[users];
        BenchStats exactTime = new BenchStats("  exact blend top-" + k);
        for (int u = 0; u < users; u++) {
            long t = System.nanoTime();
            truth[u] = exact.generate(world.userVector(u), k);
            exactTime.add(System.nanoTime() - t);
        }
        exactTime.print();
        int[][] settings = {{SyntheticBundle.ANN_NEAREST, 0},
            {SyntheticBundle.ANN_NEAREST, SyntheticBundle.ANN_MAX_POPULAR}, {SyntheticBundle.ANN_NEAREST, 5000},
            {1000, 5000}};
        for (int[] st : settings) {
            org.recsysbook.retrieval.ApproximateBlend approx = new org.recsysbook.retrieval.ApproximateBlend(world,
                    index, CosinePopularityBlend.CHAPTER_COSINE_WEIGHT, CosinePopularityBlend.CHAPTER_POPULARITY_WEIGHT,
                    st[0], st[1]);
            BenchStats time = new BenchStats(String.format(Locale.ROOT, "  approximate: %d nearest, ≤ %d popular",
                    st[0], st[1]));
            double shared = 0;
            long popular = 0;
            for (int rep = 0; rep < 2; rep++) { // the first pass warms the code up
                for (int u = 0; u < users; u++) {
                    long t = System.nanoTime();
                    org.recsysbook.retrieval.ApproximateBlend.Result r = approx.generateCounting(world.userVector(u),
                            k);
                    long nanos = System.nanoTime() - t;
                    if (rep == 0) {
                        continue;
                    }
                    time.add(nanos);
                    popular += r.popularScored();
                    java.util.Set<Integer> ids = new java.util.HashSet<>();
                    for (int i = 0; i < truth[u].size(); i++) {
                        ids.add(truth[u].id(i));
                    }
                    for (int i = 0; i < r.candidates().size(); i++) {
                        shared += ids.contains(r.candidates().id(i)) ? 1 : 0;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%s; recall@%d against the exact blend %.3f, popular items scored %.0f per "
                    + "request%n", time.line(), k, shared / users / k, (double) popular / users);
        }
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
}
