package org.recsysbook.exercises;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recsysbook.notebook.Results;
import org.recsysbook.notebook.TestSinks;

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

    @Test
    void rankingExercises() {
        assertTrue(Check.ipwLabel((clicked, p) -> clicked ? Math.log(p + 1) / Math.log(2) : 0));
        assertFalse(Check.ipwLabel((clicked, p) -> clicked ? 1.0 / (Math.log(p + 1) / Math.log(2)) : 0));
        assertTrue(Check.logLoss((p, c) -> {
            double s = 0;
            for (int i = 0; i < p.length; i++) {
                s -= c[i] ? Math.log(p[i]) : Math.log(1 - p[i]);
            }
            return s / p.length;
        }));
        assertFalse(Check.logLoss((p, c) -> 0));
        double log2of11 = Math.log(11) / Math.log(2);
        double[] ctr = {0.8, 0.5, 0.4, 0.35, 0.3, 0.28, 0.26, 0.25, 0.24, 0.2};
        assertTrue(Check.examinationRatio(log2of11, 'b', ctr));
        assertFalse(Check.examinationRatio(4.0, 'b', ctr));
        assertFalse(Check.examinationRatio(log2of11, 'b', null));
    }

    @Test
    void mmrAgainstAHandWorkedOrder() {
        Check.MmrFunction greedy = (rel, sim, lambda, k) -> {
            int n = rel.length;
            int[] out = new int[Math.min(k, n)];
            boolean[] taken = new boolean[n];
            double[] maxSim = new double[n];
            for (int step = 0; step < out.length; step++) {
                int best = -1;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    double v = lambda * rel[i] - (1 - lambda) * (step == 0 ? 0 : maxSim[i]);
                    if (!taken[i] && v > bestValue) {
                        best = i;
                        bestValue = v;
                    }
                }
                taken[best] = true;
                out[step] = best;
                for (int i = 0; i < n; i++) {
                    maxSim[i] = step == 0 ? sim[i][best] : Math.max(maxSim[i], sim[i][best]);
                }
            }
            return out;
        };
        assertTrue(Check.mmr(greedy));
        // relevance order alone is not MMR
        assertFalse(Check.mmr((rel, sim, lambda, k) -> java.util.stream.IntStream.range(0, k).toArray()));
    }

    @Test
    void abTestingExercises() {
        assertTrue(Check.zStatistic((sA, nA, sB, nB) -> {
            double pooled = (double) (sA + sB) / (nA + nB);
            return ((double) sB / nB - (double) sA / nA) / Math.sqrt(pooled * (1 - pooled) * (1.0 / nA + 1.0 / nB));
        }));
        // the unpooled standard error is a different statistic
        assertFalse(Check.zStatistic((sA, nA, sB, nB) -> {
            double pA = (double) sA / nA;
            double pB = (double) sB / nB;
            return (pB - pA) / Math.sqrt(pA * (1 - pA) / nA + pB * (1 - pB) / nB);
        }));
        // 3623 users for 10 % -> 12 % (notebook 6) and 14313 for 10 % -> 11 %
        assertTrue(Check.halfTheEffect(4, 14_313));
        assertFalse(Check.halfTheEffect(2, 14_313));
        assertFalse(Check.halfTheEffect(4, 7_246));
    }

    @Test
    void onlineLearningExercises() {
        assertTrue(Check.ips((r, mu, pi) -> {
            double s = 0;
            for (int i = 0; i < r.length; i++) {
                s += r[i] * pi[i] / mu[i];
            }
            return s / r.length;
        }));
        assertFalse(Check.ips((r, mu, pi) -> 0));
        assertTrue(Check.shermanMorrison((aInv, x) -> {
            int d = x.length;
            double[] u = new double[d];
            double den = 1;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    u[i] += aInv[i][j] * x[j];
                }
                den += x[i] * u[i];
            }
            double[][] out = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    out[i][j] = aInv[i][j] - u[i] * u[j] / den;
                }
            }
            return out;
        }));
        assertFalse(Check.shermanMorrison((aInv, x) -> aInv));
        assertFalse(Check.shermanMorrison((aInv, x) -> null));
        assertFalse(Check.linUcbExploration(null, 1, 'b'));
    }

    @Test
    void candidateGenerationExercises() {
        Check.TopKFunction bySort = (scores, k) -> java.util.stream.IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : a - b)
                .limit(k).mapToInt(Integer::intValue).toArray();
        assertTrue(Check.topK(bySort));
        assertFalse(Check.topK((scores, k) -> new int[0]));
        // 10M items x 64 floats = 2.56 GB per query: 256 ms at 10 GB/s, 25.6 ms at 100 GB/s
        assertTrue(Check.exactScanAt10M(256, 'b', 10));
        assertTrue(Check.exactScanAt10M(25.6, 'a', 100));
        assertFalse(Check.exactScanAt10M(256, 'a', 10));
        assertFalse(Check.exactScanAt10M(2560, 'b', 10));
        assertFalse(Check.exactScanAt10M(0, '?', 0));
        assertFalse(Check.popularityHeavyBlend(0, '?'));
    }
}
