package org.recsysbook.kernel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kernel's five ZeroMQ sockets and the framing, signing and checking of messages on them.
 *
 * <p>The connection file is parsed and the HMAC computed by jupyter-jvm-basekernel
 * ({@link KernelConnectionProperties}, {@link HMACGenerator}); the socket loop is our own. Unlike the
 * library's channel loop it blocks in {@code poll} instead of sleeping between polls (a reply goes out as
 * soon as a request arrives), it compares signatures in constant time, and a message that is unsigned,
 * wrongly signed or malformed is logged and dropped instead of ending the channel's thread.
 */
public final class Wire implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Wire.class.getName());
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private final ZContext context = new ZContext(1);
    private final HMACGenerator hmac;
    private final String session = UUID.randomUUID().toString();
    final ZMQ.Socket shell;
    final ZMQ.Socket control;
    final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;
    private volatile boolean closed;

    public Wire(KernelConnectionProperties props) throws GeneralSecurityException {
        String key = props.getKey();
        this.hmac = key == null || key.isEmpty() ? null : props.createHMACGenerator();
        this.shell = bind(SocketType.ROUTER, props, props.getShellPort());
        this.control = bind(SocketType.ROUTER, props, props.getControlPort());
        this.stdin = bind(SocketType.ROUTER, props, props.getStdinPort());
        this.iopub = bind(SocketType.PUB, props, props.getIopubPort());
        this.heartbeat = bind(SocketType.REP, props, props.getHbPort());
        Thread hb = new Thread(this::echoHeartbeats, "kernel-heartbeat");
        hb.setDaemon(true);
        hb.start();
    }

    private ZMQ.Socket bind(SocketType type, KernelConnectionProperties props, int port) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(1000);
        String address = props.getTransport() + "://" + props.getIp()
                + ("ipc".equals(props.getTransport()) ? "-" : ":") + port;
        socket.bind(address);
        return socket;
    }

    private void echoHeartbeats() {
        while (!closed && !Thread.currentThread().isInterrupted()) {
            try {
                byte[] ping = heartbeat.recv(0);
                if (ping != null) {
                    heartbeat.send(ping, 0);
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.log(Level.FINE, "heartbeat", e);
                }
                return;
            }
        }
    }

    /** A session id of this kernel, used in the header of every message it sends. */
    public String session() {
        return session;
    }

    /**
     * Reads one message from {@code socket}, waiting at most {@code timeoutMillis} (−1: forever).
     * Returns {@code null} on time-out and for a message that failed its signature check or did not parse.
     */
    public Message read(ZMQ.Socket socket, long timeoutMillis) {
        if (timeoutMillis >= 0) {
            try (ZMQ.Poller poller = context.createPoller(1)) {
                poller.register(socket, ZMQ.Poller.POLLIN);
                if (poller.poll(timeoutMillis) <= 0) {
                    return null;
                }
            }
        }
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = socket.recv(0);
            if (frame == null) {
                return null;
            }
            frames.add(frame);
        } while (socket.hasReceiveMore());
        return decode(frames);
    }

    /** Splits, verifies and parses the frames of one message; {@code null} if any check fails. */
    Message decode(List<byte[]> frames) {
        int d = 0;
        while (d < frames.size() && !MessageDigest.isEqual(frames.get(d), DELIMITER)) {
            d++;
        }
        if (d + 5 >= frames.size()) {
            LOG.warning("dropped a message with " + frames.size() + " frames and no complete body");
            return null;
        }
        byte[] signature = frames.get(d + 1);
        byte[] header = frames.get(d + 2);
        byte[] parent = frames.get(d + 3);
        byte[] metadata = frames.get(d + 4);
        byte[] content = frames.get(d + 5);
        if (hmac != null) {
            String expected = hmac.calculateSignature(header, parent, metadata, content);
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature)) {
                LOG.warning("dropped a message with a missing or wrong signature");
                return null;
            }
        }
        try {
            return new Message(new ArrayList<>(frames.subList(0, d)), object(header), object(parent),
                    object(metadata), object(content), new ArrayList<>(frames.subList(d + 6, frames.size())));
        } catch (RuntimeException e) {
            LOG.warning("dropped a message whose JSON did not parse: " + e);
            return null;
        }
    }

    private static JsonObject object(byte[] json) {
        JsonElement e = JsonParser.parseString(new String(json, StandardCharsets.UTF_8));
        return e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    /** A header for a new message of type {@code type}. */
    public JsonObject header(String type) {
        JsonObject h = new JsonObject();
        h.addProperty("msg_id", UUID.randomUUID().toString());
        h.addProperty("username", "kernel");
        h.addProperty("session", session);
        h.addProperty("date", Instant.now().toString());
        h.addProperty("msg_type", type);
        h.addProperty("version", "5.3");
        return h;
    }

    /** Sends a reply or request on a ROUTER socket, addressed to the identities of {@code parent}. */
    public void send(ZMQ.Socket socket, Message parent, String type, Object content) {
        sendFrames(socket, parent == null ? List.of() : parent.identities(), type,
                parent == null ? new JsonObject() : parent.header(), content, new JsonObject());
    }

    /** Publishes a message on IOPub, with {@code parent}'s header as its parent header. */
    public void publish(Message parent, String type, Object content) {
        byte[] topic = ("kernel." + session + "." + type).getBytes(StandardCharsets.UTF_8);
        sendFrames(iopub, List.of(topic), type,
                parent == null ? new JsonObject() : parent.header(), content, new JsonObject());
    }

    private void sendFrames(ZMQ.Socket socket, List<byte[]> identities, String type, JsonObject parentHeader,
                            Object content, JsonObject metadata) {
        if (closed) {
            return;
        }
        byte[] h = GSON.toJson(header(type)).getBytes(StandardCharsets.UTF_8);
        byte[] p = GSON.toJson(parentHeader).getBytes(StandardCharsets.UTF_8);
        byte[] m = GSON.toJson(metadata).getBytes(StandardCharsets.UTF_8);
        byte[] c = GSON.toJson(content).getBytes(StandardCharsets.UTF_8);
        String sig = hmac == null ? "" : hmac.calculateSignature(h, p, m, c);
        synchronized (socket) {
            for (byte[] id : identities) {
                socket.sendMore(id);
            }
            socket.sendMore(DELIMITER);
            socket.sendMore(sig);
            socket.sendMore(h);
            socket.sendMore(p);
            socket.sendMore(m);
            socket.send(c, 0);
        }
    }

    @Override
    public void close() {
        closed = true;
        context.close();
    }
}
