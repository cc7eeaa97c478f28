package org.recsysbook.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code System.in} of the notebook: each read that finds no buffered text sends an {@code input_request}
 * on the stdin channel, on behalf of the request that runs the cell, and waits for the front end's reply.
 */
final class FrontEndInput extends InputStream {
    private final Wire wire;
    private final Supplier<Message> request;
    private final BooleanSupplier running;
    private final Runnable beforeAsking;
    private byte[] line = new byte[0];
    private int pos;

    /**
     * @param request      the request whose cell is reading (its {@code allow_stdin} decides)
     * @param running      false once the kernel shuts down, which ends a wait for a reply
     * @param beforeAsking run before each prompt, so that what the cell printed shows before it
     */
    FrontEndInput(Wire wire, Supplier<Message> request, BooleanSupplier running, Runnable beforeAsking) {
        this.wire = wire;
        this.request = request;
        this.running = running;
        this.beforeAsking = beforeAsking;
    }

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
        Message parent = request.get();
        if (parent == null || !parent.flag("allow_stdin", false)) {
            throw new IOException("this front end does not accept input (the request has allow_stdin false)");
        }
        beforeAsking.run();
        wire.send(wire.stdin, parent, "input_request", Map.of("prompt", "", "password", false));
        while (running.getAsBoolean()) {
            Message reply = wire.read(wire.stdin, 200);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("input was interrupted");
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
