package org.recsysbook.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.HistogramTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Short calls for the charts every notebook draws, each returning a Tablesaw {@link Figure} that the notebook shows
 * as an interactive plotly.js chart ({@link PlotlyHtml}).
 *
 * <p>Every chart needs a title and axis titles; put the unit in the axis title, for example
 * {@code "latency (ms)"}. Series are drawn in the order of the map, in plotly's default colours; {@code NaN}
 * values leave a gap. Bad input fails with an {@link IllegalArgumentException} naming the argument.
 *
 * <pre>{@code
 * display(Charts.line("Cumulative regret", "round", "regret (clicks)", rounds,
 *         Map.of("epsilon-greedy", eg, "Thompson sampling", ts)));
 * }</pre>
 */
public final class Charts {
    /** The height of every chart, in pixels; the width follows the output area. */
    public static final int HEIGHT = 420;

    /** plotly's default colour sequence, so that a band and its line share a colour. */
    private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    private Charts() { }

    /**
     * A mean curve with the lower and upper edge of its 95% band, all of one length.
     *
     * @param mean  the line drawn
     * @param lower the lower edge of the shaded band
     * @param upper the upper edge of the shaded band
     */
    public record Band(double[] mean, double[] lower, double[] upper) {
        public Band {
            if (mean == null || lower == null || upper == null) {
                throw new IllegalArgumentException("mean, lower and upper must not be null");
            }
            if (lower.length != mean.length || upper.length != mean.length) {
                throw new IllegalArgumentException("lower and upper must have the length of mean (" + mean.length
                        + "), got " + lower.length + " and " + upper.length);
            }
        }
    }

    /** One line: {@code y} against {@code x}. */
    public static Figure line(String title, String xTitle, String yTitle, double[] x, double[] y) {
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put("", y);
        return line(title, xTitle, yTitle, x, one);
    }

