package org.recsysbook.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.recsysbook.metrics.RelevantItems;

class SparkRankingMetricsTest {
    @Test
    void sharedConventionsAgreeToTheLastDigitsAndTheChaptersMapDoesNot() {
        SplittableRandom rng = new SplittableRandom(7);
        int users = 300;
        int[][] ranked = new int[users][];
        RelevantItems[] relevant = new RelevantItems[users];
        for (int u = 0; u < users; u++) {
            int n = u % 17 == 0 ? 4 : 10;              // some lists shorter than k
            ranked[u] = rng.ints(0, 60).distinct().limit(n).toArray();
            int r = u % 23 == 0 ? 0 : 1 + rng.nextInt(15); // some users with nothing relevant, some with |R| > k
            relevant[u] = RelevantItems.of(rng.ints(0, 60).distinct().limit(r).toArray());
        }
        List<SparkRankingMetrics.Pair> pairs = SparkRankingMetrics.compare(SharedSpark.get(), ranked, relevant, 10);
        assertEquals(List.of("P@10", "R@10", "NDCG@10", "MAP@10", "MAP ÷ |R|", "MAP (chapter)"),
                pairs.stream().map(SparkRankingMetrics.Pair::metric).toList());
        for (SparkRankingMetrics.Pair p : pairs) {
            if (p.shared()) {
                assertEquals(p.libraryValue(), p.sparkValue(), 1e-12, p.metric());
                assertTrue(p.sparkValue() > 0.01, p.metric() + " is not trivial: " + p.sparkValue());
            } else {
                assertNotEquals(p.libraryValue(), p.sparkValue(), 1e-3, p.metric());
            }
        }
        assertEquals(7, SparkRankingMetrics.table(pairs).columnCount());
    }

    @Test
    void aHandWorkedUser() {
        // hits at ranks 1 and 3 of 4 relevant: P@3 = 2/3; AP (Spark) = (1 + 2/3) / 4; the chapter's AP = (1 + 2/3) / 2
        int[][] ranked = {{5, 6, 7}};
        RelevantItems[] relevant = {RelevantItems.of(5, 7, 8, 9)};
        List<SparkRankingMetrics.Pair> pairs = SparkRankingMetrics.compare(SharedSpark.get(), ranked, relevant, 3);
        assertEquals(2.0 / 3, pairs.get(0).sparkValue(), 1e-15);
        assertEquals((1 + 2.0 / 3) / 4, pairs.get(4).sparkValue(), 1e-15);
        assertEquals((1 + 2.0 / 3) / 2, pairs.get(5).libraryValue(), 1e-15);
    }

    @Test
    void badInputNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkRankingMetrics.compare(
                SharedSpark.get(), new int[2][], new RelevantItems[1], 10));
        assertTrue(e.getMessage().contains("ranked"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkRankingMetrics.compare(
                SharedSpark.get(), new int[][] {{1}}, new RelevantItems[] {RelevantItems.of(1)}, 0));
        assertTrue(e.getMessage().startsWith("k must be"), e.getMessage());
    }
}
