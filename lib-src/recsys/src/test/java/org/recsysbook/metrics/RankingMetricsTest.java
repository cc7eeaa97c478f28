package org.recsysbook.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every ranking metric against values worked out by hand on one small example: the list {@code [3, 1, 7, 5, 9]}
 * and the relevant items {@code {1, 5, 8}} (hits at ranks 2 and 4, item 8 missed).
 */
class RankingMetricsTest {
    private static final double EPS = 1e-12;
    private static final int[] RANKED = {3, 1, 7, 5, 9};
    private static final RelevantItems REL = RelevantItems.of(1, 5, 8);

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void dcgAndNdcgBinary() {
        double dcg = 1 / log2(3) + 1 / log2(5);
        double idcg = 1 + 1 / log2(3) + 1 / log2(4);
        assertEquals(dcg, Dcg.of(RANKED, REL, 5), EPS);
        assertEquals(dcg / idcg, Ndcg.of(RANKED, REL, 5), EPS);
        // k = 2: one hit at rank 2; the ideal top 2 holds two relevant items
        assertEquals((1 / log2(3)) / (1 + 1 / log2(3)), Ndcg.of(RANKED, REL, 2), EPS);
        // k = 1: nothing at rank 1
        assertEquals(0.0, Ndcg.of(RANKED, REL, 1), EPS);
        assertEquals("NDCG@5", Ndcg.at(5).name());
        assertEquals(dcg / idcg, Ndcg.at(5).score(RANKED, REL), EPS);
    }

    @Test
    void dcgAndNdcgGraded() {
        RelevantItems graded = RelevantItems.graded(Map.of(1, 3, 5, 1, 8, 2));
        double dcg = 3 / log2(3) + 1 / log2(5);
        double idcg = 3 + 2 / log2(3) + 1 / log2(4);
        assertEquals(dcg, Dcg.of(RANKED, graded, 10), EPS);
        assertEquals(dcg / idcg, Ndcg.of(RANKED, graded, 10), EPS);
        assertEquals(idcg, graded.idealDcg(10), EPS);
    }

    @Test
    void perfectRankingScoresOne() {
        assertEquals(1.0, Ndcg.of(new int[] {8, 5, 1, 2}, REL, 3), EPS);
        assertEquals(1.0, AveragePrecision.of(new int[] {8, 5, 1, 2}, REL, 3), EPS);
        assertEquals(1.0, Auc.of(new int[] {8, 5, 1, 2}, REL, 20), EPS);
    }

    @Test
    void precisionRecallHitRate() {
        assertEquals(1.0 / 3, Precision.of(RANKED, REL, 3), EPS);
        assertEquals(2.0 / 5, Precision.of(RANKED, REL, 5), EPS);
        // a list shorter than k: empty slots are misses
        assertEquals(2.0 / 10, Precision.of(RANKED, REL, 10), EPS);
        assertEquals(1.0 / 3, Recall.of(RANKED, REL, 3), EPS);
        assertEquals(2.0 / 3, Recall.of(RANKED, REL, 5), EPS);
        assertEquals(0.0, HitRate.of(RANKED, REL, 1), EPS);
        assertEquals(1.0, HitRate.of(RANKED, REL, 2), EPS);
        assertEquals("P@3", Precision.at(3).name());
        assertEquals("R@3", Recall.at(3).name());
        assertEquals("HR@2", HitRate.at(2).name());
    }

