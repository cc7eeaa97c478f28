package org.recsysbook.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.UserContext;
import org.recsysbook.data.MovieLens;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The MovieLens bundle on the five-movie sample of the data tests: unseen movies only, histories, the service. */
class MovieLensBundleTest {
    static MovieLens sample() {
        try {
            return MovieLens.load(Path.of(MovieLensBundleTest.class.getResource("/movielens/ratings.csv").toURI())
                    .getParent());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static final MovieLens ML = sample();
    static final MovieLensBundle BUNDLE = MovieLensBundle.of(ML, "movielens-test-v1");

    @Test
    void recommendsOnlyMoviesTheUserHasNotRated() {
        RecommendationService service = RecommendationService.builder().arm("control", BUNDLE).build();
        for (int u = 0; u < ML.userCount(); u++) {
            int[] seen = ML.ratings().sortedItems(u);
            // the service takes MovieLens's own userIds (1, 4, 7 and 12 in the sample)
            Answer a = service.recommend(ML.userId(u), 5, UserContext.NONE, "control");
            assertEquals(ML.userId(u), a.user());
            assertEquals(AnswerPath.FULL, a.path());
            assertEquals(ML.itemCount() - seen.length, a.items().size(), "every unseen movie, as there are few");
            for (Answer.Item it : a.items()) {
                assertTrue(Arrays.binarySearch(seen, it.item()) < 0, "user " + u + " rated " + it.item());
                assertEquals(ML.label(it.item()), it.title(), "title (year)");
                assertEquals(String.join("|", ML.genres(it.item())), it.genres());
            }
        }
    }

    @Test
    void aUserOutsideTheDataGetsTheMostRatedMovies() {
        RecommendationService service = RecommendationService.builder().arm("control", BUNDLE).build();
        Answer a = service.recommend(2, 2, UserContext.NONE, "control");   // no userId 2 in the sample
        assertEquals(AnswerPath.COLD_START, a.path());
        // movies 2 and 3 have three ratings each, movies 10 and 50 two, movie 7 one
        int[] counts = ML.ratings().itemCounts();
        assertEquals(3, counts[a.items().get(0).item()]);
        assertEquals(3, counts[a.items().get(1).item()]);
        assertEquals(java.util.Set.of(ML.item(2), ML.item(3)),
                java.util.Set.of(a.items().get(0).item(), a.items().get(1).item()));
    }

    @Test
    void theDeadlinesFallbackLeavesOutWhatTheUserRated() {
        RecommendationService service = RecommendationService.builder().arm("control", BUNDLE).build();
        // userId 1 rated four of the five movies: the most rated ones are among them, the fallback skips them
        Answer a = service.fallback(1, 3, "control", 0, false);
        assertEquals(AnswerPath.DEADLINE_POPULARITY, a.path());
        assertEquals(1, a.items().size());
        assertEquals(ML.item(7), a.items().get(0).item());
        // userId 12 rated movies 7, 10 and 2: left are 3 (three ratings) and 50 (two), in that order
        Answer b = service.fallback(12, 5, "control", 0, false);
        assertEquals(List.of(ML.item(3), ML.item(50)), b.items().stream().map(Answer.Item::item).toList());
        // an unknown user gets the plain list
        assertEquals(2, service.fallback(0, 2, "control", 0, false).items().size());
    }

    @Test
    void versionsMayShareTheirItemKnnButOnlyOneTrainedOnTheSameRatings() {
        org.recsysbook.retrieval.ItemKnn knn = org.recsysbook.retrieval.ItemKnn.train(ML.ratings());
        MovieLensBundle a = MovieLensBundle.of(ML, "a", org.recsysbook.retrieval.ImplicitAls.DEFAULTS, knn);
        RecommendationService service = RecommendationService.builder().arm("control", a).build();
        assertEquals(service.recommend(1, 5, UserContext.NONE, "control").items().stream().map(Answer.Item::item)
                .toList(), RecommendationService.builder().arm("control", BUNDLE).build()
                .recommend(1, 5, UserContext.NONE, "control").items().stream().map(Answer.Item::item).toList());
        MovieLens other = sample();   // the same file read again: other ratings objects
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MovieLensBundle.of(other, "b", org.recsysbook.retrieval.ImplicitAls.DEFAULTS, knn));
        assertTrue(e.getMessage().startsWith("knn must be trained on ml.ratings()"), e.getMessage());
    }

    @Test
    void theHistoryIsMostRecentFirst() {
        // userId 1: movie 2 at ..3815, movie 3 at ..2931, movies 10 and 50 both at ..2224 (lower index first)
        int[] h = BUNDLE.history(1);
        int tenAndFifty0 = Math.min(ML.item(10), ML.item(50));
        int tenAndFifty1 = Math.max(ML.item(10), ML.item(50));
        assertEquals(Arrays.toString(new int[] {ML.item(2), ML.item(3), tenAndFifty0, tenAndFifty1}),
                Arrays.toString(h));
        assertEquals(0, BUNDLE.history(0).length, "an unknown user has none");
        assertEquals(0, BUNDLE.history(-1).length);
        assertFalse(BUNDLE.knowsUser(0));
        assertTrue(BUNDLE.knowsUser(12));
    }

    @Test
    void theServiceServesHistoriesAndRefusesBadOnes() throws Exception {
        RecommendationService service = RecommendationService.builder().arm("control", BUNDLE).build();
        try (RecommendationServer server = RecommendationServer.start(service, ServerConfig.defaults())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = server.uri();
            HttpResponse<String> r = get(client, base, "history?user=1&limit=2");
            assertEquals(200, r.statusCode(), r.body());
            JsonObject h = JsonParser.parseString(r.body()).getAsJsonObject();
            assertTrue(h.get("known").getAsBoolean());
            assertEquals("movielens-test-v1", h.get("modelVersion").getAsString());
            JsonArray items = h.getAsJsonArray("items");
            assertEquals(2, items.size(), "limit 2");
            assertEquals("Jumanji (1995)", items.get(0).getAsJsonObject().get("title").getAsString());
            assertEquals("Adventure|Children|Fantasy", items.get(0).getAsJsonObject().get("genres").getAsString());

            JsonObject unknown = JsonParser.parseString(get(client, base, "history?user=999").body()).getAsJsonObject();
            assertFalse(unknown.get("known").getAsBoolean());
            assertEquals(0, unknown.getAsJsonArray("items").size());

            for (String[] bad : new String[][] {{"history?user=1&limit=0", "limit"}, {"history", "user"},
                {"history?user=-1", "user"}, {"history?user=1&arm=nope", "arm"}, {"history?user=x", "user"}}) {
                HttpResponse<String> b = get(client, base, bad[0]);
                assertEquals(400, b.statusCode(), bad[0] + ": " + b.body());
                assertEquals(bad[1], JsonParser.parseString(b.body()).getAsJsonObject().get("parameter").getAsString(),
                        bad[0]);
            }
            HttpResponse<String> rec = get(client, base, "recommendations?user=1&k=3");
            assertEquals(200, rec.statusCode(), rec.body());
            JsonArray shown = JsonParser.parseString(rec.body()).getAsJsonObject().getAsJsonArray("items");
            assertEquals(1, shown.size(), "userId 1 rated four of the five movies");
            assertEquals("Babylon 5", shown.get(0).getAsJsonObject().get("title").getAsString());
        }
    }

    static HttpResponse<String> get(HttpClient client, URI base, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
