package org.recsysbook.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An output stream that becomes Jupyter {@code stream} messages. Bytes are buffered; {@link #pump()},
 * called by the kernel every 100 ms, sends the complete lines (a partial line only once it has waited a
 * second, so a {@code printf} that writes a line in pieces arrives in one piece), a full buffer is sent at
 * once, and {@link #flush()} sends everything. A loop that prints many lines sends a few messages.
 */
final class StreamPublisher extends OutputStream {
    private static final int MAX_BUFFER = 64 * 1024;
    private static final long PARTIAL_LINE_WAIT_NANOS = 1_000_000_000L;
    private final String name;
    private final BiConsumer<String, Map<String, String>> sink;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long pendingSince;

    StreamPublisher(String name, BiConsumer<String, Map<String, String>> sink) {
        this.name = name;
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        mark();
        buffer.write(b);
        if (buffer.size() >= MAX_BUFFER) {
            send(buffer.size());
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        mark();
        buffer.write(b, off, len);
        if (buffer.size() >= MAX_BUFFER) {
            send(buffer.size());
        }
    }

    private void mark() {
        if (buffer.size() == 0) {
            pendingSince = System.nanoTime();
        }
    }

    /** Sends the complete lines waiting, and a partial line that has waited long enough. */
    synchronized void pump() {
        if (buffer.size() == 0) {
            return;
        }
        if (System.nanoTime() - pendingSince >= PARTIAL_LINE_WAIT_NANOS) {
            send(buffer.size());
            return;
        }
        byte[] bytes = buffer.toByteArray();
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                send(i + 1);
                return;
            }
        }
    }

    @Override
    public synchronized void flush() {
        send(buffer.size());
    }

    /** Sends the first {@code upTo} bytes (less a trailing, incomplete UTF-8 character) and keeps the rest. */
    private void send(int upTo) {
        if (upTo == 0) {
            return;
        }
        byte[] bytes = buffer.toByteArray();
        int cut = upTo;
        int i = upTo - 1;
        int back = 0;
        while (i >= 0 && back < 4 && (bytes[i] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        if (i >= 0 && (bytes[i] & 0x80) != 0) {
            int lead = bytes[i] & 0xFF;
            int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (upTo - i < need) {
                cut = i;
            }
        }
        String text = new String(bytes, 0, cut, StandardCharsets.UTF_8);
        buffer.reset();
        buffer.write(bytes, cut, bytes.length - cut);
        if (buffer.size() > 0) {
            pendingSince = System.nanoTime();
        }
        if (!text.isEmpty()) {
            sink.accept("stream", Map.of("name", name, "text", text));
        }
    }
}
