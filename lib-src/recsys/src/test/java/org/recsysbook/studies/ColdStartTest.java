package org.recsysbook.studies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.recsysbook.data.MovieLens;
import org.recsysbook.data.Split;
import org.recsysbook.retrieval.ImplicitAls;

/** The cold-start study's pieces on the shipped sample and on hand-made inputs. */
class ColdStartTest {
    static MovieLens sample() {
        try {
            return MovieLens.load(Path.of(ColdStartTest.class.getResource("/movielens/ratings.csv").toURI()).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void genreCosineAndTopSkipWhatTheyShould() {
        // profile: two movies of genre 0, one of genre 1; a movie of genres {0} and one of {0, 1}
        double[] p = ColdStart.profile(new int[] {0b01, 0b01, 0b10}, new int[] {0, 1, 2});
        assertEquals(2, p[0]);
        assertEquals(1, p[1]);
        assertEquals(2 / Math.sqrt(5), ColdStart.cosine(p, 0b01), 1e-12);
        assertEquals(3 / Math.sqrt(5 * 2), ColdStart.cosine(p, 0b11), 1e-12);
        assertEquals(0, ColdStart.cosine(new double[32], 0b11));
        assertEquals(0, ColdStart.cosine(p, 0));
        // the best items, skipping the skipped and the unscorable
        double[] scores = {5, 4, Double.NEGATIVE_INFINITY, 3, 2};
        assertArrayEquals(new int[] {1, 3}, ColdStart.top(scores, new int[] {0}, 2));
        assertArrayEquals(new int[] {0, 1, 3, 4}, ColdStart.top(scores, new int[0], 5));
        // with nothing revealed the genre source is popularity itself
        double[] pop = {3, 1, 2};
        assertArrayEquals(pop, ColdStart.genreScores(pop, new int[] {1, 2, 3}, new int[0]));
    }

    @Test
    void newItemsHaveNoAlsVectorAndNeverReachItsLists() {
        MovieLens ml = sample();
        Split split = Split.chronological(ml.ratings(), 0.25);
        ImplicitAls als = ImplicitAls.train(split.train(), ImplicitAls.DEFAULTS.withFactors(4).withIterations(3), false);
        ColdStart.NewItems n = ColdStart.newItems(ml, split, als);
        assertEquals(0, n.newMoviesInAlsLists());
        assertEquals(0, n.hitsOnNewMoviesAls());
        assertTrue(n.newMoviesExposedBySlot() >= 0 && n.hitsOnNewMoviesBySlot() <= split.testUsers().length);
        assertTrue(n.shareOfTestRatings() >= 0 && n.shareOfTestRatings() <= 1);
        int[] trainCounts = split.train().itemCounts();
        int[] testCounts = split.test().itemCounts();
        int expected = 0;
        for (int i = 0; i < trainCounts.length; i++) {
            if (trainCounts[i] == 0 && testCounts[i] > 0) {
                expected++;
            }
        }
        assertEquals(expected, n.newMoviesInTest());
    }

    @Test
    void badArgumentsAreNamed() {
        MovieLens ml = sample();
        ImplicitAls.Settings s = ImplicitAls.DEFAULTS.withFactors(4).withIterations(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ColdStart.newUsers(ml, 1.5, new int[] {0}, s, 1));
        assertTrue(e.getMessage().contains("share"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ColdStart.newUsers(ml, 0.5, new int[] {21}, s, 1));
        assertTrue(e.getMessage().contains("reveals"), e.getMessage());
        // the sample's users have fewer than 20 ratings: nobody has a test set, and the message says so
        e = assertThrows(IllegalArgumentException.class, () -> ColdStart.newUsers(ml, 0.5, new int[] {1}, s, 1));
        assertTrue(e.getMessage().contains("more than 20 ratings"), e.getMessage());
    }
}
