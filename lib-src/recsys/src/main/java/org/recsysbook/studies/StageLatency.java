package org.recsysbook.studies;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.recsysbook.core.Args;
import org.recsysbook.core.Quantile;
import org.recsysbook.core.Request;
import org.recsysbook.notebook.Charts;
import org.recsysbook.notebook.Progress;
import org.recsysbook.pipeline.Pipeline;
import org.recsysbook.pipeline.StageTimes;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Where a request's time goes: the median and 99th percentile of each funnel stage's wall time over
 * many requests, the figures behind the chapter's remark that production systems must "serve millions of
 * users in real time".
 */
public final class StageLatency {
    private static final String[] NAMES = {"candidate generation", "ranking", "re-ranking", "whole request"};

    private final long[][] nanos; // [stage][request], each row sorted

    private StageLatency(long[][] nanos) {
        this.nanos = nanos;
    }

    /** The latencies of given results' stage times. */
    public static StageLatency of(List<StageTimes> times) {
        if (times == null || times.isEmpty()) {
            throw new IllegalArgumentException("times must hold at least one request's stage times, got "
                    + (times == null ? "null" : "none"));
        }
        long[][] n = new long[4][times.size()];
        for (int i = 0; i < times.size(); i++) {
            StageTimes t = times.get(i);
            n[0][i] = t.candidateNanos();
            n[1][i] = t.rankingNanos();
            n[2][i] = t.reRankingNanos();
            n[3][i] = t.totalNanos();
        }
        for (long[] row : n) {
            Arrays.sort(row);
        }
        return new StageLatency(n);
    }

    /**
     * Runs {@code pipeline} on every request, one after another on this thread, with a progress bar,
     * after {@code warmup} untimed runs over the first requests (so the JIT compiler has done its work).
     */
    public static StageLatency measure(Pipeline pipeline, List<Request> requests, int warmup) {
        if (requests == null || requests.isEmpty()) {
            throw new IllegalArgumentException("requests must hold at least one request, got "
                    + (requests == null ? "null" : "none"));
        }
        Args.atLeast("warmup", warmup, 0);
        for (int i = 0; i < warmup; i++) {
            pipeline.recommend(requests.get(i % requests.size()));
        }
        StageTimes[] times = new StageTimes[requests.size()];
        try (Progress p = Progress.start("Timing " + requests.size() + " requests", requests.size())) {
            for (int i = 0; i < times.length; i++) {
                times[i] = pipeline.recommend(requests.get(i)).times();
                p.step();
            }
        }
        return of(Arrays.asList(times));
    }

    /** The number of requests measured. */
    public int requests() {
        return nanos[0].length;
    }

    /** The q-quantile (nearest rank) of stage {@code stage} in ms; stages 0–2 in funnel order, 3 the whole request. */
    public double quantileMillis(int stage, double q) {
        Args.inRange("stage", stage, 0, 3);
        return Quantile.nearestRank(nanos[stage], q) / 1e6;
    }

    public double medianMillis(int stage) {
        return quantileMillis(stage, 0.5);
    }

    public double p99Millis(int stage) {
        return quantileMillis(stage, 0.99);
    }

    /** A table: stage, median (ms), p99 (ms), share of the whole request's median (%). */
    public Table table() {
        double[] med = new double[4];
        double[] p99 = new double[4];
        double[] share = new double[4];
        for (int s = 0; s < 4; s++) {
            med[s] = medianMillis(s);
            p99[s] = p99Millis(s);
        }
        for (int s = 0; s < 4; s++) {
            share[s] = med[3] > 0 ? 100 * med[s] / med[3] : Double.NaN;
        }
        return Table.create("stage latency over " + requests() + " requests", StringColumn.create("stage", NAMES),
                DoubleColumn.create("median (ms)", med), DoubleColumn.create("p99 (ms)", p99),
                DoubleColumn.create("share of median request (%)", share));
    }

    /** Grouped bars: median and p99 of each stage, in ms. */
    public Figure chart(String title) {
        String[] stages = Arrays.copyOf(NAMES, 3);
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("median", new double[] {medianMillis(0), medianMillis(1), medianMillis(2)});
        series.put("p99", new double[] {p99Millis(0), p99Millis(1), p99Millis(2)});
        return Charts.bar(title, "stage", "wall time per request (ms)", stages, series);
    }
}
