package org.recsysbook.bandit.online;

import java.util.SplittableRandom;

import org.recsysbook.core.Args;

/**
 * A stream of impressions whose click rates drift, each click arriving some time after its impression: the
 * traffic the chapter's "static recommendation models become stale as user preferences and item catalogs evolve"
 * describes, for training a click model online ({@link FtrlProximal}) against retraining it in batches.
 *
 * <p>Event {@code t} (one per time step) shows a uniformly drawn item {@code i} to a user of a uniformly drawn
 * segment {@code u}. Its features are binary: a bias, the item, the segment, the (segment, item) cross, and
 * {@code activeNoise} of the {@code noiseFeatures} features that carry no signal at all (an L1 penalty should
 * zero their weights). It is clicked with probability
 * <pre>
 *   p = σ(b + a_i(t) + s_u + c_ui)
 * </pre>
 * where the item effect {@code a_i(t)} drifts: it moves linearly between values drawn from
 * {@code N(0, itemSd²)} every {@code knotEvery} events (a hit fades while another rises, gradually). {@code s_u ~
 * N(0, 0.3²)} and {@code c_ui ~ N(0, 0.3²)} stay fixed. A click arrives {@code delay} events after its impression,
 * {@code delay ≥ 1} drawn from an exponential distribution with mean {@code meanDelay} (rounded up); a non-click
 * never arrives: no news is all the learner gets. Everything is drawn from the seed, the same on every machine; the
 * items, segments, drift and clicks do not depend on {@code meanDelay}, only the delays do ({@link #withMeanDelay}).
 */
public final class DriftingClickStream {
    private final int items;
    private final int segments;
    private final int noiseFeatures;
    private final int activeNoise;
    private final int knotEvery;
    private final double meanDelay;
    private final double bias;
    private final double itemSd;
    private final int horizon;
    private final double[][] knots;
    private final double[] segmentEffect;
    private final double[] cross;
    private final long seed;

    /**
     * One impression.
     *
     * @param time        its time step (its index in the stream)
     * @param features    its active binary features
     * @param probability its true click probability
     * @param clicked     whether it was clicked
     * @param delay       when clicked, the events until the click arrives (≥ 1); 0 when not clicked
     */
    public record Event(int time, int[] features, double probability, boolean clicked, int delay) {
        /** Whether the click has arrived by time {@code now} (false for a non-click). */
        public boolean clickArrivedBy(int now) {
            return clicked && time + delay <= now;
        }
    }

    /**
     * @param items         items, ≥ 2
     * @param segments      user segments, ≥ 1
     * @param noiseFeatures features with no signal, ≥ 0
     * @param activeNoise   noise features active per event, in [0, noiseFeatures]
     * @param knotEvery     events between two drawn values of each item's effect, ≥ 1
     * @param itemSd        standard deviation of the item effects, ≥ 0
     * @param bias          the intercept b of the click logit (−3 gives rates near 5%)
     * @param meanDelay     mean delay of a click in events, ≥ 0 (0: every click arrives at the next step)
     * @param horizon       the last event for which the drift is drawn, ≥ 1
     * @param seed          the random seed
     */
    public DriftingClickStream(int items, int segments, int noiseFeatures, int activeNoise, int knotEvery,
                               double itemSd, double bias, double meanDelay, int horizon, long seed) {
        this.items = Args.atLeast("items", items, 2);
        this.segments = Args.atLeast("segments", segments, 1);
        this.noiseFeatures = Args.atLeast("noiseFeatures", noiseFeatures, 0);
        if (activeNoise < 0 || activeNoise > noiseFeatures) {
            throw Args.fail("activeNoise", activeNoise, "in [0, noiseFeatures = " + noiseFeatures + "]");
        }
        this.activeNoise = activeNoise;
        this.knotEvery = Args.atLeast("knotEvery", knotEvery, 1);
        if (!(itemSd >= 0) || Double.isInfinite(itemSd)) {
            throw Args.fail("itemSd", itemSd, "a finite number ≥ 0");
        }
        if (!Double.isFinite(bias)) {
            throw Args.fail("bias", bias, "finite");
        }
        if (!(meanDelay >= 0) || Double.isInfinite(meanDelay)) {
            throw Args.fail("meanDelay", meanDelay, "a finite number ≥ 0");
        }
        Args.atLeast("horizon", horizon, 1);
        this.bias = bias;
        this.itemSd = itemSd;
        this.horizon = horizon;
        this.meanDelay = meanDelay;
        this.seed = seed;
        SplittableRandom rng = new SplittableRandom(seed);
        int nKnots = horizon / knotEvery + 2;
        knots = new double[items][nKnots];
        for (int i = 0; i < items; i++) {
            for (int k = 0; k < nKnots; k++) {
                knots[i][k] = itemSd * gaussian(rng);
            }
        }
        segmentEffect = new double[segments];
        for (int u = 0; u < segments; u++) {
            segmentEffect[u] = 0.3 * gaussian(rng);
        }
        cross = new double[segments * items];
        for (int c = 0; c < cross.length; c++) {
            cross[c] = 0.3 * gaussian(rng);
        }
    }

