package org.recsysbook.kernel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamPublisherTest {
    private static void print(StreamPublisher out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    @Test
    void batchesLinesAndSendsTheRestOnFlush() {
        List<Map<String, String>> sent = new ArrayList<>();
        StreamPublisher out = new StreamPublisher("stdout", (type, content) -> sent.add(content));
        for (int i = 0; i < 100; i++) {
            print(out, "line " + i + "\n");
        }
        assertEquals(0, sent.size(), "nothing is sent before a pump or a flush");
        out.flush();
        assertEquals(1, sent.size());
        assertEquals("stdout", sent.get(0).get("name"));
        assertEquals(100, sent.get(0).get("text").lines().count());
    }

    @Test
    void aPumpSendsWholeLinesAndKeepsAFreshPartialLine() {
        List<String> texts = new ArrayList<>();
        StreamPublisher out = new StreamPublisher("stdout", (type, content) -> texts.add(content.get("text")));
        print(out, "first line\nc = ");
        out.pump();
        assertEquals(List.of("first line\n"), texts);
        print(out, "0.10\n");
        out.pump();
        assertEquals(List.of("first line\n", "c = 0.10\n"), texts);
    }

    @Test
    void neverSplitsACharacterBetweenMessages() {
        List<String> texts = new ArrayList<>();
        StreamPublisher out = new StreamPublisher("stdout", (type, content) -> texts.add(content.get("text")));
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        out.write(euro, 0, 2);
        out.flush();
        out.write(euro, 2, 1);
        out.flush();
        assertEquals(List.of("€"), texts);
    }
}
