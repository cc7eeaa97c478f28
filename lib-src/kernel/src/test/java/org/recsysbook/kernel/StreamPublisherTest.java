package org.recsysbook.kernel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamPublisherTest {

    @Test
    void batchesLinesAndSendsTheRestOnFlush() {
        List<Map<String, String>> sent = new ArrayList<>();
        StreamPublisher out = new StreamPublisher("stdout", 60_000, (type, content) -> sent.add(content));
        for (int i = 0; i < 100; i++) {
            out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8), 0, ("line " + i + "\n").length());
        }
        assertEquals(0, sent.size(), "nothing is sent before the interval or a flush");
        out.flush();
        assertEquals(1, sent.size());
        assertEquals("stdout", sent.get(0).get("name"));
        assertEquals(100, sent.get(0).get("text").lines().count());
    }

    @Test
    void neverSplitsACharacterBetweenMessages() {
        List<String> texts = new ArrayList<>();
        StreamPublisher out = new StreamPublisher("stdout", 0, (type, content) -> texts.add(content.get("text")));
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        out.write(euro, 0, 2);
        out.write(euro, 2, 1);
        out.flush();
        assertEquals("€", String.join("", texts));
    }
}
