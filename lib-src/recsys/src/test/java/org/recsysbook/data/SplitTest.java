package org.recsysbook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitTest {
    private final Interactions all = MovieLensTest.load().ratings();

    @Test
    void chronologicalKeepsEachUsersLastShareForTheTest() {
        Split s = Split.chronological(all, 0.25);
        // user 0 has 4 ratings in the order items 3, 4, 1, 0: the last one is the test set
        assertArrayEquals(new int[] {3, 4, 1}, s.train().items(0));
        assertArrayEquals(new int[] {0}, s.test().items(0));
        // user 3 has items 0, 2, 3 (2 and 3 at the same second, ties by item id): round(0.75) = 1 test item
        assertArrayEquals(new int[] {3}, s.test().items(3));
        assertEquals(all.size(), s.train().size() + s.test().size());
        assertArrayEquals(new int[] {0, 1, 2, 3}, s.testUsers());
    }

    @Test
    void testCountsKeepOneTrainingRating() {
        assertEquals(0, Split.testCount(1, 0.5));
        assertEquals(1, Split.testCount(2, 0.9));
        assertEquals(1, Split.testCount(2, 0.01));
        assertEquals(4, Split.testCount(20, 0.2));
        assertEquals(19, Split.testCount(20, 0.99));
    }

    @Test
    void randomKeepsTheCountsAndIsSeeded() {
        Split a = Split.random(all, 0.5, 7);
        Split b = Split.random(all, 0.5, 7);
        for (int u = 0; u < all.userCount(); u++) {
            assertEquals(Split.testCount(all.count(u), 0.5), a.test().count(u));
            assertArrayEquals(a.test().items(u), b.test().items(u));
        }
    }

    @Test
    void globalTimeCutsEveryoneAtOneTime() {
        Split s = Split.globalTime(all, 1_000_000_001L);
        // users 1 and 4 rated before 2001; user 7's second rating and all of user 12's are at or after the cut
        assertEquals(0, s.test().count(0));
        assertArrayEquals(new int[] {4}, s.train().items(2));
        assertArrayEquals(new int[] {1}, s.test().items(2));
        assertEquals(3, s.test().count(3));
        assertArrayEquals(new int[] {2}, s.testUsers());
        Split byShare = Split.globalTime(all, 0.3);
        assertTrue(byShare.test().size() >= 3, byShare.toString());
    }

    @Test
    void thresholdAndValidation() {
        Split s = Split.chronological(all, 0.5).relevantAtLeast(4.0);
        // user 0's test half is items 1 (0.5 stars) and 0 (1 star): nothing liked
        assertEquals(0, s.test().count(0));
        Split v = Split.chronological(all, 0.25).validation(0.34);
        // user 0 trains on 3, 4, 1: the last of those is validation
        assertArrayEquals(new int[] {3, 4}, v.train().items(0));
        assertArrayEquals(new int[] {1}, v.test().items(0));
    }

    @Test
    void badFractionsAndThresholdsAreRefused() {
        for (double f : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Split.chronological(all, f));
            assertTrue(e.getMessage().startsWith("testFraction must be in (0, 1), got"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Split.random(all, f, 1));
            assertThrows(IllegalArgumentException.class, () -> Split.globalTime(all, f));
        }
        Split s = Split.chronological(all, 0.2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.validation(1.0)).getMessage()
                .startsWith("fraction must be in (0, 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.relevantAtLeast(6)).getMessage()
                .startsWith("threshold must be in [0.5, 5]"));
    }
}
