package org.recsysbook.metrics;

/**
 * Hit rate at k, the seed's {@code hit_rate_at_k}: 1 if at least one relevant item is in the top k, else 0;
 * its mean is the share of users with a hit.
 *
 * <p>The seed's text also calls this "Recall@K", which it equals only when each user has one relevant item;
 * {@link Recall} is the general metric.
 */
public final class HitRate extends GainMetric {
    private final int k;

    private HitRate(int k) {
        Checks.k(k);
        this.k = k;
    }

    /** HR@k as a metric object. */
    public static HitRate at(int k) {
        return new HitRate(k);
    }

    @Override
    public String name() {
        return "HR@" + k;
    }

    @Override
    int depth(int n) {
        return Math.min(k, n);
    }

    @Override
    double fromGains(double[] gains, int n, RelevantItems relevant) {
        int top = Math.min(k, n);
        for (int i = 0; i < top; i++) {
            if (gains[i] > 0) {
                return 1.0;
            }
        }
        return 0.0;
    }

    /** 1 if any of the first k items is relevant, else 0. */
    public static double of(int[] ranked, RelevantItems relevant, int k) {
        return new HitRate(k).score(ranked, relevant);
    }

    /** The seed's form: 1 if the first k grades sum to more than 0. */
    public static double ofRelevances(double[] relevances, int k) {
        Checks.k(k);
        Checks.grades(relevances, "relevances");
        int top = Math.min(k, relevances.length);
        for (int i = 0; i < top; i++) {
            if (relevances[i] > 0) {
                return 1.0;
            }
        }
        return 0.0;
    }

    /** The seed's form with integer grades. */
    public static double ofRelevances(int[] relevances, int k) {
        return ofRelevances(Checks.grades(relevances, "relevances"), k);
    }
}
