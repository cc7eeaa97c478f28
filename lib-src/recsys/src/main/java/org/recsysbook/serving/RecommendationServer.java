package org.recsysbook.serving;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.recsysbook.core.UserContext;
import org.xnio.Options;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;

/**
 * The recommendation service over HTTP, on Undertow: {@code GET|POST /recommendations}, {@code POST /events},
 * {@code GET /health}, {@code GET /metrics} (Prometheus text), {@code GET /stats} (the demo page's live panel),
 * {@code GET /history?user=…} (what the user's model knows they watched: MovieLens ratings, none in the synthetic
 * world) and the demo page itself at {@code /}.
 *
 * <p>How a request flows. An I/O thread parses it and checks its parameters (400 with a JSON error naming the
 * parameter). On that same thread it then takes one of {@code maxConcurrent + maxQueued} permits, or is shed at once
 * with a precomputed 503 and {@code Retry-After: 1}: admission is a counter, the only queue is the
 * {@code maxQueued} admitted requests waiting for a worker, and a refusal needs no other thread, so it does not wait
 * for a worker or a core to come free. The funnel runs on one of
 * {@code maxConcurrent} worker threads while a timer waits for the request's deadline; whichever comes first
 * answers. The timer fires early by its {@link #lead()}: the measured cost of writing the fallback plus the timer's
 * measured lateness, so that the fallback is written by the deadline rather than begun at it. A funnel that loses
 * the race finishes and is dropped, and keeps its permit until then, so late work still counts against the
 * capacity. Bodies above {@code maxBodyBytes} get 413; a client that stalls while sending is cut off after
 * {@code requestTimeoutMillis}, and holds no worker meanwhile (bodies are read asynchronously on the I/O threads).
 *
 * <p>The time each answer and each refusal spent inside the service (from parsing to written) is kept in
 * HdrHistograms, read by {@link #insideTimes()}.
 */
public final class RecommendationServer implements AutoCloseable {
    /** The most events one {@code POST /events} may carry. */
    public static final int MAX_BATCH = 1000;
    /** The oldest event time {@code POST /events} accepts, relative to the server's clock. */
    static final long MAX_EVENT_AGE_MILLIS = 14L * 24 * 3600 * 1000;
    /** How far ahead of the server's clock an event time may be. */
    static final long MAX_CLOCK_SKEW_MILLIS = 60_000;

    private final RecommendationService service;
    private final ServerConfig config;
    private final Undertow undertow;
    private final ExecutorService workers;
    private final ExecutorService eventWriters = eventWriters();
    private final ScheduledThreadPoolExecutor timer;
    private final Semaphore permits;
    private final ResourceHandler page;
    private final InetSocketAddress address;
    private final long deadlineNanos;
    /** Decaying maxima of the fallback's cost (timer fired → answer written) and of the timer's lateness. */
    private final AtomicLong fallbackCost = new AtomicLong();
    private final AtomicLong timerLate = new AtomicLong();
    private final Recorder insideAnswered = new Recorder(HIGHEST_MICROS, 3);
    private final Recorder insideShed = new Recorder(HIGHEST_MICROS, 3);
    private final ByteBuffer shedBody;
    private static final long HIGHEST_MICROS = 120_000_000;
    private static final long PROBE_MILLIS = 100;

    static {
        // Undertow and XNIO log through JBoss Logging; routed to SLF4J (bound to its no-op logger here), their start-up
        // lines stay out of notebooks and test output.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
    }

