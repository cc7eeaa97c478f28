package org.recsysbook.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.recsysbook.data.Interactions;
import org.recsysbook.data.MovieLens;
import org.recsysbook.data.Split;
import org.recsysbook.retrieval.Ease;
import org.recsysbook.retrieval.ImplicitAls;
import org.recsysbook.retrieval.ItemKnn;

/** The features of real candidates on the shipped sample, and the XGBoost ranker on a rule it must learn. */
class RealDataRankingTest {
    static MovieLens sample() {
        try {
            return MovieLens.load(Path.of(RealDataRankingTest.class.getResource("/movielens/ratings.csv").toURI())
                    .getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void featuresOfTheSampleAreWhatTheyClaim() {
        MovieLens ml = sample();
        Split split = Split.chronological(ml.ratings(), 0.25);
        Interactions train = split.train();
        CandidateFeatures features = new CandidateFeatures(ml, train, Ease.train(train, 0.5, 1),
                ImplicitAls.train(train, new ImplicitAls.Settings(2, 3, 0.5, 2, 1), false), ItemKnn.train(train, 3));
        // user 0 (GroupLens 1) trains on movies 10, 50, 3 (dense 3, 4, 1); movie 2 (dense 0) is its test movie
        CandidateFeatures.Batch b = features.build(new int[] {0}, 2, split.test());
        int f = CandidateFeatures.NAMES.length;
        assertEquals(12, f);
        assertEquals(2, b.rows());
        assertArrayEquals(new int[] {0, 2}, b.offsets());
        for (int r = 0; r < b.rows(); r++) {
            int item = b.items()[r];
            assertEquals(r + 1, b.x()[r * f + 1], 0);                                   // EASE rank
            assertEquals(Math.log1p(train.itemCounts()[item]), b.x()[r * f + 6], 1e-12); // popularity
            assertEquals(Math.log1p(3), b.x()[r * f + 10], 1e-12);                      // user activity
            assertEquals(item == 0 ? 1f : 0f, b.labels()[r], 0);
            if (ml.year(item) == 0) {
                assertTrue(Double.isNaN(b.x()[r * f + 11]));
            } else {
                assertEquals(ml.year(item), b.x()[r * f + 11], 0);
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> features.build(new int[] {0}, 0, null))
                .getMessage().startsWith("candidates must be in [1, 5], got 0"));
    }

    /** 40 users × 30 candidates whose label is 1 exactly when feature 3 is above 0.8. */
    static CandidateFeatures.Batch rule(long seed) {
        int users = 40;
        int per = 30;
        int f = CandidateFeatures.NAMES.length;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[users * per * f];
        float[] y = new float[users * per];
        int[] offsets = new int[users + 1];
        int[] items = new int[users * per];
        int[] ids = new int[users];
        for (int u = 0; u < users; u++) {
            ids[u] = u;
            offsets[u + 1] = (u + 1) * per;
            for (int p = 0; p < per; p++) {
                int r = u * per + p;
                items[r] = p;
                for (int c = 0; c < f; c++) {
                    x[r * f + c] = rng.nextDouble();
                }
                y[r] = x[r * f + 3] > 0.8 ? 1 : 0;
            }
        }
        return new CandidateFeatures.Batch(ids, offsets, items, x, y);
    }

    @Test
    void lambdaMartLearnsTheRuleAndCreditsItsFeature() {
        CandidateFeatures.Batch train = rule(1);
        CandidateFeatures.Batch test = rule(2);
        GradientBoostedRanker ranker = GradientBoostedRanker.train(train, test,
                GradientBoostedRanker.DEFAULTS.withRounds(20));
        double[] curve = ranker.validationCurve();
        assertEquals(20, curve.length);
        assertTrue(curve[19] > 0.95, "validation NDCG@10 " + curve[19]);
        double[] s = ranker.score(test);
        int wrong = 0;
        for (int r = 0; r < s.length; r++) {
            for (int q = r + 1; q < s.length && q < r + 30; q++) {
                if (test.labels()[r] != test.labels()[q] && (s[r] > s[q]) != (test.labels()[r] > test.labels()[q])) {
                    wrong++;
                }
            }
        }
        assertTrue(wrong < 10, wrong + " misordered pairs");
        Map<String, Double> gain = ranker.importance();
        String top = gain.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertEquals(CandidateFeatures.NAMES[3], top);
        assertTrue(ranker.bestRound() >= 1 && ranker.bestRound() <= 20);
        // the same seed, the same trees
        assertArrayEquals(s, GradientBoostedRanker.train(train, null, GradientBoostedRanker.DEFAULTS.withRounds(20))
                .score(test), 0);
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GradientBoostedRanker.DEFAULTS.withObjective("reg:squarederror")).getMessage()
                .startsWith("objective must be rank:ndcg, rank:pairwise or binary:logistic"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GradientBoostedRanker.DEFAULTS.withRounds(0))
                .getMessage().startsWith("rounds must be ≥ 1, got 0"));
        assertThrows(IllegalStateException.class, () -> GradientBoostedRanker.train(rule(1), null,
                GradientBoostedRanker.DEFAULTS.withRounds(2)).bestRound());
    }
}