    /**
     * One line per series, all against the same {@code x}; a legend names them when there are several.
     *
     * @param series name → y values, each as long as {@code x}
     */
    public static Figure line(String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series) {
        checkTitles(title, xTitle, yTitle);
        checkSeries(x, series);
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            traces.add(ScatterTrace.builder(x, e.getValue()).name(e.getKey()).mode(ScatterTrace.Mode.LINE)
                    .build());
        }
        return figure(layout(title, xTitle, yTitle, series.size() > 1).build(), traces);
    }

    /**
     * Mean lines with shaded 95% bands, for example average regret over simulation runs.
     *
     * @param series name → band, each as long as {@code x}; {@code Interval.studentTBand} gives one over runs
     */
    public static Figure lineWithBand(String title, String xTitle, String yTitle, double[] x,
                                      Map<String, Band> series) {
        checkTitles(title, xTitle, yTitle);
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("series must hold at least one band");
        }
        List<Trace> traces = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Band> e : series.entrySet()) {
            Band b = e.getValue();
            if (b == null || b.mean().length != x.length) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' must be a band as long as x ("
                        + x.length + "), got " + (b == null ? "null" : b.mean().length));
            }
            String color = PALETTE[i++ % PALETTE.length];
            Line edge = Line.builder().color(color).width(0).build();
            traces.add(ScatterTrace.builder(x, b.lower()).name(e.getKey() + " (95% low)")
                    .mode(ScatterTrace.Mode.LINE).line(edge).showLegend(false).build());
            traces.add(ScatterTrace.builder(x, b.upper()).name(e.getKey() + " (95% high)")
                    .mode(ScatterTrace.Mode.LINE).line(edge).fill(ScatterTrace.Fill.TO_NEXT_Y)
                    .fillColor(translucent(color)).showLegend(false).build());
            traces.add(ScatterTrace.builder(x, b.mean()).name(e.getKey()).mode(ScatterTrace.Mode.LINE)
                    .line(Line.builder().color(color).width(2).build()).build());
        }
        return figure(layout(title, xTitle, yTitle, series.size() > 1).build(), traces);
    }

    /** One bar per category. */
    public static Figure bar(String title, String xTitle, String yTitle, String[] categories, double[] values) {
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put("", values);
        return bar(title, xTitle, yTitle, categories, one);
    }

    /**
     * Grouped bars: for each category one bar per series, side by side (plotly's default bar mode).
     *
     * @param series name → one value per category
     */
    public static Figure bar(String title, String xTitle, String yTitle, String[] categories,
                             Map<String, double[]> series) {
        checkTitles(title, xTitle, yTitle);
        checkCategories(categories, series);
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            traces.add(BarTrace.builder(categories, e.getValue()).name(e.getKey()).build());
        }
        Layout layout = layout(title, xTitle, yTitle, series.size() > 1)
                .xAxis(Axis.builder().title(xTitle).type(Axis.Type.CATEGORY).build()).build();
        return figure(layout, traces);
    }

    /**
     * Horizontal bars, the first category at the top, for long labels or ranked lists.
     *
     * @param valueTitle the title of the value axis (horizontal)
     * @param categoryTitle the title of the category axis (vertical)
     */
    public static Figure horizontalBar(String title, String valueTitle, String categoryTitle, String[] categories,
                                       double[] values) {
        return horizontal(title, valueTitle, categoryTitle, categories, values, Axis.Type.LINEAR);
    }

    /**
     * A funnel: how many items survive each stage of a pipeline, first stage at the top, on a log scale so that
     * millions of candidates and a final ten fit on one chart. Counts must be positive.
     */
    public static Figure funnel(String title, String countTitle, String[] stages, double[] counts) {
        if (counts != null) {
            for (int i = 0; i < counts.length; i++) {
                if (!(counts[i] > 0) || Double.isInfinite(counts[i])) {
                    throw new IllegalArgumentException("counts[" + i + "] must be a positive finite number for a "
                            + "log scale, got " + counts[i]);
                }
            }
        }
        return horizontal(title, countTitle, "stage", stages, counts, Axis.Type.LOG);
    }

    private static Figure horizontal(String title, String valueTitle, String categoryTitle, String[] categories,
                                     double[] values, Axis.Type valueScale) {
        checkTitles(title, valueTitle, categoryTitle);
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put("", values);
        checkCategories(categories, one);
        Layout layout = Layout.builder(title).height(HEIGHT).showLegend(false)
                .xAxis(Axis.builder().title(valueTitle).type(valueScale).build())
                .yAxis(Axis.builder().title(categoryTitle).type(Axis.Type.CATEGORY)
                        .autoRange(Axis.AutoRange.REVERSED).build())
                .build();
        return new Figure(layout, BarTrace.builder(categories, values).orientation(BarTrace.Orientation.HORIZONTAL)
                .build());
    }

    /** Points {@code (x[i], y[i])}. */
    public static Figure scatter(String title, String xTitle, String yTitle, double[] x, double[] y) {
        checkTitles(title, xTitle, yTitle);
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put("", y);
        checkSeries(x, one);
        Trace t = ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.MARKERS)
                .marker(Marker.builder().size(6).opacity(0.7).build()).build();
        return new Figure(layout(title, xTitle, yTitle, false).build(), t);
    }

    /**
     * One line with markers per series, each with its own x values, for curves that do not share an axis (two
     * trade-off curves traced by different parameters, for example); a legend names them.
     *
     * @param series name → {@code {x, y}}, two arrays of equal length
     */
    public static Figure curves(String title, String xTitle, String yTitle, Map<String, double[][]> series) {
        checkTitles(title, xTitle, yTitle);
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("series must hold at least one curve, got " + series);
        }
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[][] xy = e.getValue();
            if (xy == null || xy.length != 2 || xy[0] == null || xy[1] == null || xy[0].length != xy[1].length) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' must be {x, y} of equal length");
            }
            traces.add(ScatterTrace.builder(xy[0], xy[1]).name(e.getKey()).mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                    .build());
        }
        return figure(layout(title, xTitle, yTitle, series.size() > 1).build(), traces);
    }

    /**
     * How the values are spread: {@code bins} bars counting the values that fall in each; the vertical axis is
     * titled "count".
     *
     * @param bins at least 1; plotly may round it to a nicer bin width
     */
    public static Figure histogram(String title, String xTitle, double[] values, int bins) {
        checkTitles(title, xTitle, "count");
        if (values == null) {
            throw new IllegalArgumentException("values must not be null");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be ≥ 1, got " + bins);
        }
        Trace t = HistogramTrace.builder(values).nBinsX(bins).build();
        return new Figure(layout(title, xTitle, "count", false).build(), t);
    }

    private static Layout.LayoutBuilder layout(String title, String xTitle, String yTitle, boolean legend) {
        return Layout.builder(title, xTitle, yTitle).height(HEIGHT).showLegend(legend);
    }

    private static Figure figure(Layout layout, List<Trace> traces) {
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static String translucent(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return "rgba(" + (rgb >> 16) + "," + ((rgb >> 8) & 0xff) + "," + (rgb & 0xff) + ",0.2)";
    }

    private static void checkTitles(String title, String xTitle, String yTitle) {
        checkText(title, "title");
        checkText(xTitle, "xTitle");
        checkText(yTitle, "yTitle");
    }

    private static void checkText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-blank text (every chart has a title and axis "
                    + "titles with units), got " + (s == null ? "null" : "\"" + s + "\""));
        }
    }

    private static void checkSeries(double[] x, Map<String, double[]> series) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("series must hold at least one series");
        }
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] y = e.getValue();
            if (y == null || y.length != x.length) {
                throw new IllegalArgumentException(seriesName(e.getKey()) + " must be as long as x (" + x.length
                        + "), got " + (y == null ? "null" : y.length));
            }
        }
    }

    private static void checkCategories(String[] categories, Map<String, double[]> series) {
        if (categories == null) {
            throw new IllegalArgumentException("categories must not be null");
        }
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("series must hold at least one series");
        }
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] v = e.getValue();
            if (v == null || v.length != categories.length) {
                throw new IllegalArgumentException((e.getKey().isEmpty() ? "values" : "series '" + e.getKey() + "'")
                        + " must have one value per category (" + categories.length + "), got "
                        + (v == null ? "null" : v.length));
            }
        }
    }

    private static String seriesName(String key) {
        return key.isEmpty() ? "y values" : "series '" + key + "'";
    }
}
