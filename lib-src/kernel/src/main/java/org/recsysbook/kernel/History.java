package org.recsysbook.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The cells run in this session, by execution count, and the answer to a {@code history_request}. */
final class History {
    private record Entry(int line, String code) { }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int executionCount, String code) {
        entries.add(new Entry(executionCount, code));
    }

    /** The {@code history_reply} content for a request of access type tail, range or search. */
    synchronized Map<String, Object> reply(Message msg) {
        String access = msg.string("hist_access_type", "tail");
        List<Entry> selected = switch (access) {
            case "range" -> range(msg.integer("start", 0), msg.integer("stop", entries.size() + 1));
            case "search" -> search(msg.string("pattern", "*"), msg.flag("unique", false), msg);
            default -> last(entries, msg.integer("n", entries.size()));
        };
        boolean output = msg.flag("output", false);
        JsonArray history = new JsonArray();
        for (Entry h : selected) {
            JsonArray entry = new JsonArray();
            entry.add(0);
            entry.add(h.line());
            if (output) {
                JsonArray io = new JsonArray();
                io.add(h.code());
                io.add(JsonNull.INSTANCE);
                entry.add(io);
            } else {
                entry.add(h.code());
            }
            history.add(entry);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("history", history);
        return reply;
    }

    private List<Entry> range(int start, int stop) {
        List<Entry> selected = new ArrayList<>();
        for (Entry h : entries) {
            if (h.line() >= start && h.line() < stop) {
                selected.add(h);
            }
        }
        return selected;
    }

    /** The cells matching a glob ({@code *} any text, {@code ?} one character), the last {@code n} of them. */
    private List<Entry> search(String glob, boolean unique, Message msg) {
        String regex = Pattern.quote(glob).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        Pattern p = Pattern.compile(regex, Pattern.DOTALL);
        Set<String> seen = new HashSet<>();
        List<Entry> selected = new ArrayList<>();
        for (Entry h : entries) {
            if (p.matcher(h.code()).matches() && (!unique || seen.add(h.code()))) {
                selected.add(h);
            }
        }
        return last(selected, msg.integer("n", selected.size()));
    }

    private static List<Entry> last(List<Entry> list, int n) {
        return new ArrayList<>(list.subList(Math.max(0, list.size() - Math.max(0, n)), list.size()));
    }
}
