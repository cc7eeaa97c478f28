package org.recsysbook.bandit.online;

import java.util.PriorityQueue;

import org.recsysbook.bandit.online.DriftingClickStream.Event;
import org.recsysbook.core.Args;

/**
 * A click model fed by a stream of impressions whose clicks arrive late: it predicts each impression's click
 * probability when it is served, then learns from whatever labels have arrived by then. Each way of handling the
 * delay, and of retraining, is one implementation:
 *
 * <ul>
 *   <li>{@link #immediate}: learns online from the true label at once — the ideal no real system has;</li>
 *   <li>{@link #waitWindow}: learns online from an impression once its attribution window of {@code w} events has
 *       closed, as clicked if its click arrived within the window — late clicks count as non-clicks, and the
 *       model learns {@code w} events late;</li>
 *   <li>{@link #fakeNegatives}: learns at once from every impression as a non-click and again as a click when the
 *       click arrives (Ktena et al., "Addressing Delayed Feedback for Continuous Training with Neural Networks in
 *       CTR prediction", RecSys 2019, in its simplest form). The model then learns {@code q = p / (1 + p)}, since a clicked impression is
 *       one negative and one positive; it predicts {@code p = q / (1 − q)};</li>
 *   <li>{@link #periodic}: a batch model retrained from scratch every {@code every} events on the last
 *       {@code trainOn} impressions whose window has closed, frozen in between;</li>
 *   <li>{@link #never}: the first such batch model, never retrained.</li>
 * </ul>
 *
 * <p>All learn with {@link FtrlProximal}; a batch retraining runs it for {@code epochs} passes over its training
 * window, in stream order. Not thread-safe.
 */
public abstract class StreamLearner {
    /** FTRL-Proximal's settings, shared by every learner of a comparison. */
    public record Settings(double alpha, double beta, double l1, double l2) {
        public Settings {
            new FtrlProximal(1, alpha, beta, l1, l2);
        }

        /** α = 0.1, β = 1, λ₁ = 1, λ₂ = 1. */
        public static Settings defaults() {
            return new Settings(0.1, 1, 1, 1);
        }

        /** The same settings with L1 strength {@code l1}. */
        public Settings withL1(double l1) {
            return new Settings(alpha, beta, l1, l2);
        }

        FtrlProximal model(int dimension) {
            return new FtrlProximal(dimension, alpha, beta, l1, l2);
        }
    }

    private final String name;

    StreamLearner(String name) {
        this.name = name;
    }

    /** A short name for tables and legends. */
    public String name() {
        return name;
    }

    /** The predicted click probability of {@code event}, made when it is served. */
    public abstract double predict(Event event);

    /**
     * Called after event {@code t} of {@code events} was served (and predicted): learns from what has arrived by
     * time {@code t}. The learner may read only labels that have arrived: {@code events[s].clickArrivedBy(t)}.
     */
    public abstract void observe(Event[] events, int t);

    /** The model now (the latest batch model for the batch learners; null before the first training). */
    public abstract FtrlProximal model();

    /** Learns from the true label of every impression at once. */
    public static StreamLearner immediate(int dimension, Settings settings) {
        FtrlProximal m = settings.model(dimension);
        return new StreamLearner("online, labels at once") {
            @Override
            public double predict(Event e) {
                return m.predict(e.features());
            }

            @Override
            public void observe(Event[] events, int t) {
                m.update(events[t].features(), events[t].clicked() ? 1 : 0);
            }

            @Override
            public FtrlProximal model() {
                return m;
            }
        };
    }

    /** Learns from each impression when its window of {@code window} events closes. */
    public static StreamLearner waitWindow(int dimension, Settings settings, int window) {
        Args.atLeast("window", window, 1);
        FtrlProximal m = settings.model(dimension);
        return new StreamLearner("online, wait " + window + " events") {
            @Override
            public double predict(Event e) {
                return m.predict(e.features());
            }

            @Override
            public void observe(Event[] events, int t) {
                int s = t - window;
                if (s >= 0) {
                    m.update(events[s].features(), events[s].clickArrivedBy(t) ? 1 : 0);
                }
            }

            @Override
            public FtrlProximal model() {
                return m;
            }
        };
    }

    /** Learns from each impression at once as a non-click, and as a click when its click arrives. */
    public static StreamLearner fakeNegatives(int dimension, Settings settings) {
        FtrlProximal m = settings.model(dimension);
        PriorityQueue<Event> pending = new PriorityQueue<>((a, b) -> Integer.compare(a.time() + a.delay(),
                b.time() + b.delay()));
        return new StreamLearner("online, fake negatives corrected") {
            @Override
            public double predict(Event e) {
                double q = m.predict(e.features());
                return Math.min(q / (1 - q), 1 - 1e-9);
            }

            @Override
            public void observe(Event[] events, int t) {
                Event e = events[t];
                m.update(e.features(), 0);
                if (e.clicked()) {
                    pending.add(e);
                }
                while (!pending.isEmpty() && pending.peek().clickArrivedBy(t)) {
                    m.update(pending.poll().features(), 1);
                }
            }

            @Override
            public FtrlProximal model() {
                return m;
            }
        };
    }

    /**
     * A batch model retrained from scratch every {@code every} events on the last {@code trainOn} impressions whose
     * window of {@code window} events has closed; the first training happens at event {@code trainOn + window}.
     */
    public static StreamLearner periodic(int dimension, Settings settings, int every, int trainOn, int window,
                                         int epochs) {
        return new Batch("retrained every " + every + " events", dimension, settings, every, trainOn, window, epochs,
                true);
    }

    /** The first batch model of {@link #periodic}, trained once at event {@code trainOn + window} and frozen. */
    public static StreamLearner never(int dimension, Settings settings, int trainOn, int window, int epochs) {
        return new Batch("trained once, never retrained", dimension, settings, 1, trainOn, window, epochs, false);
    }

    private static final class Batch extends StreamLearner {
        private final int dimension;
        private final Settings settings;
        private final int every;
        private final int trainOn;
        private final int window;
        private final int epochs;
        private final boolean retrain;
        private FtrlProximal current;

        Batch(String name, int dimension, Settings settings, int every, int trainOn, int window, int epochs,
              boolean retrain) {
            super(name);
            this.dimension = Args.atLeast("dimension", dimension, 1);
            this.settings = Args.notNull("settings", settings);
            this.every = Args.atLeast("every", every, 1);
            this.trainOn = Args.atLeast("trainOn", trainOn, 1);
            this.window = Args.atLeast("window", window, 1);
            this.epochs = Args.atLeast("epochs", epochs, 1);
            this.retrain = retrain;
        }

        @Override
        public double predict(Event e) {
            return current == null ? 0.5 : current.predict(e.features());
        }

        @Override
        public void observe(Event[] events, int t) {
            int since = t + 1 - (trainOn + window);
            if (since < 0 || since % every != 0 || (!retrain && current != null)) {
                return;
            }
            // the last `trainOn` impressions whose window has closed by t
            int to = t + 1 - window;
            int from = to - trainOn;
            FtrlProximal m = settings.model(dimension);
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (int s = from; s < to; s++) {
                    m.update(events[s].features(), events[s].clickArrivedBy(s + window) ? 1 : 0);
                }
            }
            current = m;
        }

        @Override
        public FtrlProximal model() {
            return current;
        }
    }
}
