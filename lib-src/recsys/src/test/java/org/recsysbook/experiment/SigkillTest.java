package org.recsysbook.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

/**
 * Durable acknowledgement: the service runs as a child JVM, four clients post batches of events to it, the child is
 * killed with SIGKILL in the middle, started again on the same file, and every acknowledged event is in the store;
 * the only events beyond them are of batches in flight when it died.
 */
class SigkillTest {
    @TempDir
    Path dir;

    record Child(Process process, URI uri) {
    }

    static Child start(Path db) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", cp, ExperimentServeMain.class.getName(), "--db", db.toString(),
                "--items", "1000", "--users", "200").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("Listening on ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return new Child(p, URI.create(line.substring("Listening on ".length()).trim()));
            }
        }
        p.destroyForcibly();
        throw new AssertionError("the child service did not start:\n" + seen);
    }

    static String impression(String request, int position) {
        return "{\"type\":\"impression\",\"requestId\":\"" + request + "\",\"user\":1,\"item\":" + position
                + ",\"arm\":\"control\",\"position\":" + position + "}";
    }

    @Test
    void noAcknowledgedEventIsLostWhenTheServiceIsKilled() throws Exception {
        Path db = dir.resolve("events.duckdb");
        Child child = start(db);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sentBatches = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread c = new Thread(() -> {
                for (int b = 0; ; b++) {
                    String request = "load-" + thread + "-" + b;
                    StringBuilder body = new StringBuilder("[");
                    for (int p = 1; p <= 50; p++) {
                        body.append(p == 1 ? "" : ",").append(impression(request, p));
                    }
                    sentBatches.incrementAndGet();
                    inFlight.incrementAndGet();
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(child.uri().resolve("events"))
                                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(
                                        body.append(']').toString())).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            acknowledged.add(request);
                        }
                    } catch (Exception gone) {
                        return; // the service died under this batch: it stays in flight, unacknowledged
                    }
                    inFlight.decrementAndGet();
                }
            });
            c.start();
            clients.add(c);
        }
        while (acknowledged.size() < 200) {
            Thread.sleep(20);
        }
        child.process().destroyForcibly(); // SIGKILL
        child.process().waitFor();
        for (Thread c : clients) {
            c.join(10_000);
        }
        int acked = acknowledged.size();
        assertTrue(acked >= 200);

        Child again = start(db);
        long total = JsonParser.parseString(client.send(HttpRequest.newBuilder(again.uri().resolve("health")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).getAsJsonObject().get("events").getAsLong();
        again.process().destroy(); // SIGTERM: the store closes
        again.process().waitFor(30, TimeUnit.SECONDS);

        Set<String> stored = new HashSet<>();
        try (EventStore store = EventStore.open(db, true, 1); Connection c = store.connection();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT request_id, count(*) FROM impressions GROUP BY request_id")) {
            while (r.next()) {
                assertEquals(50, r.getInt(2), "a batch is committed whole or not at all: " + r.getString(1));
                stored.add(r.getString(1));
            }
        }
        assertEquals(stored.size() * 50L, total, "the restarted service counts what the file holds");
        assertTrue(stored.containsAll(acknowledged), "every acknowledged batch survived SIGKILL");
        int extra = stored.size() - acked;
        assertTrue(extra >= 0 && extra <= inFlight.get(), "beyond the acknowledged batches, only ones in flight: "
                + extra + " extra, " + inFlight.get() + " in flight");
        System.out.printf("SIGKILL after %d acknowledged batches (%d events), %d sent; stored %d batches%n", acked,
                acked * 50, sentBatches.get(), stored.size());
    }
}
