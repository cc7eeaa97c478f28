package org.recsysbook.serving;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The service's counters and latency histograms, kept in a Micrometer registry and scraped by {@code GET /metrics}
 * in Prometheus' text format: requests by arm and path, errors by reason, shed requests, events by type and arm,
 * the candidate cache's hits and misses, requests in flight, and a latency histogram per stage and for the whole
 * request. A small HdrHistogram window (the last few seconds) feeds the demo page's live panel.
 */
public final class ServingMetrics {
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer[] stageTimers = new Timer[Stage.values().length];
    private final Timer requestTimer;
    private final Counter shed;
    private final Timer shedTimer;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder[]> eventsByArm = new LinkedHashMap<>();
    private final Recorder recent = new Recorder(3);
    private final Deque<Long> windowStarts = new ArrayDeque<>();
    private long lastSnapshot = System.nanoTime();
    private final Deque<Histogram> window = new ArrayDeque<>();

    ServingMetrics(List<String> arms) {
        for (Stage s : Stage.values()) {
            stageTimers[s.ordinal()] = latencyTimer("recsys.stage.latency", "stage", s.key());
        }
        requestTimer = latencyTimer("recsys.request.latency", "scope", "service");
        shed = Counter.builder("recsys.shed").description("requests refused with 503 at the concurrency limit")
                .register(registry);
        shedTimer = latencyTimer("recsys.request.latency", "scope", "shed");
        cacheHits = Counter.builder("recsys.cache").tag("result", "hit").register(registry);
        cacheMisses = Counter.builder("recsys.cache").tag("result", "miss").register(registry);
        Gauge.builder("recsys.cache.hit.ratio", this, ServingMetrics::cacheHitRate)
                .description("share of candidate look-ups answered by the cache").register(registry);
        Gauge.builder("recsys.in.flight", inFlight, AtomicInteger::get)
                .description("requests being computed now").register(registry);
        for (String arm : arms) {
            eventsByArm.put(arm, new LongAdder[] {new LongAdder(), new LongAdder()});
        }
    }

    private Timer latencyTimer(String name, String tag, String value) {
        return Timer.builder(name).tag(tag, value).publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofNanos(50_000))
                .maximumExpectedValue(java.time.Duration.ofSeconds(2)).register(registry);
    }

    void stage(Stage stage, long nanos) {
        stageTimers[stage.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    }

    void answered(Answer a, long nanos) {
        requests.increment();
        registry.counter("recsys.requests", "arm", a.arm(), "path", a.path().key()).increment();
        requestTimer.record(nanos, TimeUnit.NANOSECONDS);
        recent.recordValue(Math.max(1, nanos / 1000));
    }

    void cache(boolean hit) {
        (hit ? cacheHits : cacheMisses).increment();
    }

    void shed(long nanos) {
        shed.increment();
        shedTimer.record(nanos, TimeUnit.NANOSECONDS);
    }

    void error(String reason) {
        errors.increment();
        registry.counter("recsys.errors", "reason", reason).increment();
    }

    void events(List<Event> batch) {
        for (Event e : batch) {
            registry.counter("recsys.events", "type", e.type().name().toLowerCase(java.util.Locale.ROOT),
                    "arm", e.arm()).increment();
            LongAdder[] c = eventsByArm.get(e.arm());
            if (c != null) {
                c[e.type().ordinal()].increment();
            }
        }
    }

    int enter() {
        return inFlight.incrementAndGet();
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    /** The metrics in Prometheus' text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    /** The Micrometer registry (to add meters or read them). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The slowest shed request inside the service (from its parsing to the decision to refuse it), in milliseconds. */
    public double shedMaxMillis() {
        return shedTimer.max(TimeUnit.NANOSECONDS) / 1e6;
    }

    /**
     * The slowest answer sent (over HTTP: from parsing the request to handing the answer to the socket; in process:
     * the funnel's time), in milliseconds.
     */
    public double answerMaxMillis() {
        return requestTimer.max(TimeUnit.NANOSECONDS) / 1e6;
    }

    /** Requests answered (any path). */
    public long requests() {
        return requests.sum();
    }

    /** Requests refused at the concurrency limit. */
    public long shedCount() {
        return (long) shed.count();
    }

    /** Requests answered with an error (4xx or 5xx). */
    public long errors() {
        return errors.sum();
    }

    /** Share of candidate look-ups the cache answered, 0 before the first. */
    public double cacheHitRate() {
        double h = cacheHits.count();
        double m = cacheMisses.count();
        return h + m == 0 ? 0 : h / (h + m);
    }

    /** Candidate look-ups answered by the cache. */
    public long cacheHits() {
        return (long) cacheHits.count();
    }

    /** Events recorded for one arm: {impressions, clicks}. */
    public long[] events(String arm) {
        LongAdder[] c = eventsByArm.get(arm);
        return c == null ? new long[2] : new long[] {c[0].sum(), c[1].sum()};
    }

    /** The arms events are counted for. */
    public List<String> arms() {
        return List.copyOf(eventsByArm.keySet());
    }

    /**
     * The service-side latency of the requests answered in the last five seconds: {requests per second, p50 ms,
     * p99 ms, count}.
     */
    public synchronized double[] recent() {
        long now = System.nanoTime();
        window.addLast(recent.getIntervalHistogram());
        windowStarts.addLast(lastSnapshot);
        lastSnapshot = now;
        while (windowStarts.size() > 1 && now - windowStarts.peekFirst() > WINDOW_NANOS) {
            windowStarts.removeFirst();
            window.removeFirst();
        }
        Histogram all = new Histogram(3);
        for (Histogram x : window) {
            all.add(x);
        }
        long n = all.getTotalCount();
        double span = Math.max(1e-3, (now - windowStarts.peekFirst()) / 1e9);
        return new double[] {n / span, n == 0 ? 0 : all.getValueAtPercentile(50) / 1000.0,
                n == 0 ? 0 : all.getValueAtPercentile(99) / 1000.0, n};
    }
}
