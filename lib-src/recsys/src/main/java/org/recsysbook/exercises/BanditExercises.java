package org.recsysbook.exercises;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.recsysbook.bandit.simulation.BanditSimulator;
import org.recsysbook.bandit.simulation.ChapterBanditDemo;
import org.recsysbook.bandit.simulation.SimulationResult;
import org.recsysbook.bandit.ThompsonSampling;
import org.recsysbook.bandit.Ucb;

import static org.recsysbook.exercises.ExerciseCheck.fmt;

/** The cases behind {@link Check}'s checks for notebook 07 · bandits. */
final class BanditExercises {
    private BanditExercises() { }

    static boolean ucbIndex(Check.UcbIndexFunction index) {
        ExerciseCheck check = ExerciseCheck.named("ucb_index").unless(index == null, "pass your function");
        double[][] cases = {{0.5, 10, 100, 2}, {0.2, 1, 1, 2}, {0.3, 50, 500, 0.5}, {0.4, 7, 20, 0}, {0, 3, 3, 1}};
        String[] hints = {"the bonus is c · sqrt(ln(total + 1) / n), natural logarithm",
                "with the chapter's code, the logarithm is of total + 1", "the bonus grows with c",
                "c = 0: no bonus at all", "an arm that never clicked still gets its bonus"};
        for (int i = 0; i < cases.length; i++) {
            double[] x = cases[i];
            double expected = x[0] + x[3] * Math.sqrt(Math.log(x[2] + 1) / x[1]);
            check.near(fmt("mean=%s, pulls=%d, totalPulls=%d, c=%s", fmt(x[0]), (long) x[1], (long) x[2], fmt(x[3])),
                    () -> index.apply(x[0], (long) x[1], (long) x[2], x[3]), expected, 1e-9, hints[i]);
        }
        check.near("mean=0, pulls=0, totalPulls=40, c=2", () -> index.apply(0, 0, 40, 2), Double.POSITIVE_INFINITY, 0,
                "an arm never pulled must be tried first: its index is Double.POSITIVE_INFINITY");
        return check.run();
    }

    private static BanditSimulator simulator(long seed, int runs) {
        return new BanditSimulator(ChapterBanditDemo.environment(ChapterBanditDemo.SEED), ChapterBanditDemo.ROUNDS,
                runs, seed);
    }

    static boolean ucbExploration(Check.BestParameterFunction<BanditSimulator> bestC, char why) {
        ExerciseCheck check = ExerciseCheck.named("ucb_exploration").unless(bestC == null, "pass your function");
        // the notebook's simulator and values, then a simulator and values the check chooses
        Object[][] cases = {{2024L, 200, new double[] {0.1, 0.25, 0.5, 1}}, {77L, 100, new double[] {0.5, 1, 2}}};
        Map<String, Double> rewards = new HashMap<>();
        for (Object[] c : cases) {
            long seed = (Long) c[0];
            int runs = (Integer) c[1];
            double[] cs = (double[]) c[2];
            double best = Cases.argMax(cs, v -> rewards.computeIfAbsent(seed + "/" + v,
                    key -> simulator(seed, runs).run(Ucb.factory(v)).totalRewardInterval(0.95).mean()));
            double right = best;
            check.answer(fmt("the best c of %s on %d runs (seed %d)", Arrays.toString(cs), runs, seed),
                    () -> bestC.apply(simulator(seed, runs), cs.clone()), v -> v == right,
                    "run sim.run(Ucb.factory(c)) for each c given and return the c with the largest mean total reward");
        }
        return check.choice("smallCWhy", why, "abc", 'a', "what happens to an item that was unlucky in its first rounds?",
                        Map.of('b', "the index costs the same to compute for any c",
                                'c', "the index is the sample mean plus the bonus: a small c leans more on the means, "
                                        + "not less"))
                .run();
    }

    static boolean thompsonPrior(char prediction, SimulationResult withPrior) {
        BanditSimulator sim = new BanditSimulator(ChapterBanditDemo.environment(ChapterBanditDemo.SEED),
                ChapterBanditDemo.ROUNDS, 200, 2024);
        double flat = sim.run(ThompsonSampling.factory()).totalRewardInterval(0.95).mean();
        double informed = sim.run((k, r) -> new ThompsonSampling(k, 2, 8, r)).totalRewardInterval(0.95).mean();
        char right = informed > flat + 3 ? 'c' : informed < flat - 3 ? 'a' : 'b';
        Map<Character, String> wrong = Map.of(
                'a', "the prior's mean, 0.2, is where the rates were drawn from: it can only save impressions",
                'b', fmt("the two priors differ by %.1f clicks in 500 rounds", informed - flat),
                'c', "the prior's advantage did not show in this run");
        return ExerciseCheck.named("thompson_prior")
                .unless(withPrior == null, "run the prior's factory on sim into withPrior")
                .answer("withPrior", () -> withPrior.totalRewardInterval(0.95).mean(),
                        m -> Math.abs(m - informed) < 1e-6,
                        "sim.run with the factory (k, r) -> new ThompsonSampling(k, 2, 8, r)")
                .choice("priorPrediction", prediction, "abc", right,
                        "the prior says a rate near 0.2 is likely before any click: what does that save?", wrong)
                .note(fmt("mean clicks in 500 rounds: flat prior %.1f, Beta(2, 8) prior %.1f", flat, informed))
                .run();
    }
}