    private RecommendationServer(RecommendationService service, ServerConfig config) {
        this.service = service;
        this.config = config;
        this.permits = new Semaphore(config.admissionLimit());
        AtomicInteger n = new AtomicInteger();
        boolean nice = config.workerNice();
        this.workers = Executors.newFixedThreadPool(config.maxConcurrent(), r -> {
            Thread t = new Thread(() -> {
                if (nice) { // before its first request: see ThreadNice for why
                    ThreadNice.setCurrent(ServerConfig.WORKER_NICE);
                }
                r.run();
            }, "recsys-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ((java.util.concurrent.ThreadPoolExecutor) workers).prestartAllCoreThreads();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "recsys-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlineNanos = (long) (service.budgets().deadlineMillis() * 1e6);
        this.shedBody = ByteBuffer.wrap(errorJson("overloaded", "", "", "the service is at its limit of "
                + config.maxConcurrent() + " requests at once" + (config.maxQueued() > 0 ? " and "
                + config.maxQueued() + " waiting" : "") + "; retry later").getBytes(StandardCharsets.UTF_8))
                .asReadOnlyBuffer();
        calibrate();
        long[] due = {System.nanoTime() + PROBE_MILLIS * 1_000_000};
        timer.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            observe(timerLate, now - due[0]);
            due[0] = now + PROBE_MILLIS * 1_000_000;
        }, PROBE_MILLIS, PROBE_MILLIS, TimeUnit.MILLISECONDS);
        this.page = Handlers.resource(new ClassPathResourceManager(RecommendationServer.class.getClassLoader(),
                "org/recsysbook/serving/page/")).setWelcomeFiles("index.html").setDirectoryListingEnabled(false);
        this.undertow = Undertow.builder()
                .addHttpListener(config.port(), config.host())
                .setIoThreads(config.ioThreads())
                .setWorkerThreads(2)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) config.maxBodyBytes())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, config.requestTimeoutMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, config.requestTimeoutMillis())
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, config.requestTimeoutMillis())
                .setSocketOption(Options.READ_TIMEOUT, config.requestTimeoutMillis())
                .setHandler(this::route)
                .build();
        undertow.start();
        this.address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    }

    /** Starts a server for {@code service}; it runs until {@link #close}. */
    public static RecommendationServer start(RecommendationService service, ServerConfig config) {
        if (service == null) {
            throw new IllegalArgumentException("service must not be null");
        }
        if (config == null) {
            throw new IllegalArgumentException("config must not be null; use ServerConfig.defaults()");
        }
        return new RecommendationServer(service, config);
    }

    /** Starts a server for {@code service} with {@link ServerConfig#defaults()} on {@code port} (0: any free). */
    public static RecommendationServer start(RecommendationService service, int port) {
        return start(service, ServerConfig.defaults().withPort(port));
    }

    /** The address it listens on, for example {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
    }

    public int port() {
        return address.getPort();
    }

    /** Requests admitted and not yet answered or dropped: computing, or waiting for a worker (with shedding on). */
    public int admitted() {
        return config.admissionLimit() - permits.availablePermits();
    }

    public RecommendationService service() {
        return service;
    }

    public ServerConfig config() {
        return config;
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        workers.shutdownNow();
        eventWriters.shutdownNow();
        undertow.stop();
    }

    // ---- routing -----------------------------------------------------------------------------------------------

    private void route(HttpServerExchange ex) throws Exception {
        try {
            String path = ex.getRequestPath();
            switch (path) {
                case "/recommendations" -> {
                    if (ex.getRequestMethod().equals(Methods.GET)) {
                        recommend(ex, queryParameters(ex));
                    } else if (ex.getRequestMethod().equals(Methods.POST)) {
                        withBody(ex, body -> recommend(ex, formParameters(body)));
                    } else {
                        methodNotAllowed(ex, "GET, POST");
                    }
                }
                case "/events" -> {
                    if (ex.getRequestMethod().equals(Methods.POST)) {
                        withBody(ex, body -> ex.dispatch(SameThreadExecutor.INSTANCE,
                                () -> submitEvents(ex, body)));
                    } else {
                        methodNotAllowed(ex, "POST");
                    }
                }
                case "/health" -> send(ex, 200, health());
                case "/metrics" -> {
                    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                    ex.setStatusCode(200);
                    ex.getResponseSender().send(service.metrics().scrape(), StandardCharsets.UTF_8);
                }
                case "/stats" -> send(ex, 200, stats());
                case "/history" -> {
                    Map<String, String> q = queryParameters(ex);
                    String arm = q.get("arm");
                    send(ex, 200, historyJson(service.history(intParam(q, "user", null),
                            arm == null || arm.isEmpty() ? null : arm, intParam(q, "limit", 20))));
                }
                default -> {
                    if (ex.getRequestMethod().equals(Methods.GET) || ex.getRequestMethod().equals(Methods.HEAD)) {
                        page.handleRequest(ex);
                    } else {
                        error(ex, 404, "path", path,
                                "one of /recommendations, /events, /health, /metrics, /stats, /history");
                    }
                }
            }
        } catch (BadRequestException e) {
            error(ex, 400, e.parameter(), e.value(), e.allowed());
        } catch (RuntimeException e) {
            service.metrics().error("internal");
            sendIfOpen(ex, 500, errorJson("internal", "", "", e.toString()));
        }
    }

    private interface BodyHandler {
        void handle(String body);
    }

    /** Reads the whole body on the I/O thread (a stalled client holds no worker), refusing oversized ones. */
    private void withBody(HttpServerExchange ex, BodyHandler handler) {
        long length = ex.getRequestContentLength();
        if (length > config.maxBodyBytes()) {
            refuseOversized(ex, length);
            return;
        }
        ex.getRequestReceiver().receiveFullString((e, body) -> {
            try {
                handler.handle(body);
            } catch (BadRequestException b) {
                error(e, 400, b.parameter(), b.value(), b.allowed());
            } catch (RuntimeException r) {
                service.metrics().error("internal");
                sendIfOpen(e, 500, errorJson("internal", "", "", r.toString()));
            }
        }, (e, failure) -> {
            if (failure instanceof RequestTooBigException) {
                e.setPersistent(false);
                error(e, 413, "body", "more than " + config.maxBodyBytes() + " bytes",
                        "at most " + config.maxBodyBytes() + " bytes");
            } else {
                service.metrics().error("read");
                e.endExchange();
            }
        }, StandardCharsets.UTF_8);
    }

    /**
     * Answers 413 to a body whose declared length is above the limit. Up to {@link #DRAIN_FACTOR} times the limit, the
     * body is first read and dropped (on the I/O thread, at socket speed), and the connection closed after the
     * answer: a server that answers and closes while the client is still sending makes the client's kernel receive a
     * reset, and a client that sees its write fail may report that instead of the 413 (one test saw it under load).
     * Above that, the answer goes at once and the connection closes with it.
     */
    private void refuseOversized(HttpServerExchange ex, long length) {
        String value = length + " bytes";
        String allowed = "at most " + config.maxBodyBytes() + " bytes";
        ex.setPersistent(false);
        if (length > (long) DRAIN_FACTOR * config.maxBodyBytes()) {
            error(ex, 413, "body", value, allowed);
            return;
        }
        ex.setMaxEntitySize(length);
        ex.getRequestReceiver().receivePartialBytes((e, chunk, last) -> {
            if (last) {
                error(e, 413, "body", value, allowed);
            }
        }, (e, failure) -> error(e, 413, "body", value, allowed));
    }

    /** How many times the body limit a refused body may declare and still be read before its 413. */
    static final int DRAIN_FACTOR = 8;

    // ---- /recommendations --------------------------------------------------------------------------------------

    private void recommend(HttpServerExchange ex, Map<String, String> params) {
        long start = System.nanoTime();
        int user = intParam(params, "user", null);
        int k = intParam(params, "k", 10);
        String arm = params.get("arm");
        if (arm != null && arm.isEmpty()) {
            arm = null;
        }
        double freshness = doubleParam(params, "freshness", 0);
        double time = doubleParam(params, "time", 0);
        if (!(freshness >= 0) || Double.isInfinite(freshness)) {
            throw new BadRequestException("freshness", freshness, "a finite number ≥ 0");
        }
        if (!(time >= 0) || Double.isInfinite(time)) {
            throw new BadRequestException("time", time, "a finite number ≥ 0");
        }
        UserContext context = new UserContext(freshness, time);
        service.armIndex(user, k, context, arm); // checks the parameters before a permit is taken
        if (config.shedding() && !permits.tryAcquire()) {
            shed(ex, start);
            return;
        }
        String chosenArm = arm;
        ex.dispatch(SameThreadExecutor.INSTANCE, () -> {
            AtomicBoolean answered = new AtomicBoolean();
            ScheduledFuture<?>[] deadline = new ScheduledFuture<?>[1];
            try {
                workers.execute(() -> {
                    RecommendationService.Computed c = null;
                    RuntimeException failure = null;
                    try {
                        c = service.computeUnshown(user, k, context, chosenArm);
                    } catch (RuntimeException e) {
                        failure = e;
                    } finally {
                        // The permit goes back before the answer does, so a client that sends its next request as
                        // soon as it has this answer finds the permit free.
                        if (config.shedding()) {
                            permits.release();
                        }
                        ScheduledFuture<?> d = deadline[0];
                        if (d != null) {
                            d.cancel(false);
                        }
                    }
                    // Only the winner of the race with the deadline goes through the hook (so a late answer, which
                    // nobody sees, logs no impressions) and is written.
                    if (!answered.compareAndSet(false, true)) {
                        return;
                    }
                    if (failure != null) {
                        service.metrics().error("internal");
                        sendIfOpen(ex, 500, errorJson("internal", "", "", failure.toString()));
                        return;
                    }
                    Answer a;
                    byte[] json;
                    try {
                        a = service.shown(c);
                        json = answerBytes(a);
                    } catch (RuntimeException e) {
                        service.metrics().error("internal");
                        sendIfOpen(ex, 500, errorJson("internal", "", "", e.toString()));
                        return;
                    }
                    send(ex, 200, json, () -> answeredIn(a, System.nanoTime() - start));
                });
                if (config.deadline()) {
                    long fireAt = start + deadlineNanos - lead();
                    deadline[0] = timer.schedule(() -> {
                        long fired = System.nanoTime();
                        if (answered.compareAndSet(false, true)) {
                            Answer a = service.fallback(user, k, chosenArm, fired - start);
                            send(ex, 200, answerBytes(a), () -> {
                                long sent = System.nanoTime();
                                answeredIn(a, sent - start);
                                observe(timerLate, fired - fireAt);
                                observe(fallbackCost, sent - fired);
                            });
                        }
                    }, Math.max(0, fireAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (RejectedExecutionException e) {
                if (config.shedding()) {
                    permits.release();
                }
                if (answered.compareAndSet(false, true)) {
                    sendIfOpen(ex, 503, errorJson("stopping", "", "", "the service is shutting down"));
                }
            }
        });
    }

    /**
     * Refuses a request at the concurrency limit, on the I/O thread that parsed it: a precomputed 503 with
     * {@code Retry-After: 1}, no JSON built and no other thread involved, so that the refusal waits for nothing.
     */
    private void shed(HttpServerExchange ex, long start) {
        // Counted before it is written, so that a client that has read its 503 finds it in /metrics.
        service.metrics().shed(System.nanoTime() - start);
        ex.setStatusCode(503);
        ex.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        try {
            ex.getResponseSender().send(shedBody.duplicate());
        } catch (RuntimeException e) {
            ex.endExchange();
        }
        insideShed.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
    }

    private void answeredIn(Answer a, long nanos) {
        service.metrics().answered(a, nanos);
        insideAnswered.recordValue(Math.max(1, Math.min(nanos / 1000, HIGHEST_MICROS)));
    }

    /**
     * How long before the deadline its timer fires: the slowest recent fallback, from the timer firing to the answer
     * written, plus the timer's recent lateness (both decaying maxima, measured at start and then on every fallback
     * and on a probe every {@value #PROBE_MILLIS} ms), at most half the deadline.
     */
    public long lead() {
        return Math.min(deadlineNanos / 2, fallbackCost.get() + timerLate.get());
    }

    /**
     * A decaying maximum: the larger of the new observation and the old value less 1/16 of it (with a probe every
     * {@value #PROBE_MILLIS} ms, a late spike fades to a tenth in about 3.5 s).
     */
    private static void observe(AtomicLong max, long nanos) {
        max.accumulateAndGet(Math.max(0, nanos), (old, v) -> Math.max(v, old - (old >> 4)));
    }

    /** The timer's lateness and the fallback's cost measured before the server answers anything. */
    private void calibrate() {
        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            answerBytes(service.fallback(0, RecommendationService.MAX_K, null, 0, false));
            observe(fallbackCost, System.nanoTime() - t);
        }
        for (int i = 0; i < 5; i++) {
            long due = System.nanoTime() + 1_000_000;
            try {
                long fired = timer.schedule(System::nanoTime, 1, TimeUnit.MILLISECONDS).get();
                observe(timerLate, fired - due);
            } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                throw new IllegalStateException("the deadline timer does not run", e);
            }
        }
    }

    /** Times the service spent on requests since the last call: answers and sheds, from parsing to written. */
    public record InsideTimes(Histogram answered, Histogram shed) {
    }

    /** {@link InsideTimes} since the last call (or since the start), in microseconds. */
    public InsideTimes insideTimes() {
        return new InsideTimes(insideAnswered.getIntervalHistogram(), insideShed.getIntervalHistogram());
    }

    private static Map<String, String> queryParameters(HttpServerExchange ex) {
        Map<String, String> p = new HashMap<>();
        for (Map.Entry<String, Deque<String>> e : ex.getQueryParameters().entrySet()) {
            p.put(e.getKey(), e.getValue().peekFirst());
        }
        return p;
    }

    /** The fields of an {@code application/x-www-form-urlencoded} body. */
    static Map<String, String> formParameters(String body) {
        Map<String, String> p = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return p;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                p.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("body", shorten(pair), "form fields encoded as name=value&…");
            }
        }
        return p;
    }

    private static int intParam(Map<String, String> p, String name, Integer fallback) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            if (fallback == null) {
                throw new BadRequestException(name, "nothing", "an integer (the parameter is required)");
            }
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, "\"" + shorten(v) + "\"", "an integer");
        }
    }

    private static double doubleParam(Map<String, String> p, String name, double fallback) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, "\"" + shorten(v) + "\"", "a number");
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    // ---- /events -----------------------------------------------------------------------------------------------

    /**
     * Threads that wait for the event sink's commit, so that a batch waiting for the database holds neither an I/O
     * thread nor a recommendation worker; many waiting batches are what lets a sink group them into one commit.
     */
    private static ExecutorService eventWriters() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "recsys-events-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private void submitEvents(HttpServerExchange ex, String body) {
        try {
            eventWriters.execute(() -> {
                try {
                    events(ex, body);
                } catch (BadRequestException b) {
                    error(ex, 400, b.parameter(), b.value(), b.allowed());
                } catch (RuntimeException r) {
                    service.metrics().error("internal");
                    sendIfOpen(ex, 500, errorJson("internal", "", "", r.toString()));
                }
            });
        } catch (RejectedExecutionException e) {
            sendIfOpen(ex, 503, errorJson("stopping", "", "", "the service is shutting down"));
        }
    }

    private void events(HttpServerExchange ex, String body) {
        JsonElement root;
        try {
            root = JsonParser.parseString(body);
        } catch (JsonParseException e) {
            throw new BadRequestException("body", "malformed JSON", "an event object or an array of event objects");
        }
        List<JsonElement> items = new ArrayList<>();
        if (root.isJsonArray()) {
            root.getAsJsonArray().forEach(items::add);
        } else if (root.isJsonObject()) {
            items.add(root);
        } else {
            throw new BadRequestException("body", shorten(root.toString()),
                    "an event object or an array of event objects");
        }
        if (items.isEmpty() || items.size() > MAX_BATCH) {
            throw new BadRequestException("events", items.size() + " events", "1 to " + MAX_BATCH + " per request");
        }
        String store = service.events().status();
        if (!"ok".equals(store)) {
            service.metrics().error("sink");
            send(ex, 503, errorJson("unavailable", "", "", "events cannot be recorded now: " + store));
            return;
        }
        long now = System.currentTimeMillis();
        List<Event> batch = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            batch.add(event(items.get(i), "events[" + i + "]", now));
        }
        try {
            service.record(batch);
        } catch (IllegalStateException e) {
            service.metrics().error("sink");
            send(ex, 503, errorJson("unavailable", "", "", "events cannot be recorded now: " + e.getMessage()));
            return;
        }
        JsonObject ok = new JsonObject();
        ok.addProperty("recorded", batch.size());
        ok.addProperty("total", service.events().count());
        send(ex, 200, ok.toString());
    }

    private static Event event(JsonElement e, String where, long now) {
        if (!e.isJsonObject()) {
            throw new BadRequestException(where, shorten(e.toString()), "a JSON object");
        }
        JsonObject o = e.getAsJsonObject();
        String type = string(o, where, "type", null);
        Event.Type t = switch (type) {
            case "impression" -> Event.Type.IMPRESSION;
            case "click" -> Event.Type.CLICK;
            default -> throw new BadRequestException(where + ".type", "\"" + shorten(type) + "\"",
                    "\"impression\" or \"click\"");
        };
        String requestId = string(o, where, "requestId", null);
        if (requestId.isEmpty() || requestId.length() > 64) {
            throw new BadRequestException(where + ".requestId", "\"" + shorten(requestId) + "\"", "1 to 64 characters");
        }
        int user = integer(o, where, "user", null, 0);
        int item = integer(o, where, "item", null, 0);
        String arm = string(o, where, "arm", null);
        int position = integer(o, where, "position", 1, 1);
        double propensity = number(o, where, "propensity", 1.0);
        if (!(propensity > 0 && propensity <= 1)) {
            throw new BadRequestException(where + ".propensity", propensity, "a number in (0, 1]");
        }
        // A client may say when the event happened ("ts", milliseconds since the epoch): batches sent late or out of
        // order keep their own times. A time in the future (beyond a minute of clock skew) or older than 14 days is
        // refused; without one, the event is stamped on arrival.
        double ts = number(o, where, "ts", now);
        if (!(ts >= now - MAX_EVENT_AGE_MILLIS && ts <= now + MAX_CLOCK_SKEW_MILLIS) || ts != Math.rint(ts)) {
            throw new BadRequestException(where + ".ts", shorten(String.valueOf(o.get("ts"))),
                    "milliseconds since the epoch, at most 14 days old and at most a minute ahead of the server");
        }
        return new Event(t, requestId, user, item, arm, position, propensity, (long) ts);
    }

    private static String string(JsonObject o, String where, String name, String fallback) {
        JsonElement v = o.get(name);
        if (v == null || v.isJsonNull()) {
            if (fallback == null) {
                throw new BadRequestException(where + "." + name, "nothing", "a string (the field is required)");
            }
            return fallback;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new BadRequestException(where + "." + name, shorten(v.toString()), "a string");
        }
        return v.getAsString();
    }

    private static int integer(JsonObject o, String where, String name, Integer fallback, int min) {
        JsonElement v = o.get(name);
        if (v == null || v.isJsonNull()) {
            if (fallback == null) {
                throw new BadRequestException(where + "." + name, "nothing", "an integer (the field is required)");
            }
            return fallback;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            throw new BadRequestException(where + "." + name, shorten(v.toString()), "an integer ≥ " + min);
        }
        double d = v.getAsDouble();
        if (d != Math.rint(d) || d < min || d > Integer.MAX_VALUE) {
            throw new BadRequestException(where + "." + name, shorten(v.toString()), "an integer ≥ " + min);
        }
        return (int) d;
    }

    private static double number(JsonObject o, String where, String name, double fallback) {
        JsonElement v = o.get(name);
        if (v == null || v.isJsonNull()) {
            return fallback;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            throw new BadRequestException(where + "." + name, shorten(v.toString()), "a number");
        }
        return v.getAsDouble();
    }

    // ---- /health, /stats ---------------------------------------------------------------------------------------

    private String health() {
        JsonObject o = new JsonObject();
        String store = service.events().status();
        o.addProperty("status", "ok".equals(store) ? "ok" : "degraded");
        o.addProperty("eventStore", store);
        JsonObject models = new JsonObject();
        service.versions().forEach(models::addProperty);
        o.add("models", models);
        o.addProperty("maxConcurrent", config.maxConcurrent());
        o.addProperty("maxQueued", config.maxQueued());
        o.addProperty("available", permits.availablePermits());
        o.addProperty("deadlineMillis", service.budgets().deadlineMillis());
        o.addProperty("events", service.events().count());
        return o.toString();
    }

    private static String historyJson(RecommendationService.History h) {
        JsonObject o = new JsonObject();
        o.addProperty("user", h.user());
        o.addProperty("arm", h.arm());
        o.addProperty("modelVersion", h.modelVersion());
        o.addProperty("known", h.known());
        JsonArray items = new JsonArray();
        for (Answer.Item it : h.items()) {
            JsonObject i = new JsonObject();
            i.addProperty("item", it.item());
            i.addProperty("title", it.title());
            i.addProperty("genres", it.genres());
            items.add(i);
        }
        o.add("items", items);
        return o.toString();
    }

    private String stats() {
        ServingMetrics m = service.metrics();
        double[] r = m.recent();
        JsonObject o = new JsonObject();
        o.addProperty("requestsPerSecond", round(r[0]));
        o.addProperty("p50Millis", round(r[1]));
        o.addProperty("p99Millis", round(r[2]));
        o.addProperty("requests", m.requests());
        o.addProperty("shed", m.shedCount());
        o.addProperty("errors", m.errors());
        o.addProperty("cacheHitRate", round(m.cacheHitRate()));
        o.addProperty("events", service.events().count());
        o.addProperty("users", service.userCount());
        JsonArray arms = new JsonArray();
        for (String arm : m.arms()) {
            long[] c = m.events(arm);
            JsonObject a = new JsonObject();
            a.addProperty("arm", arm);
            a.addProperty("version", service.versions().get(arm));
            a.addProperty("impressions", c[0]);
            a.addProperty("clicks", c[1]);
            a.add("ctr", c[0] == 0 ? null : new JsonPrimitive(round((double) c[1] / c[0])));
            arms.add(a);
        }
        o.add("arms", arms);
        return o.toString();
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    // ---- JSON out ----------------------------------------------------------------------------------------------

    /** An answer as the JSON {@code GET /recommendations} sends. */
    public static String answerJson(Answer a) {
        return new String(answerBytes(a), StandardCharsets.UTF_8);
    }

    /** {@link #answerJson} as the UTF-8 bytes written to the socket, streamed straight into a byte array. */
    static byte[] answerBytes(Answer a) {
        JsonBytes w = new JsonBytes(256 + 160 * a.items().size());
        w.beginObject();
        w.name("requestId").value(a.requestId());
        w.name("user").value(a.user());
        w.name("arm").value(a.arm());
        w.name("modelVersion").value(a.modelVersion());
        w.name("path").value(a.path().key());
        w.name("fallback").value(a.path().fallback());
        w.name("degraded").value(a.path().degraded());
        w.name("cacheHit").value(a.cacheHit());
        w.name("timingsMillis").beginObject();
        for (Stage st : Stage.values()) {
            w.name(st.key()).value(a.stageMillis(st));
        }
        w.name("total").value(a.totalMillis());
        w.endObject();
        w.name("items").beginArray();
        for (Answer.Item i : a.items()) {
            w.beginObject();
            w.name("rank").value(i.rank());
            w.name("item").value(i.item());
            w.name("title").value(i.title());
            w.name("genres").value(i.genres());
            w.name("scores").beginObject();
            w.name("candidate").value(i.candidateScore());
            w.name("ranking").value(i.rankingScore());
            w.name("final").value(i.finalScore());
            w.endObject();
            w.endObject();
        }
        w.endArray();
        w.endObject();
        return w.toBytes();
    }

    private static String errorJson(String error, String parameter, String value, String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", error);
        if (!parameter.isEmpty()) {
            o.addProperty("parameter", parameter);
            o.addProperty("value", value);
        }
        o.addProperty("message", message);
        return o.toString();
    }

    private void error(HttpServerExchange ex, int status, String parameter, String value, String allowed) {
        service.metrics().error(status == 413 ? "too_large" : status == 404 ? "not_found" : "bad_request");
        String kind = status == 413 ? "too large" : status == 404 ? "not found" : "bad request";
        sendIfOpen(ex, status, errorJson(kind, parameter, value, parameter + " must be " + allowed + ", got " + value));
    }

    private void methodNotAllowed(HttpServerExchange ex, String allowed) {
        ex.getResponseHeaders().put(Headers.ALLOW, allowed);
        service.metrics().error("method");
        send(ex, 405, errorJson("method not allowed", "method", ex.getRequestMethod().toString(),
                "method must be one of " + allowed));
    }

    private static void sendIfOpen(HttpServerExchange ex, int status, String json) {
        onIoThread(ex, () -> {
            if (!ex.isResponseStarted()) {
                sendNow(ex, status, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
            }
        });
    }

    private static void send(HttpServerExchange ex, int status, String json) {
        send(ex, status, json.getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * Writes {@code json} with {@code status}, then runs {@code after} (if not null), on the exchange's I/O thread.
     *
     * <p>Why there: when another thread ends an exchange, Undertow's HTTP/1.1 read listener and that thread hand the
     * connection back to each other by spinning on a shared state, and on two cores the spinning thread can hold a
     * core for the rest of its time slice while the other waits for it; the I/O thread's profile showed most of its
     * time in that loop. An exchange ended on its own I/O thread takes the plain path. The hand-over to the I/O
     * thread replaces the one Undertow makes anyway to resume reading the connection.
     */
    private static void send(HttpServerExchange ex, int status, byte[] json, Runnable after) {
        onIoThread(ex, () -> {
            sendNow(ex, status, ByteBuffer.wrap(json));
            if (after != null) {
                after.run();
            }
        });
    }

    private static void onIoThread(HttpServerExchange ex, Runnable write) {
        Runnable guarded = () -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                // The connection is gone (the client left, or the server is stopping): nothing to answer to.
                ex.endExchange();
            }
        };
        if (ex.isInIoThread()) {
            guarded.run();
            return;
        }
        try {
            ex.getIoThread().execute(guarded);
        } catch (RejectedExecutionException e) {
            ex.endExchange();
        }
    }

    private static void sendNow(HttpServerExchange ex, int status, ByteBuffer json) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.getResponseSender().send(json);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RecommendationServer[%s, %d at once, %d waiting, shedding %s, "
                        + "deadline %s]", uri(), config.maxConcurrent(), config.maxQueued(),
                config.shedding() ? "on" : "off", config.deadline() ? "on" : "off");
    }
}
