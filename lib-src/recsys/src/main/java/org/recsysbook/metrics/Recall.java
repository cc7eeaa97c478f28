package org.recsysbook.metrics;

import org.recsysbook.core.Args;

/**
 * Recall at k, the general form of what the chapter's ranking metrics call "Recall@K": the share of the user's
 * relevant items that appear in the top k, {@code |top-k ∩ R| / |R|}.
 *
 * <p>The chapter's table calls hit rate "Recall@K"; here recall divides by {@code |R|} and {@link HitRate} is its
 * own metric. With {@code |R| > k} recall@k cannot reach 1 (some libraries divide by {@code min(k, |R|)}
 * instead; this one does not). A user with no relevant items scores 0. The relevance-list form is not
 * offered: a list of grades does not say how many relevant items it missed.
 */
public final class Recall extends GainMetric {
    private Recall(int k) {
        super(k);
    }

    /** Recall@k as a metric object. */
    public static Recall at(int k) {
        Args.atLeast("k", k, 1);
        return new Recall(k);
    }

    @Override
    public String name() {
        return "R@" + k;
    }

    @Override
    double fromGains(double[] gains, int n, RelevantItems relevant) {
        return relevant.isEmpty() ? 0.0 : (double) hits(gains, depth(n)) / relevant.size();
    }

    /** {@code |top-k ∩ R| / |R|}, 0 when R is empty. */
    public static double of(int[] ranked, RelevantItems relevant, int k) {
        return at(k).score(ranked, relevant);
    }
}
