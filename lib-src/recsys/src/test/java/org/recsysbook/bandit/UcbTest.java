package org.recsysbook.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UcbTest {

    /** Gives arm 0 six clicks in ten rewards (mean 0.6), then arm 1 one click in two (mean 0.5): 12 in all. */
    private static Ucb trained(Ucb ucb) {
        for (int i = 0; i < 10; i++) {
            ucb.update(0, i < 6 ? 1 : 0);
        }
        ucb.update(1, 1);
        ucb.update(1, 0);
        return ucb;
    }

    @Test
    void untriedArmsComeFirstInCandidateOrder() {
        Ucb ucb = new Ucb(5);
        ucb.update(4, 1);
        assertArrayEquals(new int[] {2, 0, 4}, ucb.select(new int[] {4, 2, 0}, 3));
        assertEquals(Double.POSITIVE_INFINITY, ucb.index(0));
    }

    @Test
    void indexIsTheSeedsFormula() {
        Ucb ucb = trained(new Ucb(2));
        assertEquals(0.6 + 2 * Math.sqrt(Math.log(13) / 10), ucb.index(0), 1e-12);
        assertEquals(0.5 + 2 * Math.sqrt(Math.log(13) / 2), ucb.index(1), 1e-12);
        assertEquals(1, ucb.selectOne(new int[] {0, 1}), "the less-tried arm has the larger bonus");
        Ucb greedy = trained(new Ucb(2, 0));
        assertEquals(0, greedy.selectOne(new int[] {0, 1}), "c = 0 is greedy");
    }

    @Test
    void ucb1IndexIsAuersFormula() {
        Ucb1 ucb = new Ucb1(2);
        ucb.update(0, 1);
        ucb.update(0, 0);
        ucb.update(0, 1);
        ucb.update(1, 0);
        assertEquals(2.0 / 3 + Math.sqrt(2 * Math.log(4) / 3), ucb.index(0), 1e-12);
        assertEquals(Math.sqrt(2 * Math.log(4)), ucb.index(1), 1e-12);
        assertEquals(1, ucb.selectOne(new int[] {0, 1}));
    }

    @Test
    void statsAreSampleMeanAndStandardError() {
        Ucb ucb = new Ucb(2);
        for (double r : new double[] {1, 0, 1, 1}) {
            ucb.update(0, r);
        }
        ArmStats s = ucb.stats(0);
        // mean 0.75, sample variance (3·0.0625 + 0.5625)/3 = 0.25, standard error sqrt(0.25/4) = 0.25
        assertEquals(0.75, s.mean(), 1e-15);
        assertEquals(0.25, s.std(), 1e-15);
        assertEquals(4, s.trials());
        assertTrue(Double.isNaN(ucb.stats(1).mean()), "no estimate before the first reward");
    }

    @Test
    void rejectsNegativeC() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Ucb(3, -0.5));
        assertEquals("c must be a finite number ≥ 0, got -0.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ucb.factory(-1));
        assertThrows(IllegalArgumentException.class, () -> new Ucb(3, Double.NaN));
    }

    @Test
    void rejectsNonFiniteRewardsAndUnknownArms() {
        Ucb ucb = new Ucb(3);
        assertThrows(IllegalArgumentException.class, () -> ucb.update(0, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ucb.update(3, 1));
        assertEquals("arm must be in [0, 3) (3 arms), got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Ucb1(2).update(-1, 0));
    }
}
