package org.recsysbook.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import org.recsysbook.core.Args;
import org.recsysbook.core.TopK;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What the chapter says offline metrics are useful for — fast iteration, debugging, hyper-parameter tuning and safe
 * pre-screening before an A/B test — as tools notebook 05 runs on a {@link TemporalSplit}: a tunable recommender
 * and its sweep, two deliberately broken recommenders an offline metric catches, and the pre-screen that decides
 * which candidates earn an A/B test.
 */
public final class OfflineUses {
    private OfflineUses() { }

    /**
     * Blends the embedding recommender with popularity: each unseen item scores
     * {@code (1 − w)·z(dot) + w·z(log(1 + clicks))}, the dot product with the mean vector of the user's training
     * items and the item's training clicks, each standardised (z-score) over the catalog. {@code w = 0} orders as
     * {@link Baselines#embedding}, {@code w = 1} as {@link Baselines#popularity} (ties aside).
     *
     * @param popularityWeight {@code w}, in [0, 1]
     */
    public static Recommender blend(TemporalSplit split, float[] itemVectors, int dim, double popularityWeight) {
        Args.notNull("split", split);
        if (!(popularityWeight >= 0 && popularityWeight <= 1)) {
            throw new IllegalArgumentException("popularityWeight must be in [0, 1], got " + popularityWeight);
        }
        int n = Baselines.checkVectors(split, itemVectors, dim);
        long[] clicks = split.trainClickCounts();
        double[] pop = new double[n];
        for (int i = 0; i < n; i++) {
            pop[i] = Math.log1p(clicks[i]);
        }
        standardise(pop);
        int[][] seen = split.trainItemsShared();
        return (user, k) -> {
            Args.atLeast("k", k, 1);
            int[] history = seen[user];
            double[] s = dots(itemVectors, dim, n, history, false);
            standardise(s);
            for (int i = 0; i < n; i++) {
                s[i] = (1 - popularityWeight) * s[i] + popularityWeight * pop[i];
            }
            return topUnseen(s, history, k);
        };
    }

    /**
     * NDCG@k of {@link #blend} at each weight, with the seconds each evaluation took (wall clock, all cores): a
     * hyper-parameter swept offline.
     *
     * @return columns "popularity weight", "NDCG@k", "seconds"
     */
    public static Table sweep(TemporalSplit split, float[] itemVectors, int dim, double[] weights, int k) {
        Args.notNull("weights", weights);
        DoubleColumn w = DoubleColumn.create("popularity weight");
        DoubleColumn ndcg = DoubleColumn.create("NDCG@" + k);
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (double weight : weights) {
            long start = System.nanoTime();
            OfflineResult r = OfflineEvaluation.builder(split).k(k).metrics(Ndcg.at(k)).bootstrap(10, 1)
                    .progress(false).build().evaluate(Map.of("blend", blend(split, itemVectors, dim, weight)));
            w.append(weight);
            ndcg.append(r.value("blend", "NDCG@" + k));
            seconds.append((System.nanoTime() - start) / 1e9);
        }
        return Table.create("Sweeping the popularity weight offline", w, ndcg, seconds);
    }

    /**
     * The embedding recommender with a sign bug: it ranks the <em>least</em> similar items first (the dot product
     * negated, as a flipped comparator or a distance used as a similarity would do).
     */
    public static Recommender signFlipped(TemporalSplit split, float[] itemVectors, int dim) {
        Args.notNull("split", split);
        int n = Baselines.checkVectors(split, itemVectors, dim);
        int[][] seen = split.trainItemsShared();
        return (user, k) -> {
            Args.atLeast("k", k, 1);
            return topUnseen(dots(itemVectors, dim, n, seen[user], true), seen[user], k);
        };
    }

