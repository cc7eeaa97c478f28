package org.recsysbook.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The sampled-metrics pitfall (Krichene and Rendle, "On Sampled Metrics for Item Recommendation", KDD 2020):
 * ranking each held-out item against a small random sample of negatives instead of the whole catalog, and
 * what that does to hit rate and NDCG.
 *
 * <p>For every test user one relevant item is held out as the target (drawn with a per-user seed), and
 * {@code negatives} items are sampled uniformly from the catalog minus the user's relevant and training
 * items; both are the same for every recommender. Each recommender ranks the whole catalog (it is asked for
 * {@code itemCount} items). Then
 * <ul>
 *   <li>full rank = 1 + the number of non-relevant items the recommender placed above the target;</li>
 *   <li>sampled rank = 1 + the number of the sampled negatives placed above the target;</li>
 * </ul>
 * and for each, {@code HR@k = [rank ≤ k]} and {@code NDCG@k = [rank ≤ k] / log2(rank + 1)} (one relevant item,
 * so the ideal DCG is 1), averaged over users. Items missing from a recommender's list rank below every listed
 * one. With 100 negatives, a sampled rank ≤ 10 only says the target beat about 90% of the catalog, so sampled
 * figures are inflated and, worse, can order recommenders differently than the full-catalog ones.
 */
public final class SampledMetrics {
    private SampledMetrics() { }

    /**
     * Full-catalog against sampled HR@k and NDCG@k for every recommender over the split's test users.
     *
     * @return columns {@code recommender, metric, full catalog, sampled}, where metric is
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
        Checks.notNull(recommenders, "recommenders");
        Checks.notNull(split, "split");
        Checks.notNull(users, "users");
        Checks.positive(negatives, "negatives");
        Checks.k(k);
        Checks.positive(parallelism, "parallelism");
        if (users.length == 0) {
            throw new IllegalArgumentException("users must hold at least one user, was empty");
        }
        int n = split.itemCount();
        int u = users.length;
        int[] targets = new int[u];
        int[][] samples = new int[u][];
        int[][] seen = split.trainItemsShared();
        for (int j = 0; j < u; j++) {
            RelevantItems rel = split.relevant(users[j]);
            if (rel.isEmpty()) {
                throw new IllegalArgumentException("user " + users[j] + " has no relevant test item; pass users "
                        + "from split.testUsers()");
            }
            SplittableRandom rng = new SplittableRandom(Seeds.forIndex(seed, users[j]));
            int[] items = rel.items();
            targets[j] = items[rng.nextInt(items.length)];
            samples[j] = sampleNegatives(rng, n, rel, seen[users[j]], negatives);
        }
        StringColumn rec = StringColumn.create("recommender");
        StringColumn met = StringColumn.create("metric");
        DoubleColumn full = DoubleColumn.create("full catalog");
        DoubleColumn sampled = DoubleColumn.create("sampled (" + negatives + " negatives)");
        for (Map.Entry<String, Recommender> e : recommenders.entrySet()) {
            Recommender r = Checks.notNull(e.getValue(), "recommender " + e.getKey());
            String what = "the ranking of " + e.getKey();
            double[] hrFull = new double[u];
            double[] hrSampled = new double[u];
            double[] ndcgFull = new double[u];
            double[] ndcgSampled = new double[u];
            int chunk = 32;
            Parallel.forEach((u + chunk - 1) / chunk, parallelism, c -> {
                int[] pos = new int[n];
                int end = Math.min(u, (c + 1) * chunk);
                for (int j = c * chunk; j < end; j++) {
                    int[] ranking = Checks.rankedList(r.recommend(users[j], n), what);
                    Arrays.fill(pos, Integer.MAX_VALUE);
                    Checks.items(ranking, n, what, 0);
                    for (int p = 0; p < ranking.length; p++) {
                        pos[ranking[p]] = p;
                    }
                    RelevantItems rel = split.relevant(users[j]);
                    int target = pos[targets[j]];
                    int fullRank = 1;
                    for (int p = 0; p < Math.min(target, ranking.length); p++) {
                        if (!rel.contains(ranking[p])) {
                            fullRank++;
                        }
                    }
                    int sampledRank = 1;
                    for (int neg : samples[j]) {
                        if (pos[neg] < target) {
                            sampledRank++;
                        }
                    }
                    hrFull[j] = fullRank <= k ? 1 : 0;
                    ndcgFull[j] = fullRank <= k ? Dcg.discount(fullRank) : 0;
                    hrSampled[j] = sampledRank <= k ? 1 : 0;
                    ndcgSampled[j] = sampledRank <= k ? Dcg.discount(sampledRank) : 0;
                }
            });
            rec.append(e.getKey());
            met.append("HR@" + k);
            full.append(mean(hrFull));
            sampled.append(mean(hrSampled));
            rec.append(e.getKey());
            met.append("NDCG@" + k);
            full.append(mean(ndcgFull));
            sampled.append(mean(ndcgSampled));
        }
        return Table.create("Full-catalog against sampled metrics (" + u + " users, one held-out item each)",
                rec, met, full, sampled);
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

    private static double mean(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s / a.length;
    }
}
