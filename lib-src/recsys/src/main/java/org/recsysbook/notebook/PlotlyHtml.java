package org.recsysbook.notebook;

import tech.tablesaw.plotly.components.Config;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Turns a Tablesaw {@link Figure} into an interactive plotly.js chart that draws with no network: in JupyterLab,
 * the classic Notebook, VS Code and an HTML export of the notebook.
 *
 * <p>plotly.js {@value #PLOTLY_VERSION} ships inside the library jar. The first figure rendered in a JVM carries
 * the whole library in a script that defines {@code window.Plotly} unless the page already has it; every figure's
 * output is a {@code <div>} and a small script that waits until {@code window.Plotly} exists and then calls
 * {@code Plotly.newPlot}. {@link #resetLibraryEmbedding()} makes the next figure carry the library again. If the
 * output that carried the library is gone (re-run or cleared) and the notebook is reopened, its charts say so and
 * ask for a kernel restart; front ends that draw {@code application/vnd.plotly.v1+json} themselves are not
 * affected.
 *
 * <p>The figure's data and layout come from Tablesaw's own JavaScript for its traces and layout, read back as
 * data and tidied for plotly.js 2 and 3: numbers that Tablesaw writes as strings become numbers ({@code NaN}
 * becomes a gap), titles become {@code {text: ...}} objects, axes get {@code automargin} and a title
 * {@code standoff} so long labels and axis titles do not overlap, Tablesaw's default widths (700 and 800 px) are dropped so the chart fills the output
 * area, {@code 'true'}/{@code 'false'} flags become booleans (plotly ignores an explicit axis range otherwise), and
 * obsolete histogram flags are removed.
 */
public final class PlotlyHtml {
    /** The plotly.js version inside the jar. */
    public static final String PLOTLY_VERSION = "2.35.3";
    /** Where the library sits on the class path. */
    public static final String PLOTLY_RESOURCE = "/org/recsysbook/notebook/plotly/plotly.min.js";
    /** How long a chart waits for the library before it says so, in milliseconds. */
    static final int WAIT_MILLIS = 120_000;

    private static final AtomicBoolean EMBEDDED = new AtomicBoolean();
    private static final Pattern NUMBER =
            Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?|NaN|[-+]?Infinity");
    private static final String[] DATA_KEYS = {"x", "y", "z", "open", "high", "low", "close", "values"};
    private static final double[] TABLESAW_WIDTHS = {700, 800};
    /** Pixels between tick labels and an axis title; with automargin, plotly widens the margin to keep it. */
    private static final Double STANDOFF = 12.0;

    private PlotlyHtml() { }

    /**
     * The figure as plotly data: {@code {"data": [...], "layout": {...}, "config": {...}}}, made of maps, lists,
     * strings, doubles and booleans, with no NaN or infinite numbers.
     */
    public static Map<String, Object> figureJson(Figure figure) {
        if (figure == null) {
            throw new IllegalArgumentException("figure must not be null");
        }
        List<Object> data = new ArrayList<>();
        Trace[] traces = figure.getTraces();
        for (int i = 0; traces != null && i < traces.length; i++) {
            data.add(tidyTrace(asMap(traces[i].asJavascript(i), "trace " + i)));
        }
        Layout layout = figure.getLayout();
        Map<String, Object> layoutMap = layout == null ? new LinkedHashMap<>() : tidyLayout(asMap(
                layout.asJavascript(), "layout"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("responsive", Boolean.TRUE);
        config.put("displaylogo", Boolean.FALSE);
        Config c = figure.getConfig();
        if (c != null) {
            for (Map.Entry<String, Object> e : asMap(c.asJavascript(), "config").entrySet()) {
                config.put(e.getKey().equals("displayLogo") ? "displaylogo" : e.getKey(), e.getValue());
            }
        }
        Map<String, Object> fig = new LinkedHashMap<>();
        fig.put("data", data);
        fig.put("layout", layoutMap);
        fig.put("config", config);
        finite(fig);
        return fig;
    }

    /** Replaces every NaN or infinite number left anywhere in {@code v} by null, which JSON can carry. */
    @SuppressWarnings("unchecked")
    private static void finite(Object v) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (e.getValue() instanceof Double d && !Double.isFinite(d)) {
                    e.setValue(null);
                } else {
                    finite(e.getValue());
                }
            }
        } else if (v instanceof List<?> list) {
            List<Object> l = (List<Object>) list;
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i) instanceof Double d && !Double.isFinite(d)) {
                    l.set(i, null);
                } else {
                    finite(l.get(i));
                }
            }
        }
    }

    /** The figure's title, or {@code "chart"} if it has none. */
    public static String title(Figure figure) {
        Layout layout = figure.getLayout();
        String t = layout == null ? null : layout.getTitle();
        return t == null || t.isBlank() ? "chart" : t;
    }

    /**
     * The HTML a notebook output shows for {@code figure}: the plotly library the first time in this JVM, then a
     * {@code <div>} and the script that draws into it.
     */
    public static String fragment(Figure figure) {
        return fragment(figureJson(figure));
    }

    /** {@link #fragment(Figure)} for a figure already turned into plotly data by {@link #figureJson}. */
    static String fragment(Map<String, Object> fig) {
        String library = "";
        if (!EMBEDDED.get()) {
            String script = libraryScript();
            if (EMBEDDED.compareAndSet(false, true)) {
                library = script;
            }
        }
        return library + chartHtml(fig);
    }

    /** A complete HTML page with the library once and {@code figures} one below the other; opens with no network. */
    public static String page(String title, Figure... figures) {
        StringBuilder sb = new StringBuilder(5_000_000);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Html.escape(title)).append("</title>\n</head>\n<body>\n");
        sb.append(libraryScript());
        for (Figure f : figures) {
            sb.append(chartHtml(figureJson(f))).append('\n');
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    /** Makes the next {@link #fragment} carry the library again (for a new page showing the same JVM's charts). */
    public static void resetLibraryEmbedding() {
        EMBEDDED.set(false);
    }

    /** Whether a fragment rendered since start-up or the last reset carried the library. */
    public static boolean libraryEmbedded() {
        return EMBEDDED.get();
    }

    /** The plotly.js source from the class path. */
    static String librarySource() {
        try (InputStream in = PlotlyHtml.class.getResourceAsStream(PLOTLY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("plotly.js is missing from the class path at " + PLOTLY_RESOURCE
                        + "; run 'npm install' in the repository and rebuild the recsys module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The script that defines {@code window.Plotly} unless it exists. The library is run inside a function whose
     * {@code define}, {@code module} and {@code exports} are undefined, so that it sets the global even where
     * RequireJS is loaded (the classic Notebook).
     */
    static String libraryScript() {
        String src = librarySource().replace("</script", "<\\/script");
        StringBuilder sb = new StringBuilder(src.length() + 512);
        sb.append("<script type=\"text/javascript\">\n")
                .append("/* plotly.js ").append(PLOTLY_VERSION).append(", MIT license, shipped with the recsys library */\n")
                .append("window.PlotlyConfig = window.PlotlyConfig || {MathJaxConfig: 'local'};\n")
                .append("if (typeof window.Plotly === 'undefined') {\n")
                .append("(function (define, module, exports) {\n")
                .append(src)
                .append("\n}).call(window);\n}\n</script>\n");
        return sb.toString();
    }

    private static String chartHtml(Map<String, Object> fig) {
        String id = "recsysbook-plot-" + UUID.randomUUID();
        @SuppressWarnings("unchecked")
        Object height = ((Map<String, Object>) fig.get("layout")).get("height");
        String minHeight = height instanceof Number n ? "min-height:" + n.intValue() + "px;" : "";
        return "<div id=\"" + id + "\" class=\"recsysbook-plot\" style=\"width:100%;" + minHeight + "\"></div>\n"
                + "<script type=\"text/javascript\">\n"
                + "(function () {\n"
                + "  var id = '" + id + "';\n"
                + "  var fig = " + Json.write(fig) + ";\n"
                + "  var waited = 0;\n"
                + "  function draw() {\n"
                + "    var el = document.getElementById(id);\n"
                + "    if (window.Plotly && el) {\n"
                + "      window.Plotly.newPlot(el, fig.data, fig.layout, fig.config);\n"
                + "    } else if (waited < " + WAIT_MILLIS + ") {\n"
                + "      waited += 100;\n"
                + "      setTimeout(draw, 100);\n"
                + "    } else if (el) {\n"
                + "      el.textContent = 'This chart cannot draw: plotly.js is not on this page. The first chart "
                + "after a kernel start carries it; restart the kernel and run all cells.';\n"
                + "    }\n"
                + "  }\n"
                + "  draw();\n"
                + "})();\n"
                + "</script>\n";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(String js, String what) {
        int eq = js.indexOf('=');
        int brace = js.indexOf('{');
        String literal = eq >= 0 && eq < brace ? js.substring(eq + 1) : js;
        Object v;
        try {
            v = Json.parseJs(literal.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot read Tablesaw's JavaScript for the " + what + ": " + e.getMessage(), e);
        }
        if (!(v instanceof Map)) {
            throw new IllegalStateException("Tablesaw's JavaScript for the " + what + " is not an object");
        }
        return (Map<String, Object>) v;
    }

    private static Map<String, Object> tidyTrace(Map<String, Object> t) {
        for (String key : DATA_KEYS) {
            Object v = t.get(key);
            if (v instanceof List<?> list && allNumeric(list)) {
                t.put(key, toNumbers(list));
            }
        }
        if ("".equals(t.get("name"))) {
            t.remove("name");
        }
        t.remove("autobinx");
        t.remove("autobiny");
        if (Double.valueOf(0).equals(t.get("nbinsx"))) {
            t.remove("nbinsx");
        }
        if (Double.valueOf(0).equals(t.get("nbinsy"))) {
            t.remove("nbinsy");
        }
        if ("".equals(t.get("histnorm"))) {
            t.remove("histnorm");
        }
        booleanFromText(t, "visible");
        if (t.get("opacity") instanceof String s && NUMBER.matcher(s).matches()) {
            t.put("opacity", Double.valueOf(s));
        }
        return t;
    }

    /** Turns {@code 'true'} and {@code 'false'}, which Tablesaw writes for some flags, into booleans. */
    private static void booleanFromText(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if ("true".equals(v) || "false".equals(v)) {
            m.put(key, Boolean.valueOf((String) v));
        }
    }

    /** Whether every leaf of {@code list} is a number, null, or a string that reads as a number. */
    private static boolean allNumeric(List<?> list) {
        for (Object o : list) {
            if (o instanceof List<?> inner) {
                if (!allNumeric(inner)) {
                    return false;
                }
            } else if (o instanceof String s) {
                if (!NUMBER.matcher(s).matches()) {
                    return false;
                }
            } else if (o != null && !(o instanceof Number)) {
                return false;
            }
        }
        return true;
    }

    private static List<Object> toNumbers(List<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object o : list) {
            Object v = o;
            if (o instanceof List<?> inner) {
                v = toNumbers(inner);
            } else if (o instanceof String s) {
                v = Double.valueOf(s);
            }
            if (v instanceof Double d && !Double.isFinite(d)) {
                v = null;
            }
            out.add(v);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tidyLayout(Map<String, Object> layout) {
        tidyTitle(layout);
        for (Map.Entry<String, Object> e : layout.entrySet()) {
            String key = e.getKey();
            if ((key.startsWith("xaxis") || key.startsWith("yaxis") || key.startsWith("zaxis"))
                    && e.getValue() instanceof Map) {
                Map<String, Object> axis = (Map<String, Object>) e.getValue();
                tidyTitle(axis);
                booleanFromText(axis, "autorange");
                if (axis.get("range") instanceof List<?> range && allNumeric(range)) {
                    axis.put("range", toNumbers(range));
                }
                axis.putIfAbsent("automargin", Boolean.TRUE);
                if (axis.get("title") instanceof Map<?, ?> t && t.containsKey("text")) {
                    ((Map<String, Object>) t).putIfAbsent("standoff", STANDOFF);
                }
            }
            if (key.equals("scene") && e.getValue() instanceof Map<?, ?> scene) {
                for (Object axis : scene.values()) {
                    if (axis instanceof Map) {
                        tidyTitle((Map<String, Object>) axis);
                    }
                }
            }
        }
        Object width = layout.get("width");
        if (width instanceof Number n) {
            for (double w : TABLESAW_WIDTHS) {
                if (n.doubleValue() == w) {
                    layout.remove("width");
                    layout.put("autosize", Boolean.TRUE);
                }
            }
        }
        return layout;
    }

    /** Turns {@code title: 'x'} and {@code titlefont: {...}} into {@code title: {text: 'x', font: {...}}}. */
    @SuppressWarnings("unchecked")
    private static void tidyTitle(Map<String, Object> m) {
        Object title = m.get("title");
        Object font = m.remove("titlefont");
        if (title instanceof String s) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("text", s);
            m.put("title", t);
            title = t;
        }
        if (font != null) {
            if (title instanceof Map) {
                ((Map<String, Object>) title).put("font", font);
            } else {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("font", font);
                m.put("title", t);
            }
        }
    }
}
