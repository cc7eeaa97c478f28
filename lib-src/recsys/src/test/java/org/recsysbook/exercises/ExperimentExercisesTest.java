package org.recsysbook.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recsysbook.experiment.ThompsonSlot;
import org.recsysbook.notebook.Results;
import org.recsysbook.notebook.TestSinks;

/** The checks of notebook 12's exercises pass the solutions and fail wrong answers and stubs. */
class ExperimentExercisesTest {
    @BeforeEach
    void freshSink() {
        TestSinks.fresh();
        Results.clear();
    }

    @Test
    void srmChiSquare() {
        assertTrue(Check.srmChiSquare((c, t) -> {
            double e = (c + t) / 2.0;
            return (c - e) * (c - e) / e + (t - e) * (t - e) / e;
        }, 776, 589));
        assertFalse(Check.srmChiSquare((c, t) -> Math.abs(c - t) / Math.sqrt(c + t), 776, 589));
        assertFalse(Check.srmChiSquare(null, 776, 589));
    }

    @Test
    void propensityFloor() {
        ThompsonSlot slot = ThompsonSlot.of(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 3, 1);
        assertTrue(Check.propensityFloor(0.05 / 8, 'b', slot));
        assertFalse(Check.propensityFloor(0.05, 'b', slot));
        assertFalse(Check.propensityFloor(0.05 / 8, 'a', slot));
        assertFalse(Check.propensityFloor(0.05 / 8, 'c', slot));
        assertFalse(Check.propensityFloor(0, '?', slot));
    }
}
