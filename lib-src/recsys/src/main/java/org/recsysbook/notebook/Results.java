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
        show(name, normalize(value, "value", false));
    }

    /** Shows and keeps a value {@link #normalize} has already checked. */
    private static void show(String name, Object stored) {
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

    /**
     * Records a whole result in one call: every component of a {@code record} (in declaration order), every entry
     * of a {@code Map<String, ?>} (in its order) or every column of a Tablesaw {@code Table} (numbers as a
     * {@code double[]}, other columns as a list of their strings), each under {@code prefix_name} with the name in
     * snake case ({@code fixedHorizonRate} → {@code fixed_horizon_rate}, {@code "NDCG@10"} → {@code ndcg_10}), as
     * {@link #record} records one value. So {@code Results.recordAll("aa", peeking.runAa(...))} records
     * {@code aa_fixed_horizon_rate}, {@code aa_peeking_rate} and the rest.
     *
     * @throws IllegalArgumentException if {@code prefix} is not a valid name, {@code result} is none of the three
     *                                  kinds, or a value is not one {@link #record} accepts (the message names it)
     */
    public static void recordAll(String prefix, Object result) {
        checkName(prefix);
        Map<String, Object> values = new LinkedHashMap<>();
        if (result instanceof Record r) {
            for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    java.lang.reflect.Method accessor = c.getAccessor();
                    accessor.setAccessible(true);
                    values.put(c.getName(), accessor.invoke(r));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalArgumentException("result." + c.getName() + "() could not be read: " + e, e);
                }
            }
        } else if (result instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                values.put(String.valueOf(e.getKey()), e.getValue());
            }
        } else if (result instanceof tech.tablesaw.api.Table t) {
            for (tech.tablesaw.columns.Column<?> c : t.columns()) {
                if (c instanceof tech.tablesaw.api.NumericColumn<?> n) {
                    List<Double> numbers = new ArrayList<>(c.size());
                    for (int i = 0; i < c.size(); i++) {
                        numbers.add(c.isMissing(i) ? null : n.getDouble(i));
                    }
                    values.put(c.name(), numbers);
                } else {
                    List<String> strings = new ArrayList<>(c.size());
                    for (int i = 0; i < c.size(); i++) {
                        strings.add(c.getString(i));
                    }
                    values.put(c.name(), strings);
                }
            }
        } else {
            throw new IllegalArgumentException("result must be a record, a Map<String, ?> or a Tablesaw Table, got "
                    + (result == null ? "null" : result.getClass().getName()));
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String name = prefix + "_" + snake(e.getKey());
            checkName(name);
            checked.put(name, normalize(e.getValue(), name, result instanceof tech.tablesaw.api.Table));
        }
        checked.forEach(Results::show);
    }

    /** {@code fixedHorizonRate} → {@code fixed_horizon_rate}, {@code finalPValues} → {@code final_p_values}; {@code "NDCG@10"} → {@code ndcg_10}. */
    static String snake(String name) {
        String s = name.replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2").replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(java.util.Locale.ROOT);
        s = s.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("a name must hold a letter or a digit to record it, got \"" + name + "\"");
        }
        return s;
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

    /** {@code missingCells}: a list element may be {@code null} (a table's missing cell), kept as {@code null}. */
    private static Object normalize(Object value, String what, boolean missingCells) {
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
                if (e == null && missingCells) {
                    out.add(null);
                    continue;
                }
                if (!(e instanceof Number || e instanceof String || e instanceof Boolean)) {
                    throw new IllegalArgumentException(what + "[" + i + "] must be a number, a string or a boolean, got "
                            + (e == null ? "null" : e.getClass().getName()));
                }
                out.add(normalize(e, what + "[" + i + "]", false));
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
        if (stored == null) {
            return "missing";
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
