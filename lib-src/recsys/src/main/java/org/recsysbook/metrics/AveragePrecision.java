package org.recsysbook.metrics;

import org.recsysbook.core.Args;

/**
 * Average precision, the chapter's {@code average_precision}: the mean of precision@i over the ranks i that hold a
 * relevant item; its mean over users is MAP.
 *
 * <p>Libraries disagree on the denominator; this class offers two, each named in its results:
 * <ul>
 *   <li>{@link #full()} ("MAP") follows the chapter's code: {@code AP = sum_{i: rel_i} P@i / (number of
 *       relevant items found in the list)}, over the whole list. A list that finds one relevant item at
 *       rank 1 scores 1 however many it missed. (The chapter's prose divides by all relevant items; its code,
 *       which the chapter's printed figures come from, does not.)</li>
 *   <li>{@link #at(int)} ("MAP@k") reads the top k and divides by {@code min(k, |R|)}, so missed relevant
 *       items cost score and a perfect top k scores 1.</li>
 * </ul>
 * A user with no relevant items, or a list with none of them, scores 0. Relevance is binary here: any
 * positive grade counts as relevant. In the relevance-list form the chapter tests {@code rel == 1} and averages
 * grades for precision; for 0/1 lists that is the same thing.
 */
public final class AveragePrecision extends GainMetric {
    private AveragePrecision(int k) {
        super(k);
    }

    /** AP over the whole list, divided by the number of relevant items found (the chapter's MAP). */
    public static AveragePrecision full() {
        return new AveragePrecision(WHOLE_LIST);
    }

    /** AP@k, divided by {@code min(k, |R|)} (MAP@k). */
    public static AveragePrecision at(int k) {
        Args.atLeast("k", k, 1);
        return new AveragePrecision(k);
    }

    @Override
    public String name() {
        return k == WHOLE_LIST ? "MAP" : "MAP@" + k;
    }

    @Override
    double fromGains(double[] gains, int n, RelevantItems relevant) {
        if (relevant.isEmpty()) {
            return 0.0;
        }
        int top = depth(n);
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < top; i++) {
            if (gains[i] > 0) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        if (k == WHOLE_LIST) {
            return hits == 0 ? 0.0 : sum / hits;
        }
        return sum / Math.min(k, relevant.size());
    }

    /** The chapter's AP: sum of P@i at relevant ranks over the whole list, divided by the relevant items found. */
    public static double of(int[] ranked, RelevantItems relevant) {
        return full().score(ranked, relevant);
    }

    /** AP@k: sum of P@i at relevant ranks i ≤ k, divided by {@code min(k, |R|)}. */
    public static double of(int[] ranked, RelevantItems relevant, int k) {
        return at(k).score(ranked, relevant);
    }

    /** The chapter's form: binary grades in rank order (a grade > 0 is relevant), divided by the hits found. */
    public static double ofRelevances(double[] relevances) {
        RankedLists.grades(relevances, "relevances");
        double sum = 0;
        int hits = 0;
        for (int i = 0; i < relevances.length; i++) {
            if (relevances[i] > 0) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return hits == 0 ? 0.0 : sum / hits;
    }

    /** The chapter's form with integer grades. */
    public static double ofRelevances(int[] relevances) {
        return ofRelevances(RankedLists.grades(relevances, "relevances"));
    }
}
