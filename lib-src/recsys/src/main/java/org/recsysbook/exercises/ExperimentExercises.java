package org.recsysbook.exercises;

import java.util.Locale;

import org.recsysbook.abtest.SampleRatioMismatch;
import org.recsysbook.experiment.ThompsonSlot;

/** The cases behind {@link Check}'s checks for notebook 12 · the experiment loop. */
final class ExperimentExercises {
    private ExperimentExercises() {
    }

    /**
     * Checks a 50/50 sample-ratio χ² statistic, Σ (observed − expected)² / expected over the two arms, on cases worked
     * by hand and against {@link SampleRatioMismatch} on the notebook's broken day.
     */
    static boolean srmChiSquare(Check.ChiSquareFunction chi2, long brokenControl, long brokenTreatment) {
        ExerciseCheck check = ExerciseCheck.named("srm_chi_square")
                .unless(chi2 == null, "write srmChiSquare as a function (control, treatment) -> …");
        if (chi2 == null) {
            return check.run();
        }
        check.near("500 and 500", () -> chi2.apply(500, 500), 0.0, 1e-9, "equal arms are no evidence at all")
                .near("600 and 400", () -> chi2.apply(600, 400), 40.0, 1e-9,
                        "the expected count of each arm is half the total; sum (o − e)² / e over both arms")
                .near("the broken day", () -> chi2.apply(brokenControl, brokenTreatment),
                        SampleRatioMismatch.test(brokenControl, brokenTreatment).chiSquare(), 1e-9,
                        "the same formula as the library's SampleRatioMismatch");
        return check.note(String.format(Locale.ROOT, "the broken day: %d and %d users, χ² = %.1f", brokenControl,
                brokenTreatment, SampleRatioMismatch.test(brokenControl, brokenTreatment).chiSquare())).run();
    }

    /** What is wrong with each wrong reason for the propensity floor. */
    static final java.util.Map<Character, String> FLOOR_WRONG = java.util.Map.of(
            'a', "the uniform share shows items Thompson sampling already believes poor: it costs the slot clicks and "
                    + "teaches it little; it is there for the estimates of other policies, not for this one",
            'c', "a propensity of 0 is a number like any other for the store; the trouble comes when an estimator "
                    + "divides by it");

    /**
     * Checks the smallest propensity the exploration slot can log (ε / K) against the slot itself, and why off-policy
     * evaluation needs such a floor.
     *
     * @param why 'a' a floor makes Thompson sampling learn faster; 'b' IPS divides by the logged propensity: an item
     *            the logging policy never shows cannot be judged; 'c' DuckDB cannot store a propensity of 0
     */
    static boolean propensityFloor(double floor, char why, ThompsonSlot slot) {
        ExerciseCheck check = ExerciseCheck.named("propensity_floor")
                .unless(slot == null, "pass the notebook's slot");
        if (slot == null) {
            return check.choice("floorWhy", why, "abc", 'b', "", FLOOR_WRONG).run();
        }
        double smallest = java.util.Arrays.stream(slot.probabilities()).min().orElse(0);
        return check.near("minPropensity for ε = 0.05 over the pool", () -> floor, 0.05 / slot.pool().length, 1e-12,
                        "a share ε is spread evenly over the K items of the pool")
                .answer("the slot", () -> smallest >= floor - 1e-12, v -> v,
                        "no item of the slot is ever shown with less than ε / K")
                .choice("floorWhy", why, "abc", 'b',
                        "look at the IPS weight π_new(a) / π_logged(a): what happens when π_logged(a) is 0?",
                        FLOOR_WRONG)
                .note(String.format(Locale.ROOT, "the slot's smallest propensity now: %.4f", smallest))
                .run();
    }
}
