package org.recsysbook.metrics;

import org.recsysbook.core.Args;

/**
 * Root-mean-square error of predicted ratings, the accuracy measure of rating prediction (the Netflix Prize's)
 * that the chapter's ranking metrics replaced: {@code sqrt(mean((predicted − actual)²))} over the rated pairs.
 */
public final class Rmse {
    private Rmse() { }

    /**
     * @throws IllegalArgumentException if the arrays are null, empty, of different lengths or hold a non-finite
     *                                  value
     */
    public static double of(double[] predicted, double[] actual) {
        Args.notNull("predicted", predicted);
        Args.notNull("actual", actual);
        if (predicted.length != actual.length || predicted.length == 0) {
            throw new IllegalArgumentException("predicted and actual must have the same length, at least 1, got "
                    + predicted.length + " and " + actual.length);
        }
        double s = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (!Double.isFinite(predicted[i]) || !Double.isFinite(actual[i])) {
                throw new IllegalArgumentException("predicted[" + i + "] and actual[" + i + "] must be finite, got "
                        + predicted[i] + " and " + actual[i]);
            }
            double d = predicted[i] - actual[i];
            s += d * d;
        }
        return Math.sqrt(s / predicted.length);
    }
}
