package org.recsysbook.serving;

import java.util.Arrays;

/**
 * A JSON writer straight into UTF-8 bytes, for the answers the service writes on every request: no tree, no
 * {@link java.io.Writer}, no intermediate {@link String}. The caller writes names, values and brackets in order
 * (commas are placed here); numbers are written as {@link Double#toString} and {@link Integer#toString} write them,
 * as Gson's writer does, and non-finite doubles as {@code null}. Written by hand because Gson's streaming writer
 * needs a {@code Writer}, and its output would then be copied into a string and encoded again.
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private byte[] b;
    private int n;
    /** Whether the next value or name in the current container needs a comma before it. */
    private boolean comma;

    JsonBytes(int capacity) {
        b = new byte[Math.max(16, capacity)];
    }

    JsonBytes beginObject() {
        separate();
        put((byte) '{');
        comma = false;
        return this;
    }

    JsonBytes endObject() {
        put((byte) '}');
        comma = true;
        return this;
    }

    JsonBytes beginArray() {
        separate();
        put((byte) '[');
        comma = false;
        return this;
    }

    JsonBytes endArray() {
        put((byte) ']');
        comma = true;
        return this;
    }

    /** A member's name; its value comes next. */
    JsonBytes name(String name) {
        separate();
        string(name);
        put((byte) ':');
        comma = false;
        return this;
    }

    JsonBytes value(String v) {
        separate();
        if (v == null) {
            ascii("null");
        } else {
            string(v);
        }
        comma = true;
        return this;
    }

    JsonBytes value(long v) {
        separate();
        ascii(Long.toString(v));
        comma = true;
        return this;
    }

    JsonBytes value(boolean v) {
        separate();
        ascii(v ? "true" : "false");
        comma = true;
        return this;
    }

    /** A double as {@link Double#toString} writes it, or {@code null} if it is NaN or infinite. */
    JsonBytes value(double v) {
        separate();
        ascii(Double.isFinite(v) ? Double.toString(v) : "null");
        comma = true;
        return this;
    }

    byte[] toBytes() {
        return Arrays.copyOf(b, n);
    }

    private void separate() {
        if (comma) {
            put((byte) ',');
        }
    }

    private void string(String s) {
        put((byte) '"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                put((byte) c);
            } else if (c == '"' || c == '\\') {
                put((byte) '\\');
                put((byte) c);
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                switch (c) {
                    case '\n' -> ascii("\\n");
                    case '\r' -> ascii("\\r");
                    case '\t' -> ascii("\\t");
                    case '\b' -> ascii("\\b");
                    case '\f' -> ascii("\\f");
                    default -> {
                        ascii("\\u");
                        put(HEX[(c >> 12) & 15]);
                        put(HEX[(c >> 8) & 15]);
                        put(HEX[(c >> 4) & 15]);
                        put(HEX[c & 15]);
                    }
                }
            } else if (c < 0x800) {
                put((byte) (0xC0 | (c >> 6)));
                put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                put((byte) (0xF0 | (cp >> 18)));
                put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                put((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                put((byte) '?'); // a lone surrogate is not text; String.getBytes(UTF_8) writes '?' too
            } else {
                put((byte) (0xE0 | (c >> 12)));
                put((byte) (0x80 | ((c >> 6) & 0x3F)));
                put((byte) (0x80 | (c & 0x3F)));
            }
        }
        put((byte) '"');
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
    }

    private void put(byte x) {
        if (n == b.length) {
            b = Arrays.copyOf(b, b.length * 2);
        }
        b[n++] = x;
    }
}
