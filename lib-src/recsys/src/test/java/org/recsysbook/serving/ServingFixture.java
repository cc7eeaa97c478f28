package org.recsysbook.serving;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.recsysbook.world.World;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** A small two-arm service and an HTTP client for the serving tests. */
final class ServingFixture {
    static final World WORLD = World.builder().items(5000).users(500).seed(7).build();

    private ServingFixture() {
    }

    static RecommendationService service(StageBudgets budgets) {
        RecommendationService s = RecommendationService.builder()
                .arm("control", SyntheticBundle.of(WORLD, "v1"))
                .arm("treatment", SyntheticBundle.of(WORLD, "v2", 0.9, 0.1, 7))
                .budgets(budgets)
                .build();
        s.warmUp(50);
        return s;
    }

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body, HttpResponse<String> response) {
        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }
    }

    static Reply get(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    static Reply post(URI base, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    static String impression(String requestId, int user, int item, String arm, int position) {
        return "{\"type\":\"impression\",\"requestId\":\"" + requestId + "\",\"user\":" + user + ",\"item\":" + item
                + ",\"arm\":\"" + arm + "\",\"position\":" + position + "}";
    }
}
