package org.recsysbook.serving;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A lean HTTP/1.1 client for load runs: keep-alive connections on plain NIO sockets (a pool per server), all read by
 * one selector thread, and each request written by the thread that sends it. Written by hand because a load
 * generator that shares two cores with the service it measures must cost little: the JDK's
 * {@link java.net.http.HttpClient} spends about a millisecond of CPU per request on a two-core machine (with a
 * common pool of one thread, every answer's completion starts a new thread), more than the service's own HTTP
 * path.
 *
 * <p>A request takes an idle connection (or opens one), is written at once on the caller's thread, and its future
 * completes on the selector thread when the whole answer has been read, after the connection is back in the pool,
 * so a closed-loop user's next request finds it free. One request per connection at a time (no pipelining): an
 * open-loop run with many requests in flight opens as many connections as it needs and keeps them.
 *
 * <p>No request is ever sent twice. A request whose connection fails fails with an {@link IOException}, even a GET:
 * the server may already have computed it (and logged its impressions), so resending it would count it twice. To
 * keep a pooled connection from being closed by the server's idle timeout just as a request goes out, a connection
 * idle for longer than {@code maxIdleMillis} is closed rather than reused. A request unanswered after
 * {@code timeoutMillis} fails with a {@link TimeoutException} and its connection is closed.
 *
 * <p>What it understands of HTTP: a status line, headers, bodies with {@code Content-Length} or chunked, and
 * {@code Connection: close}. That is what {@link RecommendationServer} sends; it is not a general-purpose client
 * (no TLS, redirects, proxies or HTTP/2).
 */
public final class LoadClient implements AutoCloseable {
    /** A whole answer: its status and, if asked for, its body. */
    public record Response(int status, String body) {
    }

    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSED = 2;

    private final long timeoutNanos;
    private final long maxIdleNanos;
    private final Selector selector;
    /** The selector thread, while one runs (it ends once no connection is open, and starts again when needed). */
    private Thread thread;
    /** Idle connections by server ({@code host:port}), most recently used first. */
    private final ConcurrentHashMap<String, Pool> pools = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Connection> toRegister = new ConcurrentLinkedQueue<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile boolean closed;

    private LoadClient(int timeoutMillis, int maxIdleMillis) throws IOException {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.maxIdleNanos = TimeUnit.MILLISECONDS.toNanos(maxIdleMillis);
        this.selector = Selector.open();
    }

    /** A client with 10 s per request and connections reused while idle for at most 4 s. */
    public static LoadClient create() {
        return create(10_000, 4_000);
    }

    /**
     * A client.
     *
     * @param timeoutMillis how long a request may wait for its whole answer, ≥ 1
     * @param maxIdleMillis how long a connection may sit idle and still be reused, ≥ 1 (below the server's idle
     *                      timeout, so that the server never closes a connection a request is being written to)
     */
    public static LoadClient create(int timeoutMillis, int maxIdleMillis) {
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("timeoutMillis must be ≥ 1, got " + timeoutMillis);
        }
        if (maxIdleMillis < 1) {
            throw new IllegalArgumentException("maxIdleMillis must be ≥ 1, got " + maxIdleMillis);
        }
        try {
            return new LoadClient(timeoutMillis, maxIdleMillis);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector: " + e.getMessage(), e);
        }
    }

    /** {@code GET uri}; completes with the status once the whole answer is read (its body is dropped). */
    public CompletableFuture<Integer> get(URI uri) {
        return send(uri, request("GET", uri, null, null), false).thenApply(Response::status);
    }

    /** {@code GET uri}; completes with the status and the body (UTF-8). */
    public CompletableFuture<Response> fetch(URI uri) {
        return send(uri, request("GET", uri, null, null), true);
    }

    /** {@code POST uri} with {@code body} of {@code contentType}; completes with the status and the answer's body. */
    public CompletableFuture<Response> post(URI uri, String contentType, String body) {
        if (contentType == null || body == null) {
            throw new IllegalArgumentException("contentType and body must not be null");
        }
        return send(uri, request("POST", uri, contentType, body.getBytes(StandardCharsets.UTF_8)), true);
    }

    /** Connections opened so far (a closed loop of N users opens N; an open loop as many as were in flight at once). */
    public int connectionsOpened() {
        return opened.get();
    }

    private static ByteBuffer request(String method, URI uri, String contentType, byte[] body) {
        if (uri == null || !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("uri must be an http URI with a host, such as "
                    + "http://127.0.0.1:8080/health, got " + uri);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder(128).append(method).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(port(uri)).append("\r\n");
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length)
                    .append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(start.length + (body == null ? 0 : body.length)).put(start);
        if (body != null) {
            b.put(body);
        }
        return b.flip();
    }

    private static int port(URI uri) {
        return uri.getPort() < 0 ? 80 : uri.getPort();
    }

    private CompletableFuture<Response> send(URI uri, ByteBuffer request, boolean keepBody) {
        CompletableFuture<Response> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new IOException("the client is closed"));
            return f;
        }
        Pool pool = pools.computeIfAbsent(uri.getHost() + ":" + port(uri),
                a -> new Pool(new InetSocketAddress(uri.getHost(), port(uri))));
        Connection c;
        try {
            c = take(pool);
        } catch (IOException e) {
            f.completeExceptionally(new IOException("cannot connect to " + pool.address + ": " + e.getMessage(), e));
            return f;
        }
        Pending p = new Pending(f, keepBody, System.nanoTime());
        c.pending.set(p);
        try {
            c.channel.write(request);
            if (request.hasRemaining()) {
                c.out = request; // the socket's buffer is full: the selector thread writes the rest
                toRegister.add(c);
                selector.wakeup();
            }
        } catch (IOException e) {
            c.fail(new IOException("cannot send to " + c.address + ": " + e.getMessage(), e));
        }
        return f;
    }

    private record Pool(InetSocketAddress address, ConcurrentLinkedDeque<Connection> idle) {
        Pool(InetSocketAddress address) {
            this(address, new ConcurrentLinkedDeque<>());
        }
    }

    /** An idle connection of {@code pool} that the server has not had time to close, or a new one. */
    private Connection take(Pool pool) throws IOException {
        long now = System.nanoTime();
        ConcurrentLinkedDeque<Connection> idle = pool.idle();
        InetSocketAddress address = pool.address();
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            if (now - c.idleSince > maxIdleNanos) {
                c.close();
            } else if (c.state.compareAndSet(IDLE, BUSY)) {
                return c;
            }
        }
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(address);
            ch.configureBlocking(false);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        c = new Connection(ch, address, idle);
        opened.incrementAndGet();
        open.add(c);
        toRegister.add(c);
        selectorThread();
        selector.wakeup();
        return c;
    }

    // ---- the selector thread -----------------------------------------------------------------------------------

    /**
     * Starts the selector thread unless it runs. It stops by itself once no connection is open (idle ones are closed
     * after {@code maxIdleMillis}), so a client dropped without {@link #close} leaves no thread behind for long.
     */
    private synchronized void selectorThread() {
        if (thread == null && !closed) {
            thread = LoadGenerator.clientThread(this::run, "recsys-load-client");
        }
    }

    /** Whether the selector thread may stop: nothing open and nothing waiting to be registered. */
    private synchronized boolean stopIfIdle() {
        if (open.isEmpty() && toRegister.isEmpty()) {
            thread = null;
            return true;
        }
        return false;
    }

    private void run() {
        long nextSweep = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        try {
            while (!closed) {
                selector.select(250);
                Connection c;
                while ((c = toRegister.poll()) != null) {
                    register(c);
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    Connection conn = (Connection) k.attachment();
                    if (!k.isValid()) {
                        conn.fail(new IOException("connection to " + conn.address + " closed"));
                        continue;
                    }
                    if (k.isWritable()) {
                        conn.writeRest();
                    }
                    if (k.isValid() && k.isReadable()) {
                        conn.read();
                    }
                }
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    nextSweep = now + TimeUnit.SECONDS.toNanos(1);
                    for (Connection x : open) {
                        Pending p = x.pending.get();
                        if (p != null && now - p.sentAt > timeoutNanos) {
                            x.fail(new TimeoutException("no answer from " + x.address + " within "
                                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
                        } else if (p == null && x.state.get() == IDLE && now - x.idleSince > maxIdleNanos
                                && x.state.compareAndSet(IDLE, CLOSED)) {
                            x.close();
                        }
                    }
                    if (stopIfIdle()) {
                        selector.selectNow(); // lets the channels closed above leave the selector
                        return;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            closed = true;
        }
        for (Connection x : open) {
            x.fail(new IOException("the client is closed"));
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private void register(Connection c) {
        try {
            if (c.key == null) {
                c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
            }
            if (c.out != null && c.key.isValid()) {
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (ClosedChannelException | java.nio.channels.CancelledKeyException e) {
            c.fail(new IOException("connection to " + c.address + " closed"));
        }
    }

    /** Stops the selector thread and closes every connection; requests in flight fail. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = thread;
        }
        selector.wakeup();
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LoadClient[%d connections opened, %d open]", opened.get(), open.size());
    }

    private record Pending(CompletableFuture<Response> future, boolean keepBody, long sentAt) {
    }

    /** One keep-alive connection and the parse of the answer it is reading (touched by the selector thread only). */
    private final class Connection {
        final SocketChannel channel;
        final InetSocketAddress address;
        final ConcurrentLinkedDeque<Connection> idle;
        final AtomicInteger state = new AtomicInteger(BUSY);
        final AtomicReference<Pending> pending = new AtomicReference<>();
        volatile ByteBuffer out;
        SelectionKey key;
        long idleSince;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        // the answer being parsed
        int status = -1;
        long remaining = -1; // body bytes still to come (Content-Length or the current chunk)
        boolean chunked;
        boolean chunkTrailer; // after a chunk's data, its CRLF is due
        boolean keepAlive = true;
        boolean untilClose;
        java.io.ByteArrayOutputStream body;

        Connection(SocketChannel channel, InetSocketAddress address, ConcurrentLinkedDeque<Connection> idle) {
            this.channel = channel;
            this.address = address;
            this.idle = idle;
        }

        void writeRest() {
            ByteBuffer b = out;
            try {
                if (b != null) {
                    channel.write(b);
                    if (!b.hasRemaining()) {
                        out = null;
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else {
                    key.interestOps(SelectionKey.OP_READ);
                }
            } catch (IOException e) {
                fail(new IOException("cannot send to " + address + ": " + e.getMessage(), e));
            }
        }

        void read() {
            int n;
            try {
                n = channel.read(in);
            } catch (IOException e) {
                fail(new IOException("connection to " + address + " failed: " + e.getMessage(), e));
                return;
            }
            if (n < 0) {
                if (untilClose && pending.get() != null) {
                    finish(); // a body without a length ends with the connection
                }
                fail(new IOException("connection to " + address + " closed by the server before the answer"));
                return;
            }
            if (pending.get() == null) {
                if (state.get() == IDLE && in.position() == 0) {
                    return;
                }
                fail(new IOException("bytes from " + address + " with no request waiting"));
                return;
            }
            in.flip();
            try {
                parse();
            } catch (IOException e) {
                fail(e);
                return;
            }
            in.compact();
            if (!in.hasRemaining()) { // a header larger than the buffer: make room
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                bigger.put(in.flip());
                in = bigger;
            }
        }

        /** Consumes what {@code in} holds of the answer; completes it once whole. */
        private void parse() throws IOException {
            while (true) {
                if (status < 0) {
                    int end = headerEnd();
                    if (end < 0) {
                        return;
                    }
                    head(end);
                    if (remaining == 0 && !chunked && !untilClose) {
                        finish();
                        return;
                    }
                } else if (chunked && remaining <= 0 && !chunkTrailer) {
                    int eol = lineEnd(in.position());
                    if (eol < 0) {
                        return;
                    }
                    String size = ascii(in.position(), eol).trim();
                    int semi = size.indexOf(';');
                    long n;
                    try {
                        n = Long.parseLong(semi < 0 ? size : size.substring(0, semi).trim(), 16);
                    } catch (NumberFormatException e) {
                        throw new IOException("bad chunk size \"" + size + "\" from " + address);
                    }
                    if (n == 0) { // the last chunk: the answer ends with the trailer's empty line
                        int p = eol + 2;
                        while (true) {
                            int e = lineEnd(p);
                            if (e < 0) {
                                return; // nothing consumed: wait for the whole trailer
                            }
                            if (e == p) {
                                in.position(e + 2);
                                finish();
                                return;
                            }
                            p = e + 2;
                        }
                    }
                    in.position(eol + 2);
                    remaining = n;
                } else if (chunkTrailer) {
                    if (in.remaining() < 2) {
                        return;
                    }
                    in.position(in.position() + 2);
                    chunkTrailer = false;
                    remaining = 0;
                } else {
                    int take = untilClose ? in.remaining() : (int) Math.min(remaining, in.remaining());
                    if (take == 0) {
                        return;
                    }
                    if (body != null) {
                        body.write(in.array(), in.arrayOffset() + in.position(), take);
                    }
                    in.position(in.position() + take);
                    if (untilClose) {
                        return;
                    }
                    remaining -= take;
                    if (remaining > 0) {
                        return;
                    }
                    if (chunked) {
                        chunkTrailer = true;
                    } else {
                        finish();
                        return;
                    }
                }
            }
        }

        /** Reads the status line and headers ending at {@code end} (the index of the blank line's CRLF). */
        private void head(int end) throws IOException {
            int p = in.position();
            int eol = lineEnd(p);
            String statusLine = ascii(p, eol);
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.x answer from " + address + ": \"" + statusLine + "\"");
            }
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("bad status line from " + address + ": \"" + statusLine + "\"");
            }
            keepAlive = statusLine.startsWith("HTTP/1.1");
            long length = -1;
            p = eol + 2;
            while (p < end) {
                eol = lineEnd(p);
                int colon = -1;
                for (int i = p; i < eol; i++) {
                    if (in.get(i) == ':') {
                        colon = i;
                        break;
                    }
                }
                if (colon > 0) {
                    String name = ascii(p, colon).trim().toLowerCase(Locale.ROOT);
                    String value = ascii(colon + 1, eol).trim();
                    switch (name) {
                        case "content-length" -> {
                            try {
                                length = Long.parseLong(value);
                            } catch (NumberFormatException e) {
                                throw new IOException("bad Content-Length \"" + value + "\" from " + address);
                            }
                        }
                        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                        case "connection" -> {
                            String v = value.toLowerCase(Locale.ROOT);
                            if (v.contains("close")) {
                                keepAlive = false;
                            } else if (v.contains("keep-alive")) {
                                keepAlive = true;
                            }
                        }
                        default -> {
                            // not needed
                        }
                    }
                }
                p = eol + 2;
            }
            in.position(end + 2);
            Pending pd = pending.get();
            body = pd != null && pd.keepBody() ? new java.io.ByteArrayOutputStream() : null;
            boolean noBody = status == 204 || status == 304 || (status >= 100 && status < 200);
            if (noBody) {
                remaining = 0;
            } else if (chunked) {
                remaining = 0;
            } else if (length >= 0) {
                remaining = length;
            } else {
                untilClose = true;
                keepAlive = false;
            }
        }

        private int headerEnd() {
            for (int i = in.position(); i + 3 < in.limit(); i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                    return i + 2;
                }
            }
            return -1;
        }

        private int lineEnd(int from) {
            for (int i = from; i + 1 < in.limit(); i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private String ascii(int from, int to) {
            return new String(in.array(), in.arrayOffset() + from, to - from, StandardCharsets.ISO_8859_1);
        }

        /** The answer is whole: the connection goes back to the pool (or is closed), then the future completes. */
        private void finish() {
            Pending p = pending.getAndSet(null);
            Response r = new Response(status, body == null ? null : body.toString(StandardCharsets.UTF_8));
            boolean reuse = keepAlive && !untilClose;
            status = -1;
            remaining = -1;
            chunked = false;
            chunkTrailer = false;
            untilClose = false;
            keepAlive = true;
            body = null;
            if (reuse && !closed) {
                idleSince = System.nanoTime();
                state.set(IDLE);
                idle.addFirst(this);
            } else {
                close();
            }
            if (p != null) {
                p.future().complete(r);
            }
        }

        /** Fails the request in flight, if any, and closes the connection. */
        void fail(Throwable t) {
            close();
            Pending p = pending.getAndSet(null);
            if (p != null) {
                p.future().completeExceptionally(t);
            }
        }

        void close() {
            state.set(CLOSED);
            open.remove(this);
            idle.remove(this);
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all that was wanted
            }
        }
    }
}
