package org.recsysbook.exercises;

import java.util.SplittableRandom;

import org.recsysbook.bandit.ContextualSimulator;
import org.recsysbook.bandit.LinUcb;

import static org.recsysbook.exercises.ExerciseCheck.fmt;

/** The cases behind {@link Check}'s checks for notebook 08 · online learning. */
final class OnlineLearningExercises {
    private OnlineLearningExercises() { }

    static boolean ips(Check.IpsFunction ips) {
        ExerciseCheck check = ExerciseCheck.named("ips").unless(ips == null, "pass your function");
        check.near("rewards=[1, 0], logging=[0.5, 0.5], target=[1, 0]",
                () -> ips.apply(new double[] {1, 0}, new double[] {0.5, 0.5}, new double[] {1, 0}), 1, 1e-9,
                "weight each reward by target / logging probability of the logged action");
        check.near("rewards=[1, 1, 0, 1], logging=[0.8, 0.2, 0.5, 0.5], target=[0.4, 0.6, 0.9, 0.1]",
                () -> ips.apply(new double[] {1, 1, 0, 1}, new double[] {0.8, 0.2, 0.5, 0.5},
                        new double[] {0.4, 0.6, 0.9, 0.1}), (0.5 + 3 + 0 + 0.2) / 4, 1e-9,
                "divide by the number of logged impressions, not by the sum of the weights (that is SNIPS)");
        check.near("rewards=[0, 0, 0], logging=[0.3, 0.3, 0.4], target=[1, 1, 1]",
                () -> ips.apply(new double[3], new double[] {0.3, 0.3, 0.4}, new double[] {1, 1, 1}), 0, 1e-12,
                "no reward, no estimate above 0");
        check.near("rewards=[1, 1], logging=[0.1, 0.9], target=[0.1, 0.9]",
                () -> ips.apply(new double[] {1, 1}, new double[] {0.1, 0.9}, new double[] {0.1, 0.9}), 1, 1e-9,
                "when the target is the logging policy every weight is 1");
        return check.run();
    }

    static boolean shermanMorrison(Check.ShermanMorrisonFunction update) {
        ExerciseCheck check = ExerciseCheck.named("sherman_morrison").unless(update == null, "pass your function");
        check.same("aInverse=[[1, 0], [0, 1]], x=[1, 1]", () -> Cases.flat(update.apply(new double[][] {{1, 0}, {0, 1}},
                        new double[] {1, 1})), new double[] {2.0 / 3, -1.0 / 3, -1.0 / 3, 2.0 / 3},
                "the denominator is 1 + xᵀA⁻¹x");
        SplittableRandom rng = new SplittableRandom(808);
        for (int t = 0; t < 4; t++) {
            int d = 2 + rng.nextInt(4);
            double[][] a = new double[d][d];
            for (int i = 0; i < d; i++) {
                a[i][i] = 1;
            }
            for (int s = 0; s < d + 2; s++) {
                double[] v = new double[d];
                for (int j = 0; j < d; j++) {
                    v[j] = rng.nextGaussian();
                }
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        a[i][j] += v[i] * v[j];
                    }
                }
            }
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = rng.nextGaussian();
            }
            double[][] aInv = Cases.invert(a);
            double[][] updated = Cases.copy(a);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    updated[i][j] += x[i] * x[j];
                }
            }
            double[] expected = Cases.flat(Cases.invert(updated));
            check.answer(fmt("a random %d × %d case", d, d),
                    () -> Cases.flat(update.apply(Cases.copy(aInv), x.clone())),
                    v -> v.length == expected.length && Cases.closeAll(v, expected, 1e-8),
                    "subtract the outer product of A⁻¹x with itself, scaled by the denominator");
        }
        return check.run();
    }

    static boolean linUcbExploration(ContextualSimulator simulator, double bestAlpha, char why) {
        ExerciseCheck check = ExerciseCheck.named("linucb_exploration");
        if (simulator == null) {
            return check.unless(true, "pass the notebook's ctxSim").run();
        }
        double[] alphas = {0, 0.1, 1, 3};
        double best = Double.NaN;
        double bestRate = Double.NEGATIVE_INFINITY;
        int rounds = simulator.rounds();
        int window = Math.min(1000, rounds);
        for (double alpha : alphas) {
            double[] reward = simulator.run(LinUcb.factory(alpha)).meanCumulativeReward();
            double rate = (reward[rounds - 1] - (rounds > window ? reward[rounds - 1 - window] : 0)) / window;
            if (rate > bestRate) {
                bestRate = rate;
                best = alpha;
            }
        }
        double right = best;
        return check.answer("bestAlpha", () -> bestAlpha, a -> a == right,
                        "ctxSim.run(LinUcb.factory(alpha)) for each α; compare the click rate of the last 1000 users")
                .choice("alphaZeroWhy", why, "abc", 'b',
                        "what differs from one round to the next for LinUCB, and not for Thompson sampling?")
                .run();
    }
}
