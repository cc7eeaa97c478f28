package org.recsysbook.metrics;

import org.recsysbook.core.Args;

/**
 * The built-in ranking metrics, all computed from the list's gains: the grade of the item at each rank (0 for an
 * item that is not relevant). Looking the gains up once lets {@link RankingMetric#means} check a list and read
 * its grades once for many metrics.
 *
 * <p>Each reads the top {@code k} ranks of a list, or the whole list ({@link #WHOLE_LIST}).
 */
abstract class GainMetric implements RankingMetric {
    /** The cut-off of a metric that reads the whole list. */
    static final int WHOLE_LIST = Integer.MAX_VALUE;

    /** How many leading ranks the metric reads at most: its k, or {@link #WHOLE_LIST}. */
    final int k;

    GainMetric(int k) {
        this.k = k;
    }

    /** How many leading ranks of an {@code n}-item list the metric reads. */
    final int depth(int n) {
        return Math.min(k, n);
    }

    /**
     * The metric from {@code gains[0 … depth(n))}, the grades in rank order of a list of {@code n} items.
     */
    abstract double fromGains(double[] gains, int n, RelevantItems relevant);

    @Override
    public double score(int[] ranked, RelevantItems relevant) {
        RankedLists.rankedList(ranked, "ranked");
        Args.notNull("relevant", relevant);
        int depth = depth(ranked.length);
        double[] gains = new double[depth];
        relevant.gains(ranked, depth, gains);
        return fromGains(gains, ranked.length, relevant);
    }

    /** The number of positive gains among the first {@code top}. */
    static int hits(double[] gains, int top) {
        int hits = 0;
        for (int i = 0; i < top; i++) {
            if (gains[i] > 0) {
                hits++;
            }
        }
        return hits;
    }

    /** The rank (from 1) of the first positive gain among the first {@code top}, 0 if there is none. */
    static int firstHitRank(double[] gains, int top) {
        for (int i = 0; i < top; i++) {
            if (gains[i] > 0) {
                return i + 1;
            }
        }
        return 0;
    }
}
