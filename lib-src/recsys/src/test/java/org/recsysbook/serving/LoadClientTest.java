package org.recsysbook.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The lean load client: against the service, and against a scripted server for the parts of HTTP it reads. */
class LoadClientTest {

    @Test
    void itReadsTheServicesAnswersOnOneKeptConnection() throws Exception {
        RecommendationService s = ServingFixture.service(StageBudgets.of(1000));
        try (RecommendationServer server = RecommendationServer.start(s, ServerConfig.defaults());
             LoadClient c = LoadClient.create()) {
            LoadClient.Response r = c.fetch(server.uri().resolve("recommendations?user=3&k=4")).get(10, TimeUnit.SECONDS);
            assertEquals(200, r.status());
            JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
            assertEquals(4, o.getAsJsonArray("items").size());
            assertEquals(400, (int) c.get(server.uri().resolve("recommendations?user=-1")).get(10, TimeUnit.SECONDS));
            LoadResult run = LoadGenerator.closedLoop(LoadGenerator.http(c, server.uri(), new int[] {1, 2, 3}, 10), 1,
                    0.3);
            assertTrue(run.ok() > 5 && run.errors() == 0, run.toString());
            assertEquals(1, c.connectionsOpened(), "one user, one connection kept alive");
            LoadClient.Response posted = c.post(server.uri().resolve("events"), "application/json",
                    "[" + ServingFixture.impression(o.get("requestId").getAsString(), 3,
                            o.getAsJsonArray("items").get(0).getAsJsonObject().get("item").getAsInt(),
                            o.get("arm").getAsString(), 1) + "]").get(10, TimeUnit.SECONDS);
            assertEquals(200, posted.status(), posted.body());
            assertEquals(1, JsonParser.parseString(posted.body()).getAsJsonObject().get("recorded").getAsInt());
        }
    }

    @Test
    void itNeverSendsARequestTwice() throws Exception {
        // The second request on the connection is read, then the connection dies before the answer, as when a server
        // stops mid-request. The JDK's client would send that GET again on a new connection; this one fails it.
        try (Scripted server = new Scripted((n, request) -> n == 2 ? null : ok("hello"));
             LoadClient c = LoadClient.create()) {
            assertEquals("hello", c.fetch(server.uri()).get(5, TimeUnit.SECONDS).body());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> c.fetch(server.uri()).get(5, TimeUnit.SECONDS));
            assertInstanceOf(IOException.class, e.getCause());
            Thread.sleep(100);
            assertEquals(2, server.requests(), "the failed GET was not sent again");
        }
    }

    @Test
    void itReadsChunkedBodiesAndClosesWhenTold() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n7\r\n, world\r\n0\r\n"
                + "Trailer: 1\r\n\r\n";
        String close = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy";
        String noLength = "HTTP/1.0 200 OK\r\n\r\nuntil the end";
        List<String> script = List.of(chunked, chunked, close, noLength, ok("é"));
        try (Scripted server = new Scripted((n, request) -> script.get(n - 1));
             LoadClient c = LoadClient.create()) {
            assertEquals("hello, world", c.fetch(server.uri()).get(5, TimeUnit.SECONDS).body());
            assertEquals(200, (int) c.get(server.uri()).get(5, TimeUnit.SECONDS));
            LoadClient.Response busy = c.fetch(server.uri()).get(5, TimeUnit.SECONDS);
            assertEquals(503, busy.status());
            assertEquals("busy", busy.body());
            assertEquals("until the end", c.fetch(server.uri()).get(5, TimeUnit.SECONDS).body());
            assertEquals("é", c.fetch(server.uri()).get(5, TimeUnit.SECONDS).body());
            assertEquals(3, server.connections(), "a new connection after each Connection: close and HTTP/1.0 answer");
        }
    }

    @Test
    void anUnansweredRequestTimesOut() throws Exception {
        try (Scripted server = new Scripted((n, request) -> "");
             LoadClient c = LoadClient.create(300, 4000)) {
            long t0 = System.nanoTime();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> c.get(server.uri()).get(10, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertTrue((System.nanoTime() - t0) / 1e6 < 3000);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LoadClient.create(0, 10));
        assertThrows(IllegalArgumentException.class, () -> LoadClient.create(10, 0));
        try (LoadClient c = LoadClient.create()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.get(URI.create("https://127.0.0.1/")));
            assertTrue(e.getMessage().contains("uri"));
        }
    }

    private static String ok(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 200 OK\r\nContent-Length: " + b.length + "\r\n\r\n" + body;
    }

    /**
     * A server that reads requests (headers only) and writes what the script says for the n-th request over all
     * connections: the answer's bytes, "" to say nothing, or null to close the connection without answering.
     */
    private static final class Scripted implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger connections = new AtomicInteger();
        private final List<Socket> open = new ArrayList<>();

        Scripted(BiFunction<Integer, String, String> script) throws IOException {
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        connections.incrementAndGet();
                        synchronized (open) {
                            open.add(s);
                        }
                        Thread h = new Thread(() -> serve(s, script));
                        h.setDaemon(true);
                        h.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private void serve(Socket s, BiFunction<Integer, String, String> script) {
            try (s) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    String request = line;
                    while ((line = in.readLine()) != null && !line.isEmpty()) {
                        // headers
                    }
                    String answer = script.apply(requests.incrementAndGet(), request);
                    if (answer == null) {
                        return;
                    }
                    out.write(answer.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (answer.contains("Connection: close") || answer.startsWith("HTTP/1.0")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client left
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/x?y=1");
        }

        int requests() {
            return requests.get();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (open) {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }
}
