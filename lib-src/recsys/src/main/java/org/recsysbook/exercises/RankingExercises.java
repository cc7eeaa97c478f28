package org.recsysbook.exercises;

import java.util.Map;

import static org.recsysbook.exercises.ExerciseCheck.fmt;

/** The cases behind {@link Check}'s checks for notebook 03 · ranking. */
final class RankingExercises {
    private RankingExercises() { }

    static boolean ipwLabel(Check.IpwLabelFunction label) {
        ExerciseCheck check = ExerciseCheck.named("ipw_label").unless(label == null, "pass your function");
        check.near("clicked=true, position=1", () -> label.apply(true, 1), 1, 1e-9,
                "position 1 is always examined, so a click there counts once");
        check.near("clicked=true, position=3", () -> label.apply(true, 3), 2, 1e-9,
                "divide the click by the examination probability of its position");
        check.near("clicked=true, position=7", () -> label.apply(true, 7), 3, 1e-9,
                "e(p) = 1 / log2(p + 1), with positions counted from 1");
        check.near("clicked=true, position=10", () -> label.apply(true, 10), Math.log(11) / Math.log(2), 1e-9,
                "Math.log is the natural logarithm: divide by Math.log(2) for log2");
        check.near("clicked=false, position=3", () -> label.apply(false, 3), 0, 0, "a skip is a 0 at any position");
        return check.run();
    }

    static boolean logLoss(Check.LogLossFunction loss) {
        ExerciseCheck check = ExerciseCheck.named("log_loss").unless(loss == null, "pass your function");
        check.near("predicted=[0.5], clicked=[true]", () -> loss.apply(new double[] {0.5}, new boolean[] {true}),
                Math.log(2), 1e-9, "the loss of one click predicted at p is −ln p");
        check.near("predicted=[0.9, 0.2], clicked=[true, false]",
                () -> loss.apply(new double[] {0.9, 0.2}, new boolean[] {true, false}),
                -(Math.log(0.9) + Math.log(0.8)) / 2, 1e-9, "a skip predicted at p costs −ln(1 − p)");
        check.near("predicted=[0.1, 0.1, 0.1, 0.1], clicked=[true, false, false, false]",
                () -> loss.apply(new double[] {0.1, 0.1, 0.1, 0.1}, new boolean[] {true, false, false, false}),
                -(Math.log(0.1) + 3 * Math.log(0.9)) / 4, 1e-9, "the mean over impressions, not the sum");
        check.near("predicted=[0.99], clicked=[false]", () -> loss.apply(new double[] {0.99}, new boolean[] {false}),
                -Math.log(0.01), 1e-9, "a confident mistake costs a lot");
        return check.run();
    }

    static boolean examinationRatio(Check.ExaminationRatioFunction ratio, char why, double[] ctrByPosition) {
        ExerciseCheck check = ExerciseCheck.named("examination_ratio").unless(ratio == null, "pass your function");
        // the notebook's pair, then pairs the check chooses: 1e-6 rejects log2(p) for log2(p + 1)
        int[][] pairs = {{1, 10}, {2, 7}, {3, 5}, {1, 2}, {4, 20}};
        for (int[] p : pairs) {
            double expected = (Math.log(p[1] + 1) / Math.log(2)) / (Math.log(p[0] + 1) / Math.log(2));
            check.answer(fmt("the ratio CTR@%d / CTR@%d", p[0], p[1]), () -> ratio.apply(p[0], p[1]),
                    r -> Math.abs(r - expected) <= 1e-6 * expected,
                    "equally attractive items: the ratio of the examination probabilities e(top) / e(deep), with "
                            + "e(p) = 1 / log2(p + 1) and positions from 1");
        }
        if (ctrByPosition != null && ctrByPosition.length >= 10 && ctrByPosition[9] > 0) {
            double measured = ctrByPosition[0] / ctrByPosition[9];
            double examination = Math.log(11) / Math.log(2);
            char right = measured > examination ? 'b' : 'a';
            check.note(fmt("logged: CTR@1 / CTR@10 = %.2f", measured))
                    .choice("ratioWhy", why, "abc", right, "what did the production ranker put on position 1?",
                            Map.of('a', "users examining deeper than the model says would make the logged ratio "
                                            + "smaller than e(1) / e(10), and it is larger",
                                    'b', "the logged ratio is below what examination alone gives: position 1 does "
                                            + "not hold the more attractive items here",
                                    'c', "the click model multiplies the attraction by e(p): positions are half of "
                                            + "it"));
        } else {
            check.unless(true, "pass the notebook's ctr array (ctr by position, 10 values)");
        }
        return check.run();
    }
}
