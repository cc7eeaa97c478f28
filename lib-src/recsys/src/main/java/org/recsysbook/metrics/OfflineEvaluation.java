package org.recsysbook.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.recsysbook.core.Args;
import org.recsysbook.notebook.Progress;

/**
 * The offline evaluation harness of the chapter's "Offline vs Online Metrics": asks each recommender for every
 * test user's top k, scores the lists with every metric, and reports each metric's mean with a bootstrap
 * confidence interval.
 *
 * <p>Per-user metrics (any {@link RankingMetric}, novelty and intra-list diversity among them, plus serendipity
 * against a baseline recommender when one is given) are averaged over users; a user with no relevant items scores 0 and counts. Catalog-level
 * metrics (coverage, exposure Gini) are computed from all lists together when the catalog size is known.
 *
 * <p>Intervals are paired percentile bootstraps ({@link PairedBootstrap}): each replicate draws the test users with replacement, the
 * same draw for every recommender and metric, and recomputes every figure on it; the interval holds the
 * central {@code confidence} share of the replicates (linear interpolation between order statistics).
 * Coverage and the exposure Gini index get no interval (NaN): they are not means over users, and a resample,
 * which repeats some users and drops others, reaches fewer items than the full sample, so its coverage sits
 * below the estimate and a percentile interval would not even contain it.
 *
 * <p>Users are evaluated in parallel (fixed chunks, each result stored by position) and the replicates are
 * seeded from one {@link SplittableRandom} in replicate order, so any parallelism gives the result of a serial
 * run, bit for bit. Recommenders must be thread-safe.
 */
public final class OfflineEvaluation {
    static final String COVERAGE = "coverage";
    static final String GINI = "exposure Gini";
    private static final int CHUNK = 64;

    private final int[] users;
    private final RelevantItems[] relevant;
    private final int k;
    /** The per-user metrics: the ranking metrics, then novelty and ILD when asked for. */
    private final List<RankingMetric> metrics;
    private final Recommender serendipityBaseline;
    private final int catalogSize;
    private final int replicates;
    private final long seed;
    private final double confidence;
    private final int parallelism;
    private final boolean progress;

    private OfflineEvaluation(Builder b) {
        this.users = b.users;
        this.relevant = b.relevant;
        this.k = b.k;
        List<RankingMetric> all = new ArrayList<>(b.metrics != null ? b.metrics : List.of(Ndcg.at(b.k),
                Precision.at(b.k), Recall.at(b.k), AveragePrecision.at(b.k), HitRate.at(b.k), ReciprocalRank.at(b.k)));
        if (b.novelty != null) {
            all.add(b.novelty);
        }
        if (b.diversity != null) {
            all.add(b.diversity);
        }
        this.metrics = List.copyOf(all);
        this.serendipityBaseline = b.serendipityBaseline;
        this.catalogSize = b.catalogSize;
        this.replicates = b.replicates;
        this.seed = b.seed;
        this.confidence = b.confidence;
        this.parallelism = b.parallelism;
        this.progress = b.progress;
    }

    /** Evaluates {@code users}, whose relevant items are {@code relevant} (same order). */
    public static Builder builder(int[] users, RelevantItems[] relevant) {
        return new Builder(users, relevant);
    }

    /** Evaluates the split's test users against their relevant items; coverage over the split's catalog. */
    public static Builder builder(TemporalSplit split) {
        Args.notNull("split", split);
        int[] u = split.testUsers();
        return new Builder(u, split.relevant(u)).catalogSize(split.itemCount());
    }

    /** The settings of an evaluation; every setting but the users has a default. */
    public static final class Builder {
        private final int[] users;
        private final RelevantItems[] relevant;
        private int k = 10;
        private List<RankingMetric> metrics;
        private Novelty novelty;
        private RankingMetric diversity;
        private Recommender serendipityBaseline;
        private int catalogSize;
        private int replicates = 1000;
        private long seed = 42;
        private double confidence = 0.95;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private boolean progress = true;

