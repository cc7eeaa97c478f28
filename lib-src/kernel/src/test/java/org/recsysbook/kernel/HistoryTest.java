package org.recsysbook.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HistoryTest {

    private static Message request(String content) {
        return new Message(List.of(), new JsonObject(), new JsonObject(), new JsonObject(),
                JsonParser.parseString(content).getAsJsonObject(), List.of());
    }

    /** The execution counts and codes of a reply, as "count:code". */
    private static List<String> entries(History h, String content) {
        List<String> out = new ArrayList<>();
        for (var e : (JsonArray) h.reply(request(content)).get("history")) {
            JsonArray entry = e.getAsJsonArray();
            String code = entry.get(2).isJsonArray() ? entry.get(2).getAsJsonArray().get(0).getAsString()
                    : entry.get(2).getAsString();
            out.add(entry.get(1).getAsInt() + ":" + code);
        }
        return out;
    }

    private static History threeCells() {
        History h = new History();
        h.add(1, "int a = 1;");
        h.add(2, "a + 1");
        h.add(3, "a + 1");
        return h;
    }

    @Test
    void tailGivesTheLastNCells() {
        assertEquals(List.of("2:a + 1", "3:a + 1"), entries(threeCells(), "{\"hist_access_type\":\"tail\",\"n\":2}"));
        assertEquals(3, entries(threeCells(), "{}").size());
        assertEquals(List.of(), entries(threeCells(), "{\"n\":-1}"));
    }

    @Test
    void rangeIsStartInclusiveStopExclusive() {
        assertEquals(List.of("1:int a = 1;", "2:a + 1"),
                entries(threeCells(), "{\"hist_access_type\":\"range\",\"start\":1,\"stop\":3}"));
    }

    @Test
    void searchMatchesAGlobAndCanDropRepeats() {
        assertEquals(List.of("2:a + 1", "3:a + 1"),
                entries(threeCells(), "{\"hist_access_type\":\"search\",\"pattern\":\"a ?*\"}"));
        assertEquals(List.of("2:a + 1"),
                entries(threeCells(), "{\"hist_access_type\":\"search\",\"pattern\":\"a*\",\"unique\":true}"));
        assertEquals(List.of("1:int a = 1;"),
                entries(threeCells(), "{\"hist_access_type\":\"search\",\"pattern\":\"int*\",\"output\":true}"));
    }
}
