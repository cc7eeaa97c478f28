package org.recsysbook.exercises;

import java.util.Map;
import java.util.SplittableRandom;

import org.recsysbook.abtest.ExperimentSimulator;
import org.recsysbook.abtest.PowerAnalysis;
import org.recsysbook.abtest.RateVariant;
import org.recsysbook.abtest.StratifiedEstimate;
import org.recsysbook.abtest.TwoProportionZTest;
import org.recsysbook.studies.SimpsonStudy;

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

    /** The notebook's ramp-up: a holiday week with 10 % of the users on the treatment, then a week at 50 %. */
    static final String[] RAMP_SEGMENTS = {"week 1 (holiday sale)", "week 2"};
    static final int[] RAMP_USERS = {100_000, 100_000};
    static final double[] RAMP_RATE = {0.10, 0.04};
    static final double[] RAMP_LIFT = {0.05, 0.15};
    static final double[] RAMP_SHARE = {0.10, 0.50};

    static boolean stratifiedDifference(Check.StratifiedFunction f, char why) {
        ExerciseCheck check = ExerciseCheck.named("stratified_difference").unless(f == null, "pass your function");
        // by hand: weights 3/4 and 1/4 of all users, differences +0.02 and +0.04: 0.75·0.02 + 0.25·0.04 = 0.025
        long[][] byHand = {{100, 10, 200, 24}, {50, 5, 50, 7}};
        // the notebook's ramp-up, drawn from a seed the check chooses
        SimpsonStudy.Run ramp = new SimpsonStudy(RAMP_SEGMENTS, RAMP_USERS, RAMP_RATE, RAMP_LIFT, RAMP_SHARE)
                .once(new SplittableRandom(611));
        long[][] rampCase = new long[2][];
        rampCase[0] = new long[] {ramp.controlUsers()[0], ramp.controlConverted()[0], ramp.treatmentUsers()[0],
            ramp.treatmentConverted()[0]};
        rampCase[1] = new long[] {ramp.controlUsers()[1], ramp.controlConverted()[1], ramp.treatmentUsers()[1],
            ramp.treatmentConverted()[1]};
        // one segment: the plain difference of rates
        long[][] one = {{400, 40, 600, 66}};
        // a small segment with a large difference beside a big one with none: an unweighted mean is far off
        long[][] unequal = {{9_000, 900, 1_000, 100}, {100, 10, 900, 180}};
        // three segments whose arms' mixes differ, from a seed of the check's own
        SplittableRandom rng = new SplittableRandom(606);
        long[][] random = new long[3][];
        for (int s = 0; s < 3; s++) {
            long nc = 200 + rng.nextInt(5_000);
            long nt = 200 + rng.nextInt(5_000);
            random[s] = new long[] {nc, (long) (nc * (0.02 + 0.1 * rng.nextDouble())), nt,
                (long) (nt * (0.02 + 0.1 * rng.nextDouble()))};
        }
        Object[][] cases = {
            {byHand, "within a segment, compare treatment − control; weight each segment by its share of all users"},
            {rampCase, "compare within each week, then weight the weeks by their share of all users, both arms"},
            {one, "with one segment the stratified difference is the plain difference of the two rates"},
            {unequal, "the weight of a segment is its users in both arms over all users, not 1 / (number of segments)"},
            {random, "the weight counts the control's and the treatment's users of the segment, not one arm's"}};
        for (Object[] c : cases) {
            long[][] seg = (long[][]) c[0];
            int k = seg.length;
            long[] nc = new long[k];
            long[] xc = new long[k];
            long[] nt = new long[k];
            long[] xt = new long[k];
            for (int s = 0; s < k; s++) {
                nc[s] = seg[s][0];
                xc[s] = seg[s][1];
                nt[s] = seg[s][2];
                xt[s] = seg[s][3];
            }
            double expected = StratifiedEstimate.test(nc, xc, nt, xt, 0.05).difference();
            check.near(fmt("%d segment%s, control users %s, treatment users %s", k, k == 1 ? "" : "s",
                            java.util.Arrays.toString(nc), java.util.Arrays.toString(nt)),
                    () -> f.apply(nc.clone(), xc.clone(), nt.clone(), xt.clone()), expected, 1e-9, (String) c[1]);
        }
        return check.choice("pooledWhy", why, "abc", 'c',
                        "compare the arms' mixes of weeks, and the weeks' conversion rates",
                        Map.of('a', "the treatment wins within each week: no segment of users is worse off",
                                'b', "the pooled comparison counts every user, and its p-value is tiny: it is not "
                                        + "noise but a bias"))
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
