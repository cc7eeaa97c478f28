package org.recsysbook.notebook;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON text that is safe inside an HTML {@code <script>} element, and reads the JavaScript object literals
 * that Tablesaw's plot templates produce (unquoted keys, single-quoted strings, trailing commas, {@code NaN}).
 *
 * <p>Written by hand because the library has no JSON dependency of its own; it handles only plain data:
 * maps, lists, arrays, strings, numbers, booleans and null.
 */
final class Json {
    private Json() { }

    /** {@code value} as JSON; non-finite numbers become {@code null}. */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder(256);
        write(value, sb);
        return sb.toString();
    }

    static void write(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(s, sb);
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number n) {
            sb.append(n.toString());
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(String.valueOf(e.getKey()), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof Iterable<?> it) {
            sb.append('[');
            boolean first = true;
            for (Object o : it) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(o, sb);
            }
            sb.append(']');
        } else if (v.getClass().isArray()) {
            sb.append('[');
            int n = Array.getLength(v);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(Array.get(v, i), sb);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
        }
    }

    /** A JSON string literal; {@code < > &} and the line separators are escaped so it can sit in a script. */
    static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(c, sb);
                default -> {
                    if (c < 0x20) {
                        unicode(c, sb);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void unicode(char c, StringBuilder sb) {
        sb.append("\\u");
        String hex = Integer.toHexString(c);
        sb.append("0".repeat(4 - hex.length())).append(hex);
    }

    /**
     * Reads one JavaScript literal made of objects, arrays, strings, numbers, {@code true}, {@code false},
     * {@code null}, {@code NaN} and {@code Infinity} into maps (in source order), lists, strings, doubles, booleans
     * and nulls. Strings in single quotes have the HTML character references {@code &amp; &lt; &gt; &quot; &#39;}
     * turned back into characters, since Tablesaw's templates escape them for HTML.
     *
     * @throws IllegalArgumentException if {@code text} is not such a literal
     */
    static Object parseJs(String text) {
        JsReader r = new JsReader(text);
        Object v = r.value();
        r.skipSpace();
        if (r.pos < text.length() && text.charAt(r.pos) == ';') {
            r.pos++;
            r.skipSpace();
        }
        if (r.pos != text.length()) {
            throw r.error("unexpected text after the value");
        }
        return v;
    }

    private static final class JsReader {
        private final String s;
        private int pos;

        JsReader(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            int from = Math.max(0, pos - 30);
            int to = Math.min(s.length(), pos + 30);
            return new IllegalArgumentException(what + " at offset " + pos + ": …" + s.substring(from, to) + "…");
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '/') {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '*') {
                    int end = s.indexOf("*/", pos + 2);
                    if (end < 0) {
                        throw error("unclosed comment");
                    }
                    pos = end + 2;
                } else {
                    return;
                }
            }
        }

        Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("missing value");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                return object();
            }
            if (c == '[') {
                return array();
            }
            if (c == '"' || c == '\'') {
                String str = quoted(c);
                return c == '\'' ? unescapeHtml(str) : str;
            }
            if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
                return number();
            }
            String word = identifier();
            switch (word) {
                case "true": return Boolean.TRUE;
                case "false": return Boolean.FALSE;
                case "null":
                case "undefined": return null;
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                default: throw error("unknown word '" + word + "'");
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            while (true) {
                skipSpace();
                if (pos >= s.length()) {
                    throw error("unclosed object");
                }
                char c = s.charAt(pos);
                if (c == '}') {
                    pos++;
                    return m;
                }
                String key = c == '"' || c == '\'' ? quoted(c) : identifier();
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != ':') {
                    throw error("expected ':' after key '" + key + "'");
                }
                pos++;
                m.put(key, value());
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos < s.length() && s.charAt(pos) != '}') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            pos++;
            while (true) {
                skipSpace();
                if (pos >= s.length()) {
                    throw error("unclosed array");
                }
                if (s.charAt(pos) == ']') {
                    pos++;
                    return list;
                }
                list.add(value());
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos < s.length() && s.charAt(pos) != ']') {
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String identifier() {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                    || s.charAt(pos) == '$')) {
                pos++;
            }
            if (start == pos) {
                throw error("unexpected character '" + s.charAt(pos) + "'");
            }
            return s.substring(start, pos);
        }

        private Double number() {
            int start = pos;
            if (s.charAt(pos) == '-' || s.charAt(pos) == '+') {
                pos++;
                if (s.startsWith("Infinity", pos)) {
                    pos += "Infinity".length();
                    return s.charAt(start) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
            }
            while (pos < s.length() && "0123456789.eE+-".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return Double.valueOf(s.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("bad number");
            }
        }

        private String quoted(char quote) {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == quote) {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    break;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("bad \\u escape");
                        }
                        sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e);
                }
            }
            throw error("unclosed string");
        }
    }

    /** Turns the character references Pebble's HTML escaping writes back into characters. */
    static String unescapeHtml(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&amp;", "&");
    }
}
