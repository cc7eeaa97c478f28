package org.recsysbook.kernel;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class WireTest {
    private static final String KEY = "a0436f6c-1916-498b-8eb9-e81ab9368e84";
    private Wire wire;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void open() throws Exception {
        wire = new Wire(new KernelConnectionProperties("127.0.0.1", freePort(), freePort(), freePort(), freePort(),
                freePort(), "tcp", "hmac-sha256", KEY));
    }

    @AfterEach
    void close() {
        wire.close();
    }

    private static List<byte[]> frames(String signature, String header, String content) {
        List<byte[]> f = new ArrayList<>();
        f.add("client-id".getBytes(StandardCharsets.UTF_8));
        f.add("<IDS|MSG>".getBytes(StandardCharsets.US_ASCII));
        f.add(signature.getBytes(StandardCharsets.US_ASCII));
        f.add(header.getBytes(StandardCharsets.UTF_8));
        f.add("{}".getBytes(StandardCharsets.UTF_8));
        f.add("{}".getBytes(StandardCharsets.UTF_8));
        f.add(content.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    private static String sign(String key, String header, String content) throws Exception {
        return new HMACGenerator("hmac-sha256", key).calculateSignature(header.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
                content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsAProperlySignedMessage() throws Exception {
        String header = "{\"msg_type\":\"execute_request\",\"msg_id\":\"1\"}";
        String content = "{\"code\":\"1 + 1\"}";
        Message m = wire.decode(frames(sign(KEY, header, content), header, content));
        assertNotNull(m);
        assertEquals("execute_request", m.type());
        assertEquals("1 + 1", m.string("code", null));
        assertEquals(1, m.identities().size());
    }

    @Test
    void dropsWrongMissingAndTruncatedSignatures() throws Exception {
        String header = "{\"msg_type\":\"execute_request\"}";
        String content = "{\"code\":\"System.exit(0)\"}";
        assertNull(wire.decode(frames(sign("another-key", header, content), header, content)));
        assertNull(wire.decode(frames("", header, content)));
        String good = sign(KEY, header, content);
        assertNull(wire.decode(frames(good.substring(0, 10), header, content)));
        // a signature over other content
        assertNull(wire.decode(frames(good, header, "{\"code\":\"1\"}")));
    }

    @Test
    void dropsMalformedMessages() throws Exception {
        assertNull(wire.decode(List.of("no delimiter".getBytes(StandardCharsets.UTF_8))));
        String header = "{not json";
        assertNull(wire.decode(frames(sign(KEY, header, "{}"), header, "{}")));
    }
}
