package org.recsysbook.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntervalTest {

    @Test
    void studentTIntervalByHand() {
        Interval i = Interval.studentT(new double[] {1, 2, 3, 4, 5}, 0.95);
        // mean 3, s = sqrt(2.5), se = sqrt(0.5), t(0.975, 4) = 2.7764451
        assertEquals(3, i.mean(), 1e-12);
        assertEquals(3 - 2.7764451 * Math.sqrt(0.5), i.lower(), 1e-6);
        assertEquals(3 + 2.7764451 * Math.sqrt(0.5), i.upper(), 1e-6);
        assertEquals(0.95, i.level());
        assertTrue(Double.isNaN(Interval.studentT(new double[] {2}, 0.95).lower()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Interval.studentT(new double[] {1, 2}, 1));
        assertEquals("level must be in (0, 1), got 1.0", e.getMessage());
    }

    @Test
    void bandOverRunsIsTheMeanWithATIntervalAtEachPoint() {
        Interval[] b = Interval.studentTBand(new double[][] {{1, 2, 5}, {3, 4, 5}}, 0.95);
        // n = 2 runs: s = sqrt(2) at the first two points, s/sqrt(n) = 1, t(0.975, 1) = tan(0.475 pi).
        double t = Math.tan(0.475 * Math.PI);
        assertEquals(3, b.length);
        assertEquals(2, b[0].mean(), 1e-12);
        assertEquals(3 - t, b[1].lower(), 1e-6);
        assertEquals(2 + t, b[0].upper(), 1e-6);
        assertEquals(5, b[2].lower(), 1e-12);
        assertEquals(5, b[2].upper(), 1e-12);
    }

    @Test
    void bandOverManyRunsApproachesTheNormalInterval() {
        double[][] runs = new double[1000][1];
        for (int r = 0; r < runs.length; r++) {
            runs[r][0] = r % 2 == 0 ? -1 : 1;
        }
        // mean 0, s^2 = 1000/999, half width = t(0.975, 999) * s / sqrt(1000), t(0.975, 999) = 1.962341
        assertEquals(1.962341 * Math.sqrt(1000.0 / 999) / Math.sqrt(1000),
                Interval.studentTBand(runs, 0.95)[0].upper(), 1e-6);
    }

    @Test
    void aroundContainsAndWidth() {
        Interval i = Interval.around(0.1, 0.02, 0.9);
        assertEquals(0.08, i.lower(), 1e-15);
        assertEquals(0.12, i.upper(), 1e-15);
        assertEquals(0.04, i.width(), 1e-15);
        assertEquals(0.02, i.halfWidth(), 1e-15);
        assertTrue(i.contains(0.1));
        assertFalse(i.contains(0.13));
        assertFalse(Interval.none(0.95).contains(0));
        assertEquals("0.100000 [0.0800000, 0.120000] (90%)", i.toString());
    }

    @Test
    void bandRejectsTooFewOrRaggedRuns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Interval.studentTBand(new double[][] {{1}}, 0.95));
        assertEquals("runs.length must be ≥ 2, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Interval.studentTBand(new double[][] {{1}, {1, 2}}, 0.95));
        assertEquals("runs[1].length must be 1 (the length of runs[0]), got 2", e.getMessage());
    }
}
