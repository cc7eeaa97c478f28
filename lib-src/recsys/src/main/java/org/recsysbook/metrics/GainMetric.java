package org.recsysbook.metrics;

/**
 * The built-in ranking metrics, all computed from the list's gains: the grade of the item at each rank (0 for an
 * item that is not relevant). Looking the gains up once lets {@link RankingMetric#means} check a list and read
 * its grades once for many metrics.
 */
abstract class GainMetric implements RankingMetric {

    /** How many leading ranks of an {@code n}-item list the metric reads. */
    abstract int depth(int n);

    /**
     * The metric from {@code gains[0 … depth(n))}, the grades in rank order of a list of {@code n} items.
     */
    abstract double fromGains(double[] gains, int n, RelevantItems relevant);

    @Override
    public double score(int[] ranked, RelevantItems relevant) {
        Checks.rankedList(ranked, "ranked");
        Checks.notNull(relevant, "relevant");
        int depth = depth(ranked.length);
        double[] gains = new double[depth];
        relevant.gains(ranked, depth, gains);
        return fromGains(gains, ranked.length, relevant);
    }
}
