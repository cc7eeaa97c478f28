package org.recsysbook.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * What an {@link OfflineEvaluation} found, the chapter's per-model metric printout grown up: every metric's value for
 * every recommender with its bootstrap interval, plus the per-user scores and the lists behind them. Immutable.
 */
public final class OfflineResult {
    private final String[] recommenders;
    private final String[] metrics;
    private final int perUserCount;
    private final int[] users;
    private final int k;
    private final double[][] value;
    private final double[][] low;
    private final double[][] high;
    private final double[][][] perUser;
    private final int[][][] lists;
    private final double confidence;
    private final int replicates;

    OfflineResult(String[] recommenders, String[] metrics, int perUserCount, int[] users, int k, double[][] value,
                  double[][] low, double[][] high, double[][][] perUser, int[][][] lists, double confidence,
                  int replicates) {
        this.recommenders = recommenders;
        this.metrics = metrics;
        this.perUserCount = perUserCount;
        this.users = users;
        this.k = k;
        this.value = value;
        this.low = low;
        this.high = high;
        this.perUser = perUser;
        this.lists = lists;
        this.confidence = confidence;
        this.replicates = replicates;
    }

    /**
     * One row per recommender and metric: {@code recommender, metric, value, low, high}, where
     * {@code [low, high]} is the bootstrap interval.
     */
    public Table table() {
        StringColumn rec = StringColumn.create("recommender");
        StringColumn met = StringColumn.create("metric");
        DoubleColumn val = DoubleColumn.create("value");
        DoubleColumn lo = DoubleColumn.create("low");
        DoubleColumn hi = DoubleColumn.create("high");
        for (int r = 0; r < recommenders.length; r++) {
            for (int m = 0; m < metrics.length; m++) {
                rec.append(recommenders[r]);
                met.append(metrics[m]);
                val.append(value[r][m]);
                lo.append(low[r][m]);
                hi.append(high[r][m]);
            }
        }
        return Table.create(String.format(Locale.ROOT, "Offline evaluation at k = %d: %d users, %.0f%% bootstrap "
                + "intervals (%d replicates)", k, users.length, 100 * confidence, replicates), rec, met, val, lo, hi);
    }

    /**
     * One row per recommender, one column per metric, each cell {@code value [low, high]} to 3 decimals (the value
     * alone for metrics without an interval).
     */
    public Table summary() {
        Table t = Table.create(String.format(Locale.ROOT, "Mean over %d test users, [%.0f%% bootstrap interval]",
                users.length, 100 * confidence));
        t.addColumns(StringColumn.create("recommender", recommenders));
        for (int m = 0; m < metrics.length; m++) {
            String[] cells = new String[recommenders.length];
            for (int r = 0; r < recommenders.length; r++) {
                cells[r] = Double.isNaN(low[r][m])
                        ? String.format(Locale.ROOT, "%.3f", value[r][m])
                        : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", value[r][m], low[r][m], high[r][m]);
            }
            t.addColumns(StringColumn.create(metrics[m], cells));
        }
        return t;
    }

    public double value(String recommender, String metric) {
        return value[rec(recommender)][met(metric)];
    }

    public double low(String recommender, String metric) {
        return low[rec(recommender)][met(metric)];
    }

    public double high(String recommender, String metric) {
        return high[rec(recommender)][met(metric)];
    }

    /** Each test user's score (same order as {@link #users()}); catalog-level metrics have none. */
    public double[] perUser(String recommender, String metric) {
        int m = met(metric);
        if (m >= perUserCount) {
            throw new IllegalArgumentException("metric " + metric + " is computed over the whole catalog, not per "
                    + "user; per-user metrics: " + Arrays.asList(metrics).subList(0, perUserCount));
        }
        return perUser[rec(recommender)][m].clone();
    }

    /** The list each test user got from {@code recommender} (same order as {@link #users()}; shared arrays). */
    public int[][] lists(String recommender) {
        return lists[rec(recommender)].clone();
    }

    /** The evaluated users (a copy). */
    public int[] users() {
        return users.clone();
    }

    public String[] recommenders() {
        return recommenders.clone();
    }

    public String[] metrics() {
        return metrics.clone();
    }

    /**
     * A dot-and-whisker chart of one metric: a dot at each recommender's value and a bar over its bootstrap
     * interval (no bar for metrics without one).
     */
    public Figure chart(String metric) {
        int m = met(metric);
        List<Trace> traces = new ArrayList<>();
        for (int r = 0; r < recommenders.length; r++) {
            if (Double.isNaN(low[r][m])) {
                continue;
            }
            traces.add( ScatterTrace.builder(StringColumn.create("x", recommenders[r], recommenders[r]),
                            DoubleColumn.create("y", low[r][m], high[r][m]))
                    .mode(ScatterTrace.Mode.LINE)
                    .line(Line.builder().color("#555555").width(3).build())
                    .showLegend(false)
                    .name(recommenders[r] + " interval")
                    .build());
        }
        double[] v = new double[recommenders.length];
        for (int r = 0; r < recommenders.length; r++) {
            v[r] = value[r][m];
        }
        traces.add(ScatterTrace.builder(StringColumn.create("x", recommenders),
                        DoubleColumn.create("y", v))
                .mode(ScatterTrace.Mode.MARKERS)
                .marker(Marker.builder().size(12).color("#1f77b4").build())
                .showLegend(false)
                .name(metric)
                .build());
        Layout layout = Layout.builder()
                .title(String.format(Locale.ROOT, "%s by recommender (%d test users, %.0f%% bootstrap interval)",
                        metric, users.length, 100 * confidence))
                .xAxis(Axis.builder().title("recommender").build())
                .yAxis(Axis.builder().title(metric + " (" + unit(metric) + ")").build())
                .height(400)
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static String unit(String metric) {
        if (metric.equals("novelty")) {
            return "bits per item, mean over users";
        }
        if (metric.equals(OfflineEvaluation.COVERAGE)) {
            return "share of catalog, 0–1";
        }
        if (metric.equals(OfflineEvaluation.GINI)) {
            return "0 = equal exposure, 1 = one item";
        }
        return "mean over users, 0–1";
    }

    private int rec(String name) {
        for (int r = 0; r < recommenders.length; r++) {
            if (recommenders[r].equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("recommender " + name + " was not evaluated; recommenders: "
                + Arrays.toString(recommenders));
    }

    private int met(String name) {
        for (int m = 0; m < metrics.length; m++) {
            if (metrics[m].equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("metric " + name + " was not computed; metrics: " + Arrays.toString(metrics));
    }

    @Override
    public String toString() {
        return summary().printAll();
    }
}
