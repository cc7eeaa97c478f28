package org.recsysbook.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClickPredictionQualityTest {

    @Test
    void aucCountsCorrectlyOrderedPairs() {
        // Positives score 0.8 and 0.4; negatives 0.6, 0.2, 0.1.
        // Pairs (pos > neg): 0.8 beats all 3; 0.4 beats 0.2, 0.1 → 5 of 6.
        double[] s = {0.8, 0.6, 0.4, 0.2, 0.1};
        boolean[] c = {true, false, true, false, false};
        assertEquals(5.0 / 6.0, ClickPredictionQuality.auc(s, c), 1e-12);
    }

    @Test
    void tiesCountOneHalf() {
        double[] s = {0.5, 0.5, 0.5, 0.5};
        boolean[] c = {true, false, false, true};
        assertEquals(0.5, ClickPredictionQuality.auc(s, c), 1e-12);
        // One positive tied with one negative, above another negative: (1 + 0.5) / 2.
        assertEquals(0.75, ClickPredictionQuality.auc(new double[] {0.7, 0.7, 0.1}, new boolean[] {true, false, false}),
                1e-12);
    }

    @Test
    void aucEqualsThePairCountOnTiedRandomScores() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        double[] s = new double[300];
        boolean[] c = new boolean[300];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextInt(20) / 10.0; // many ties
            c[i] = r.nextDouble() < 0.3 + 0.02 * s[i];
        }
        double pairs = 0;
        double total = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (c[i] && !c[j]) {
                    total++;
                    pairs += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(pairs / total, ClickPredictionQuality.auc(s, c), 1e-12);
    }

    @Test
    void logLossByHand() {
        double[] p = {0.8, 0.25};
        boolean[] c = {true, false};
        double expected = -(Math.log(0.8) + Math.log(0.75)) / 2;
        ClickPredictionQuality q = ClickPredictionQuality.ofProbabilities(p, c);
        assertEquals(expected, q.logLoss(), 1e-12);
        assertEquals(1.0, q.auc(), 0);
        assertEquals(2, q.rows());
        assertEquals(1, q.clicks());
        // A certain wrong prediction is clipped, not infinite: −log(1e-15).
        assertEquals(-Math.log(1e-15), ClickPredictionQuality.logLoss(new double[] {0}, new boolean[] {true}), 1e-9);
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClickPredictionQuality.auc(new double[] {1, 2}, new boolean[] {true}));
        assertTrue(e.getMessage().contains("same length, got 2 and 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ClickPredictionQuality.auc(new double[] {1, 2}, new boolean[] {true, true}));
        assertTrue(e.getMessage().contains("both clicked and unclicked rows, got 2 clicked of 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ClickPredictionQuality.auc(new double[] {Double.NaN, 2}, new boolean[] {true, false}));
        assertTrue(e.getMessage().contains("scores[0] is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ClickPredictionQuality.ofProbabilities(new double[] {1.5, 0}, new boolean[] {true, false}));
        assertTrue(e.getMessage().contains("probabilities[0] must be in [0, 1], got 1.5"), e.getMessage());
    }
}
