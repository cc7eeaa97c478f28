package org.recsysbook.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.recsysbook.metrics.Auc;
import org.recsysbook.metrics.AveragePrecision;
import org.recsysbook.metrics.HitRate;
import org.recsysbook.metrics.IntraListDiversity;
import org.recsysbook.metrics.Ndcg;
import org.recsysbook.metrics.Precision;
import org.recsysbook.metrics.RankingMetric;
import org.recsysbook.metrics.Recall;
import org.recsysbook.metrics.ReciprocalRank;
import org.recsysbook.metrics.RelevantItems;

/**
 * Evaluation-metric figures: every ranking metric at k = 10 (NDCG, P, R, MAP, MAP@10, HR, MRR, AUC) over
 * 1M users' lists, and intra-list diversity over 100k lists of 10 items with 64-dimensional vectors, both on
 * all cores. Targets: ranking metrics ≤ 2 s, diversity ≤ 1 s (median of repetitions after warm-up). With the
 * default 10 (and 20) repetitions there are too few samples for a p99, so the lines print min / median / max.
 *
 * <p>Lists hold 10 distinct items of a 100k catalog; each user has 1–10 relevant items, about a third of them
 * drawn from the list so that every metric has hits to count.
 *
 * <p>Arguments: [repetitions (default 10)] [users (default 1000000)] [lists for diversity (default 100000)].
 */
public final class MetricsBench {
    private MetricsBench() { }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int ildLists = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int k = 10;
        int catalog = 100_000;
        int dim = 64;
        int threads = Runtime.getRuntime().availableProcessors();
        BenchStats.begin("MetricsBench");

        SplittableRandom rng = new SplittableRandom(2020);
        int[][] lists = new int[users][];
        RelevantItems[] relevant = new RelevantItems[users];
        for (int u = 0; u < users; u++) {
            lists[u] = distinct(rng, catalog, k);
            int r = 1 + rng.nextInt(10);
            int[] rel = new int[r];
            int m = 0;
            for (int j = 0; j < r; j++) {
                int item = rng.nextInt(3) == 0 ? lists[u][rng.nextInt(k)] : rng.nextInt(catalog);
                if (!contains(rel, m, item)) {
                    rel[m++] = item;
                }
            }
            relevant[u] = RelevantItems.of(java.util.Arrays.copyOf(rel, m));
        }
        List<RankingMetric> metrics = List.of(Ndcg.at(k), Precision.at(k), Recall.at(k), AveragePrecision.full(),
                AveragePrecision.at(k), HitRate.at(k), ReciprocalRank.full(), Auc.full());

        for (int w = 0; w < 3; w++) {
            RankingMetric.means(metrics, lists, relevant, threads);
        }
        BenchStats ranking = new BenchStats(String.format(Locale.ROOT, "8 ranking metrics @%d, %,d users, %d threads",
                k, users, threads));
        double[] means = null;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            means = RankingMetric.means(metrics, lists, relevant, threads);
            ranking.add(System.nanoTime() - t0);
        }
        ranking.print();
        StringBuilder sb = new StringBuilder("  means:");
        for (int m = 0; m < metrics.size(); m++) {
            sb.append(String.format(Locale.ROOT, " %s=%.4f", metrics.get(m).name(), means[m]));
        }
        System.out.println(sb);

        BenchStats single = new BenchStats(String.format(Locale.ROOT, "NDCG@%d alone, %,d users, 1 thread", k, users));
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            RankingMetric.means(List.of(Ndcg.at(k)), lists, relevant, 1);
            single.add(System.nanoTime() - t0);
        }
        single.print();
        lists = null;
        relevant = null;

        float[] vectors = new float[catalog * dim];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) rng.nextGaussian();
        }
        int[][] ild = new int[ildLists][];
        for (int u = 0; u < ildLists; u++) {
            ild[u] = distinct(rng, catalog, k);
        }
        for (int w = 0; w < 5; w++) {
            IntraListDiversity.mean(vectors, dim, ild);
        }
        BenchStats diversity = new BenchStats(String.format(Locale.ROOT, "ILD, %,d lists × %d items × %d dims",
                ildLists, k, dim));
        double meanIld = 0;
        for (int r = 0; r < Math.max(reps, 20); r++) {
            long t0 = System.nanoTime();
            meanIld = IntraListDiversity.mean(vectors, dim, ild);
            diversity.add(System.nanoTime() - t0);
        }
        diversity.print();
        System.out.printf(Locale.ROOT, "  mean ILD = %.4f (random Gaussian vectors: close to 1)%n", meanIld);

        ranking.verdict(String.format(Locale.ROOT, "8 ranking metrics over %,d users, median <= 2000 ms", users),
                ranking.medianMillis() <= 2000, "");
        diversity.verdict(String.format(Locale.ROOT, "diversity over %,d lists, median <= 1000 ms", ildLists),
                diversity.medianMillis() <= 1000, "");
        BenchStats.end();
    }

    private static int[] distinct(SplittableRandom rng, int n, int k) {
        int[] out = new int[k];
        for (int j = 0; j < k; j++) {
            int item;
            do {
                item = rng.nextInt(n);
            } while (contains(out, j, item));
            out[j] = item;
        }
        return out;
    }

    private static boolean contains(int[] a, int len, int x) {
        for (int i = 0; i < len; i++) {
            if (a[i] == x) {
                return true;
            }
        }
        return false;
    }
}
