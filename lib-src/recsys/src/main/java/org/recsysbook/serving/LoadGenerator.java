package org.recsysbook.serving;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import org.HdrHistogram.Recorder;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.recsysbook.core.UserContext;

/**
 * A load generator for the service, open-loop or closed-loop, recording latencies in HdrHistograms.
 *
 * <ul>
 *   <li>{@link #openLoop}: requests are due at a fixed rate, one every 1/rate seconds, whatever the answers do; a
 *       request's latency runs from when it was due, not from when it was sent, so if the generator or the service
 *       falls behind, the wait counts (this avoids coordinated omission, where a stalled client stops sending and
 *       the stall never shows in its figures). This is how independent users arrive at a real service.</li>
 *   <li>{@link #closedLoop}: N users, each sending its next request as soon as its last one is answered: the
 *       offered load adapts to the service, so it measures capacity, but it hides queueing.</li>
 * </ul>
 * A {@link Target} is what one request does: an HTTP call ({@link #http}) or a call into the service in this JVM
 * ({@link #inProcess}), so the same generator measures both and their difference is what HTTP and JSON cost.
 */
public final class LoadGenerator {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

    /**
     * How late (ms) an open loop's request may leave the generator and still count as sent on time: the requests
     * whose shed latency {@link LoadResult#shedOnTimeMillis} measures from their send.
     */
    public static final double ON_TIME_MILLIS = 1.0;
    private static final long ON_TIME_NANOS = (long) (ON_TIME_MILLIS * 1e6);

    private LoadGenerator() {
    }

    /** One request of a run: sends request number {@code i} and completes with its HTTP status (200, 503, …). */
    @FunctionalInterface
    public interface Target {
        CompletableFuture<Integer> send(long i);
    }

    /** The thread group of the clients' threads: a child of the JVM's top group, outside any caller's group. */
    private static final ThreadGroup CLIENT_THREADS = clientThreads();

