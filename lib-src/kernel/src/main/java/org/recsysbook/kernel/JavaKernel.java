package org.recsysbook.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import org.recsysbook.display.Display;
import org.recsysbook.display.DisplaySink;
import org.zeromq.ZMQ;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Jupyter kernel: answers the front end's requests on the shell and control channels, runs cells
 * in a {@link JavaEngine}, and publishes what they print and show on IOPub.
 */
public final class JavaKernel implements DisplaySink {
    private static final Logger LOG = Logger.getLogger(JavaKernel.class.getName());
    /** The kernel's version, from its jar's manifest (Maven writes the pom's version there). */
    static final String VERSION = version();

    private final Wire wire;
    private final CompletableFuture<JavaEngine> engine;
    private final Renderer renderer = new Renderer();
    private final Set<String> providersDone = new HashSet<>();
    private final Magics magics;
    private final StreamPublisher stdout;
    private final StreamPublisher stderr;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kernel-timers");
        t.setDaemon(true);
        return t;
    });
    private final History history = new History();
    private final Introspection introspection;
    private final FrontEndInput input;
    private volatile Message current;
    private volatile boolean running = true;
    /** Requests being handled now (shell and control), and when the last one ended (System.nanoTime). */
    private final java.util.concurrent.atomic.AtomicInteger inHand = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long lastRequestEnd = System.nanoTime();
    /** How long the kernel must have had no request before it does the work the first cell did not need. */
    static final long IDLE_MILLIS = 500;
    private int executionCount;
    private volatile long cellTimeLimitMillis;

    /**
     * The engine being started: {@code loader} completes with the notebook's class loader once it holds the start-up
     * class path, {@code engine} once the start-up imports and the warm-up expression are compiled.
     */
    record EngineStart(CompletableFuture<ClassLoader> loader, CompletableFuture<JavaEngine> engine) {
    }

    /**
     * Starts the engine (JShell, the start-up imports and a throwaway expression that warms the compiler) on
     * a thread of its own. {@link KernelMain} calls it first, so that the engine's start overlaps the
     * sockets' and the signer's.
     */
    static EngineStart startEngine(List<String> startupClasspath) {
        ClassLoader kernelLoader = JavaKernel.class.getClassLoader();
        CompletableFuture<ClassLoader> loader = new CompletableFuture<>();
        CompletableFuture<JavaEngine> engine = CompletableFuture.supplyAsync(() -> {
            JavaEngine e;
            try {
                // JShell's own output goes wherever System.out and System.err point when it writes
                e = new JavaEngine(kernelLoader, startupClasspath, follow(true), follow(false), loader::complete);
            } catch (RuntimeException | Error ex) {
                loader.completeExceptionally(ex);
                throw ex;
            }
            // warm the compiler with a throwaway expression (JShell's, not a cell: no execution count)
            try {
                e.eval("", 0, "Integer.valueOf(0)");
            } catch (CellError | RuntimeException ex) {
                LOG.log(Level.WARNING, "warm-up failed", ex);
            }
            return e;
        }, STARTER);
        return new EngineStart(loader, engine);
    }

    private static final Executor STARTER = r -> {
        Thread t = new Thread(r, "kernel-start");
        t.setDaemon(true);
        t.start();
    };

    private static PrintStream follow(boolean out) {
        return new PrintStream(new java.io.OutputStream() {
            private PrintStream target() {
                return out ? System.out : System.err;
            }

            @Override
            public void write(int b) {
                target().write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                target().write(b, off, len);
            }

            @Override
            public void flush() {
                target().flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    public JavaKernel(Wire wire, List<String> startupClasspath, long cellTimeLimitMillis) {
        this(wire, startEngine(startupClasspath), cellTimeLimitMillis);
    }

    /**
     * A kernel on an engine being started: the renderer providers are registered on a thread of their own as soon
     * as the notebook's class loader has its class path (about 40 ms of CPU, opening every notebook jar), while the
     * engine compiles its start-up imports, instead of after them.
     */
    JavaKernel(Wire wire, EngineStart start, long cellTimeLimitMillis) {
        this(wire, start.engine(), start.loader(), cellTimeLimitMillis);
    }

    JavaKernel(Wire wire, CompletableFuture<JavaEngine> started, long cellTimeLimitMillis) {
        this(wire, started, null, cellTimeLimitMillis);
    }

    private JavaKernel(Wire wire, CompletableFuture<JavaEngine> started, CompletableFuture<ClassLoader> loaderReady,
                       long cellTimeLimitMillis) {
        this.wire = wire;
        this.cellTimeLimitMillis = cellTimeLimitMillis;
        this.stdout = new StreamPublisher("stdout", this::publishCurrent);
        this.stderr = new StreamPublisher("stderr", this::publishCurrent);
        this.input = new FrontEndInput(wire, () -> current, () -> running, this::flushStreams);
        installStreams();
        Display.setSink(this);
        this.magics = new Magics(this);
        this.introspection = new Introspection(this::engine, magics);
        Executor starter = STARTER;
        this.engine = loaderReady == null
                ? started.thenApplyAsync(e -> {
                    registerRenderers(e);
                    StartLog.mark(StartLog.ENGINE);
                    return e;
                }, starter)
                : started.thenCombine(loaderReady.thenAcceptAsync(this::registerRenderers, RENDERERS_THREAD),
                        (e, done) -> {
                    StartLog.mark(StartLog.ENGINE);
                    return e;
                });
        // What the first cell does not need waits until the kernel is idle (no request for IDLE_MILLIS):
        // JShell's class index for completion, and completion's own first call.
        engine.thenAccept(e -> {
            ScheduledFuture<?>[] check = new ScheduledFuture<?>[1];
            check[0] = timers.scheduleWithFixedDelay(() -> {
                if (idleFor() >= IDLE_MILLIS && check[0] != null && !check[0].isCancelled()) {
                    check[0].cancel(false);
                    starter.execute(() -> whenIdle(e));
                }
            }, IDLE_MILLIS, IDLE_MILLIS / 2, TimeUnit.MILLISECONDS);
        });
        timers.scheduleWithFixedDelay(this::pumpStreams, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** How long no request has been in hand, in milliseconds (0 while one is). */
    private long idleFor() {
        return inHand.get() > 0 ? 0 : (System.nanoTime() - lastRequestEnd) / 1_000_000;
    }

    /**
     * Points {@code System.out}, {@code System.err} and {@code System.in} at the notebook, afresh: a cell
     * that replaced or closed them does not silence the cells after it.
     */
    private void installStreams() {
        // no auto-flush: the publishers batch what is printed and send it at least every 100 ms
        System.setOut(new PrintStream(stdout, false, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, false, StandardCharsets.UTF_8));
        System.setIn(input);
    }

    JavaEngine engine() {
        return engine.join();
    }

    /**
     * The first time the kernel is idle: JShell's indexer goes on (on its own thread) and completion's first
     * call is made, holding the engine's lock, unless a request has arrived meanwhile (then it is left to
     * that request's own first completion).
     */
    private void whenIdle(JavaEngine e) {
        e.resumeIndexing();
        synchronized (e) {  // the lock of eval and of Introspection: JShell is not thread-safe
            if (idleFor() < IDLE_MILLIS / 2) {
                return;
            }
            try {
                e.analysis().completionSuggestions("Str", 3, new int[1]);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "completion warm-up failed", ex);
            }
        }
    }

    /** Registers the renderers of every provider on the notebook's class path not yet registered. */
    void registerRenderers(JavaEngine e) {
        registerRenderers(e.loader());
    }

    private void registerRenderers(ClassLoader notebookLoader) {
        synchronized (providersDone) {
            Display.registerProviders(renderer, notebookLoader, providersDone);
        }
    }

    private static final Executor RENDERERS_THREAD = r -> {
        Thread t = new Thread(r, "kernel-renderers");
        t.setDaemon(true);
        t.start();
    };

    void setCellTimeLimit(long millis) {
        this.cellTimeLimitMillis = millis;
    }

    long cellTimeLimit() {
        return cellTimeLimitMillis;
    }

    /** Serves requests until a shutdown request; the control channel runs on a thread of its own. */
    public void run() {
        Thread control = new Thread(() -> serve(wire.control), "kernel-control");
        control.setDaemon(true);
        control.start();
        serve(wire.shell);
    }

    private void serve(ZMQ.Socket socket) {
        while (running) {
            Message msg;
            try {
                msg = wire.read(socket, 250);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "read failed", e);
                continue;
            }
            if (msg == null) {
                continue;
            }
            try {
                handle(socket, msg);
            } catch (Throwable t) {
                LOG.log(Level.SEVERE, "failed to handle " + msg.type(), t);
            }
        }
    }

    private void handle(ZMQ.Socket socket, Message msg) {
        inHand.incrementAndGet();
        wire.publish(msg, "status", Map.of("execution_state", "busy"));
        try {
            switch (msg.type()) {
                case "kernel_info_request" -> {
                    wire.send(socket, msg, "kernel_info_reply", kernelInfo());
                    StartLog.mark(StartLog.KERNEL_INFO);
                }
                case "execute_request" -> {
                    StartLog.mark(StartLog.FIRST_EXECUTE);
                    execute(socket, msg);
                    StartLog.mark(StartLog.FIRST_REPLY);
                }
                case "complete_request" -> wire.send(socket, msg, "complete_reply", introspection.complete(msg));
                case "inspect_request" -> wire.send(socket, msg, "inspect_reply", introspection.inspect(msg));
                case "is_complete_request" -> wire.send(socket, msg, "is_complete_reply",
                        introspection.isComplete(msg));
                case "history_request" -> wire.send(socket, msg, "history_reply", history.reply(msg));
                case "comm_info_request" -> wire.send(socket, msg, "comm_info_reply",
                        Map.of("status", "ok", "comms", Map.of()));
                case "interrupt_request" -> {
                    if (engine.isDone()) {
                        engine().stop("interrupted");
                    }
                    wire.send(socket, msg, "interrupt_reply", Map.of("status", "ok"));
                }
                case "shutdown_request" -> {
                    boolean restart = msg.flag("restart", false);
                    wire.send(socket, msg, "shutdown_reply", Map.of("status", "ok", "restart", restart));
                    running = false;
                }
                default -> LOG.info("ignored a " + msg.type());
            }
        } finally {
            wire.publish(msg, "status", Map.of("execution_state", "idle"));
            lastRequestEnd = System.nanoTime();
            inHand.decrementAndGet();
        }
    }

    private static String version() {
        String v = JavaKernel.class.getPackage().getImplementationVersion();
        return v == null ? "unpackaged" : v;  // run from target/classes, as the unit tests do
    }

    private Map<String, Object> kernelInfo() {
        Map<String, Object> language = new LinkedHashMap<>();
        language.put("name", "java");
        language.put("version", Runtime.version().toString());
        language.put("mimetype", "text/x-java-source");
        language.put("file_extension", ".jshell");
        language.put("pygments_lexer", "java");
        language.put("codemirror_mode", "text/x-java");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("status", "ok");
        info.put("protocol_version", "5.3");
        info.put("implementation", "recsysbook-java");
        info.put("implementation_version", VERSION);
        info.put("language_info", language);
        info.put("banner", "Java " + Runtime.version() + " (JShell), the Production Recommender Systems workbook kernel");
        info.put("help_links", List.of(Map.of("text", "Java SE API",
                "url", "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/")));
        info.put("debugger", false);
        return info;
    }

    // ---- execute ----------------------------------------------------------------------------------

    private void execute(ZMQ.Socket socket, Message msg) {
        String code = msg.string("code", "");
        boolean silent = msg.flag("silent", false);
        boolean store = msg.flag("store_history", !silent) && !silent;
        if (store) {
            executionCount++;
            history.add(executionCount, code);
        }
        int count = executionCount;
        current = msg;
        installStreams();
        if (!silent) {
            wire.publish(msg, "execute_input", Map.of("code", code, "execution_count", count));
        }
        ScheduledFuture<?> limit = null;
        long limitMillis = cellTimeLimitMillis;
        try {
            JavaEngine e = engine();
            if (limitMillis > 0) {
                limit = timers.schedule(() -> e.stop("stopped after the time limit of " + seconds(limitMillis)),
                        limitMillis, TimeUnit.MILLISECONDS);
            }
            JavaEngine.Outcome outcome = magics.runCell(code);
            flushStreams();
            if (outcome.hasValue() && !silent) {
                DisplayData data = renderer.render(outcome.value());
                Map<String, Object> content = new LinkedHashMap<>();
                content.put("execution_count", count);
                content.put("data", bundle(data).get("data"));
                content.put("metadata", bundle(data).get("metadata"));
                wire.publish(msg, "execute_result", content);
            }
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("status", "ok");
            reply.put("execution_count", count);
            reply.put("payload", List.of());
            reply.put("user_expressions", Map.of());
            wire.send(socket, msg, "execute_reply", reply);
        } catch (CellError err) {
            fail(socket, msg, count, err);
        } catch (Throwable t) {
            fail(socket, msg, count, new CellError(t.getClass().getName(), String.valueOf(t.getMessage()),
                    List.of(t.getClass().getName() + ": " + t.getMessage(),
                            "The kernel caught this error; your variables are kept.")));
        } finally {
            if (limit != null) {
                limit.cancel(false);
            }
        }
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format("%.1f s", millis / 1000.0);
    }

    private void fail(ZMQ.Socket socket, Message msg, int count, CellError err) {
        flushStreams();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("ename", err.name());
        error.put("evalue", err.value());
        error.put("traceback", err.traceback());
        wire.publish(msg, "error", error);
        Map<String, Object> reply = new LinkedHashMap<>(error);
        reply.put("status", "error");
        reply.put("execution_count", count);
        // The requests to abort are those queued before the reply: a request the front end sends once it
        // has seen the reply is not aborted, however soon it arrives.
        List<Message> queued = msg.flag("stop_on_error", true) ? drainQueued(socket) : List.of();
        wire.send(socket, msg, "execute_reply", reply);
        abortQueued(socket, queued);
    }

    private List<Message> drainQueued(ZMQ.Socket socket) {
        List<Message> queued = new ArrayList<>();
        Message next;
        while ((next = wire.read(socket, 0)) != null) {
            queued.add(next);
        }
        return queued;
    }

    /** After an error, answers the execute requests that were queued with {@code aborted}, as IPython does. */
    private void abortQueued(ZMQ.Socket socket, List<Message> queued) {
        for (Message next : queued) {
            if ("execute_request".equals(next.type())) {
                wire.publish(next, "status", Map.of("execution_state", "busy"));
                wire.send(socket, next, "execute_reply", Map.of("status", "aborted", "execution_count", executionCount));
                wire.publish(next, "status", Map.of("execution_state", "idle"));
            } else {
                handle(socket, next);
            }
        }
    }

    void flushStreams() {
        try {
            System.out.flush();
            System.err.flush();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "flush", e);
        }
    }

    private void pumpStreams() {
        try {
            stdout.pump();
            stderr.pump();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "pump", e);
        }
    }

    private void publishCurrent(String type, Object content) {
        wire.publish(current, type, content);
    }

    // ---- display -------------------------------------------------------------------------------------

    @Override
    public Renderer renderer() {
        return renderer;
    }

    @Override
    public void display(DisplayData data) {
        flushStreams();
        wire.publish(current, "display_data", bundle(data));
    }

    @Override
    public void update(DisplayData data) {
        flushStreams();
        wire.publish(current, "update_display_data", bundle(data));
    }

    @Override
    public void clear(boolean wait) {
        flushStreams();
        wire.publish(current, "clear_output", Map.of("wait", wait));
    }

    private static Map<String, Object> bundle(DisplayData data) {
        JsonObject tree = Wire.GSON.toJsonTree(data).getAsJsonObject();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("data", orEmpty(tree.get("data")));
        content.put("metadata", orEmpty(tree.get("metadata")));
        content.put("transient", orEmpty(tree.get("transient")));
        return content;
    }

    private static JsonElement orEmpty(JsonElement e) {
        return e == null || e instanceof JsonNull ? new JsonObject() : e;
    }

    /** Stops serving and frees the sockets. */
    public void close() {
        running = false;
        timers.shutdownNow();
        wire.close();
    }
}