        private Builder(int[] users, RelevantItems[] relevant) {
            Args.notNull("users", users);
            Args.notNull("relevant", relevant);
            if (users.length != relevant.length) {
                throw new IllegalArgumentException("users and relevant must have the same length, were "
                        + users.length + " and " + relevant.length);
            }
            if (users.length == 0) {
                throw new IllegalArgumentException("users must hold at least one user, got none");
            }
            for (int j = 0; j < relevant.length; j++) {
                Args.notNull("relevant", j, relevant[j]);
            }
            this.users = users.clone();
            this.relevant = relevant.clone();
        }

        /** The list length asked of every recommender (default 10); also the k of the default metrics. */
        public Builder k(int k) {
            Args.atLeast("k", k, 1);
            this.k = k;
            return this;
        }

        /** The per-user ranking metrics (default NDCG, P, R, MAP, HR and MRR, all at k). */
        public Builder metrics(RankingMetric... metrics) {
            Args.notNull("metrics", metrics);
            for (int i = 0; i < metrics.length; i++) {
                Args.notNull("metrics", i, metrics[i]);
            }
            this.metrics = List.of(metrics);
            return this;
        }

        /** Adds "novelty" (mean self-information of a list, bits). */
        public Builder novelty(Novelty novelty) {
            this.novelty = Args.notNull("novelty", novelty);
            return this;
        }

        /** Adds "ILD" (intra-list diversity) from flat row-major item vectors. */
        public Builder diversity(float[] itemVectors, int dim) {
            this.diversity = IntraListDiversity.metric(Args.notNull("itemVectors", itemVectors), dim);
            return this;
        }

        /** Adds "serendipity" against {@code baseline}'s top k for the same user (normally popularity). */
        public Builder serendipity(Recommender baseline) {
            this.serendipityBaseline = Args.notNull("baseline", baseline);
            return this;
        }

        /** Adds catalog coverage and the exposure Gini index over a catalog of this size. */
        public Builder catalogSize(int catalogSize) {
            Args.atLeast("catalogSize", catalogSize, 1);
            this.catalogSize = catalogSize;
            return this;
        }

        /** Bootstrap replicates (default 1000; at least 10) and their seed (default 42). */
        public Builder bootstrap(int replicates, long seed) {
            Args.atLeast("replicates", replicates, 10);
            this.replicates = replicates;
            this.seed = seed;
            return this;
        }

        /** Coverage of the intervals, in (0, 1) (default 0.95). */
        public Builder confidence(double confidence) {
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
            }
            this.confidence = confidence;
            return this;
        }

        /** Threads to use (default: all cores); 1 runs serially on the calling thread. */
        public Builder parallelism(int parallelism) {
            Args.atLeast("parallelism", parallelism, 1);
            this.parallelism = parallelism;
            return this;
        }

        /** Whether to show a progress bar below the running cell (default true). */
        public Builder progress(boolean show) {
            this.progress = show;
            return this;
        }

