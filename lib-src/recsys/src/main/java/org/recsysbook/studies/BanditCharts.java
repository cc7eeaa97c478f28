package org.recsysbook.studies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.recsysbook.bandit.online.OnlineLearningStudy;
import org.recsysbook.bandit.offpolicy.OffPolicyExperiment;
import org.recsysbook.bandit.simulation.SimulationResult;
import org.recsysbook.bandit.ThompsonSampling;
import org.recsysbook.core.Args;
import org.recsysbook.core.Interval;
import org.recsysbook.notebook.Charts;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BoxTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The charts of the bandit notebooks, built on {@link Charts}: regret curves with 95% bands and the
 * Lai–Robbins bound, total rewards with their intervals, pulls per arm, click rate over time, and the
 * spread of off-policy estimates around the truth.
 *
 * <p>Curves longer than {@value #MAX_POINTS} points are thinned to every k-th round so that the charts
 * stay light in the notebook.
 */
public final class BanditCharts {
    /** The most points a curve is drawn with. */
    public static final int MAX_POINTS = 500;

    private BanditCharts() { }

    /**
     * Mean cumulative pseudo-regret of every policy with its 95% confidence band over runs, and, if
     * {@code lowerBound} is not null, that curve dashed (e.g. {@link LaiRobbinsBound#curve}).
     */
    public static Figure regret(String title, List<SimulationResult> results, double[] lowerBound) {
        checkResults(results);
        int rounds = results.get(0).rounds();
        int[] idx = thin(rounds);
        double[] x = rounds(idx);
        Map<String, Charts.Band> bands = new LinkedHashMap<>();
        for (SimulationResult r : results) {
            Charts.Band b = r.regretBand();
            bands.put(r.policy(), new Charts.Band(pick(b.mean(), idx), pick(b.lower(), idx), pick(b.upper(), idx)));
        }
        Figure f = Charts.lineWithBand(title, "round", "cumulative pseudo-regret (expected clicks lost)", x, bands);
        if (lowerBound != null) {
            if (lowerBound.length != rounds) {
                throw Args.fail("lowerBound.length", lowerBound.length, rounds + " (the rounds)");
            }
            List<Trace> traces = new ArrayList<>(Arrays.asList(f.getTraces()));
            traces.add(ScatterTrace.builder(x, pick(lowerBound, idx)).name("Lai–Robbins lower bound")
                    .mode(ScatterTrace.Mode.LINE)
                    .line(Line.builder().color("#000000").dash(Line.Dash.DASH).width(1.5).build()).build());
            f.setTraces(traces.toArray(new Trace[0]));
        }
        return f;
    }

    /** Each policy's mean total reward as a point with its 95% confidence interval as a bar through it. */
    public static Figure totalRewards(String title, List<SimulationResult> results) {
        checkResults(results);
        List<Trace> traces = new ArrayList<>();
        for (SimulationResult r : results) {
            Interval i = r.totalRewardInterval(0.95);
            String[] name = {r.policy(), r.policy(), r.policy()};
            traces.add(ScatterTrace.builder(StringColumn.create("policy", name),
                            DoubleColumn.create("total reward", i.lower(), i.mean(), i.upper()))
                    .name(r.policy()).mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                    .marker(Marker.builder().size(9).build()).line(Line.builder().width(3).build()).build());
        }
        Layout layout = Layout.builder(title).height(Charts.HEIGHT).showLegend(false)
                .xAxis(Axis.builder().title("policy").type(Axis.Type.CATEGORY).build())
                .yAxis(Axis.builder().title("total reward per run (clicks), mean and 95% CI").build())
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** How often each policy pulled each arm, on average per run; arms labelled with their true rate. */
    public static Figure pulls(String title, List<SimulationResult> results, double[] rates) {
        checkResults(results);
        int arms = results.get(0).arms();
        String[] labels = new String[arms];
        for (int a = 0; a < arms; a++) {
            labels[a] = rates == null ? "arm " + a
                    : String.format(java.util.Locale.ROOT, "%d (%.2f)", a, rates[a]);
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        for (SimulationResult r : results) {
            series.put(r.policy(), r.meanPulls());
        }
        return Charts.bar(title, rates == null ? "arm" : "arm (true click rate)", "pulls per run (mean)", labels,
                series);
    }

    /**
     * The click rate per round, averaged over runs and smoothed over a trailing window of {@code window}
     * rounds, with reference curves (e.g. the best item's true rate per round; none if empty) drawn as they
     * are.
     *
     * @param references name → one value per round
     */
    public static Figure clickRate(String title, List<SimulationResult> results, int window,
                                   Map<String, double[]> references) {
        checkResults(results);
        Args.atLeast("window", window, 1);
        Args.notNull("references", references);
        int rounds = results.get(0).rounds();
        int[] idx = thin(rounds);
        Map<String, double[]> series = new LinkedHashMap<>();
        for (SimulationResult r : results) {
            series.put(r.policy(), pick(movingAverage(r.meanRewardPerRound(), window), idx));
        }
        for (Map.Entry<String, double[]> e : references.entrySet()) {
            if (e.getValue() == null || e.getValue().length != rounds) {
                throw Args.fail("references[" + e.getKey() + "].length",
                        e.getValue() == null ? "null" : e.getValue().length, rounds + " (the rounds)");
            }
            series.put(e.getKey(), pick(e.getValue(), idx));
        }
        return Charts.line(title, "round", "click rate (clicks per round, " + window + "-round moving average)",
                rounds(idx), series);
    }

    /**
     * The true click rate of the item each policy puts on top (its first pick), per round, averaged over runs and
     * smoothed over a trailing window: how fast one slot and slates learn what deserves the top position.
     *
     * @param results label → result (labels tell apart runs of the same policy), all with the same rounds
     * @param best    the best item's true rate, drawn as a reference line
     */
    public static Figure topItemRate(String title, Map<String, SimulationResult> results, int window, double best) {
        Args.notNull("results", results);
        checkResults(List.copyOf(results.values()));
        Args.atLeast("window", window, 1);
        int rounds = results.values().iterator().next().rounds();
        int[] idx = thin(rounds);
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Map.Entry<String, SimulationResult> e : results.entrySet()) {
            series.put(e.getKey(), pick(movingAverage(e.getValue().meanFirstRate(), window), idx));
        }
        double[] line = new double[idx.length];
        java.util.Arrays.fill(line, best);
        series.put("best item's true rate", line);
        return Charts.line(title, "visit", "true click rate of the item on top (" + window + "-visit moving average)",
                rounds(idx), series);
    }

    /**
     * Each of {@code arms}' true click rate beside what each policy estimated when its runs ended (mean over runs):
     * an estimate that ignores the slate's position bias falls below the truth.
     *
     * @param results label → result
     */
    public static Figure estimates(String title, Map<String, SimulationResult> results, double[] rates, int[] arms) {
        Args.notNull("results", results);
        Args.notNull("rates", rates);
        Args.notNull("arms", arms);
        String[] labels = new String[arms.length];
        double[] truth = new double[arms.length];
        for (int k = 0; k < arms.length; k++) {
            labels[k] = "item " + arms[k];
            truth[k] = rates[Args.index("arms[" + k + "]", arms[k], rates.length, "rates")];
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("true click rate", truth);
        for (Map.Entry<String, SimulationResult> e : results.entrySet()) {
            double[] m = e.getValue().meanEstimates();
            double[] v = new double[arms.length];
            for (int k = 0; k < arms.length; k++) {
                v[k] = m[arms[k]];
            }
            series.put(e.getKey(), v);
        }
        return Charts.bar(title, "item", "click rate (clicks per examined impression)", labels, series);
    }

    /**
     * Each learner's expected log-loss above the true probabilities' (the floor), per window of the stream: how far
     * online learning, delayed labels and periodic retraining stay from the truth as the click rates drift.
     */
    public static Figure onlineLearning(String title, OnlineLearningStudy.Comparison comparison) {
        Args.notNull("comparison", comparison);
        double[] floor = comparison.oracle().windowLoss();
        Map<String, double[]> series = new LinkedHashMap<>();
        for (OnlineLearningStudy.Outcome o : comparison.outcomes()) {
            double[] excess = new double[floor.length];
            for (int k = 0; k < floor.length; k++) {
                excess[k] = o.windowLoss()[k] - floor[k];
            }
            series.put(o.learner(), excess);
        }
        return Charts.line(title, "event (impressions served)", "log-loss above the true probabilities' (nats, "
                + comparison.window() + "-event windows)", comparison.windowCentres(), series);
    }

    /** Off-policy estimates over logs, one box per estimator, with the true click rate as a dashed line. */
    public static Figure offPolicyEstimates(String title, List<OffPolicyExperiment.Outcome> outcomes) {
        Args.notNull("outcomes", outcomes);
        Args.atLeast("outcomes.size()", outcomes.size(), 1);
        List<Trace> traces = new ArrayList<>();
        for (OffPolicyExperiment.Outcome o : outcomes) {
            String[] x = new String[o.estimates().length];
            Arrays.fill(x, o.estimator());
            traces.add(BoxTrace.builder(x, o.estimates()).name(o.estimator()).build());
        }
        double truth = outcomes.get(0).truth();
        String first = outcomes.get(0).estimator();
        String last = outcomes.get(outcomes.size() - 1).estimator();
        traces.add(ScatterTrace.builder(StringColumn.create("estimator", first, last),
                        DoubleColumn.create("truth", truth, truth))
                .name("true click rate").mode(ScatterTrace.Mode.LINE)
                .line(Line.builder().color("#000000").dash(Line.Dash.DASH).width(1.5).build()).build());
        Layout layout = Layout.builder(title).height(Charts.HEIGHT).showLegend(false)
                .xAxis(Axis.builder().title("estimator").type(Axis.Type.CATEGORY).build())
                .yAxis(Axis.builder().title("estimated click rate (clicks per impression)").build())
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /**
     * The posterior densities {@code Beta(α, β)} of some arms of a Thompson sampling policy, labelled with
     * their true rates if {@code trueRates} is not null.
     */
    public static Figure posteriors(String title, ThompsonSampling policy, int[] arms, double[] trueRates) {
        Args.notNull("policy", policy);
        Args.notNull("arms", arms);
        int points = 301;
        double[] x = new double[points];
        for (int k = 0; k < points; k++) {
            x[k] = (double) k / (points - 1);
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int arm : arms) {
            BetaDistribution beta = new BetaDistribution(null, policy.alpha(arm), policy.beta(arm));
            double[] y = new double[points];
            for (int k = 0; k < points; k++) {
                y[k] = beta.density(x[k]);
            }
            String label = trueRates == null ? "arm " + arm
                    : String.format(java.util.Locale.ROOT, "arm %d (true %.3f)", arm, trueRates[arm]);
            series.put(label, y);
        }
        return Charts.line(title, "click rate", "posterior density", x, series);
    }

    /** The trailing moving average over {@code window} values (fewer at the start). */
    static double[] movingAverage(double[] v, int window) {
        double[] out = new double[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += v[i];
            if (i >= window) {
                sum -= v[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    /** Indices of at most {@link #MAX_POINTS} rounds, evenly spaced, the last round always included. */
    static int[] thin(int rounds) {
        int step = (rounds + MAX_POINTS - 1) / MAX_POINTS;
        int n = (rounds - 1) / step + 1;
        int[] idx = new int[n];
        for (int k = 0; k < n; k++) {
            idx[k] = k * step;
        }
        idx[n - 1] = rounds - 1;
        return idx;
    }

    private static double[] rounds(int[] idx) {
        double[] x = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            x[k] = idx[k] + 1;
        }
        return x;
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = v[idx[k]];
        }
        return out;
    }

    private static void checkResults(List<SimulationResult> results) {
        Args.notNull("results", results);
        Args.atLeast("results.size()", results.size(), 1);
        int rounds = results.get(0).rounds();
        for (SimulationResult r : results) {
            if (r.rounds() != rounds) {
                throw Args.fail("results rounds", r.rounds(), rounds + " (all results must have the same rounds)");
            }
        }
    }
}
