package org.recsysbook.metrics;

import org.recsysbook.core.Args;

/**
 * Hit rate at k, the chapter's {@code hit_rate_at_k}: 1 if at least one relevant item is in the top k, else 0;
 * its mean is the share of users with a hit.
 *
 * <p>The chapter's text also calls this "Recall@K", which it equals only when each user has one relevant item;
 * {@link Recall} is the general metric.
 */
public final class HitRate extends GainMetric {
    private HitRate(int k) {
        super(k);
    }

    /** HR@k as a metric object. */
    public static HitRate at(int k) {
        Args.atLeast("k", k, 1);
        return new HitRate(k);
    }

    @Override
    public String name() {
        return "HR@" + k;
    }

    @Override
    double fromGains(double[] gains, int n, RelevantItems relevant) {
        return firstHitRank(gains, depth(n)) > 0 ? 1.0 : 0.0;
    }

    /** 1 if any of the first k items is relevant, else 0. */
    public static double of(int[] ranked, RelevantItems relevant, int k) {
        return at(k).score(ranked, relevant);
    }

    /** The chapter's form: 1 if the first k grades sum to more than 0. */
    public static double ofRelevances(double[] relevances, int k) {
        Args.atLeast("k", k, 1);
        RankedLists.grades(relevances, "relevances");
        return firstHitRank(relevances, Math.min(k, relevances.length)) > 0 ? 1.0 : 0.0;
    }

    /** The chapter's form with integer grades. */
    public static double ofRelevances(int[] relevances, int k) {
        return ofRelevances(RankedLists.grades(relevances, "relevances"), k);
    }
}
