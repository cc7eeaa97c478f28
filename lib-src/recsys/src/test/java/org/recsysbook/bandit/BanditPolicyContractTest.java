package org.recsysbook.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every policy owes the {@link BanditPolicy} contract: input checks and distinct picks. */
class BanditPolicyContractTest {

    static Stream<BanditPolicy> policies() {
        return Stream.of(
                new ThompsonSampling(5, new SplittableRandom(1)),
                new Ucb(5),
                new Ucb1(5),
                EpsilonGreedy.fixed(5, 0.3, new SplittableRandom(1)),
                EpsilonGreedy.decaying(5, 1, 10, new SplittableRandom(1)),
                new DiscountedThompsonSampling(5, 0.9, new SplittableRandom(1)),
                new StaticModel(5, 3, new SplittableRandom(1)));
    }

    @ParameterizedTest
    @MethodSource("policies")
    void rejectsNSelectOutsideOneToCandidates(BanditPolicy p) {
        int[] c = {0, 1, 2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.select(c, 0));
        assertEquals("nSelect must be in [1, 3] (the number of candidates), got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.select(c, 4));
        assertEquals("nSelect must be in [1, 3] (the number of candidates), got 4", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("policies")
    void rejectsUnknownAndRepeatedCandidates(BanditPolicy p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.select(new int[] {0, 5}, 1));
        assertEquals("candidates[1] must be an arm id in [0, 4], got 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.select(new int[] {-1}, 1));
        e = assertThrows(IllegalArgumentException.class, () -> p.select(new int[] {2, 3, 2}, 1));
        assertEquals("candidates[2] must be an arm id not listed before (2 appears twice), got 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.select(null, 1));
        e = assertThrows(IllegalArgumentException.class, () -> p.update(7, 0));
        assertEquals("arm must be in [0, 5) (5 arms), got 7", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("policies")
    void picksDistinctCandidatesOnly(BanditPolicy p) {
        int[] c = {4, 1, 3};
        SplittableRandom clicks = new SplittableRandom(2);
        for (int t = 0; t < 50; t++) {
            int[] s = p.select(c, 3);
            assertArrayEquals(new int[] {1, 3, 4}, Stream.of(s[0], s[1], s[2]).mapToInt(i -> i).sorted().toArray());
            p.update(s[0], clicks.nextDouble() < 0.5 ? 1 : 0);
            int one = p.selectOne(new int[] {2});
            assertEquals(2, one);
        }
    }

    @Test
    void topNKeepsCandidateOrderOnTies() {
        int[] c = {10, 11, 12, 13, 14};
        double[] s = {0.5, 0.9, 0.5, 0.9, 0.1};
        assertArrayEquals(new int[] {11, 13, 10, 12}, AbstractBanditPolicy.topN(c, s, 4));
        assertArrayEquals(new int[] {11}, AbstractBanditPolicy.topN(c, s, 1));
        assertArrayEquals(new int[] {11, 13, 10, 12, 14}, AbstractBanditPolicy.topN(c, s, 5));
    }

    @Test
    void allArmsListsTheIds() {
        assertArrayEquals(new int[] {0, 1, 2}, BanditPolicy.allArms(3));
        assertThrows(IllegalArgumentException.class, () -> BanditPolicy.allArms(0));
    }
}
