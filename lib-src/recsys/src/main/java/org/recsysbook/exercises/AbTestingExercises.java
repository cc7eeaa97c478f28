package org.recsysbook.exercises;

import org.recsysbook.abtest.ExperimentSimulator;
import org.recsysbook.abtest.PowerAnalysis;
import org.recsysbook.abtest.RateVariant;
import org.recsysbook.abtest.TwoProportionZTest;

import static org.recsysbook.exercises.ExerciseCheck.fmt;

/** The cases behind {@link Check}'s checks for notebook 06 · A/B testing. */
final class AbTestingExercises {
    private AbTestingExercises() { }

    static boolean zStatistic(Check.ZStatisticFunction z) {
        ExerciseCheck check = ExerciseCheck.named("z_statistic").unless(z == null, "pass your function");
        long[][] cases = {{5, 83, 12, 99}, {1000, 10_000, 1100, 10_000}, {120, 1000, 100, 1000}, {50, 400, 50, 400},
                {30, 200, 45, 500}};
        String[] hints = {"p̂ = successes / trials in each arm; the difference is treatment minus control",
                "the standard error uses the pooled rate p̄ = all successes / all trials",
                "a treatment below control gives a negative z", "equal rates give z = 0",
                "unequal arm sizes enter through 1/nA + 1/nB"};
        for (int i = 0; i < cases.length; i++) {
            long[] c = cases[i];
            double expected = TwoProportionZTest.test(c[0], c[1], c[2], c[3], 0.05).statistic();
            check.near(fmt("successesA=%d, trialsA=%d, successesB=%d, trialsB=%d", c[0], c[1], c[2], c[3]),
                    () -> z.apply(c[0], c[1], c[2], c[3]), expected, 1e-9, hints[i]);
        }
        return check.run();
    }

    static boolean smallTrackingLoss(boolean firesAt20k, boolean firesAt200k, char why) {
        RateVariant base = RateVariant.of("control", 0.05);
        boolean[] expected = new boolean[2];
        int[] sizes = {20_000, 200_000};
        for (int i = 0; i < 2; i++) {
            expected[i] = ExperimentSimulator.of(sizes[i], 14).withTrackingLoss(1, 0.02)
                    .run(base, base.withName("treatment")).sampleRatioMismatch().mismatch();
        }
        return ExerciseCheck.named("small_tracking_loss")
                .answer("srmAt20k", () -> firesAt20k, v -> v == expected[0],
                        "ExperimentSimulator.of(20_000, 14).withTrackingLoss(1, 0.02), then sampleRatioMismatch()")
                .answer("srmAt200k", () -> firesAt200k, v -> v == expected[1], "the same with 200,000 users")
                .choice("srmWhy", why, "abc", 'b', "how does the chance spread of an arm's size grow with its users?")
                .run();
    }

    static boolean halfTheEffect(double predictedFactor, long usersForOnePoint) {
        long twoPoints = PowerAnalysis.sampleSizePerArm(0.10, 0.02, 0.05, 0.80);
        long onePoint = PowerAnalysis.sampleSizePerArm(0.10, 0.01, 0.05, 0.80);
        double ratio = (double) onePoint / twoPoints;
        return ExerciseCheck.named("half_the_effect")
                .answer("usersForOnePoint", () -> usersForOnePoint, n -> n == onePoint,
                        "PowerAnalysis.sampleSizePerArm with a minimum detectable effect of 0.01")
                .answer("sizeFactorPrediction", () -> predictedFactor, f -> Math.abs(f - ratio) <= 0.3,
                        "the standard error shrinks like 1 / sqrt(n): what n halves it?")
                .note(usersForOnePoint == onePoint ? fmt("%,d users per arm instead of %,d: %.2f times as many",
                        onePoint, twoPoints, ratio) : null)
                .run();
    }
}