    /**
     * The notebook's stream: 50 items, 4 segments, 20 noise features (2 active per event), item effects redrawn
     * every 10,000 events with standard deviation 1, intercept −3, clicks arriving after 2,000 events on average.
     */
    public static DriftingClickStream defaults(int horizon, long seed) {
        return new DriftingClickStream(50, 4, 20, 2, 10_000, 1.0, -3, 2_000, horizon, seed);
    }

    /** The same stream with another mean click delay (the same items, drift and clicks; other delays). */
    public DriftingClickStream withMeanDelay(double meanDelay) {
        return new DriftingClickStream(items, segments, noiseFeatures, activeNoise, knotEvery, itemSd, bias, meanDelay,
                horizon, seed);
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** The number of features: bias, items, segments, crosses and noise features. */
    public int dimension() {
        return 1 + items + segments + segments * items + noiseFeatures;
    }

    /** Index of the first noise feature; the noise features are the last {@link #noiseFeatures()}. */
    public int firstNoiseFeature() {
        return 1 + items + segments + segments * items;
    }

    public int noiseFeatures() {
        return noiseFeatures;
    }

    public int items() {
        return items;
    }

    public double meanDelay() {
        return meanDelay;
    }

    /** The item effect {@code a_i(t)}: linear between the values drawn every {@code knotEvery} events. */
    public double itemEffect(int item, int time) {
        Args.index("item", item, items, "items");
        if (time < 0 || time > horizon) {
            throw Args.fail("time", time, "in [0, " + horizon + "] (the horizon)");
        }
        int k = time / knotEvery;
        double f = (time % knotEvery) / (double) knotEvery;
        return (1 - f) * knots[item][k] + f * knots[item][k + 1];
    }

    /** The true click probability of {@code item} shown to {@code segment} at {@code time}. */
    public double clickProbability(int item, int segment, int time) {
        Args.index("segment", segment, segments, "segments");
        return FtrlProximal.sigmoid(bias + itemEffect(item, time) + segmentEffect[segment]
                + cross[segment * items + item]);
    }

    private static boolean contains(int[] a, int from, int to, int v) {
        for (int k = from; k < to; k++) {
            if (a[k] == v) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code n} events of the stream, {@code n ≤ horizon}; the same events on every call. */
    public Event[] events(int n) {
        if (n < 1 || n > horizon) {
            throw Args.fail("n", n, "in [1, " + horizon + "] (the horizon)");
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        SplittableRandom delays = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(meanDelay));
        Event[] out = new Event[n];
        int crossBase = 1 + items + segments;
        int noiseBase = firstNoiseFeature();
        for (int t = 0; t < n; t++) {
            int item = rng.nextInt(items);
            int segment = rng.nextInt(segments);
            int[] f = new int[4 + activeNoise];
            f[0] = 0;
            f[1] = 1 + item;
            f[2] = 1 + items + segment;
            f[3] = crossBase + segment * items + item;
            for (int j = 0; j < activeNoise; j++) {
                int candidate;
                do {
                    candidate = noiseBase + rng.nextInt(noiseFeatures);
                } while (contains(f, 4, 4 + j, candidate));
                f[4 + j] = candidate;
            }
            double p = clickProbability(item, segment, t);
            boolean clicked = rng.nextDouble() < p;
            int delay = 0;
            if (clicked) {
                delay = Math.max(1, (int) Math.ceil(-meanDelay * Math.log(1 - delays.nextDouble())));
            }
            out[t] = new Event(t, f, p, clicked, delay);
        }
        return out;
    }
}
