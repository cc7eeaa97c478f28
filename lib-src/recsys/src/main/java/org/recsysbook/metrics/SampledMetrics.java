package org.recsysbook.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;
import org.recsysbook.notebook.Progress;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The sampled-metrics pitfall, a way the chapter's offline hit rate and NDCG "can be misleading" (Krichene and
 * Rendle, "On Sampled Metrics for Item Recommendation", KDD 2020): ranking each held-out item against a small
 * random sample of negatives instead of the whole catalog.
 *
 * <p>For every test user one relevant item is held out as the target (drawn with a per-user seed), and
 * negatives are sampled uniformly from the catalog minus the user's relevant and training items; a smaller
 * sample is always a prefix of a larger one, and all are the same for every recommender. Each recommender
 * ranks the whole catalog (it is asked for {@code itemCount} items). Then
 * <ul>
 *   <li>full rank = 1 + the number of non-relevant, unseen items the recommender placed above the target;</li>
 *   <li>sampled rank = 1 + the number of sampled negatives placed above the target;</li>
 * </ul>
 * and for each, {@code HR@k = [rank ≤ k]} and {@code NDCG@k = [rank ≤ k] / log2(rank + 1)} (one relevant item,
 * so the ideal DCG is 1), averaged over users. Items missing from a recommender's list rank below every listed
 * one; a target missing from the list ranks below every candidate, listed or not (ties go against the target),
 * so a recommender that ranks only part of the catalog gains nothing from what it left out.
 *
 * <p>With 100 negatives a sampled rank ≤ 10 only says the target beat about 90% of a random sample, so
 * sampled figures are inflated, differences between recommenders shrink, and with few negatives the order of
 * two recommenders can flip.
 */
public final class SampledMetrics {
    private SampledMetrics() { }

