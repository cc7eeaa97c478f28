package org.recsysbook.kernel;

import com.google.gson.JsonObject;

import java.util.List;

/**
 * One Jupyter wire-protocol message: the routing identities, the four JSON parts and any binary buffers.
 * Content is kept as a {@link JsonObject}: the kernel reads the few fields it needs by name, which keeps it
 * tolerant of front ends that add fields of their own.
 */
public record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader,
                      JsonObject metadata, JsonObject content, List<byte[]> buffers) {

    /** The message type from the header, for example {@code execute_request}. */
    public String type() {
        return header.has("msg_type") ? header.get("msg_type").getAsString() : "";
    }

    /** A string field of the content, or {@code fallback} when it is absent or not a string. */
    public String string(String field, String fallback) {
        var e = content.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : fallback;
    }

    /** An integer field of the content, or {@code fallback}. */
    public int integer(String field, int fallback) {
        var e = content.get(field);
        try {
            return e != null && e.isJsonPrimitive() ? e.getAsInt() : fallback;
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }

    /** A boolean field of the content, or {@code fallback}. */
    public boolean flag(String field, boolean fallback) {
        var e = content.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsBoolean() : fallback;
    }
}