    @Test
    void averagePrecisionBothConventions() {
        // hits at ranks 2 and 4: P@2 = 1/2, P@4 = 2/4
        assertEquals((0.5 + 0.5) / 2, AveragePrecision.of(RANKED, REL), EPS);       // seed: / hits found
        assertEquals(0.5 / 3, AveragePrecision.of(RANKED, REL, 3), EPS);            // / min(3, |R| = 3)
        assertEquals((0.5 + 0.5) / 3, AveragePrecision.of(RANKED, REL, 5), EPS);
        assertEquals(0.5 / 2, AveragePrecision.of(RANKED, REL, 2), EPS);            // / min(2, 3)
        assertEquals("MAP", AveragePrecision.full().name());
        assertEquals("MAP@5", AveragePrecision.at(5).name());
        // the chapter's denominator: one hit at rank 1 scores 1 however many were missed
        assertEquals(1.0, AveragePrecision.of(new int[] {5, 2, 4}, REL), EPS);
    }

    @Test
    void reciprocalRank() {
        assertEquals(0.5, ReciprocalRank.of(RANKED, REL), EPS);
        assertEquals(0.0, ReciprocalRank.of(RANKED, REL, 1), EPS);
        assertEquals(0.5, ReciprocalRank.at(2).score(RANKED, REL), EPS);
        assertEquals("MRR", ReciprocalRank.full().name());
        assertEquals("MRR@2", ReciprocalRank.at(2).name());
    }

    @Test
    void aucOverListAndCatalog() {
        // listed negatives 3, 7, 9; missed item 8 loses to all of them
        // pairs right: (1,7) (1,9) (5,9) = 3 of 3 * 3
        assertEquals(3.0 / 9, Auc.of(RANKED, REL), EPS);
        assertEquals(3.0 / 9, Auc.full().score(RANKED, REL), EPS);
        // catalog of 10: 7 negatives, 4 of them unlisted and tied with item 8
        // item 1 beats 6, item 5 beats 5, item 8 ties 4 -> 2
        assertEquals(13.0 / 21, Auc.of(RANKED, REL, 10), EPS);
        assertEquals(13.0 / 21, Auc.overCatalog(10).score(RANKED, REL), EPS);
    }

    @Test
    void userWithoutRelevantItemsScoresZeroAndCountsInTheMean() {
        RelevantItems none = RelevantItems.none();
        for (RankingMetric m : List.of(Dcg.at(5), Ndcg.at(5), Precision.at(5), Recall.at(5), HitRate.at(5),
                AveragePrecision.full(), AveragePrecision.at(5), ReciprocalRank.full(), Auc.full(),
                Auc.overCatalog(100))) {
            assertEquals(0.0, m.score(RANKED, none), EPS, m.name());
        }
        int[][] lists = {{1, 2, 3}, {1, 2, 3}};
        RelevantItems[] rel = {RelevantItems.of(1), RelevantItems.none()};
        assertEquals(0.5, HitRate.at(3).mean(lists, rel), EPS);
        assertEquals(0.5, Ndcg.at(3).mean(lists, rel), EPS);
    }