    /**
     * Full-catalog against sampled HR@k and NDCG@k for every recommender over the split's test users.
     *
     * @return columns {@code recommender, metric, full catalog, sampled (n negatives)}, where metric is
     *         {@code HR@k} or {@code NDCG@k}
     */
    public static Table compare(Map<String, Recommender> recommenders, TemporalSplit split, int negatives, int k,
                                long seed) {
        return compare(recommenders, split, split.testUsers(), negatives, k, seed,
                Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #compare(Map, TemporalSplit, int, int, long)} for chosen users and a thread count. */
    public static Table compare(Map<String, Recommender> recommenders, TemporalSplit split, int[] users,
                                int negatives, int k, long seed, int parallelism) {
        Args.notNull("split", split);
        double[][][] r = run(recommenders, heldOut(split), users, new int[] {negatives}, k, seed, parallelism);
        StringColumn rec = StringColumn.create("recommender");
        StringColumn met = StringColumn.create("metric");
        DoubleColumn full = DoubleColumn.create("full catalog");
        DoubleColumn sampled = DoubleColumn.create("sampled (" + negatives + " negatives)");
        String[] names = recommenders.keySet().toArray(new String[0]);
        for (int i = 0; i < names.length; i++) {
            for (int m = 0; m < 2; m++) {
                rec.append(names[i]);
                met.append((m == 0 ? "HR@" : "NDCG@") + k);
                full.append(r[i][1][m]);
                sampled.append(r[i][0][m]);
            }
        }
        return Table.create("Full-catalog against sampled metrics (" + users.length
                + " users, one held-out item each)", rec, met, full, sampled);
    }

    /**
     * HR@k and NDCG@k for every recommender and every number of sampled negatives, plus the full catalog, whose
     * row carries {@code negatives = itemCount - 1}.
     *
     * @return columns {@code recommender, negatives, HR@k, NDCG@k}
     */
    public static Table sweep(Map<String, Recommender> recommenders, TemporalSplit split, int[] negativeCounts, int k,
                              long seed) {
        Args.notNull("split", split);
        return sweep(recommenders, heldOut(split), split.testUsers(), negativeCounts, k, seed);
    }

    /**
     * {@link #sweep(Map, TemporalSplit, int[], int, long)} on a split of real interactions: its test users, their
     * test items as the relevant ones, their training items as the seen ones.
     */
    public static Table sweep(Map<String, Recommender> recommenders, org.recsysbook.data.Split split,
                              int[] negativeCounts, int k, long seed) {
        Args.notNull("split", split);
        return sweep(recommenders, heldOut(split), split.testUsers(), negativeCounts, k, seed);
    }

    private static Table sweep(Map<String, Recommender> recommenders, HeldOut split, int[] users,
                               int[] negativeCounts, int k, long seed) {
        Args.notNull("negativeCounts", negativeCounts);
        double[][][] r = run(recommenders, split, users, negativeCounts, k, seed,
                Runtime.getRuntime().availableProcessors());
        StringColumn rec = StringColumn.create("recommender");
        IntColumn neg = IntColumn.create("negatives");
        DoubleColumn hr = DoubleColumn.create("HR@" + k);
        DoubleColumn ndcg = DoubleColumn.create("NDCG@" + k);
        String[] names = recommenders.keySet().toArray(new String[0]);
        for (int i = 0; i < names.length; i++) {
            for (int c = 0; c <= negativeCounts.length; c++) {
                rec.append(names[i]);
                neg.append(c < negativeCounts.length ? negativeCounts[c] : split.itemCount() - 1);
                hr.append(r[i][c][0]);
                ndcg.append(r[i][c][1]);
            }
        }
        return Table.create("Sampled metrics by number of negatives (" + users.length + " users; "
                + (split.itemCount() - 1) + " = full catalog)", rec, neg, hr, ndcg);
    }

    /** One line per recommender: {@code metric} against the number of negatives (log axis), from {@link #sweep}. */
    public static Figure sweepChart(Table sweep, String metric) {
        Args.notNull("sweep", sweep);
        if (!sweep.columnNames().contains(metric)) {
            throw new IllegalArgumentException("metric " + metric + " is not a column of the sweep; columns: "
                    + sweep.columnNames());
        }
        List<Trace> traces = new ArrayList<>();
        for (String name : sweep.stringColumn("recommender").unique()) {
            Table t = sweep.where(sweep.stringColumn("recommender").isEqualTo(name));
            traces.add(ScatterTrace.builder(t.intColumn("negatives").asDoubleColumn(), t.doubleColumn(metric))
                    .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(name).build());
        }
        int full = (int) sweep.intColumn("negatives").max();
        Layout layout = Layout.builder()
                .title(String.format(Locale.ROOT, "%s of the held-out item among sampled negatives (%d = whole "
                        + "catalog)", metric, full))
                .xAxis(Axis.builder().title("negatives the held-out item is ranked against (items, log scale)")
                        .type(Axis.Type.LOG).build())
                .yAxis(Axis.builder().title(metric + " (mean over users, 0–1)").build())
                .height(420)
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** {@code [recommender][count index, last = full catalog][0 = HR, 1 = NDCG]}. */
    private static double[][][] run(Map<String, Recommender> recommenders, HeldOut split, int[] users,
                                    int[] counts, int k, long seed, int parallelism) {
        Args.notNull("recommenders", recommenders);
        Args.notNull("split", split);
        Args.notNull("users", users);
        Args.atLeast("k", k, 1);
        Args.atLeast("parallelism", parallelism, 1);
        if (recommenders.isEmpty()) {
            throw new IllegalArgumentException("recommenders must hold at least one recommender, got none");
        }
        if (users.length == 0) {
            throw new IllegalArgumentException("users must hold at least one user, got none");
        }
        if (counts.length == 0) {
            throw new IllegalArgumentException("negativeCounts must hold at least one count, got none");
        }
        int maxCount = 0;
        for (int c : counts) {
            Args.atLeast("negatives", c, 1);
            maxCount = Math.max(maxCount, c);
        }
        int n = split.itemCount();
        int u = users.length;
        int[] targets = new int[u];
        int[][] samples = new int[u][];
        int[] candidates = new int[u];
        int[][] seen = split.trainItemsShared();
        for (int j = 0; j < u; j++) {
            RelevantItems rel = split.relevant(users[j]);
            if (rel.isEmpty()) {
                throw new IllegalArgumentException("user " + users[j] + " has no relevant test item; pass users "
                        + "from split.testUsers()");
            }
            SplittableRandom rng = new SplittableRandom(Seeds.forIndex(seed, 3, users[j]));
            int[] items = rel.items();
            targets[j] = items[rng.nextInt(items.length)];
            samples[j] = sampleNegatives(rng, n, rel, seen[users[j]], maxCount);
            candidates[j] = n - rel.size() - seen[users[j]].length + 1;
        }
        String[] names = recommenders.keySet().toArray(new String[0]);
        double[][][] out = new double[names.length][counts.length + 1][2];
        try (Progress bar = Progress.start(String.format(Locale.ROOT,
                "Ranking the whole catalog for %,d users with %d recommenders", u, names.length),
                (long) names.length * u)) {
            rankAll(recommenders, split, users, counts, k, parallelism, names, targets, samples, candidates, out, bar);
        }
        return out;
    }

    private static void rankAll(Map<String, Recommender> recommenders, HeldOut split, int[] users, int[] counts,
                                int k, int parallelism, String[] names, int[] targets, int[][] samples,
                                int[] candidates, double[][][] out, Progress bar) {
        int n = split.itemCount();
        int u = users.length;
        for (int i = 0; i < names.length; i++) {
            Recommender r = Args.notNull("recommender " + names[i], recommenders.get(names[i]));
            String what = "the ranking of " + names[i];
            double[][][] perUser = new double[u][counts.length + 1][2];
            int chunk = 32;
            Parallel.forEach((u + chunk - 1) / chunk, parallelism, c -> {
                int[] pos = new int[n];
                int end = Math.min(u, (c + 1) * chunk);
                for (int j = c * chunk; j < end; j++) {
                    int[] ranking = RankedLists.rankedList(r.recommend(users[j], n), what);
                    RankedLists.items(ranking, n, what, 0);
                    Arrays.fill(pos, Integer.MAX_VALUE);
                    for (int p = 0; p < ranking.length; p++) {
                        pos[ranking[p]] = p;
                    }
                    RelevantItems rel = split.relevant(users[j]);
                    int target = pos[targets[j]];
                    int fullRank = candidates[j];
                    if (target != Integer.MAX_VALUE) {
                        fullRank = 1;
                        for (int p = 0; p < target; p++) {
                            if (!rel.contains(ranking[p])) {
                                fullRank++;
                            }
                        }
                    }
                    score(fullRank, k, perUser[j][counts.length]);
                    for (int ci = 0; ci < counts.length; ci++) {
                        int m = Math.min(counts[ci], samples[j].length);
                        int rank = m + 1;
                        if (target != Integer.MAX_VALUE) {
                            rank = 1;
                            for (int s = 0; s < m; s++) {
                                if (pos[samples[j][s]] < target) {
                                    rank++;
                                }
                            }
                        }
                        score(rank, k, perUser[j][ci]);
                    }
                }
                bar.advance(end - c * chunk);
            });
            for (double[][] user : perUser) {
                for (int ci = 0; ci <= counts.length; ci++) {
                    out[i][ci][0] += user[ci][0] / u;
                    out[i][ci][1] += user[ci][1] / u;
                }
            }
        }
    }

    /** What the pitfall needs of a split: the catalog size, each user's relevant items and seen (training) items. */
    private interface HeldOut {
        int itemCount();

        RelevantItems relevant(int user);

        int[][] trainItemsShared();
    }

    private static HeldOut heldOut(TemporalSplit split) {
        return new HeldOut() {
            public int itemCount() {
                return split.itemCount();
            }

            public RelevantItems relevant(int user) {
                return split.relevant(user);
            }

            public int[][] trainItemsShared() {
                return split.trainItemsShared();
            }
        };
    }

    private static HeldOut heldOut(org.recsysbook.data.Split split) {
        int[][] seen = new int[split.userCount()][];
        for (int u = 0; u < seen.length; u++) {
            seen[u] = split.train().sortedItemsShared(u);
        }
        return new HeldOut() {
            public int itemCount() {
                return split.itemCount();
            }

            public RelevantItems relevant(int user) {
                return RelevantItems.of(split.test().sortedItemsShared(user));
            }

            public int[][] trainItemsShared() {
                return seen;
            }
        };
    }

    private static void score(int rank, int k, double[] into) {
        into[0] = rank <= k ? 1 : 0;
        into[1] = rank <= k ? Dcg.discount(rank) : 0;
    }

    /** Up to {@code count} distinct items, uniformly from those neither relevant nor in {@code seen}. */
    private static int[] sampleNegatives(SplittableRandom rng, int n, RelevantItems rel, int[] seen, int count) {
        int[] pool = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!rel.contains(i) && Arrays.binarySearch(seen, i) < 0) {
                pool[m++] = i;
            }
        }
        int take = Math.min(count, m);
        for (int j = 0; j < take; j++) {
            int r = j + rng.nextInt(m - j);
            int t = pool[j];
            pool[j] = pool[r];
            pool[r] = t;
        }
        return Arrays.copyOf(pool, take);
    }
}
