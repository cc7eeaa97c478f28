package org.recsysbook.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.serving.ServingFixture.get;
import static org.recsysbook.serving.ServingFixture.impression;
import static org.recsysbook.serving.ServingFixture.post;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.recsysbook.abtest.TrafficSplitter;
import org.recsysbook.core.UserContext;
import org.recsysbook.core.ScoredItems;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The HTTP API: answers, bad input, events, health and metrics, on a server started on a free port. */
class RecommendationServerTest {
    private static RecommendationService service;
    private static RecommendationServer server;
    private static URI base;

    @BeforeAll
    static void start() {
        service = ServingFixture.service(StageBudgets.of(2000));
        server = RecommendationServer.start(service, ServerConfig.defaults().withMaxConcurrent(8));
        base = server.uri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bindsToLocalhostOnAFreePort() {
        assertEquals("127.0.0.1", base.getHost());
        assertTrue(server.port() > 0);
    }

    @Test
    void answersWithTheWholeFunnel() throws Exception {
        ServingFixture.Reply r = get(base, "recommendations?user=12&k=7");
        assertEquals(200, r.status());
        assertTrue(r.response().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject o = r.json();
        String arm = new TrafficSplitter("serving", List.of("control", "treatment"), new double[] {1, 1})
                .variantOf(12);
        assertEquals(arm, o.get("arm").getAsString(), "the arm is the salted splitter's");
        assertEquals(arm.equals("control") ? "v1" : "v2", o.get("modelVersion").getAsString());
        assertEquals("full", o.get("path").getAsString());
        assertFalse(o.get("fallback").getAsBoolean());
        JsonArray items = o.getAsJsonArray("items");
        assertEquals(7, items.size());
        JsonObject first = items.get(0).getAsJsonObject();
        assertEquals(1, first.get("rank").getAsInt());
        JsonObject scores = first.getAsJsonObject("scores");
        assertTrue(scores.get("candidate").isJsonPrimitive() && scores.get("ranking").isJsonPrimitive()
                && scores.get("final").isJsonPrimitive(), "every stage's score: " + scores);
        JsonObject t = o.getAsJsonObject("timingsMillis");
        for (String stage : new String[] {"candidateGeneration", "ranking", "reRanking", "total"}) {
            assertTrue(t.get(stage).getAsDouble() >= 0, stage);
        }
        // The same list as the service computes in process.
        Answer in = service.recommend(12, 7, UserContext.NONE, arm);
        int[] served = new int[items.size()];
        for (int i = 0; i < served.length; i++) {
            served[i] = items.get(i).getAsJsonObject().get("item").getAsInt();
        }
        assertEquals(java.util.Arrays.toString(in.ids()), java.util.Arrays.toString(served));
    }

    @Test
    void postFormCarriesTheContextAndAnArm() throws Exception {
        ServingFixture.Reply r = post(base, "recommendations", "application/x-www-form-urlencoded",
                "user=3&k=5&freshness=0.5&time=0.3&arm=treatment");
        assertEquals(200, r.status(), r.body());
        JsonObject o = r.json();
        assertEquals("treatment", o.get("arm").getAsString());
        Answer in = service.recommend(3, 5, new UserContext(0.5, 0.3), "treatment");
        assertEquals(in.items().get(0).item(), o.getAsJsonArray("items").get(0).getAsJsonObject().get("item").getAsInt());
        Answer noContext = service.recommend(3, 5, UserContext.NONE, "treatment");
        assertNotEquals(in.items().get(0).rankingScore(), noContext.items().get(0).rankingScore(),
                "the context changes the ranking scores");
    }

    @Test
    void unknownUsersGetTheColdStartList() throws Exception {
        JsonObject o = get(base, "recommendations?user=100000&k=4&arm=control").json();
        assertEquals("cold-start", o.get("path").getAsString());
        assertTrue(o.get("fallback").getAsBoolean());
        assertFalse(o.get("degraded").getAsBoolean());
        ScoredItems popular = service.model("control").popular(4);
        JsonArray items = o.getAsJsonArray("items");
        for (int i = 0; i < 4; i++) {
            assertEquals(popular.id(i), items.get(i).getAsJsonObject().get("item").getAsInt());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "recommendations?k=3                  | user",
        "recommendations?user=abc             | user",
        "recommendations?user=-1              | user",
        "recommendations?user=1&k=0           | k",
        "recommendations?user=1&k=51          | k",
        "recommendations?user=1&k=2.5         | k",
        "recommendations?user=1&arm=nope      | arm",
        "recommendations?user=1&freshness=-1  | freshness",
        "recommendations?user=1&time=NaN      | time",
        "recommendations?user=99999999999     | user",
    })
    void badParametersGet400NamingTheParameter(String path, String parameter) throws Exception {
        ServingFixture.Reply r = get(base, path.trim());
        assertEquals(400, r.status(), r.body());
        JsonObject o = r.json();
        assertEquals(parameter.trim(), o.get("parameter").getAsString(), r.body());
        assertTrue(o.get("message").getAsString().contains(parameter.trim()), r.body());
        assertEquals(200, get(base, "recommendations?user=1").status(), "still serving");
    }

    @Test
    void anotherMethodGets405() throws Exception {
        java.net.http.HttpResponse<String> r = ServingFixture.CLIENT.send(java.net.http.HttpRequest
                .newBuilder(base.resolve("recommendations?user=1")).DELETE().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
        assertEquals("GET, POST", r.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void eventsAreAcknowledgedOnceRecordedOneOrABatch() throws Exception {
        long before = service.events().count();
        ServingFixture.Reply one = post(base, "events", "application/json", impression("r1", 1, 10, "control", 1));
        assertEquals(200, one.status(), one.body());
        assertEquals(1, one.json().get("recorded").getAsInt());
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(impression("r2", 2, 100 + i, "treatment", i + 1));
        }
        batch.add("{\"type\":\"click\",\"requestId\":\"r2\",\"user\":2,\"item\":101,\"arm\":\"treatment\"}");
        ServingFixture.Reply many = post(base, "events", "application/json", "[" + String.join(",", batch) + "]");
        assertEquals(200, many.status(), many.body());
        assertEquals(26, many.json().get("recorded").getAsInt());
        assertEquals(before + 27, service.events().count(), "acknowledged means recorded");
        assertTrue(service.metrics().events("treatment")[1] >= 1, "clicks counted per arm");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"click\",                                                     | body",
        "[]                                                                        | events",
        "42                                                                        | body",
        "{\"type\":\"view\",\"requestId\":\"r\",\"user\":1,\"item\":1,\"arm\":\"control\"}   | events[0].type",
        "{\"type\":\"click\",\"user\":1,\"item\":1,\"arm\":\"control\"}                       | events[0].requestId",
        "{\"type\":\"click\",\"requestId\":\"r\",\"user\":-3,\"item\":1,\"arm\":\"control\"}  | events[0].user",
        "{\"type\":\"click\",\"requestId\":\"r\",\"user\":1,\"item\":5000,\"arm\":\"control\"} | events[0].item",
        "{\"type\":\"click\",\"requestId\":\"r\",\"user\":1,\"item\":\"x\",\"arm\":\"control\"} | events[0].item",
        "[{\"type\":\"click\",\"requestId\":\"r\",\"user\":1,\"item\":1,\"arm\":\"control\"},{\"type\":\"click\",\"requestId\":\"r\",\"user\":1,\"item\":1,\"arm\":\"zzz\"}] | events[1].arm",
        "{\"type\":\"click\",\"requestId\":\"r\",\"user\":1,\"item\":1,\"arm\":\"control\",\"propensity\":2} | events[0].propensity",
    })
    void badEventsGet400AndRecordNothing(String body, String parameter) throws Exception {
        long before = service.events().count();
        ServingFixture.Reply r = post(base, "events", "application/json", body.trim());
        assertEquals(400, r.status(), r.body());
        assertEquals(parameter.trim(), r.json().get("parameter").getAsString(), r.body());
        assertEquals(before, service.events().count(), "a refused batch records nothing");
    }

    @Test
    void tooManyEventsInOneBatchGet400() throws Exception {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i <= RecommendationServer.MAX_BATCH; i++) {
            b.append(i == 0 ? "" : ",").append(impression("r", 1, 1, "control", 1));
        }
        ServingFixture.Reply r = post(base, "events", "application/json", b.append(']').toString());
        assertEquals(400, r.status());
        assertEquals("events", r.json().get("parameter").getAsString());
    }

    @Test
    void anOversizedBodyGets413() throws Exception {
        String huge = "x".repeat(ServerConfig.defaults().maxBodyBytes() + 1);
        ServingFixture.Reply r = post(base, "events", "application/json", huge);
        assertEquals(413, r.status());
        assertEquals("body", r.json().get("parameter").getAsString());
        assertEquals(200, get(base, "health").status(), "still serving");
    }

    @Test
    void healthNamesTheModels() throws Exception {
        ServingFixture.Reply r = get(base, "health");
        assertEquals(200, r.status());
        JsonObject models = r.json().getAsJsonObject("models");
        assertEquals("v1", models.get("control").getAsString());
        assertEquals("v2", models.get("treatment").getAsString());
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        get(base, "recommendations?user=5");
        get(base, "recommendations?user=5");
        ServingFixture.Reply r = get(base, "metrics");
        assertEquals(200, r.status());
        assertTrue(r.response().headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = r.body();
        for (String name : new String[] {"recsys_requests_total{", "recsys_errors_total{", "recsys_shed_total",
            "recsys_stage_latency_seconds_bucket{", "recsys_request_latency_seconds_bucket{",
            "recsys_cache_hit_ratio", "recsys_in_flight"}) {
            assertTrue(text.contains(name), name + " missing from /metrics");
        }
        assertTrue(text.contains("stage=\"candidateGeneration\"") && text.contains("stage=\"reRanking\""));
    }

    @Test
    void theCacheServesARepeatedUsersCandidates() throws Exception {
        service.clearCache();
        long hits = service.metrics().cacheHits();
        JsonObject first = get(base, "recommendations?user=77&arm=control").json();
        JsonObject second = get(base, "recommendations?user=77&arm=control").json();
        assertFalse(first.get("cacheHit").getAsBoolean());
        assertTrue(second.get("cacheHit").getAsBoolean());
        assertEquals(first.getAsJsonArray("items").toString(), second.getAsJsonArray("items").toString(),
                "a hit gives the same list");
        assertEquals(hits + 1, service.metrics().cacheHits());
        assertTrue(service.metrics().cacheHitRate() > 0);
    }

    @Test
    void statsFeedTheLivePanel() throws Exception {
        get(base, "recommendations?user=8");
        JsonObject o = get(base, "stats").json();
        assertTrue(o.get("requests").getAsLong() >= 1);
        assertEquals(2, o.getAsJsonArray("arms").size());
        assertTrue(o.has("p99Millis") && o.has("requestsPerSecond"));
    }

    @Test
    void formFieldsDecode() {
        assertEquals("a b", RecommendationServer.formParameters("x=a+b&y=1").get("x"));
        assertEquals("", RecommendationServer.formParameters("flag").get("flag"));
        org.junit.jupiter.api.Assertions.assertThrows(BadRequestException.class,
                () -> RecommendationServer.formParameters("x=%zz"));
    }
}
