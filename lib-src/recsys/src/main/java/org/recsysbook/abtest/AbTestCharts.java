package org.recsysbook.abtest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.recsysbook.core.Args;
import org.recsysbook.notebook.Charts;

import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The charts of the A/B-testing notebook, built on {@link Charts}: the false-positive rate of peeking day by
 * day, the p-values of A/A tests, a novelty effect fading, the sample size a minimum detectable effect costs,
 * and the lift of every metric in a report.
 */
public final class AbTestCharts {
    private AbTestCharts() { }

    /**
     * Share of experiments declared significant by each day: daily z-tests (peeking), the mSPRT and the
     * O'Brien–Fleming boundaries, with α.
     */
    public static Figure peeking(PeekingStudy.Result r) {
        if (r == null) {
            throw Args.fail("r", "null", "a PeekingStudy.Result");
        }
        double[] x = days(r.days());
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("daily z-test, stop at first p < α (peeking)", percent(r.peekingRateByDay()));
        series.put("mSPRT, stop at first always-valid p ≤ α", percent(r.sequentialRateByDay()));
        series.put("O'Brien–Fleming boundaries for " + r.days() + " planned looks", percent(r.groupSequentialRateByDay()));
        double[] alpha = new double[r.days()];
        java.util.Arrays.fill(alpha, 100 * r.alpha());
        series.put("α, the promised false-positive rate", alpha);
        return Charts.line(String.format(java.util.Locale.ROOT, "Peeking: %d experiments, share declared significant so far",
                        r.experiments()), "day of the experiment (a look at the end of each)",
                "experiments declared significant (%)", x, series);
    }

    /**
     * The fixed-horizon p-values of the study's experiments in 20 bins of width 0.05: flat (uniform) under
     * an A/A test, each bin holding about 5 % of the experiments.
     */
    public static Figure pValues(PeekingStudy.Result r) {
        if (r == null) {
            throw Args.fail("r", "null", "a PeekingStudy.Result");
        }
        int bins = 20;
        double[] share = new double[bins];
        String[] labels = new String[bins];
        for (double p : r.finalPValues()) {
            share[Math.min(bins - 1, (int) (p * bins))] += 100.0 / r.experiments();
        }
        for (int b = 0; b < bins; b++) {
            labels[b] = String.format(java.util.Locale.ROOT, "%.2f–%.2f", b / (double) bins, (b + 1) / (double) bins);
        }
        return Charts.bar("p-values of " + r.experiments() + " experiments, one test on the last day",
                "p-value (two-proportion z-test)", "experiments (%)", labels, share);
    }

    /** Treatment's relative CTR lift over control on each day of an experiment, in percent. */
    public static Figure dailyCtrLift(ExperimentData data, String title) {
        if (data == null) {
            throw Args.fail("data", "null", "an ExperimentData");
        }
        return Charts.line(title, "day of the experiment", "CTR lift of treatment over control (%)",
                days(data.days()), percent(data.dailyCtrLift()));
    }

    /** The daily CTR lift with a flat reference line at the true lasting lift (a fraction, e.g. 0.02). */
    public static Figure dailyCtrLift(ExperimentData data, String title, double trueLift) {
        if (data == null) {
            throw Args.fail("data", "null", "an ExperimentData");
        }
        Args.finite("trueLift", trueLift);
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("measured lift on the day", percent(data.dailyCtrLift()));
        double[] flat = new double[data.days()];
        java.util.Arrays.fill(flat, 100 * trueLift);
        series.put("true lasting lift", flat);
        return Charts.line(title, "day of the experiment", "CTR lift of treatment over control (%)",
                days(data.days()), series);
    }

    /** Users per arm needed for each absolute minimum detectable effect (in points) at a baseline rate. */
    public static Figure sampleSizes(double baselineRate, double alpha, double power, double[] effects) {
        Args.notNull("effects", effects);
        double[] n = new double[effects.length];
        double[] points = new double[effects.length];
        for (int i = 0; i < effects.length; i++) {
            n[i] = PowerAnalysis.sampleSizePerArm(baselineRate, effects[i], alpha, power);
            points[i] = 100 * effects[i];
        }
        return Charts.line(String.format(java.util.Locale.ROOT,
                        "Users per arm to detect a lift from a %.0f %% baseline (α = %.2f, power %.0f %%)",
                        100 * baselineRate, alpha, 100 * power),
                "minimum detectable effect (percentage points)", "users per arm", points, n);
    }

    /** The lift of every metric of a report (from {@link ExperimentReport}) in percent, one bar each. */
    public static Figure lifts(Table report, String title) {
        if (report == null) {
            throw Args.fail("report", "null", "an ExperimentReport table");
        }
        String[] metrics = report.stringColumn("metric").asObjectArray();
        double[] lift = report.doubleColumn("lift_pct").asDoubleArray();
        return Charts.bar(title, "metric", "treatment vs control (% lift)", metrics, lift);
    }

    private static double[] days(int n) {
        double[] x = new double[n];
        for (int d = 0; d < n; d++) {
            x[d] = d + 1;
        }
        return x;
    }

    private static double[] percent(double[] v) {
        double[] p = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            p[i] = 100 * v[i];
        }
        return p;
    }
}