    @Test
    void meansOfManyMetricsAtOnce() {
        int[][] lists = {RANKED, {8, 5, 1}, {2}, {}};
        RelevantItems[] rel = {REL, REL, REL, RelevantItems.none()};
        RankingMetric firstItem = new RankingMetric() {
            @Override
            public String name() {
                return "first item is 8";
            }

            @Override
            public double score(int[] ranked, RelevantItems relevant) {
                return ranked.length > 0 && ranked[0] == 8 ? 1 : 0;
            }
        };
        List<RankingMetric> ms = List.of(Ndcg.at(3), AveragePrecision.full(), Auc.overCatalog(10), firstItem);
        double[] serial = RankingMetric.means(ms, lists, rel, 1);
        double[] parallel = RankingMetric.means(ms, lists, rel, 3);
        assertArrayEquals(serial, parallel, 0.0);
        // user by user: NDCG@3 = [(1/log2 3)/(1 + 1/log2 3 + 1/2), 1, 0, 0]
        assertEquals((1 / log2(3) / (1 + 1 / log2(3) + 0.5) + 1) / 4, serial[0], EPS);
        assertEquals((0.5 + 1 + 0 + 0) / 4, serial[1], EPS);
        assertEquals(0.25, serial[3], EPS);
        for (int m = 0; m < ms.size(); m++) {
            assertEquals(ms.get(m).mean(lists, rel), serial[m], EPS, ms.get(m).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankingMetric.means(ms, new int[][] {{1}, {3, 3}}, new RelevantItems[] {REL, REL}, 1));
        assertTrue(e.getMessage().contains("ranked[1] must be a ranked list, each item at most once, got item 3 twice"),
                e.getMessage());
    }

    /** The sequential mean names the user whose list is bad, as the parallel one does. */
    @Test
    void sequentialMeanNamesTheUser() {
        int[][] lists = {{1}, {5}, {3, 8, 3}};
        RelevantItems[] rel = {REL, REL, REL};
        String expected = "ranked[2] must be a ranked list, each item at most once, got item 3 twice (ranks 1 and 3)";
        for (RankingMetric m : List.of(Ndcg.at(3), Precision.at(2), ReciprocalRank.full())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.mean(lists, rel));
            assertEquals(expected, e.getMessage(), m.name());
            e = assertThrows(IllegalArgumentException.class, () -> RankingMetric.means(List.of(m), lists, rel, 2));
            assertEquals(expected, e.getMessage(), m.name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ndcg.at(3).mean(new int[][] {{1}, null, {5}}, rel));
        assertEquals("ranked[1] must not be null", e.getMessage());
    }

    @Test
    void gradeZeroIsNotRelevant() {
        RelevantItems r = RelevantItems.graded(new int[] {1, 2}, new double[] {0.0, 2.0});
        assertEquals(1, r.size());
        assertEquals(0.0, HitRate.of(new int[] {1}, r, 1), EPS);
        assertEquals(2.0, r.grade(2), EPS);
    }

    @Test
    void boxedListsAreReadLikeArrays() {
        assertEquals(0.5, ReciprocalRank.full().score(Arrays.asList(3, 1, 7, 5, 9), REL), EPS);
    }

    @Test
    void seedModelExamples() {
        int[][] a = {{1, 1, 0, 1, 0, 0, 0, 0, 0, 0}, {1, 0, 1, 0, 0, 1, 0, 0, 0, 0}, {0, 1, 1, 0, 0, 0, 1, 0, 0, 0}};
        int[][] b = {{1, 0, 1, 0, 1, 0, 0, 0, 0, 0}, {0, 1, 0, 1, 0, 0, 1, 0, 0, 0}, {1, 0, 0, 1, 0, 1, 0, 0, 0, 0}};
        // printed by seed_metrics.py
        assertEquals(0.8419, meanNdcg(a), 5e-5);
        assertEquals(0.7235, meanAp(a), 5e-5);
        assertEquals(1.0, meanHr(a), 5e-5);
        assertEquals(0.7929, meanNdcg(b), 5e-5);
        assertEquals(0.6328, meanAp(b), 5e-5);
        assertEquals(1.0, meanHr(b), 5e-5);
    }

    private static double meanNdcg(int[][] lists) {
        return mean(lists, l -> Ndcg.ofRelevances(l, 10));
    }

    private static double meanAp(int[][] lists) {
        return mean(lists, AveragePrecision::ofRelevances);
    }

    private static double meanHr(int[][] lists) {
        return mean(lists, l -> HitRate.ofRelevances(l, 5));
    }

    private static double mean(int[][] lists, ToDoubleFunction<int[]> metric) {
        double s = 0;
        for (int[] l : lists) {
            s += metric.applyAsDouble(l);
        }
        return s / lists.length;
    }

    @Test
    void relevanceListForms() {
        int[] rel = {0, 1, 0, 1, 0};
        // the chapter's ideal comes from the list itself: [1, 1, 0, 0, 0]
        assertEquals((1 / log2(3) + 1 / log2(5)) / (1 + 1 / log2(3)), Ndcg.ofRelevances(rel, 5), EPS);
        assertEquals(1 / log2(3) + 1 / log2(5), Dcg.ofRelevances(rel, 5), EPS);
        assertEquals(1.0 / 3, Precision.ofRelevances(rel, 3), EPS);
        // the chapter divides a short list by its own length
        assertEquals(2.0 / 5, Precision.ofRelevances(rel, 10), EPS);
        assertEquals(0.5, AveragePrecision.ofRelevances(rel), EPS);
        assertEquals(0.0, HitRate.ofRelevances(rel, 1), EPS);
        assertEquals(0.5, ReciprocalRank.ofRelevances(rel), EPS);
        // pairs (pos above neg): rank2 above ranks 3,5; rank4 above rank 5 -> 3 of 2 * 3
        assertEquals(3.0 / 6, Auc.ofRelevances(rel), EPS);
        double[] graded = {2.0, 0.0, 3.0};
        assertEquals((2 + 3 / log2(4)) / (3 + 2 / log2(3)), Ndcg.ofRelevances(graded, 3), EPS);
        assertEquals(5.0 / 3, Precision.ofRelevances(graded, 3), EPS);
        assertEquals(0.0, Ndcg.ofRelevances(new int[] {0, 0}, 2), EPS);
        assertEquals(0.0, Precision.ofRelevances(new int[0], 2), EPS);
    }

    @Test
    void badK() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ndcg.at(0));
        assertTrue(e.getMessage().contains("k must be ≥ 1, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Precision.of(RANKED, REL, -1));
        assertThrows(IllegalArgumentException.class, () -> Recall.at(0));
        assertThrows(IllegalArgumentException.class, () -> HitRate.ofRelevances(new int[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> AveragePrecision.at(0));
        assertThrows(IllegalArgumentException.class, () -> ReciprocalRank.at(-3));
        assertThrows(IllegalArgumentException.class, () -> Dcg.ofRelevances(new double[] {1}, 0));
    }

    @Test
    void badRankedLists() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ndcg.of(null, REL, 3));
        assertTrue(e.getMessage().contains("ranked must not be null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Precision.of(new int[] {4, 2, 4}, REL, 3));
        assertTrue(e.getMessage().contains("item 4 twice (ranks 1 and 3)"), e.getMessage());
        int[] longList = new int[200];
        for (int i = 0; i < longList.length; i++) {
            longList[i] = i;
        }
        longList[150] = 7;
        e = assertThrows(IllegalArgumentException.class, () -> Auc.of(longList, REL));
        assertTrue(e.getMessage().contains("item 7 twice (ranks 8 and 151)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HitRate.at(3).score(Arrays.asList(1, null, 2), REL));
        assertTrue(e.getMessage().contains("null at rank 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ndcg.of(RANKED, null, 3));
    }

    @Test
    void badRelevance() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RelevantItems.graded(new int[] {1, 2}, new double[] {1.0, -0.5}));
        assertTrue(e.getMessage().equals("grades[1] must be a relevance grade: a finite number ≥ 0, got -0.5"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RelevantItems.graded(new int[] {1}, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> RelevantItems.graded(new int[] {1, 2}, new double[] {1.0}));
        e = assertThrows(IllegalArgumentException.class, () -> RelevantItems.of(3, 4, 3));
        assertTrue(e.getMessage().contains("item 3 twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ndcg.ofRelevances(new int[] {1, -1}, 2));
        assertTrue(e.getMessage().contains("relevances[1] must be a relevance grade: a finite number ≥ 0, got -1.0"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AveragePrecision.ofRelevances(new double[] {-2}));
        assertThrows(IllegalArgumentException.class, () -> Auc.of(RANKED, REL, 5));
        assertThrows(IllegalArgumentException.class, () -> Auc.overCatalog(0));
        assertThrows(IllegalArgumentException.class,
                () -> Ndcg.at(3).mean(new int[][] {{1}}, new RelevantItems[0]));
    }
}
