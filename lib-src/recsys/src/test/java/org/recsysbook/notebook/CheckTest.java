package org.recsysbook.notebook;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each exercise check passes a correct answer and fails a stub's default, without throwing. */
class CheckTest {
    @BeforeEach
    void freshSink() {
        TestSinks.fresh();
        Results.clear();
    }

    static int[] quota(int[] ranked, int[] category, int max, int n) {
        int[] counts = new int[8];
        int[] out = new int[n];
        int kept = 0;
        for (int item : ranked) {
            if (kept == n) {
                break;
            }
            if (counts[category[item]]++ < max) {
                out[kept++] = item;
            }
        }
        return Arrays.copyOf(out, kept);
    }

    @Test
    void categoryQuota() {
        assertTrue(Check.categoryQuota(CheckTest::quota));
        assertFalse(Check.categoryQuota((r, c, m, n) -> Arrays.copyOf(r, Math.min(n, r.length))));
        assertFalse(Check.categoryQuota((r, c, m, n) -> new int[0]));
        assertFalse(Check.categoryQuota(null));
        assertEquals(Boolean.FALSE, Results.get("check_category_quota"));
    }

    @Test
    void ndcgInTheSeedsForm() {
        Check.NdcgFunction mine = (rels, k) -> {
            double[] ideal = rels.clone();
            Arrays.sort(ideal);
            double dcg = 0;
            double idcg = 0;
            for (int i = 0; i < Math.min(k, rels.length); i++) {
                dcg += rels[i] / (Math.log(i + 2) / Math.log(2));
                idcg += ideal[ideal.length - 1 - i] / (Math.log(i + 2) / Math.log(2));
            }
            return idcg == 0 ? 0 : dcg / idcg;
        };
        assertTrue(Check.ndcg(mine));
        assertFalse(Check.ndcg((rels, k) -> 0));
        // forgetting the empty list's 0 gives NaN there, one failed case
        assertFalse(Check.ndcg((rels, k) -> {
            double v = mine.apply(rels, k);
            return v == 0 ? Double.NaN : v;
        }));
    }

    @Test
    void averagePrecisionInTheSeedsForm() {
        assertTrue(Check.averagePrecision(rels -> {
            double sum = 0;
            int hits = 0;
            for (int i = 0; i < rels.length; i++) {
                if (rels[i] > 0) {
                    sum += (double) ++hits / (i + 1);
                }
            }
            return hits == 0 ? 0 : sum / hits;
        }));
        assertFalse(Check.averagePrecision(rels -> 0));
    }

    @Test
    void ucbIndexWithTheSeedsLogarithm() {
        assertTrue(Check.ucbIndex((mean, n, total, c) -> n == 0 ? Double.POSITIVE_INFINITY
                : mean + c * Math.sqrt(Math.log(total + 1.0) / n)));
        // the textbook ln(total) is a different index
        assertFalse(Check.ucbIndex((mean, n, total, c) -> n == 0 ? Double.POSITIVE_INFINITY
                : mean + c * Math.sqrt(Math.log(total) / n)));
        // a division by zero for an untried arm is a failed case, not an exception
        assertFalse(Check.ucbIndex((mean, n, total, c) -> mean + c * Math.sqrt(Math.log(total + 1.0) / (n / n))));
    }

    @Test
    void sampledHitRatePrediction() {
        assertTrue(Check.sampledRandomHitRate(10.0 / 51, 0.2));
        assertFalse(Check.sampledRandomHitRate(0.005, 0.1));
        assertFalse(Check.sampledRandomHitRate(0, 0.1));
    }

    @Test
    void choicesOfTheSeedDemoExercises() {
        assertTrue(Check.quotaOfOne(5, 'b'));
        assertFalse(Check.quotaOfOne(10, 'b'));
        assertFalse(Check.quotaOfOne(5, '?'));
        assertFalse(Check.noNoise('b', null));
    }
}
