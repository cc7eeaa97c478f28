package org.recsysbook.exercises;

import java.util.Locale;

import org.recsysbook.serving.LoadResult;

/** The cases behind {@link Check}'s checks for notebook 11 · serving. */
final class ServingExercises {
    private ServingExercises() {
    }

    /**
     * Checks Little's law, L = λ·W, with λ in requests per second and W in milliseconds: two cases worked by hand,
     * then the notebook's measured run, whose in-flight count was measured on its own.
     */
    static boolean littlesLaw(Check.LittleFunction little, LoadResult run) {
        ExerciseCheck check = ExerciseCheck.named("littles_law")
                .unless(little == null, "write littlesLaw as a function (lambda, wMillis) -> …");
        if (little == null) {
            return check.run();
        }
        check.near("λ = 100/s, W = 20 ms", () -> little.apply(100, 20), 2.0, 1e-9,
                        "W is in milliseconds and λ per second: convert one of them")
                .near("λ = 40/s, W = 250 ms", () -> little.apply(40, 250), 10.0, 1e-9,
                        "the mean number in the system is the arrival rate times the time each spends there");
        if (run != null) {
            double mine = little.apply(run.throughput(), run.meanMillis());
            check.note(String.format(Locale.ROOT, "the run: λ = %.1f/s, W = %.2f ms → λ·W = %.2f; measured in flight "
                    + "L = %.2f", run.throughput(), run.meanMillis(), mine, run.meanInFlight()));
        }
        return check.run();
    }

    /**
     * Checks the prediction of which generator reports more slow requests when the service pauses mid-run (the
     * open loop: its requests keep coming during the pause and each waits; a closed loop's users wait instead of
     * sending, so the pause touches only the few requests in flight), against the two runs themselves.
     *
     * @param prediction 'a' closed loop, 'b' open loop, 'c' the same share
     */
    static boolean coordinatedOmission(char prediction, LoadResult closed, LoadResult open,
                                              double slowMillis) {
        ExerciseCheck check = ExerciseCheck.named("coordinated_omission")
                .unless(closed == null || open == null, "run both loads into closedRun and openRun");
        if (closed == null || open == null) {
            return check.choice("omissionPrediction", prediction, "abc", 'b', "", OMISSION_WRONG).run();
        }
        double c = closed.shareSlowerThan(slowMillis);
        double o = open.shareSlowerThan(slowMillis);
        return check.answer("closedRun", () -> closed.mode(), "closed"::equals,
                        "closedRun comes from LoadGenerator.closedLoop")
                .answer("openRun", () -> open.mode(), "open"::equals, "openRun comes from LoadGenerator.openLoop")
                .answer("the runs", () -> o > c, v -> v,
                        "rerun both: the pause must fall inside each run (start the pause just before each run)")
                .choice("omissionPrediction", prediction, "abc", 'b',
                        "during the pause, who keeps sending requests: the closed loop's users, or the open loop's "
                                + "clock?", OMISSION_WRONG)
                .note(String.format(Locale.ROOT, "share of answers slower than %.0f ms: closed loop %.1f%%, open loop "
                        + "%.1f%%", slowMillis, 100 * c, 100 * o))
                .run();
    }

    /** What is wrong with each wrong answer to the coordinated-omission prediction. */
    static final java.util.Map<Character, String> OMISSION_WRONG = java.util.Map.of(
            'a', "a closed-loop user waiting through the pause sends nothing meanwhile: only the one or two requests "
                    + "in flight are slow, the rest of the second is simply missing from its log",
            'c', "the pause is the same, but not the number of requests it catches: one generator stops sending "
                    + "while the other keeps sending on schedule");

    /** What is wrong with each wrong answer to why a larger concurrency limit worsens the accepted p99. */
    static final java.util.Map<Character, String> LIMIT_WRONG = java.util.Map.of(
            'a', "the p99 is of the accepted requests only: a shed request is answered at once with a 503 and is not "
                    + "among them (and it takes milliseconds, not the accepted requests' hundreds)",
            'b', "an open connection costs almost nothing while idle; the time goes into computing the funnel, which "
                    + "is CPU work");

    /**
     * Checks the explanation of why a larger concurrency limit gives a worse p99 to the requests it accepts at twice
     * the capacity, against runs with a limit of 1 and of 16.
     *
     * @param why 'a' the larger limit sheds more; 'b' HTTP costs more with more connections; 'c' more requests share
     *            the two cores, so each takes longer
     */
    static boolean concurrencyLimit(LoadResult limitOne, LoadResult limitSixteen, char why) {
        ExerciseCheck check = ExerciseCheck.named("concurrency_limit")
                .unless(limitOne == null || limitSixteen == null, "run both servers into limitOne and limitSixteen");
        if (limitOne == null || limitSixteen == null) {
            return check.choice("limitWhy", why, "abc", 'c', "", LIMIT_WRONG).run();
        }
        return check.answer("the runs", () -> limitSixteen.p99() > limitOne.p99() && limitOne.shed() > 0, v -> v,
                        "run both at twice the capacity, open loop, for the same time")
                .choice("limitWhy", why, "abc", 'c',
                        "two cores run two requests at a time; what happens to the other fourteen?", LIMIT_WRONG)
                .note(String.format(Locale.ROOT, "accepted p99: limit 1 %.1f ms (%.0f%% shed), limit 16 %.1f ms "
                                + "(%.0f%% shed)", limitOne.p99(), 100 * limitOne.shedRate(), limitSixteen.p99(),
                        100 * limitSixteen.shedRate()))
                .run();
    }
}
