package org.recsysbook.studies;

import java.util.LinkedHashMap;
import java.util.Map;

import org.recsysbook.abtest.ExperimentData;
import org.recsysbook.abtest.PowerAnalysis;
import org.recsysbook.core.Args;
import org.recsysbook.notebook.Charts;
import org.recsysbook.studies.PeekingStudy;

import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The charts of the A/B-testing notebook, built on {@link Charts}: the false-positive rate of peeking day by
 * day, the p-values of A/A tests, a novelty effect fading, the sample size a minimum detectable effect costs,
 * the lift of every metric in a report, and the pitfalls of interference, a shared training log, Simpson's paradox
 * and heavy-tailed revenue.
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

    /** The interference study's lifts: the full launch's (the truth), the user-level and the market-level A/B test's. */
    public static Figure interference(InterferenceStudy.Result r) {
        Args.notNull("r", r);
        return Charts.bar(String.format(java.util.Locale.ROOT, "Shared supply: lift of bookings per user, mean of %d "
                        + "simulated experiments", r.replications()), "design",
                "treatment vs control (% lift in bookings per user)",
                new String[] {"full launch (what we want to know)", "user-level A/B test", "market-level A/B test"},
                new double[] {100 * r.launchLift(), 100 * r.userSplitLift(), 100 * r.marketSplitLift()});
    }

    /** The shared-log study's lifts: the launch's, the A/B test's with a model per arm and with one shared log. */
    public static Figure sharedLog(SharedLogStudy.Result r) {
        Args.notNull("r", r);
        return Charts.bar(String.format(java.util.Locale.ROOT, "Exploration's value leaks through a shared training log "
                        + "(mean of %d simulations)", r.replications()), "design",
                "treatment vs control (% lift in CTR)",
                new String[] {"launch: each system alone", "A/B test, a model per arm", "A/B test, one shared log"},
                new double[] {100 * r.launchLift(), 100 * r.separateLogsLift(), 100 * r.sharedLogLift()});
    }

    /** Simpson's paradox: each arm's conversion rate in every segment, pooled, and stratified. */
    public static Figure simpson(SimpsonStudy.Run run) {
        Args.notNull("run", run);
        int k = run.segments().length;
        String[] labels = java.util.Arrays.copyOf(run.segments(), k + 2);
        labels[k] = "pooled (segments ignored)";
        labels[k + 1] = "stratified (same mix in both arms)";
        double[] c = new double[k + 2];
        double[] t = new double[k + 2];
        for (int s = 0; s < k; s++) {
            c[s] = 100 * run.bySegment()[s].control();
            t[s] = 100 * run.bySegment()[s].treatment();
        }
        c[k] = 100 * run.pooled().control();
        t[k] = 100 * run.pooled().treatment();
        c[k + 1] = 100 * run.stratified().control();
        t[k + 1] = 100 * run.stratified().treatment();
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("control", c);
        series.put("treatment", t);
        return Charts.bar("Simpson's paradox: the treatment wins in every week and loses pooled",
                "segment of users", "conversion rate (%)", labels, series);
    }

    /** The heavy-tail study's power, raw and winsorised, for each scenario: {@code names[i]} names {@code results[i]}. */
    public static Figure heavyTail(java.util.List<String> names, java.util.List<HeavyTailStudy.Result> results) {
        Args.notNull("names", names);
        Args.notNull("results", results);
        Args.sameLength("names", names.size(), "results", results.size());
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            HeavyTailStudy.Result r = Args.notNull("results", i, results.get(i));
            series.put(names.get(i), new double[] {100 * r.rawPower(), 100 * r.winsorisedPower()});
        }
        return Charts.bar("Revenue per user: power of Welch's t-test, raw and winsorised", "metric tested",
                "experiments that detect the lift (%)", new String[] {"revenue as it is", "revenue winsorised at the "
                        + "99th percentile"}, series);
    }

    /** The long-term holdout's weekly lift with its 95 % band, the true lift and the two-week A/B test's estimate. */
    public static Figure holdout(LongTermHoldoutStudy.Result r) {
        Args.notNull("r", r);
        int weeks = r.holdoutLift().length;
        double[] lower = new double[weeks];
        double[] upper = new double[weeks];
        double[] flat = new double[weeks];
        double[] truth = new double[weeks];
        for (int w = 0; w < weeks; w++) {
            lower[w] = 100 * (r.holdoutLift()[w] - r.holdoutHalfWidth()[w]);
            upper[w] = 100 * (r.holdoutLift()[w] + r.holdoutHalfWidth()[w]);
            flat[w] = 100 * r.abTestLift();
            truth[w] = 100 * r.trueLift()[w];
        }
        Map<String, Charts.Band> series = new LinkedHashMap<>();
        series.put("launched vs holdout (95 % band)", new Charts.Band(percent(r.holdoutLift()), lower, upper));
        series.put("true lift of the week", new Charts.Band(truth, truth, truth));
        series.put("the two-week A/B test's estimate", new Charts.Band(flat, flat, flat));
        return Charts.lineWithBand(String.format(java.util.Locale.ROOT, "A %.0f %% long-term holdout: the lift week by "
                        + "week after the launch", 100 * r.holdoutShare()), "week since the launch",
                "visits per user, launched vs held out (% lift)", days(weeks), series);
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
