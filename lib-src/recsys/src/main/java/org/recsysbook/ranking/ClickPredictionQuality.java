package org.recsysbook.ranking;

import java.util.Arrays;
import java.util.Locale;

/**
 * How well scores predict clicks: AUC, one of the offline metrics the chapter's A/B-testing section names
 * ("RMSE, AUC, NDCG"), the chance that a random clicked row scores above a random unclicked one; and
 * log-loss, the mean cross-entropy of predicted probabilities, the loss a click model is trained on.
 *
 * @param auc     area under the ROC curve, in [0, 1]; 0.5 is chance
 * @param logLoss mean negative log-likelihood in nats; NaN when the scores are not probabilities
 * @param rows    number of rows evaluated
 * @param clicks  number of clicked rows among them
 */
public record ClickPredictionQuality(double auc, double logLoss, int rows, int clicks) {

    /** Probabilities are clipped to {@code [EPSILON, 1 − EPSILON]} before taking logs. */
    public static final double EPSILON = 1e-15;

    /**
     * AUC and log-loss of predicted click probabilities.
     *
     * @throws IllegalArgumentException on mismatched lengths, probabilities outside [0, 1] or NaN, or
     *                                  labels that are all equal (AUC is then undefined)
     */
    public static ClickPredictionQuality ofProbabilities(double[] probabilities, boolean[] clicked) {
        for (int i = 0; i < probabilities.length; i++) {
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) {
                throw new IllegalArgumentException("probabilities[" + i + "] must be in [0, 1], got "
                        + probabilities[i]);
            }
        }
        double auc = auc(probabilities, clicked);
        return new ClickPredictionQuality(auc, logLoss(probabilities, clicked), clicked.length, count(clicked));
    }

    /** AUC of arbitrary scores (log-loss is NaN: scores are not probabilities). */
    public static ClickPredictionQuality ofScores(double[] scores, boolean[] clicked) {
        return new ClickPredictionQuality(auc(scores, clicked), Double.NaN, clicked.length, count(clicked));
    }

    /**
     * The area under the ROC curve: the share of (clicked, unclicked) pairs in which the clicked row
     * scores higher, a tie counting one half. Both groups' scores are sorted (primitive sorts) and
     * merged, O(n log n).
     */
    public static double auc(double[] scores, boolean[] clicked) {
        requireSameLength(scores, clicked);
        int n = scores.length;
        int positives = count(clicked);
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("clicked must hold both clicked and unclicked rows, got "
                    + positives + " clicked of " + n);
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        int p = 0;
        int q = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] is NaN; scores must be numbers");
            }
            if (clicked[i]) {
                pos[p++] = scores[i];
            } else {
                neg[q++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        double pairs = 0;
        int below = 0; // negatives strictly below the current positive score
        int upTo = 0;  // negatives at or below it
        for (double s : pos) {
            while (below < negatives && neg[below] < s) {
                below++;
            }
            if (upTo < below) {
                upTo = below;
            }
            while (upTo < negatives && neg[upTo] == s) {
                upTo++;
            }
            pairs += below + 0.5 * (upTo - below);
        }
        return pairs / ((double) positives * negatives);
    }

    /** Mean cross-entropy {@code −(1/n) Σ [c log p + (1−c) log(1−p)]}, p clipped to [ε, 1−ε]. */
    public static double logLoss(double[] probabilities, boolean[] clicked) {
        requireSameLength(probabilities, clicked);
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("probabilities must hold at least one row, got none");
        }
        double s = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probabilities[" + i + "] must be in [0, 1], got " + p);
            }
            p = Math.min(1 - EPSILON, Math.max(EPSILON, p));
            s -= clicked[i] ? Math.log(p) : Math.log1p(-p);
        }
        return s / probabilities.length;
    }

    private static void requireSameLength(double[] a, boolean[] clicked) {
        if (a.length != clicked.length) {
            throw new IllegalArgumentException("scores and clicked must have the same length, got "
                    + a.length + " and " + clicked.length);
        }
    }

    private static int count(boolean[] clicked) {
        int c = 0;
        for (boolean b : clicked) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AUC %.4f, log-loss %.4f (%d rows, %d clicks)", auc, logLoss, rows, clicks);
    }
}
