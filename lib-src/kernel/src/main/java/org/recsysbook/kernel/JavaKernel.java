package org.recsysbook.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import jdk.jshell.SourceCodeAnalysis;
import org.recsysbook.display.Display;
import org.recsysbook.display.DisplaySink;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
    static final String VERSION = "1.0.0";

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
    private final List<String[]> history = new ArrayList<>();
    private final FrontEndInput input;
    private volatile Message current;
    private volatile boolean running = true;
    private int executionCount;
    private volatile long cellTimeLimitMillis;

    public JavaKernel(Wire wire, List<String> startupClasspath, long cellTimeLimitMillis) {
        this.wire = wire;
        this.cellTimeLimitMillis = cellTimeLimitMillis;
        this.stdout = new StreamPublisher("stdout", this::publishCurrent);
        this.stderr = new StreamPublisher("stderr", this::publishCurrent);
        this.input = new FrontEndInput();
        installStreams();
        PrintStream out = System.out;
        PrintStream err = System.err;
        Display.setSink(this);
        this.magics = new Magics(this);
        ClassLoader kernelLoader = JavaKernel.class.getClassLoader();
        this.engine = CompletableFuture.supplyAsync(() -> {
            JavaEngine e = new JavaEngine(kernelLoader, startupClasspath, out, err);
            registerRenderers(e);
            // warm the compiler and the class loader so the first cell answers quickly
            try {
                e.eval("", 0, "Integer.valueOf(0)");
                e.analysis().completionSuggestions("Str", 3, new int[1]);
            } catch (CellError | RuntimeException ex) {
                LOG.log(Level.WARNING, "warm-up failed", ex);
            }
            return e;
        }, r -> {
            Thread t = new Thread(r, "kernel-start");
            t.setDaemon(true);
            t.start();
        });
        timers.scheduleWithFixedDelay(this::pumpStreams, 100, 100, TimeUnit.MILLISECONDS);
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

    /** Registers the renderers of every provider on the notebook's class path not yet registered. */
    void registerRenderers(JavaEngine e) {
        synchronized (providersDone) {
            Display.registerProviders(renderer, e.loader(), providersDone);
        }
    }

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
        wire.publish(msg, "status", Map.of("execution_state", "busy"));
        try {
            switch (msg.type()) {
                case "kernel_info_request" -> wire.send(socket, msg, "kernel_info_reply", kernelInfo());
                case "execute_request" -> execute(socket, msg);
                case "complete_request" -> wire.send(socket, msg, "complete_reply", complete(msg));
                case "inspect_request" -> wire.send(socket, msg, "inspect_reply", inspect(msg));
                case "is_complete_request" -> wire.send(socket, msg, "is_complete_reply", isComplete(msg));
                case "history_request" -> wire.send(socket, msg, "history_reply", history(msg));
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
        }
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
            history.add(new String[] {Integer.toString(executionCount), code});
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
        wire.send(socket, msg, "execute_reply", reply);
        if (msg.flag("stop_on_error", true)) {
            abortQueued(socket);
        }
    }

    /** After an error, answers the execute requests already queued with {@code aborted}, as IPython does. */
    private void abortQueued(ZMQ.Socket socket) {
        Message next;
        while ((next = wire.read(socket, 0)) != null) {
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

    // ---- completion, inspection, history -------------------------------------------------------------

    /** The snippet of {@code code} that holds {@code cursor}, as its start offset and text. */
    private static int[] snippetAround(SourceCodeAnalysis analysis, String code, int cursor) {
        int start = 0;
        String remaining = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String rest = info.remaining() == null ? "" : info.remaining();
            int end = code.length() - rest.length();
            if (rest.isEmpty() || end >= cursor || end <= start
                    || info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                return new int[] {start, code.length()};
            }
            start = end;
            remaining = rest;
        }
    }

    private Map<String, Object> complete(Message msg) {
        String code = msg.string("code", "");
        int cursor = Unicode.toCharIndex(code, msg.integer("cursor_pos", code.codePointCount(0, code.length())));
        Set<String> matches = new LinkedHashSet<>();
        int anchorChar = cursor;
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String linePrefix = code.substring(lineStart, cursor);
        if (linePrefix.stripLeading().startsWith("%") && !linePrefix.contains(" ")) {
            String typed = linePrefix.strip();
            for (String name : magics.names()) {
                if (name.startsWith(typed)) {
                    matches.add(name);
                }
            }
            anchorChar = lineStart + linePrefix.indexOf('%');
        } else {
            JavaEngine e = engine();
            String javaCode = magics.maskMagicLines(code);
            int[] span = snippetAround(e.analysis(), javaCode, cursor);
            String snippet = javaCode.substring(span[0], Math.max(span[0], Math.min(span[1], javaCode.length())));
            int rel = Math.max(0, Math.min(cursor - span[0], snippet.length()));
            int[] anchor = new int[1];
            for (SourceCodeAnalysis.Suggestion s : e.analysis().completionSuggestions(snippet, rel, anchor)) {
                matches.add(s.continuation());
            }
            anchorChar = span[0] + anchor[0];
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("matches", new ArrayList<>(matches));
        reply.put("cursor_start", Unicode.toCodePointIndex(code, anchorChar));
        reply.put("cursor_end", Unicode.toCodePointIndex(code, cursor));
        reply.put("metadata", Map.of());
        return reply;
    }

    private Map<String, Object> inspect(Message msg) {
        String code = msg.string("code", "");
        int cursor = Unicode.toCharIndex(code, msg.integer("cursor_pos", code.codePointCount(0, code.length())));
        JavaEngine e = engine();
        String javaCode = magics.maskMagicLines(code);
        int[] span = snippetAround(e.analysis(), javaCode, cursor);
        String snippet = javaCode.substring(span[0], Math.max(span[0], Math.min(span[1], javaCode.length())));
        int rel = Math.max(0, Math.min(cursor - span[0], snippet.length()));
        // documentation() wants the cursor inside or right after an identifier
        while (rel < snippet.length() && Character.isJavaIdentifierPart(snippet.charAt(rel))) {
            rel++;
        }
        StringBuilder text = new StringBuilder();
        List<SourceCodeAnalysis.Documentation> docs = e.analysis().documentation(snippet, rel, true);
        if (docs.isEmpty()) {
            // a bare method name: ask as if the call's parenthesis were open
            docs = e.analysis().documentation(snippet.substring(0, rel) + "(", rel + 1, true);
        }
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(d.signature());
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                text.append("\n\n").append(Javadoc.plain(d.javadoc()));
            }
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("found", text.length() > 0);
        reply.put("data", text.length() > 0 ? Map.of("text/plain", text.toString()) : Map.of());
        reply.put("metadata", Map.of());
        return reply;
    }

    private Map<String, Object> isComplete(Message msg) {
        String code = msg.string("code", "");
        String status = "complete";
        String javaCode = magics.maskMagicLines(code);
        if (code.stripLeading().startsWith("%%")) {
            status = "complete";
        } else if (!javaCode.isBlank()) {
            SourceCodeAnalysis analysis = engine().analysis();
            String remaining = javaCode;
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                SourceCodeAnalysis.Completeness c = info.completeness();
                if (c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                        || c == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
                    status = "incomplete";
                    break;
                }
                if (c == SourceCodeAnalysis.Completeness.UNKNOWN) {
                    status = "invalid";
                    break;
                }
                String rest = info.remaining() == null ? "" : info.remaining();
                if (rest.length() >= remaining.length()) {
                    break;
                }
                remaining = rest;
            }
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", status);
        if ("incomplete".equals(status)) {
            reply.put("indent", "    ");
        }
        return reply;
    }

    private Map<String, Object> history(Message msg) {
        String access = msg.string("hist_access_type", "tail");
        boolean output = msg.flag("output", false);
        List<String[]> selected = new ArrayList<>();
        synchronized (history) {
            switch (access) {
                case "range" -> {
                    int start = msg.integer("start", 0);
                    int stop = msg.integer("stop", history.size() + 1);
                    for (String[] h : history) {
                        int line = Integer.parseInt(h[0]);
                        if (line >= start && line < stop) {
                            selected.add(h);
                        }
                    }
                }
                case "search" -> {
                    String pattern = msg.string("pattern", "*");
                    String regex = java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
                    java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.DOTALL);
                    boolean unique = msg.flag("unique", false);
                    Set<String> seen = new HashSet<>();
                    for (String[] h : history) {
                        if (p.matcher(h[1]).matches() && (!unique || seen.add(h[1]))) {
                            selected.add(h);
                        }
                    }
                    int n = msg.integer("n", selected.size());
                    selected = new ArrayList<>(selected.subList(Math.max(0, selected.size() - n), selected.size()));
                }
                default -> {
                    int n = msg.integer("n", history.size());
                    selected.addAll(history.subList(Math.max(0, history.size() - n), history.size()));
                }
            }
        }
        JsonArray entries = new JsonArray();
        for (String[] h : selected) {
            JsonArray entry = new JsonArray();
            entry.add(0);
            entry.add(Integer.parseInt(h[0]));
            if (output) {
                JsonArray io = new JsonArray();
                io.add(h[1]);
                io.add(JsonNull.INSTANCE);
                entry.add(io);
            } else {
                entry.add(h[1]);
            }
            entries.add(entry);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("history", entries);
        return reply;
    }

    // ---- stdin -------------------------------------------------------------------------------------------

    /** {@code System.in} of the notebook: each read that finds no buffered text asks the front end. */
    private final class FrontEndInput extends InputStream {
        private byte[] line = new byte[0];
        private int pos;

        @Override
        public synchronized int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return line[pos++] & 0xFF;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, line.length - pos);
            System.arraycopy(line, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public synchronized int available() {
            return line.length - pos;
        }

        private boolean fill() throws IOException {
            if (pos < line.length) {
                return true;
            }
            Message request = current;
            if (request == null || !request.flag("allow_stdin", false)) {
                throw new IOException("this front end does not accept input (the request has allow_stdin false)");
            }
            flushStreams();
            wire.send(wire.stdin, request, "input_request", Map.of("prompt", "", "password", false));
            while (running) {
                Message reply = wire.read(wire.stdin, 200);
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.io.InterruptedIOException("input was interrupted");
                }
                if (reply != null && "input_reply".equals(reply.type())) {
                    line = (reply.string("value", "") + "\n").getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                    return true;
                }
            }
            return false;
        }
    }

    /** Stops serving and frees the sockets. */
    public void close() {
        running = false;
        timers.shutdownNow();
        wire.close();
    }
}
