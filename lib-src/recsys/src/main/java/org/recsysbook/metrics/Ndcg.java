package org.recsysbook.metrics;

import java.util.Arrays;

import org.recsysbook.core.Args;

/**
 * Normalised discounted cumulative gain at k, the chapter's {@code ndcg_at_k}: {@link Dcg DCG@k} divided by the
 * DCG@k of the best possible ordering, so 1 means a perfect ranking.
 *
 * <p>{@code NDCG@k = DCG@k / IDCG@k}. Two conventions for the ideal ordering, one per input form:
 * <ul>
 *   <li>item ids against {@link RelevantItems}: IDCG@k ranks <em>all</em> the user's relevant items by
 *       grade, including those the list missed, so missing a relevant item costs score;</li>
 *   <li>the chapter's relevance-list form ({@link #ofRelevances}): IDCG@k sorts the grades of the list itself,
 *       exactly as the chapter does, so only the order inside the list is judged.</li>
 * </ul>
 * When IDCG@k is 0 (no relevant items) NDCG is 0, as in the chapter.
 */
public final class Ndcg extends GainMetric {
    private Ndcg(int k) {
        super(k);
    }

    /** NDCG@k as a metric object. */
    public static Ndcg at(int k) {
        Args.atLeast("k", k, 1);
        return new Ndcg(k);
    }

    @Override
    public String name() {
        return "NDCG@" + k;
    }

    @Override
    double fromGains(double[] gains, int n, RelevantItems relevant) {
        double dcg = Dcg.sum(gains, n, k);
        return dcg == 0 ? 0.0 : dcg / relevant.idealDcg(k);
    }

    /** NDCG@k of a ranked list of item ids against all of the user's relevant items. */
    public static double of(int[] ranked, RelevantItems relevant, int k) {
        return at(k).score(ranked, relevant);
    }

    /** The chapter's form: grades in rank order, ideal ordering taken from the same list. */
    public static double ofRelevances(double[] relevances, int k) {
        Args.atLeast("k", k, 1);
        RankedLists.grades(relevances, "relevances");
        return normalised(relevances, k);
    }

    /** The chapter's form with integer grades. */
    public static double ofRelevances(int[] relevances, int k) {
        Args.atLeast("k", k, 1);
        return normalised(RankedLists.grades(relevances, "relevances"), k);
    }

    private static double normalised(double[] gains, int k) {
        double[] ideal = gains.clone();
        Arrays.sort(ideal);
        for (int i = 0, j = ideal.length - 1; i < j; i++, j--) {
            double t = ideal[i];
            ideal[i] = ideal[j];
            ideal[j] = t;
        }
        double idcg = Dcg.sum(ideal, ideal.length, k);
        return idcg > 0 ? Dcg.sum(gains, gains.length, k) / idcg : 0.0;
    }
}
