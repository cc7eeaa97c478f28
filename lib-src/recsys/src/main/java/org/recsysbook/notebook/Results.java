package org.recsysbook.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import org.recsysbook.display.Display;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The key figures a notebook records so that tests can assert them: {@code Results.record("ndcg_at_10", 0.41)}.
 *
 * <p>Each call shows a small output whose bundle carries the MIME type {@value #MIME_TYPE} with the JSON object
 * {@code {"name": ..., "value": ...}}, next to a {@code text/plain} and {@code text/html} line
 * {@code name = value} for the reader. {@code ./workbook run} collects these outputs from every executed
 * notebook into {@code build/workbook/results.json}. The values are also kept in memory
 * ({@link #recorded()}), so unit tests can read them without a kernel.
 *
 * <p>A value is a finite number, a string, a boolean, a {@code double[]}, {@code float[]}, {@code int[]} or
 * {@code long[]}, or a list of finite numbers, strings and booleans. A {@code float} is stored as the double its
 * decimal form names ({@code 0.1f} as {@code 0.1}). Arrays and lists are copied, so changing them later does not
 * change what was recorded. Recording a name again replaces its value (a re-run cell records again).
 */
public final class Results {
    /** The MIME type of a recorded result in a notebook output. */
    public static final String MIME_TYPE = "application/vnd.recsysbook.result+json";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final int SHOWN_ELEMENTS = 10;
    private static final Map<String, Object> RECORDED = Collections.synchronizedMap(new LinkedHashMap<>());

    private Results() { }

    /**
     * Records {@code value} under {@code name} and shows it below the cell.
     *
     * @param name  non-empty, letters, digits, {@code _ . -} only
     * @param value see the class comment for the allowed types; it is stored with integral numbers as
     *              {@code Long}, other numbers as {@code Double}, arrays and lists as unmodifiable lists
     * @throws IllegalArgumentException if the name or the value is not allowed
     */
    public static void record(String name, Object value) {
        checkName(name);
        Object stored = normalize(value, "value");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("value", stored);
        String text = name + " = " + format(stored);

        DisplayData data = new DisplayData(text);
        data.putData(MIME_TYPE, json);
        data.putHTML("<div class=\"recsysbook-result\" style=\"font-family:monospace\">"
                + "<span style=\"color:#666\">recorded</span> " + escape(name) + " = <b>"
                + escape(format(stored)) + "</b></div>");
        RECORDED.put(name, stored);
        Display.show(data);
    }

    /** Everything recorded in this JVM so far, in recording order (a copy). */
    public static Map<String, Object> recorded() {
        synchronized (RECORDED) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(RECORDED));
        }
    }

    /** The value recorded under {@code name}, or {@code null} if there is none. */
    public static Object get(String name) {
        return RECORDED.get(name);
    }

    /** Forgets everything recorded so far (for unit tests). */
    public static void clear() {
        RECORDED.clear();
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be non-empty and use only letters, digits, '_', '.' "
                    + "and '-', got " + (name == null ? "null" : "\"" + name + "\""));
        }
    }

    private static Object normalize(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null; allowed: a finite number, a string, "
                    + "a boolean, double[], float[], int[], long[] or a list of those scalars");
        }
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number n) {
            return number(n, what);
        }
        if (value instanceof double[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (int i = 0; i < a.length; i++) {
                out.add(number(a[i], what + "[" + i + "]"));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof float[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (int i = 0; i < a.length; i++) {
                out.add(number(a[i], what + "[" + i + "]"));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof int[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (int v : a) {
                out.add((long) v);
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof long[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (long v : a) {
                out.add(v);
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Object e = list.get(i);
                if (!(e instanceof Number || e instanceof String || e instanceof Boolean)) {
                    throw new IllegalArgumentException(what + "[" + i + "] must be a number, a string or a boolean, got "
                            + (e == null ? "null" : e.getClass().getName()));
                }
                out.add(normalize(e, what + "[" + i + "]"));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException(what + " has type " + value.getClass().getName() + "; allowed: a finite "
                + "number, a string, a boolean, double[], float[], int[], long[] or a list of those scalars");
    }

    private static Object number(Number n, String what) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof java.util.concurrent.atomic.AtomicInteger
                || n instanceof java.util.concurrent.atomic.AtomicLong) {
            return n.longValue();
        }
        if (n instanceof java.math.BigInteger b) {
            if (b.bitLength() > 63) {
                throw new IllegalArgumentException(what + " = " + b + " is outside the range of a long");
            }
            return b.longValue();
        }
        double d = n instanceof Float f ? Double.parseDouble(f.toString()) : n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(what + " must be a finite number, got " + d);
        }
        return d;
    }

    /** The reader's form of a stored value: numbers with up to 6 significant digits, long lists shortened. */
    static String format(Object stored) {
        if (stored instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            int shown = Math.min(list.size(), SHOWN_ELEMENTS);
            for (int i = 0; i < shown; i++) {
                sb.append(i == 0 ? "" : ", ").append(format(list.get(i)));
            }
            if (list.size() > shown) {
                sb.append(", … (").append(list.size()).append(" values)");
            }
            return sb.append(']').toString();
        }
        if (stored instanceof Double d) {
            return Numbers.format(d);
        }
        if (stored instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(stored);
    }

    static String escape(String s) {
        return Html.escape(s);
    }
}
