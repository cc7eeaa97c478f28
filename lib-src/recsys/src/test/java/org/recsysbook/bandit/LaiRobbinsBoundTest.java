package org.recsysbook.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LaiRobbinsBoundTest {

    @Test
    void bernoulliKlByHand() {
        assertEquals(0, LaiRobbinsBound.bernoulliKl(0.3, 0.3), 0);
        // 0.25 ln(0.5) + 0.75 ln(1.5)
        assertEquals(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), LaiRobbinsBound.bernoulliKl(0.25, 0.5), 1e-15);
        assertEquals(0.1308120359, LaiRobbinsBound.bernoulliKl(0.25, 0.5), 1e-9);
        assertEquals(Math.log(1 / 0.6), LaiRobbinsBound.bernoulliKl(0, 0.4), 1e-15, "0 ln 0 = 0");
    }

    @Test
    void constantSumsGapOverKlForWorseArms() {
        double kl = 0.1308120359;
        assertEquals(0.25 / kl, LaiRobbinsBound.constant(new double[] {0.5, 0.25}), 1e-8);
        assertEquals(2 * 0.25 / kl, LaiRobbinsBound.constant(new double[] {0.25, 0.5, 0.25, 0.5}), 1e-8,
                "ties with the best add nothing");
        double[] curve = LaiRobbinsBound.curve(new double[] {0.5, 0.25}, 3);
        assertEquals(0, curve[0], 0);
        assertEquals(0.25 / kl * Math.log(3), curve[2], 1e-8);
    }

    @Test
    void rejectsRatesOutsideTheUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaiRobbinsBound.constant(new double[] {0.5, 1.5}));
        assertEquals("rates[1] must be in [0, 1], got 1.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LaiRobbinsBound.curve(new double[] {0.5}, 0));
    }
}