    /**
     * The embedding recommender with a leak: the user's profile is built from the training clicks <em>and</em> the
     * test clicks (a join that forgot the cut-off date), while the training items are still left out of the list.
     */
    public static Recommender leakyEmbedding(TemporalSplit split, float[] itemVectors, int dim) {
        Args.notNull("split", split);
        int n = Baselines.checkVectors(split, itemVectors, dim);
        int[][] seen = split.trainItemsShared();
        return (user, k) -> {
            Args.atLeast("k", k, 1);
            int[] train = seen[user];
            int[] test = split.relevant(user).items();
            int[] profile = Arrays.copyOf(train, train.length + test.length);
            System.arraycopy(test, 0, profile, train.length, test.length);
            return topUnseen(dots(itemVectors, dim, n, profile, false), train, k);
        };
    }

    /**
     * The pre-screen before an A/B test: each candidate's per-user difference in {@code metric} from
     * {@code production}, its mean and a paired bootstrap interval over the test users (seeded), and the verdict —
     * "discard" if the whole interval lies below 0 (no user need ever see it), "A/B test" otherwise ("better
     * offline" if the interval lies above 0, "no offline difference" if it holds 0).
     *
     * @return columns "candidate", "difference", "low", "high", "verdict"
     */
    public static Table preScreen(OfflineResult result, String production, String metric, int replicates,
                                  double confidence, long seed) {
        Args.notNull("result", result);
        Args.atLeast("replicates", replicates, 10);
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        double[] base = result.perUser(production, metric);
        StringColumn name = StringColumn.create("candidate");
        DoubleColumn diff = DoubleColumn.create("difference");
        DoubleColumn low = DoubleColumn.create("low");
        DoubleColumn high = DoubleColumn.create("high");
        StringColumn verdict = StringColumn.create("verdict");
        for (String candidate : result.recommenders()) {
            if (candidate.equals(production)) {
                continue;
            }
            double[] c = result.perUser(candidate, metric);
            double[] d = new double[base.length];
            double mean = 0;
            for (int u = 0; u < d.length; u++) {
                d[u] = c[u] - base[u];
                mean += d[u];
            }
            mean /= d.length;
            SplittableRandom rng = new SplittableRandom(seed);
            double[] means = new double[replicates];
            for (int r = 0; r < replicates; r++) {
                double s = 0;
                for (int u = 0; u < d.length; u++) {
                    s += d[rng.nextInt(d.length)];
                }
                means[r] = s / d.length;
            }
            double[] interval = PairedBootstrap.interval(means, confidence);
            name.append(candidate);
            diff.append(mean);
            low.append(interval[0]);
            high.append(interval[1]);
            verdict.append(interval[1] < 0 ? "discard" : interval[0] > 0 ? "A/B test: better offline"
                    : "A/B test: no offline difference");
        }
        return Table.create("Pre-screen against " + production + " (" + metric + ")", name, diff, low, high, verdict);
    }

    /** {@link #preScreen} with 95% intervals. */
    public static Table preScreen(OfflineResult result, String production, String metric, int replicates, long seed) {
        return preScreen(result, production, metric, replicates, 0.95, seed);
    }

    /** Dot product of every item with the sum of {@code history}'s vectors (negated if asked). */
    private static double[] dots(float[] v, int dim, int n, int[] history, boolean negate) {
        double[] s = Baselines.profileDots(v, dim, n, history);
        if (negate) {
            for (int i = 0; i < n; i++) {
                s[i] = -s[i];
            }
        }
        return s;
    }

    private static void standardise(double[] s) {
        double mean = 0;
        for (double x : s) {
            mean += x;
        }
        mean /= s.length;
        double var = 0;
        for (double x : s) {
            var += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(var / s.length);
        for (int i = 0; i < s.length; i++) {
            s[i] = sd == 0 ? 0 : (s[i] - mean) / sd;
        }
    }

    private static int[] topUnseen(double[] s, int[] seen, int k) {
        for (int item : seen) {
            s[item] = Double.NEGATIVE_INFINITY;
        }
        int[] idx = TopK.indices(s, Math.min(s.length, k + seen.length));
        int[] out = new int[Math.min(k, s.length - seen.length)];
        int m = 0;
        for (int i = 0; i < idx.length && m < out.length; i++) {
            if (Arrays.binarySearch(seen, idx[i]) < 0) {
                out[m++] = idx[i];
            }
        }
        return m == out.length ? out : Arrays.copyOf(out, m);
    }
}
