package org.recsysbook.exercises;

import java.util.SplittableRandom;

import org.recsysbook.retrieval.AnnRecall;
import org.recsysbook.retrieval.CosinePopularityBlend;
import org.recsysbook.world.World;

import static org.recsysbook.exercises.ExerciseCheck.fmt;

/** The cases behind {@link Check}'s checks for notebook 02 · candidate generation. */
final class CandidateGenerationExercises {
    private CandidateGenerationExercises() { }

    static boolean topK(Check.TopKFunction topK) {
        ExerciseCheck check = ExerciseCheck.named("top_k").unless(topK == null, "pass your function");
        check.same("scores=[0.3, 0.9, 0.1, 0.7], k=2", () -> topK.apply(new double[] {0.3, 0.9, 0.1, 0.7}, 2),
                new int[] {1, 3}, "return positions, not scores, best first");
        check.same("scores=[0.5, 0.8, 0.5, 0.8], k=3", () -> topK.apply(new double[] {0.5, 0.8, 0.5, 0.8}, 3),
                new int[] {1, 3, 0}, "equal scores: the lower position first");
        check.same("scores=[-2, -1, -3], k=5", () -> topK.apply(new double[] {-2, -1, -3}, 5), new int[] {1, 0, 2},
                "k larger than the list: return every position; scores may be negative");
        SplittableRandom rng = new SplittableRandom(202);
        for (int t = 0; t < 3; t++) {
            int n = 1000 + rng.nextInt(5000);
            int k = 1 + rng.nextInt(50);
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = rng.nextDouble() * 2 - 1;
            }
            int[] expected = java.util.stream.IntStream.range(0, n).boxed()
                    .sorted((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : a - b)
                    .limit(k).mapToInt(Integer::intValue).toArray();
            check.same(fmt("%d random scores, k=%d", n, k), () -> topK.apply(scores.clone(), k), expected,
                    "keep the k best seen so far; a newcomer replaces the worst of them when it beats it");
        }
        return check.run();
    }

    static boolean popularityHeavyBlend(double overlap, char newUserWeights) {
        World demo = World.seedDemo(42);
        float[] profile = demo.userVector(0);
        double expected = AnnRecall.of(new CosinePopularityBlend(demo, 0.5, 1.0).generate(profile, 50),
                new CosinePopularityBlend(demo, 1.0, 0.0).generate(profile, 50));
        return ExerciseCheck.named("popularity_heavy_blend")
                .answer("overlapPopularityHeavy", () -> overlap, o -> Math.abs(o - expected) <= 1e-9,
                        "AnnRecall.of(the (0.5, 1) blend's 50 candidates, cosineOnly)")
                .choice("newUserWeights", newUserWeights, "abc", 'b',
                        "how much does a profile vector know about a user who has clicked nothing yet?")
                .run();
    }

    static boolean exactScanAt10M(double scanMs, char budgetVerdict, double gbPerSecond) {
        ExerciseCheck check = ExerciseCheck.named("exact_scan_at_10m");
        if (!(gbPerSecond > 0)) {
            return check.unless(true, "pass the measured bandwidth, speed.doubleColumn(\"GB/s\").get(1)").run();
        }
        double expected = 4.0 * 10_000_000 * 64 / (gbPerSecond * 1e9) * 1000;
        return check.answer("scanMsAt10M", () -> scanMs, v -> Math.abs(v - expected) <= 0.05 * expected,
                        "bytes read per query divided by bytes per second, in milliseconds")
                .choice("budgetVerdict", budgetVerdict, "abc", expected <= 50 ? 'a' : 'b',
                        "compare your figure with 50 ms, the budget of the whole funnel")
                .run();
    }
}
