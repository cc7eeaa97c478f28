package org.recsysbook.exercises;

import java.util.Map;

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

    /** The tracking loss of the exercise: large enough to fire at 200,000 users for every salt, and small. */
    static final double TRACKING_LOSS = 0.04;

    private static boolean srm(int users, String salt) {
        RateVariant base = RateVariant.of("control", 0.05);
        return ExperimentSimulator.of(users, 14).withSplit(salt, 0.5, 0.5).withTrackingLoss(1, TRACKING_LOSS)
                .run(base, base.withName("treatment")).sampleRatioMismatch().mismatch();
    }

    static boolean smallTrackingLoss(Check.SrmFunction fires, char why) {
        ExerciseCheck check = ExerciseCheck.named("small_tracking_loss").unless(fires == null, "pass your function");
        // the notebook's salt, then salts the check chooses: the verdict compared is the simulation's own
        for (String salt : new String[] {"experiment", "salt-7", "checkout-2026"}) {
            for (int users : new int[] {20_000, 200_000}) {
                boolean expected = srm(users, salt);
                check.answer(fmt("whether the check fires with %,d users, salt \"%s\"", users, salt),
                        () -> fires.apply(users, salt), v -> v == expected,
                        "ExperimentSimulator.of(users, 14).withSplit(salt, 0.5, 0.5).withTrackingLoss(1, 0.04), "
                                + "base in both arms, then sampleRatioMismatch().mismatch()");
            }
        }
        return check.choice("srmWhy", why, "abc", 'b', "how does the chance spread of an arm's size grow with its users?",
                        Map.of('a', "the bug loses the same share, 4 % of the users without a first click, at any "
                                        + "size",
                                'c', "both experiments run for 14 days"))
                .run();
    }

    static boolean halfTheEffect(double predictedFactor, Check.UsersPerArmFunction users) {
        long twoPoints = PowerAnalysis.sampleSizePerArm(0.10, 0.02, 0.05, 0.80);
        long onePoint = PowerAnalysis.sampleSizePerArm(0.10, 0.01, 0.05, 0.80);
        double ratio = (double) onePoint / twoPoints;
        ExerciseCheck check = ExerciseCheck.named("half_the_effect").unless(users == null, "pass your function");
        for (double mde : new double[] {0.01, 0.02, 0.015, 0.005}) {
            long expected = PowerAnalysis.sampleSizePerArm(0.10, mde, 0.05, 0.80);
            check.answer(fmt("users per arm for 10 %% → %s %%", fmt(100 * (0.10 + mde))), () -> users.apply(mde),
                    n -> n == expected, "PowerAnalysis.sampleSizePerArm(0.10, mde, 0.05, 0.80)");
        }
        // within 0.3 of the true factor: accepts 4, the 1/sqrt(n) answer; rejects 2 (standard error ∝ 1/n)
        return check.answer("sizeFactorPrediction", () -> predictedFactor, f -> Math.abs(f - ratio) <= 0.3,
                        "the standard error shrinks like 1 / sqrt(n): what n halves it?")
                .note(fmt("%,d users per arm instead of %,d: %.2f times as many", onePoint, twoPoints, ratio))
                .run();
    }

    /** The design task's brief: the lift to detect and the traffic the plan may use. */
    static final double PLAN_BASELINE = 0.05;
    static final double PLAN_LIFT = 0.0025;
    static final int PLAN_USERS_PER_DAY = 6_000;

    static boolean experimentPlan(long usersPerArm, int days, String design) {
        long needed = PowerAnalysis.sampleSizePerArm(PLAN_BASELINE, PLAN_LIFT, 0.05, 0.80);
        int minDays = (int) Math.ceil(2.0 * needed / PLAN_USERS_PER_DAY);
        int weeks = (minDays + 6) / 7;
        ExerciseCheck check = ExerciseCheck.named("experiment_plan")
                .unless(usersPerArm <= 0 || days <= 0, "set planUsersPerArm and planDays");
        return DesignAnswers.written(check, design)
                .answer("planUsersPerArm", () -> usersPerArm, n -> n >= needed,
                        "the users per arm for 80 % power at α = 0.05 (PowerAnalysis.sampleSizePerArm)")
                .answer("planDays", () -> days, d -> (long) d * PLAN_USERS_PER_DAY / 2 >= usersPerArm,
                        "both arms share the day's new users: can they bring planUsersPerArm each in planDays?")
                .answer("planDays", () -> days, d -> d % 7 == 0,
                        "weekdays and weekends behave differently: run whole weeks")
                .answer("planDays", () -> days, d -> d <= 7 * weeks,
                        "every day beyond the whole weeks you need delays the decision and exposes users to a "
                                + "worse arm")
                .run();
    }
}