        public OfflineEvaluation build() {
            return new OfflineEvaluation(this);
        }
    }

    /** The metric names, in the order results report them. */
    public List<String> metricNames() {
        List<String> names = new ArrayList<>();
        for (RankingMetric m : metrics) {
            names.add(m.name());
        }
        if (serendipityBaseline != null) {
            names.add("serendipity");
        }
        if (catalogSize > 0) {
            names.add(COVERAGE);
            names.add(GINI);
        }
        return names;
    }

    /** Evaluates every recommender (in the map's order) over all users. */
    public OfflineResult evaluate(Map<String, Recommender> recommenders) {
        Args.notNull("recommenders", recommenders);
        if (recommenders.isEmpty()) {
            throw new IllegalArgumentException("recommenders must hold at least one recommender, got none");
        }
        String[] names = recommenders.keySet().toArray(new String[0]);
        List<String> metricNames = metricNames();
        int perUserCount = metricNames.size() - (catalogSize > 0 ? 2 : 0);
        int n = users.length;
        int chunks = (n + CHUNK - 1) / CHUNK;
        int listings = names.length + (serendipityBaseline != null ? 1 : 0);
        try (Progress bar = progress ? Progress.start(String.format(Locale.ROOT,
                "Evaluating %d recommenders on %,d users, then %d bootstrap replicates", names.length, n,
                replicates), (long) listings * n + replicates) : null) {
            return evaluate(recommenders, names, metricNames, perUserCount, chunks, bar);
        }
    }

    private OfflineResult evaluate(Map<String, Recommender> recommenders, String[] names, List<String> metricNames,
                                   int perUserCount, int chunks, Progress bar) {
        int n = users.length;
        int[][] baselineLists = null;
        if (serendipityBaseline != null) {
            baselineLists = lists("serendipity baseline", serendipityBaseline, chunks, bar);
        }
        int[][][] lists = new int[names.length][][];
        double[][][] perUser = new double[names.length][perUserCount][n];
        for (int r = 0; r < names.length; r++) {
            Recommender rec = Args.notNull("recommender " + names[r], recommenders.get(names[r]));
            int[][] l = lists(names[r], rec, chunks, bar);
            lists[r] = l;
            double[][] scores = perUser[r];
            int[][] base = baselineLists;
            Parallel.forEach(chunks, parallelism, c -> {
                int end = Math.min(n, (c + 1) * CHUNK);
                for (int j = c * CHUNK; j < end; j++) {
                    int m = 0;
                    for (RankingMetric metric : metrics) {
                        scores[m++][j] = metric.score(l[j], relevant[j]);
                    }
                    if (base != null) {
                        scores[m][j] = Serendipity.of(l[j], relevant[j], base[j], k);
                    }
                }
            });
        }

        int metricCount = metricNames.size();
        double[][] point = new double[names.length][metricCount];
        for (int r = 0; r < names.length; r++) {
            for (int m = 0; m < perUserCount; m++) {
                point[r][m] = mean(perUser[r][m]);
            }
            if (catalogSize > 0) {
                ExposureDistribution exposure = ExposureDistribution.of(lists[r], catalogSize);
                point[r][perUserCount] = exposure.coverage();
                point[r][perUserCount + 1] = exposure.gini();
            }
        }

        // Paired bootstrap: one series per (recommender, per-user metric), all resampled with the same draws.
        double[][] series = new double[names.length * perUserCount][];
        for (int r = 0; r < names.length; r++) {
            for (int m = 0; m < perUserCount; m++) {
                series[r * perUserCount + m] = perUser[r][m];
            }
        }
        double[][] boot = new PairedBootstrap(replicates, seed, parallelism).means(series, bar);
        double[][] low = new double[names.length][metricCount];
        double[][] high = new double[names.length][metricCount];
        for (int r = 0; r < names.length; r++) {
            Arrays.fill(low[r], Double.NaN);
            Arrays.fill(high[r], Double.NaN);
            for (int m = 0; m < perUserCount; m++) {
                double[] interval = PairedBootstrap.interval(boot[r * perUserCount + m], confidence);
                low[r][m] = interval[0];
                high[r][m] = interval[1];
            }
        }
        return new OfflineResult(names, metricNames.toArray(new String[0]), perUserCount, users.clone(), k,
                point, low, high, perUser, lists, confidence, replicates);
    }

    /** Every user's list from {@code rec}, checked: at most k distinct items, ids inside the catalog if known. */
    private int[][] lists(String name, Recommender rec, int chunks, Progress bar) {
        int n = users.length;
        int[][] out = new int[n][];
        Parallel.forEach(chunks, parallelism, c -> {
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int j = c * CHUNK; j < end; j++) {
                int[] list = rec.recommend(users[j], k);
                String what = "the list of " + name + " for user " + users[j];
                RankedLists.rankedList(list, what);
                if (list.length > k) {
                    throw new IllegalArgumentException(what + " holds " + list.length + " items; at most k = " + k
                            + " are allowed");
                }
                if (catalogSize > 0) {
                    for (int item : list) {
                        RankedLists.item(item, catalogSize, what);
                    }
                }
                out[j] = list;
            }
            if (bar != null) {
                bar.advance(end - c * CHUNK);
            }
        });
        return out;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s / a.length;
    }
}
