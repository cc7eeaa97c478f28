package org.recsysbook.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsysbook.serving.RecommendationServer;
import org.recsysbook.serving.RecommendationService;
import org.recsysbook.serving.ServerConfig;
import org.recsysbook.world.World;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The loop on the live service over HTTP: impressions logged by the service, clicks checked, bad input refused. */
class ExperimentLoopHttpTest {
    static final World WORLD = World.builder().items(2000).users(300).seed(7).build();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;
    EventStore store;
    ExperimentLoop loop;
    RecommendationServer server;
    URI base;

    @BeforeEach
    void start() {
        store = EventStore.open(dir.resolve("events.duckdb"));
        loop = new ExperimentLoop(store, System::currentTimeMillis);
        RecommendationService service = loop.wire(ExperimentServeMain.twoArms(WORLD, 2000));
        server = RecommendationServer.start(service, ServerConfig.defaults());
        base = server.uri();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    record Reply(int status, JsonObject json) {
    }

    Reply get(String path) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JsonParser.parseString(r.body()).getAsJsonObject());
    }

    Reply post(String body) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(base.resolve("events"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JsonParser.parseString(r.body()).getAsJsonObject());
    }

    static String click(String request, int item, String arm, Long ts) {
        return "{\"type\":\"click\",\"requestId\":\"" + request + "\",\"user\":5,\"item\":" + item + ",\"arm\":\"" + arm
                + "\"" + (ts == null ? "" : ",\"ts\":" + ts) + "}";
    }

    long query(String sql) throws Exception {
        try (Connection c = store.connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void theServiceLogsEachAnswersImpressionsAndAClickOnThemIsRecorded() throws Exception {
        Reply a = get("recommendations?user=5&k=6");
        assertEquals(200, a.status());
        String id = a.json().get("requestId").getAsString();
        assertTrue(id.startsWith("b1-"), "request ids carry the store's start number: " + id);
        String arm = a.json().get("arm").getAsString();
        int item = a.json().getAsJsonArray("items").get(2).getAsJsonObject().get("item").getAsInt();
        Reply c = post(click(id, item, arm, null));
        assertEquals(200, c.status(), c.json().toString());
        store.flush();
        assertEquals(6, query("SELECT count(*) FROM impressions WHERE request_id = '" + id + "' AND user_id = 5 AND arm = '"
                + arm + "' AND model_version = '" + a.json().get("modelVersion").getAsString() + "'"));
        assertEquals(1, query("SELECT count(*) FROM impressions i JOIN clicks c USING (request_id, item_id)"
                + " WHERE i.position = 3"));
        assertEquals("ok", get("health").json().get("status").getAsString());
        assertEquals("ok", get("health").json().get("eventStore").getAsString());
    }

    @Test
    void brokenLoggingLosesEveryAnswerOfTheBrokenClientsUsersAndOnlyTheirs() throws Exception {
        loop.breakLogging("treatment", 0.3);
        int lostUsers = 0;
        int treatmentUsers = 0;
        for (int user = 0; user < 60; user++) {
            String arm = null;
            for (int visit = 0; visit < 3; visit++) {   // three answers a user, each with its own request id
                arm = get("recommendations?user=" + user + "&k=4").json().get("arm").getAsString();
            }
            store.flush();
            long logged = query("SELECT count(*) FROM impressions WHERE user_id = " + user);
            boolean broken = arm.equals("treatment") && ExperimentLoop.brokenClient(user) < 0.3;
            // all three answers lost, or none: the fault follows the user, not the request (nor its arrival order)
            assertEquals(broken ? 0 : 12, logged, "user " + user + " in " + arm);
            treatmentUsers += arm.equals("treatment") ? 1 : 0;
            lostUsers += broken ? 1 : 0;
        }
        assertTrue(lostUsers > 0 && lostUsers < treatmentUsers, lostUsers + " of " + treatmentUsers + " treatment users");
        loop.breakLogging("treatment", 0);
        String id = get("recommendations?user=0&k=4").json().get("requestId").getAsString();
        store.flush();
        assertEquals(4, query("SELECT count(*) FROM impressions WHERE request_id = '" + id + "'"), "repaired");
    }

    @Test
    void aClickTwiceIsAcknowledgedTwiceAndCountedOnce() throws Exception {
        Reply a = get("recommendations?user=9&k=3");
        String id = a.json().get("requestId").getAsString();
        String arm = a.json().get("arm").getAsString();
        int item = a.json().getAsJsonArray("items").get(0).getAsJsonObject().get("item").getAsInt();
        assertEquals(200, post(click(id, item, arm, null)).status());
        assertEquals(200, post("[" + click(id, item, arm, null) + "," + click(id, item, arm, null) + "]").status());
        assertEquals(1, query("SELECT count(*) FROM clicks"));
        assertEquals(2, store.duplicates());
    }

    @Test
    void clicksOnUnknownRequestsOrItemsAreRefusedNamingTheField() throws Exception {
        Reply a = get("recommendations?user=9&k=3");
        String id = a.json().get("requestId").getAsString();
        String arm = a.json().get("arm").getAsString();
        Reply unknown = post(click("b1-999999", 10, arm, null));
        assertEquals(400, unknown.status());
        assertEquals("events[0].requestId", unknown.json().get("parameter").getAsString());
        int notShown = 0;
        while (a.json().toString().contains("\"item\":" + notShown + ",")) {
            notShown++;
        }
        Reply other = post("[" + click(id, a.json().getAsJsonArray("items").get(0).getAsJsonObject().get("item").getAsInt(),
                arm, null) + "," + click(id, notShown, arm, null) + "]");
        assertEquals(400, other.status());
        assertEquals("events[1].item", other.json().get("parameter").getAsString());
        Reply outside = post(click(id, 5000, arm, null));
        assertEquals(400, outside.status());
        assertEquals(0, query("SELECT count(*) FROM clicks"), "a refused batch records nothing, its good events included");
    }

    @Test
    void outOfOrderTimestampsAreKeptAndImpossibleOnesRefused() throws Exception {
        Reply a = get("recommendations?user=11&k=3");
        String id = a.json().get("requestId").getAsString();
        String arm = a.json().get("arm").getAsString();
        long now = System.currentTimeMillis();
        int i0 = a.json().getAsJsonArray("items").get(0).getAsJsonObject().get("item").getAsInt();
        int i1 = a.json().getAsJsonArray("items").get(1).getAsJsonObject().get("item").getAsInt();
        assertEquals(200, post("[" + click(id, i1, arm, now - 1000) + "," + click(id, i0, arm, now - 60_000) + "]")
                .status());
        store.flush();
        assertEquals(now - 60_000, query("SELECT epoch_ms(ts) FROM clicks WHERE item_id = " + i0));
        assertEquals(1, query("SELECT count(*) FROM clicks c JOIN impressions i USING (request_id, item_id)"
                + " WHERE c.ts < i.ts AND c.item_id = " + i0), "a click stamped before its impression still joins it");
        Reply future = post(click(id, i0, arm, now + 3_600_000));
        assertEquals(400, future.status());
        assertEquals("events[0].ts", future.json().get("parameter").getAsString());
        assertEquals(400, post(click(id, i0, arm, now - 30L * 86_400_000)).status());
    }

    @Test
    void aReadOnlyStoreMakesHealthDegradedAndEventsAnswer503() throws Exception {
        server.close();
        store.close();
        store = EventStore.open(dir.resolve("events.duckdb"), true, 100);
        loop = new ExperimentLoop(store, System::currentTimeMillis);
        server = RecommendationServer.start(loop.wire(ExperimentServeMain.twoArms(WORLD, 2000)), ServerConfig.defaults());
        base = server.uri();
        JsonObject h = get("health").json();
        assertEquals("degraded", h.get("status").getAsString());
        assertTrue(h.get("eventStore").getAsString().contains("read-only"), h.toString());
        Reply a = get("recommendations?user=5&k=3");
        assertEquals(200, a.status(), "the service still serves");
        Reply e = post(click(a.json().get("requestId").getAsString(),
                a.json().getAsJsonArray("items").get(0).getAsJsonObject().get("item").getAsInt(),
                a.json().get("arm").getAsString(), null));
        assertEquals(503, e.status());
        assertTrue(e.json().get("message").getAsString().contains("read-only"), e.json().toString());
        assertNotEquals(0, store.dropped(), "the answer's impressions were dropped, and counted");
    }
}
