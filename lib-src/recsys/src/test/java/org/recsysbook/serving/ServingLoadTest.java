package org.recsysbook.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

/** Short load runs that assert correctness (every answer well-formed, nothing lost), not speed. */
class ServingLoadTest {

    @Test
    void theClientsThreadsLiveOutsideTheCallersThreadGroup() throws Exception {
        // JShell joins every thread of a cell's group it sees alive; a client's selector must never be one of them.
        RecommendationService s = ServingFixture.service(StageBudgets.of(1000));
        try (RecommendationServer server = RecommendationServer.start(s, ServerConfig.defaults())) {
            ThreadGroup cell = new ThreadGroup("a-cell");
            int[] status = new int[1];
            Thread t = new Thread(cell, () -> {
                try {
                    var c = LoadGenerator.client();
                    status[0] = c.send(HttpRequest.newBuilder(server.uri().resolve("health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                    status[0] = -1;
                }
            }, "a-cell-thread");
            t.start();
            t.join(10_000);
            assertEquals(200, status[0]);
            Thread[] left = new Thread[16];
            int n = cell.enumerate(left);
            assertEquals(0, n, "threads left in the caller's group: " + java.util.Arrays.toString(left));
        }
    }

    @Test
    void anOpenLoopRunAnswersOrShedsEveryRequest() {
        RecommendationService s = ServingFixture.service(StageBudgets.of(1000));
        try (RecommendationServer server = RecommendationServer.start(s, ServerConfig.defaults())) {
            int[] users = LoadGenerator.zipfUsers(600, 1.0, 4096, 3);
            LoadResult r = LoadGenerator.openLoop(LoadGenerator.http(LoadGenerator.client(), server.uri(), users, 10),
                    100, 2);
            assertEquals(200, r.sent());
            assertEquals(r.sent(), r.ok() + r.shed(), r.toString());
            assertEquals(0, r.errors() + r.lost(), r.toString());
            assertEquals(r.ok(), s.metrics().requests(), "the service counted what the generator saw answered");
            assertTrue(r.p50() <= r.p99() && r.p99() <= r.maxMillis(), r.toString());
            assertTrue(s.metrics().cacheHitRate() > 0, "Zipf traffic repeats users");
        }
    }

    @Test
    void aClosedLoopRunObeysLittlesLaw() {
        RecommendationService s = ServingFixture.service(StageBudgets.of(1000));
        try (RecommendationServer server = RecommendationServer.start(s, ServerConfig.defaults())) {
            LoadResult r = LoadGenerator.closedLoop(LoadGenerator.http(LoadGenerator.client(), server.uri(),
                    new int[] {1, 2, 3, 4, 5}, 10), 3, 1.5);
            assertEquals(0, r.errors() + r.lost() + r.shed(), "3 users never exceed 4 permits: " + r);
            assertEquals(r.sent(), r.ok());
            // N = λ·W + (users between requests): a user's own time between an answer and its next request is not
            // latency, so λ·W stays at or below N, close to it when the client has the CPU it needs.
            assertTrue(r.littleLambdaW() <= 3.05 && r.littleLambdaW() > 1.5, r.toString());
        }
    }

    @Test
    void aModelSwapUnderLoadFailsNoRequest() throws Exception {
        RecommendationService s = ServingFixture.service(StageBudgets.of(5000));
        ModelBundle v1 = s.model("control");
        ModelBundle v3 = SyntheticBundle.of(ServingFixture.WORLD, "v3", 0.5, 0.5, 99);
        Set<String> versions = ConcurrentHashMap.newKeySet();
        ServerConfig config = ServerConfig.defaults().withMaxConcurrent(8);
        try (RecommendationServer server = RecommendationServer.start(s, config)) {
            URI u = server.uri();
            LoadGenerator.Target target = i -> ServingFixture.CLIENT.sendAsync(HttpRequest.newBuilder(
                            u.resolve("recommendations?arm=control&user=" + (i % 400))).build(),
                    HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                        if (r.statusCode() == 200) {
                            versions.add(JsonParser.parseString(r.body()).getAsJsonObject().get("modelVersion")
                                    .getAsString());
                        }
                        return r.statusCode();
                    });
            AtomicBoolean stop = new AtomicBoolean();
            Thread swapper = new Thread(() -> {
                boolean flip = false;
                while (!stop.get()) {
                    s.swap("control", flip ? v1 : v3);
                    flip = !flip;
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            swapper.start();
            LoadResult r = LoadGenerator.closedLoop(target, 4, 2);
            stop.set(true);
            swapper.join();
            assertEquals(r.sent(), r.ok(), "no request failed during the swaps: " + r);
            assertEquals(Set.of("v1", "v3"), versions, "both versions answered");
        }
    }

    @Test
    void afterARunThatSendsNEventsTheServiceHasRecordedN() throws Exception {
        RecommendationService s = ServingFixture.service(StageBudgets.of(1000));
        Map<Long, Integer> sizes = new ConcurrentHashMap<>();
        try (RecommendationServer server = RecommendationServer.start(s, ServerConfig.defaults())) {
            URI u = server.uri();
            LoadGenerator.Target target = i -> {
                int n = 1 + (int) (i % 7);
                StringBuilder b = new StringBuilder("[");
                for (int j = 0; j < n; j++) {
                    b.append(j == 0 ? "" : ",").append(ServingFixture.impression("r" + i, (int) (i % 50), j,
                            i % 2 == 0 ? "control" : "treatment", j + 1));
                }
                return ServingFixture.CLIENT.sendAsync(HttpRequest.newBuilder(u.resolve("events"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(b.append(']').toString())).build(),
                        HttpResponse.BodyHandlers.discarding())
                        .thenApply(r -> {
                            if (r.statusCode() == 200) {
                                sizes.put(i, n);
                            }
                            return r.statusCode();
                        });
            };
            LoadResult r = LoadGenerator.openLoop(target, 200, 1.5);
            assertEquals(r.sent(), r.ok(), r.toString());
            long sent = sizes.values().stream().mapToLong(Integer::longValue).sum();
            assertEquals(sent, s.events().count(), "exactly the acknowledged events are recorded");
            assertEquals(sent, s.metrics().events("control")[0] + s.metrics().events("treatment")[0]);
        }
    }

    @Test
    void theInProcessTargetRunsTheSameFunnel() {
        RecommendationService s = ServingFixture.service(StageBudgets.of(1000));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            LoadResult r = LoadGenerator.closedLoop(LoadGenerator.inProcess(s, new int[] {1, 2, 3}, 10, pool), 2, 0.5);
            assertTrue(r.ok() > 0 && r.ok() == r.sent(), r.toString());
            assertEquals("closed", r.mode());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void openLoopLatencyCountsFromTheDueTime() {
        // A target that stalls 200 ms once: the requests due during the stall but sent after it are late by the
        // stall, and an open-loop generator must say so (a closed loop would simply have sent fewer).
        LoadGenerator.Target target = stallingOnce(200);
        LoadResult r = LoadGenerator.openLoop(target, 100, 1);
        assertEquals(100, r.ok());
        assertTrue(r.maxMillis() >= 190, "the stalled request is 200 ms late: " + r);
        assertTrue(r.millis(85) >= 50, "the ~20 requests due during the stall are late too: " + r);
    }

    @Test
    void shedLatencyFromTheSendCountsTheRequestsSentOnTimeOnly() {
        // Every request is shed at once, and the send of request 10 stalls 200 ms: the ~20 requests due during the
        // stall leave late. Timed from when each was due they carry the stall; timed from their send, over the
        // requests sent on time, only the stalled send itself does, and the late ones are left out, not hidden in.
        LoadGenerator.Target target = stallingOnce(503);
        LoadResult r = LoadGenerator.openLoop(target, 100, 1);
        assertEquals(100, r.shed());
        assertTrue(r.shedOnTime() <= r.shed() - 10, "the requests due during the stall left late: " + r.shedOnTime());
        assertTrue(r.shedOnTime() >= 1, "request 10 itself was sent on time");
        assertTrue(r.shedOnTimeMaxMillis() >= 190, "request 10's send took 200 ms: " + r.shedOnTimeMaxMillis());
        assertTrue(r.shedMillis(85) >= 50, "due-based, the late ones carry the stall: " + r.shedMillis(85));
        assertTrue(r.shedOnTimeMillis(50) < r.shedMillis(85), "from the send, the median shed is immediate");
        long slow = r.shedOnTimeSlowerThan(190);
        assertTrue(slow >= 1 && slow <= 2, "request 10, and at most one preempted send, over 190 ms: " + slow);
    }

    @Test
    void aClosedLoopCountsItsUsersCpuAndNoOnTimeSheds() {
        LoadGenerator.Target burn = i -> {
            long until = System.nanoTime() + 200_000;
            double x = 0;
            while (System.nanoTime() < until) {
                x += Math.sqrt(x + i);
            }
            return CompletableFuture.completedFuture(x >= 0 ? 503 : 200);
        };
        LoadResult r = LoadGenerator.closedLoop(burn, 2, 0.3);
        assertTrue(r.shed() > 0);
        assertTrue(r.userCpuNanos() > 0, "the users' threads spun on a core");
        assertEquals(0, r.shedOnTime());
        assertTrue(Double.isNaN(r.shedOnTimeMillis(99)));
        assertEquals(0, LoadGenerator.openLoop(burn, 50, 0.2).userCpuNanos(), "an open loop sends from the caller");
    }

    /** A target that answers {@code status} at once, except that the send of request 10 stalls 200 ms. */
    private static LoadGenerator.Target stallingOnce(int status) {
        AtomicBoolean stalled = new AtomicBoolean();
        return i -> {
            if (i == 10 && stalled.compareAndSet(false, true)) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return CompletableFuture.completedFuture(status);
        };
    }
}
