package org.recsysbook.ranking;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.UserContext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedRankerTest {
    private static final Request USER = new Request(3, new float[] {1, 0}, UserContext.NONE, null);
    private static final ScoredItems CANDIDATES =
            new ScoredItems(new int[] {7, 8, 9}, new double[] {0.2, 0.9, 0.5});

    @Test
    void withoutContextTheScoreIsTheCandidateScore() {
        double[] s = new SimulatedRanker(1).score(USER, CANDIDATES);
        assertArrayEquals(new double[] {0.2, 0.9, 0.5}, s);
        ScoredItems ranked = new SimulatedRanker(1).rank(USER, CANDIDATES, 2);
        assertArrayEquals(new int[] {8, 9}, ranked.ids());
    }

    @Test
    void noiseStaysWithinTheSeedsBounds() {
        Request r = USER.withContext(UserContext.CHAPTER_DEMO);
        // base ≤ score < base + 0.1·0.5 + 0.05·0.3 = base + 0.065
        ScoredItems many = new ScoredItems(new int[200], new double[200]);
        double[] s = new SimulatedRanker(42).score(r, many);
        double min = 1;
        double max = 0;
        for (double v : s) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= 0 && max < 0.065, min + " " + max);
        assertTrue(max > 0.05 && min < 0.015, "noise should spread over its range: " + min + " " + max);
    }

    @Test
    void sameSeedSameScoresOtherSeedOtherScores() {
        Request r = USER.withContext(UserContext.CHAPTER_DEMO);
        assertArrayEquals(new SimulatedRanker(5).score(r, CANDIDATES), new SimulatedRanker(5).score(r, CANDIDATES));
        assertNotEquals(new SimulatedRanker(5).score(r, CANDIDATES)[0], new SimulatedRanker(6).score(r, CANDIDATES)[0]);
    }

    @Test
    void rejectsEmptyCandidatesAndNBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulatedRanker(1).rank(USER, ScoredItems.empty(), 10));
        assertTrue(e.getMessage().contains("candidates must hold at least one item"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SimulatedRanker(1).rank(USER, CANDIDATES, 0));
        assertEquals("n must be ≥ 1, got 0", e.getMessage());
    }
}
