package org.recsysbook.bandit.online;

import java.util.ArrayList;
import java.util.List;

import org.recsysbook.bandit.SummaryTable;
import org.recsysbook.bandit.online.DriftingClickStream.Event;
import org.recsysbook.core.Args;

import tech.tablesaw.api.Table;

/**
 * Plays {@link StreamLearner}s over one stream of impressions and scores each by progressive validation: every
 * impression is predicted before the learner may learn from it, so each prediction is judged on data the model had
 * not seen, as in production.
 *
 * <p>The score of a prediction {@code q} of an impression whose true click probability is {@code p} is its expected
 * log-loss {@code −p ln q − (1 − p) ln(1 − q)}, the loss averaged over the click draw: the simulator knows
 * {@code p}, so the curves carry no click noise. Its floor, reached by {@code q = p}, is the entropy of {@code p}
 * ({@link Outcome#oracle}). Scores start at {@code warmup} (when the batch models have their first training) and
 * are averaged over windows of {@code window} events.
 */
public final class OnlineLearningStudy {
    private OnlineLearningStudy() {
    }

    /**
     * What one learner scored.
     *
     * @param learner        the learner's name
     * @param windowLoss     mean expected log-loss in each window after the warm-up
     * @param meanLoss       mean expected log-loss over all events after the warm-up
     * @param meanPrediction mean predicted click probability after the warm-up
     * @param meanTruth      mean true click probability after the warm-up
     */
    public record Outcome(String learner, double[] windowLoss, double meanLoss, double meanPrediction,
                          double meanTruth) {
        /** Mean prediction over mean truth: 1 is calibrated, below 1 under-predicts. */
        public double calibration() {
            return meanPrediction / meanTruth;
        }

        /** The same for an oracle that predicts every true probability: the entropy floor. */
        static Outcome oracle(Event[] events, int warmup, int window) {
            return score("the true probability", events, warmup, window, e -> e.probability(), null);
        }
    }

    /** The scores of several learners on one stream, with the oracle's first. */
    public record Comparison(int warmup, int window, Outcome oracle, List<Outcome> outcomes) {
        /** The outcome of the learner named {@code name}. */
        public Outcome get(String name) {
            for (Outcome o : outcomes) {
                if (o.learner().equals(name)) {
                    return o;
                }
            }
            throw Args.fail("name", name, "one of the learners compared");
        }

        /** The event at the middle of each window, for a chart's x axis. */
        public double[] windowCentres() {
            double[] x = new double[oracle.windowLoss().length];
            for (int k = 0; k < x.length; k++) {
                x[k] = warmup + (k + 0.5) * window;
            }
            return x;
        }

        /**
         * One row per learner: mean expected log-loss, its excess over the oracle's, the same in percent, and the
         * calibration (mean prediction over mean truth).
         */
        public Table table(String title) {
            SummaryTable t = new SummaryTable(4, "learner", "log-loss", "excess over the truth",
                    "excess (%)", "mean prediction / mean truth");
            t.row(oracle.learner(), oracle.meanLoss(), 0, 0, 1);
            for (Outcome o : outcomes) {
                double excess = o.meanLoss() - oracle.meanLoss();
                t.row(o.learner(), o.meanLoss(), excess, 100 * excess / oracle.meanLoss(), o.calibration());
            }
            return t.table(title);
        }
    }

    /**
     * Plays every learner over {@code events} and scores it from event {@code warmup} on.
     *
     * @param warmup events before scoring starts, in [0, events.length)
     * @param window events per point of the curves, ≥ 1
     */
    public static Comparison compare(Event[] events, List<StreamLearner> learners, int warmup, int window) {
        Args.notNull("events", events);
        Args.notNull("learners", learners);
        if (warmup < 0 || warmup >= events.length) {
            throw Args.fail("warmup", warmup, "in [0, " + events.length + ") (the events)");
        }
        Args.atLeast("window", window, 1);
        List<Outcome> out = new ArrayList<>();
        for (StreamLearner l : learners) {
            out.add(score(l.name(), events, warmup, window, l::predict, l));
        }
        return new Comparison(warmup, window, Outcome.oracle(events, warmup, window), List.copyOf(out));
    }

    /**
     * What L1 does: for each λ₁ of {@code l1s}, FTRL-Proximal learning online from labels at once (the other
     * settings as {@code settings}); one row per λ₁ with its log-loss above the truth's, how many of the model's
     * weights are exactly zero at the end, and how many of the stream's noise features.
     */
    public static Table sparsity(DriftingClickStream stream, Event[] events, StreamLearner.Settings settings,
                                 double[] l1s, int warmup, int window) {
        Args.notNull("stream", stream);
        Args.notNull("settings", settings);
        Args.notNull("l1s", l1s);
        SummaryTable t = new SummaryTable(4, "λ₁", "log-loss above the truth's", "weights exactly 0",
                "noise features at 0", "features");
        for (double l1 : l1s) {
            StreamLearner learner = StreamLearner.immediate(stream.dimension(), settings.withL1(l1));
            Comparison c = compare(events, java.util.List.of(learner), warmup, window);
            FtrlProximal m = learner.model();
            int noiseZeros = 0;
            for (int i = stream.firstNoiseFeature(); i < stream.dimension(); i++) {
                if (m.weight(i) == 0) {
                    noiseZeros++;
                }
            }
            t.row(String.valueOf(l1), c.outcomes().get(0).meanLoss() - c.oracle().meanLoss(), m.zeroWeights(),
                    noiseZeros, stream.dimension());
        }
        return t.table("L1 on the stream: " + stream.noiseFeatures() + " of " + stream.dimension()
                + " features carry no signal");
    }

    private static Outcome score(String name, Event[] events, int warmup, int window,
                                 java.util.function.ToDoubleFunction<Event> predict, StreamLearner learner) {
        int windows = (events.length - warmup) / window;
        double[] loss = new double[Math.max(windows, 0)];
        double total = 0;
        double predicted = 0;
        double truth = 0;
        int scored = 0;
        for (int t = 0; t < events.length; t++) {
            Event e = events[t];
            if (t >= warmup) {
                double q = Math.min(Math.max(predict.applyAsDouble(e), 1e-12), 1 - 1e-12);
                double p = e.probability();
                double l = -p * Math.log(q) - (1 - p) * Math.log(1 - q);
                total += l;
                predicted += q;
                truth += p;
                scored++;
                int k = (t - warmup) / window;
                if (k < loss.length) {
                    loss[k] += l / window;
                }
            }
            if (learner != null) {
                learner.observe(events, t);
            }
        }
        return new Outcome(name, loss, total / scored, predicted / scored, truth / scored);
    }
}
