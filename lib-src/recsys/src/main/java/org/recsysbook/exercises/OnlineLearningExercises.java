package org.recsysbook.exercises;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.recsysbook.abtest.TwoProportionZTest;
import org.recsysbook.bandit.LinUcb;
import org.recsysbook.bandit.StochasticPolicy;
import org.recsysbook.bandit.offpolicy.InversePropensityScoring;
import org.recsysbook.bandit.offpolicy.LoggedBandit;
import org.recsysbook.bandit.simulation.ContextualSimulator;
import org.recsysbook.bandit.simulation.ContextualTraffic;

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

    static boolean linUcbExploration(ContextualSimulator simulator, Check.BestParameterFunction<ContextualSimulator> bestAlpha,
                                     char why) {
        ExerciseCheck check = ExerciseCheck.named("linucb_exploration");
        if (simulator == null || bestAlpha == null) {
            return check.unless(true, "pass the notebook's ctxSim and your function").run();
        }
        // a simulator of the check's own on the notebook's traffic: fewer runs (a few seconds in all) and another seed
        ContextualSimulator own = new ContextualSimulator(simulator.traffic(), simulator.rounds(), 4, 2026);
        int rounds = own.rounds();
        int window = Math.min(1000, rounds);
        Map<Double, Double> rates = new HashMap<>();
        for (double[] alphas : new double[][] {{0, 0.1, 1, 3}, {0.3, 3}}) {
            double best = Cases.argMax(alphas, alpha -> rates.computeIfAbsent(alpha, a -> {
                double[] reward = own.run(LinUcb.factory(a)).meanCumulativeReward();
                return (reward[rounds - 1] - (rounds > window ? reward[rounds - 1 - window] : 0)) / window;
            }));
            check.answer("the best α of " + Arrays.toString(alphas) + " on 4 runs (seed 2026)",
                    () -> bestAlpha.apply(own, alphas.clone()), a -> a == best,
                    "simulator.run(LinUcb.factory(alpha)) for each α given; compare the click rate of the last 1000 "
                            + "users");
        }
        return check.choice("alphaZeroWhy", why, "abc", 'b',
                        "what differs from one round to the next for LinUCB, and not for Thompson sampling?",
                        Map.of('a', "with α = 0 there is no bonus and no randomness: LinUCB shows the item with the "
                                        + "highest estimate",
                                'c', "LinUCB keeps a ridge-regression estimate per item; it never samples from a "
                                        + "prior"))
                .run();
    }

    // ---- the capstone: a new pipeline's policy, an A/A test, an off-policy estimate, an A/B test ----------------

    /** Impressions per log of the capstone. */
    static final int CAPSTONE_LOG = 10_000;

    /** The capstone's four figures for {@code seed}: {A/A z, IPS estimate of the target, A/B difference, A/B z}. */
    static double[] launchReport(ContextualTraffic traffic, StochasticPolicy logging, StochasticPolicy target,
                                 long seed) {
        LoggedBandit aa1 = LoggedBandit.collect(traffic, logging, CAPSTONE_LOG, new SplittableRandom(seed));
        LoggedBandit aa2 = LoggedBandit.collect(traffic, logging, CAPSTONE_LOG, new SplittableRandom(seed + 1));
        LoggedBandit control = LoggedBandit.collect(traffic, logging, CAPSTONE_LOG, new SplittableRandom(seed + 2));
        LoggedBandit treatment = LoggedBandit.collect(traffic, target, CAPSTONE_LOG, new SplittableRandom(seed + 3));
        return new double[] {z(aa1, aa2), new InversePropensityScoring().estimate(aa1, target),
                treatment.meanReward() - control.meanReward(), z(control, treatment)};
    }

    private static double z(LoggedBandit a, LoggedBandit b) {
        return TwoProportionZTest.test(clicks(a), a.size(), clicks(b), b.size(), 0.05).statistic();
    }

    private static long clicks(LoggedBandit log) {
        return Math.round(log.meanReward() * log.size());
    }

    /** The decision the capstone's figures support: 'a' launch, 'b' keep the old policy, 'c' fix the set-up. */
    static char decision(double[] report) {
        if (Math.abs(report[0]) >= 1.96) {
            return 'c';
        }
        return report[3] >= 1.96 ? 'a' : 'b';
    }

    static boolean launchReport(Check.LaunchReportFunction report, ContextualTraffic traffic,
                                StochasticPolicy logging, StochasticPolicy target, long notebookSeed, char decision,
                                String memo) {
        ExerciseCheck check = ExerciseCheck.named("capstone_launch");
        DesignAnswers.written(check, memo);
        if (report == null || traffic == null || logging == null || target == null) {
            return check.unless(true, "pass your function, traffic, logging and target").run();
        }
        String[] parts = {"the A/A test's z", "the IPS estimate of the new policy", "the A/B difference in click rate",
                "the A/B test's z"};
        String[] hints = {"two logs of the old policy (seeds seed and seed + 1), then the pooled two-proportion z of "
                        + "the second against the first", "IPS (notebook 08) on the first A/A log: it was logged by the "
                        + "old policy, with its propensities", "treatment (the new policy, seed + 3) minus control (the "
                        + "old policy, seed + 2)", "the pooled two-proportion z of treatment against control"};
        // the notebook's seed, then seeds the check chooses
        for (long seed : new long[] {notebookSeed, 9_001, 424_242}) {
            double[] expected = launchReport(traffic, logging, target, seed);
            for (int i = 0; i < parts.length; i++) {
                int part = i;
                check.answer(fmt("%s for seed %d", parts[i], seed), () -> report.apply(seed)[part],
                        v -> Math.abs(v - expected[part]) <= 1e-9 * Math.max(1, Math.abs(expected[part])), hints[i]);
            }
        }
        double[] mine = launchReport(traffic, logging, target, notebookSeed);
        char right = decision(mine);
        return check.choice("launchDecision", decision, "abc", right,
                        "first the A/A test (is the set-up sound?), then the A/B test (is the lift real?)",
                        Map.of('a', "launching needs a significant positive A/B result on a sound set-up",
                                'b', right == 'a' ? "the A/B test found a significant lift on a sound set-up"
                                        : "the A/A test flags the set-up itself: no A/B result from it can be trusted",
                                'c', "the A/A test found no difference between two copies of the same policy: the "
                                        + "set-up is sound"))
                .run();
    }
}
