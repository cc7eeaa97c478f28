package org.recsysbook.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An output stream that becomes Jupyter {@code stream} messages: bytes are buffered and sent when a
 * line ends after at least {@code intervalMillis}, when the buffer grows large, or on {@link #flush()},
 * so a loop that prints many lines sends a few messages, not one per line.
 */
final class StreamPublisher extends OutputStream {
    private static final int MAX_BUFFER = 64 * 1024;
    private final String name;
    private final BiConsumer<String, Map<String, String>> sink;
    private final long intervalNanos;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long lastSend = System.nanoTime();

    StreamPublisher(String name, long intervalMillis, BiConsumer<String, Map<String, String>> sink) {
        this.name = name;
        this.sink = sink;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        if (b == '\n') {
            maybeSend();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
        maybeSend();
    }

    private void maybeSend() {
        if (buffer.size() >= MAX_BUFFER || System.nanoTime() - lastSend >= intervalNanos) {
            send();
        }
    }

    @Override
    public synchronized void flush() {
        send();
    }

    private void send() {
        if (buffer.size() == 0) {
            return;
        }
        byte[] bytes = buffer.toByteArray();
        // keep a trailing, incomplete UTF-8 sequence for the next message
        int cut = bytes.length;
        int i = bytes.length - 1;
        int back = 0;
        while (i >= 0 && back < 4 && (bytes[i] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        if (i >= 0 && (bytes[i] & 0x80) != 0) {
            int lead = bytes[i] & 0xFF;
            int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (bytes.length - i < need) {
                cut = i;
            }
        }
        String text = new String(bytes, 0, cut, StandardCharsets.UTF_8);
        buffer.reset();
        buffer.write(bytes, cut, bytes.length - cut);
        lastSend = System.nanoTime();
        if (!text.isEmpty()) {
            sink.accept("stream", Map.of("name", name, "text", text));
        }
    }
}
