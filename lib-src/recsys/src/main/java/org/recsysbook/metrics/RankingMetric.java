package org.recsysbook.metrics;

import java.util.List;

import org.recsysbook.core.Args;

/**
 * A per-user ranking metric: scores one ranked list of item ids against the items the user found relevant;
 * its mean over users is what the chapter reports (NDCG@K, MAP, hit rate).
 *
 * <p>Conventions shared by every implementation: the ranked list holds each item at most once (a duplicate,
 * or a null in the boxed form, is an {@link IllegalArgumentException}); a list shorter than k is read as it
 * is; a user with no relevant items scores 0 and still counts in {@link #mean}. Implementations are
 * immutable and thread-safe.
 */
public interface RankingMetric {

    /** The name results are reported under, such as {@code "NDCG@10"} or {@code "MRR"}. */
    String name();

    /** The metric for one user. */
    double score(int[] ranked, RelevantItems relevant);

    /** The metric for one user, with the list boxed (null elements are rejected). */
    default double score(List<Integer> ranked, RelevantItems relevant) {
        return score(RankedLists.rankedList(ranked, "ranked"), relevant);
    }

    /**
     * The mean over users of {@link #score}: {@code ranked[u]} is scored against {@code relevant[u]}. Users
     * with no relevant items score 0 and count in the denominator. A bad list names its user, {@code ranked[u]}.
     */
    default double mean(int[][] ranked, RelevantItems[] relevant) {
        Args.notNull("ranked", ranked);
        Args.notNull("relevant", relevant);
        checkUsers(ranked, relevant);
        double sum = 0;
        for (int u = 0; u < ranked.length; u++) {
            sum += score(RankedLists.rankedList(ranked[u], "ranked", u), Args.notNull("relevant", u, relevant[u]));
        }
        return sum / ranked.length;
    }

    /**
     * The means of several metrics over many users at once, computed on {@code parallelism} threads. Users are
     * cut into fixed chunks whose partial sums are added in chunk order, so the result does not depend on the
     * number of threads.
     *
     * @return one mean per metric, in the order given
     */
    static double[] means(List<RankingMetric> metrics, int[][] ranked, RelevantItems[] relevant, int parallelism) {
        Args.notNull("metrics", metrics);
        Args.notNull("ranked", ranked);
        Args.notNull("relevant", relevant);
        Args.atLeast("parallelism", parallelism, 1);
        checkUsers(ranked, relevant);
        RankingMetric[] ms = metrics.toArray(new RankingMetric[0]);
        for (int m = 0; m < ms.length; m++) {
            Args.notNull("metrics", m, ms[m]);
        }
        int chunk = 4096;
        int chunks = (ranked.length + chunk - 1) / chunk;
        double[][] partial = new double[chunks][ms.length];
        Parallel.forEach(chunks, parallelism, c -> {
            double[] sums = partial[c];
            double[] gains = new double[16];
            int end = Math.min(ranked.length, (c + 1) * chunk);
            for (int u = c * chunk; u < end; u++) {
                RelevantItems rel = Args.notNull("relevant", u, relevant[u]);
                int[] list = RankedLists.rankedList(ranked[u], "ranked", u);
                int n = list.length;
                int depth = 0;
                for (RankingMetric metric : ms) {
                    if (metric instanceof GainMetric g) {
                        depth = Math.max(depth, g.depth(n));
                    }
                }
                if (gains.length < depth) {
                    gains = new double[Math.max(depth, 2 * gains.length)];
                }
                rel.gains(list, depth, gains);
                for (int m = 0; m < ms.length; m++) {
                    sums[m] += ms[m] instanceof GainMetric g ? g.fromGains(gains, n, rel) : ms[m].score(list, rel);
                }
            }
        });
        double[] out = new double[ms.length];
        for (double[] sums : partial) {
            for (int m = 0; m < ms.length; m++) {
                out[m] += sums[m];
            }
        }
        for (int m = 0; m < ms.length; m++) {
            out[m] /= ranked.length;
        }
        return out;
    }

    /** One list and one set of relevant items per user, and at least one user. */
    private static void checkUsers(int[][] ranked, RelevantItems[] relevant) {
        Args.sameLength("ranked", ranked.length, "relevant", relevant.length);
        if (ranked.length == 0) {
            throw new IllegalArgumentException("ranked must hold at least one user's list, got none");
        }
    }
}