    private static ThreadGroup clientThreads() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return new ThreadGroup(g, "recsys-http");
    }

    /**
     * Starts a daemon thread for a client in the clients' thread group (see {@link #client()} for why a group of its
     * own).
     */
    static Thread clientThread(Runnable body, String name) {
        Thread t = new Thread(CLIENT_THREADS, body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * The JDK's HTTP client for single requests and light loads: HTTP/1.1, 5 s to connect. For load runs,
     * {@link LoadClient} costs far less CPU per request (on two cores, this client's cost per request is about that
     * of the service's whole HTTP path) and never resends a request; {@link #http(LoadClient, URI, int[], int)}.
     *
     * <p>Its threads (the selector and the workers) live in a thread group of their own, created on a thread of that
     * group. The reason is JShell: its in-process execution starts each cell on a thread of its group and then joins
     * every thread of that group it finds alive, so a thread that a cell starts in its first instants (before that
     * look) and that outlives the cell, as an HTTP client's selector does, makes the cell wait for ever. On a busy
     * machine the cell's thread can get that far before the look; one notebook run hung so.
     */
    public static HttpClient client() {
        AtomicLong n = new AtomicLong();
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(CLIENT_THREADS, r, "recsys-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient[] client = new HttpClient[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread maker = new Thread(CLIENT_THREADS, () -> {
            try {
                client[0] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "recsys-http-maker");
        maker.start();
        try {
            maker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making an HTTP client", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return client[0];
    }

    /**
     * {@code GET base/recommendations?user=…&k=…} for user {@code users[i % users.length]} through the lean
     * {@link LoadClient}, answers read and discarded; a request whose connection fails is not sent again.
     */
    public static Target http(LoadClient client, URI base, int[] users, int k) {
        checkUsers(users);
        return http(client, base, i -> "recommendations?user=" + users[(int) (i % users.length)] + "&k=" + k);
    }

    /** {@code GET base/path(i)} through the lean {@link LoadClient}, answers read and discarded. */
    public static Target http(LoadClient client, URI base, LongFunction<String> path) {
        if (client == null || base == null || path == null) {
            throw new IllegalArgumentException("client, base and path must not be null");
        }
        return i -> client.get(base.resolve(path.apply(i)));
    }

    /**
     * {@code GET base/recommendations?user=…&k=…} for user {@code users[i % users.length]} through the JDK's client,
     * answers read and discarded. (The JDK's client sends a GET again, once, when its connection turns out to be
     * closed before the answer, so the service may compute it twice.)
     */
    public static Target http(HttpClient client, URI base, int[] users, int k) {
        checkUsers(users);
        return http(client, base, i -> "recommendations?user=" + users[(int) (i % users.length)] + "&k=" + k);
    }

    /** {@code GET base/path(i)}, answers read and discarded; 10 s per request at most. */
    public static Target http(HttpClient client, URI base, LongFunction<String> path) {
        if (client == null || base == null || path == null) {
            throw new IllegalArgumentException("client, base and path must not be null");
        }
        return i -> client.sendAsync(HttpRequest.newBuilder(base.resolve(path.apply(i)))
                                .timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    /**
     * {@link RecommendationService#recommend} for user {@code users[i % users.length]} on {@code executor}, in
     * this JVM: the funnel without HTTP. Completes with 200.
     */
    public static Target inProcess(RecommendationService service, int[] users, int k, Executor executor) {
        checkUsers(users);
        if (service == null || executor == null) {
            throw new IllegalArgumentException("service and executor must not be null");
        }
        return i -> CompletableFuture.supplyAsync(() -> {
            service.recommend(users[(int) (i % users.length)], k, UserContext.NONE, null);
            return 200;
        }, executor);
    }

    /**
     * {@code n} user ids drawn from a Zipf law over {@code 0 … users - 1} with exponent {@code exponent} (user 0
     * the most active), seeded: a few users ask often, as on a real service, which gives a cache something to do.
     */
    public static int[] zipfUsers(int users, double exponent, int n, long seed) {
        if (users < 1) {
            throw new IllegalArgumentException("users must be ≥ 1, got " + users);
        }
        if (!(exponent > 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("exponent must be a finite number > 0, got " + exponent);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be ≥ 1, got " + n);
        }
        int[] out = new ZipfDistribution(new Well19937c(seed), users, exponent).sample(n);
        for (int i = 0; i < n; i++) {
            out[i]--;
        }
        return out;
    }

    /**
     * Sends requests due at {@code rate} per second for {@code seconds}, then waits up to 10 s for the last answers.
     *
     * @param rate    requests per second, in (0, 100 000]
     * @param seconds how long to send, in (0, 600]
     */
    public static LoadResult openLoop(Target target, double rate, double seconds) {
        if (target == null) {
            throw new IllegalArgumentException("target must not be null");
        }
        if (!(rate > 0 && rate <= 100_000)) {
            throw new IllegalArgumentException("rate must be in (0, 100000] requests per second, got " + rate);
        }
        checkSeconds(seconds);
        Tally tally = new Tally();
        InFlight inFlight = new InFlight();
        long period = Math.max(1, Math.round(1e9 / rate));
        long n = Math.max(1, Math.round(rate * seconds));
        long start = System.nanoTime();
        inFlight.reset(start);
        for (long i = 0; i < n; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            while (wait > 0) {
                LockSupport.parkNanos(wait);
                wait = due - System.nanoTime();
            }
            long sentAt = System.nanoTime();
            long late = sentAt - due;
            tally.late(late);
            inFlight.change(+1, late);
            CompletableFuture<Integer> f;
            try {
                f = target.send(i);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            boolean onTime = late <= ON_TIME_NANOS;
            f.whenComplete((status, failure) -> {
                long now = System.nanoTime();
                tally.count(status, failure, Math.max(1, (now - due) / 1000));
                if (onTime) {
                    tally.onTime(status, failure, Math.max(1, (now - sentAt) / 1000));
                }
                inFlight.change(-1, 0);
            });
        }
        double sentSeconds = (n * period) / 1e9;
        long lost = drain(inFlight, 10);
        // L over the sending window: the requests still in flight after it belong to it too, so the area up to the
        // last answer is divided by the window (as λ and W are).
        return tally.result("open", rate, 0, sentSeconds, n, lost, inFlight.area() / (n * period));
    }

    /**
     * Runs {@code users} users for {@code seconds}, each sending its next request as soon as the last is answered
     * (a user waits at most 10 s for an answer).
     */
    public static LoadResult closedLoop(Target target, int users, double seconds) {
        if (target == null) {
            throw new IllegalArgumentException("target must not be null");
        }
        if (users < 1 || users > 1000) {
            throw new IllegalArgumentException("users must be in [1, 1000], got " + users);
        }
        checkSeconds(seconds);
        Tally tally = new Tally();
        AtomicLong next = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        AtomicLong userCpu = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(users);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        for (int u = 0; u < users; u++) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get() && System.nanoTime() < end) {
                        long i = next.getAndIncrement();
                        long s = System.nanoTime();
                        Integer status = null;
                        Throwable failure = null;
                        try {
                            status = target.send(i).get(10, TimeUnit.SECONDS);
                        } catch (java.util.concurrent.TimeoutException e) {
                            lost.incrementAndGet();
                            continue;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (Exception e) {
                            failure = e;
                        }
                        tally.count(status, failure, Math.max(1, (System.nanoTime() - s) / 1000));
                    }
                } finally {
                    // A thread's CPU clock ends with it: read it now, so that a benchmark can count the users' CPU.
                    long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    userCpu.addAndGet(Math.max(0, cpu));
                    done.countDown();
                }
            }, "load-user-" + u);
            t.setDaemon(true);
            t.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            stop.set(true);
            Thread.currentThread().interrupt();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return tally.result("closed", Double.NaN, users, elapsed, next.get(), lost.get(), users).withUserCpu(
                userCpu.get());
    }

    /** What a run counts: answered and shed requests with their latencies, and errors. Thread-safe. */
    private static final class Tally {
        private final Recorder ok = new Recorder(HIGHEST_MICROS, 3);
        private final Recorder shed = new Recorder(HIGHEST_MICROS, 3);
        private final AtomicLong okCount = new AtomicLong();
        private final AtomicLong shedCount = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final Recorder late = new Recorder(HIGHEST_MICROS, 3);
        private final Recorder shedOnTime = new Recorder(HIGHEST_MICROS, 3);
        private boolean lateRecorded;

        /** How late (ns) the generator sent a request of an open loop (called by the generator's thread only). */
        void late(long nanos) {
            lateRecorded = true;
            late.recordValue(Math.max(0, Math.min(nanos / 1000, HIGHEST_MICROS)));
        }

        /** A request sent on time ({@link #ON_TIME_MILLIS}), {@code micros} from its send to its answer. */
        void onTime(Integer status, Throwable failure, long micros) {
            if (failure == null && status != null && status == 503) {
                shedOnTime.recordValue(Math.min(micros, HIGHEST_MICROS));
            }
        }

        void count(Integer status, Throwable failure, long micros) {
            long v = Math.min(micros, HIGHEST_MICROS);
            if (failure == null && status != null && status >= 200 && status < 300) {
                ok.recordValue(v);
                okCount.incrementAndGet();
            } else if (failure == null && status != null && status == 503) {
                shed.recordValue(v);
                shedCount.incrementAndGet();
            } else {
                errors.incrementAndGet();
            }
        }

        LoadResult result(String mode, double rate, int users, double seconds, long sent, long lost,
                          double meanInFlight) {
            return new LoadResult(mode, rate, users, seconds, sent, okCount.get(), shedCount.get(), errors.get(), lost,
                    ok.getIntervalHistogram(), shed.getIntervalHistogram(), meanInFlight,
                    lateRecorded ? late.getIntervalHistogram() : null,
                    lateRecorded ? shedOnTime.getIntervalHistogram() : null);
        }
    }

    private static long drain(InFlight inFlight, double maxSeconds) {
        long until = System.nanoTime() + (long) (maxSeconds * 1e9);
        while (inFlight.count() > 0 && System.nanoTime() < until) {
            LockSupport.parkNanos(1_000_000);
        }
        return inFlight.count();
    }

    /**
     * The number of requests in flight and its integral over time (request-nanoseconds), kept exactly at every
     * change: the time-average number in the system, measured apart from the latencies.
     */
    private static final class InFlight {
        private long count;
        private long last;
        private double area;

        synchronized void reset(long now) {
            last = now;
        }

        /** A request enters (+1) or leaves (-1); one that enters {@code late} ns after it was due was waiting already. */
        synchronized void change(int delta, long late) {
            long now = System.nanoTime();
            area += (double) count * (now - last) + late;
            last = now;
            count += delta;
        }

        synchronized long count() {
            return count;
        }

        synchronized double area() {
            return area + (double) count * (System.nanoTime() - last);
        }
    }

    private static void checkSeconds(double seconds) {
        if (!(seconds > 0 && seconds <= 600)) {
            throw new IllegalArgumentException("seconds must be in (0, 600], got " + seconds);
        }
    }

    private static void checkUsers(int[] users) {
        if (users == null || users.length == 0) {
            throw new IllegalArgumentException("users must hold at least one user id, got "
                    + (users == null ? "null" : "an empty array"));
        }
    }
}
