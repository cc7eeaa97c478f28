package org.recsysbook.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;

/** The answer's hand-written JSON bytes are exactly what Gson's streaming writer makes of the same answer. */
class JsonBytesTest {

    @Test
    void theAnswerIsWhatGsonWrites() throws Exception {
        String[] titles = {"plain", "quote \" and back\\slash", "line\nbreak\ttab\r\b\f", "control \u0001\u001f",
            "é ü 中文", "emoji \uD83C\uDFAC", "separators \u2028 \u2029", "<html> & 'quotes' =", ""};
        List<Answer.Item> items = new java.util.ArrayList<>();
        for (int i = 0; i < titles.length; i++) {
            items.add(new Answer.Item(i + 1, 1000 + i, titles[i], "genre|" + i, i == 2 ? Double.NaN : 0.1 * i - 0.35,
                    i == 3 ? Double.POSITIVE_INFINITY : 1e-7 * i, 12345.678 * i));
        }
        Answer a = new Answer("b3-17", 42, "treatment", "blend-0.9-v2", AnswerPath.RANKED_ORDER, true, items,
                new long[] {1_234_567, 89_000, 0}, 1_400_001);
        byte[] ours = RecommendationServer.answerBytes(a);
        assertEquals(gson(a), new String(ours, StandardCharsets.UTF_8));
        assertEquals(titles[5], JsonParser.parseString(new String(ours, StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonArray("items").get(5).getAsJsonObject().get("title").getAsString());
    }

    /** The service's former writer: Gson's JsonWriter, NaN and infinities as null. */
    private static String gson(Answer a) throws Exception {
        StringWriter s = new StringWriter();
        try (JsonWriter w = new JsonWriter(s)) {
            w.beginObject();
            w.name("requestId").value(a.requestId());
            w.name("user").value(a.user());
            w.name("arm").value(a.arm());
            w.name("modelVersion").value(a.modelVersion());
            w.name("path").value(a.path().key());
            w.name("fallback").value(a.path().fallback());
            w.name("degraded").value(a.path().degraded());
            w.name("cacheHit").value(a.cacheHit());
            w.name("timingsMillis").beginObject();
            for (Stage st : Stage.values()) {
                w.name(st.key()).value(a.stageMillis(st));
            }
            w.name("total").value(a.totalMillis());
            w.endObject();
            w.name("items").beginArray();
            for (Answer.Item i : a.items()) {
                w.beginObject();
                w.name("rank").value(i.rank());
                w.name("item").value(i.item());
                w.name("title").value(i.title());
                w.name("genres").value(i.genres());
                w.name("scores").beginObject();
                for (String n : new String[] {"candidate", "ranking", "final"}) {
                    double v = n.equals("candidate") ? i.candidateScore() : n.equals("ranking") ? i.rankingScore()
                            : i.finalScore();
                    if (Double.isFinite(v)) {
                        w.name(n).value(v);
                    } else {
                        w.name(n).nullValue();
                    }
                }
                w.endObject();
                w.endObject();
            }
            w.endArray();
            w.endObject();
        }
        return s.toString();
    }
}
