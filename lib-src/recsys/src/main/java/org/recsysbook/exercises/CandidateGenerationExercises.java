package org.recsysbook.exercises;

import java.util.Map;
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

    /** The share of the blend's 50 candidates for {@code user} that pure cosine's 50 also hold. */
    private static double overlap(World world, int user, double wCos, double wPop) {
        float[] profile = world.userVector(user);
        return AnnRecall.of(new CosinePopularityBlend(world, wCos, wPop).generate(profile, 50),
                new CosinePopularityBlend(world, 1.0, 0.0).generate(profile, 50));
    }

    static boolean popularityHeavyBlend(Check.BlendOverlapFunction overlap, char newUserWeights) {
        ExerciseCheck check = ExerciseCheck.named("popularity_heavy_blend")
                .unless(overlap == null, "pass your function");
        // the notebook's case, then worlds, users and weights the check chooses
        Object[][] cases = {{42L, 0, 0.5, 1.0}, {42L, 17, 0.5, 1.0}, {9L, 3, 0.5, 1.0}, {9L, 250, 0.8, 0.6},
                {2026L, 0, 1.0, 0.25}};
        for (Object[] c : cases) {
            World w = World.chapterDemo((Long) c[0]);
            int user = (Integer) c[1];
            double wCos = (Double) c[2];
            double wPop = (Double) c[3];
            double expected = overlap(w, user, wCos, wPop);
            check.answer(fmt("the overlap for user %d of World.chapterDemo(%d), weights (%s, %s)", user, c[0],
                            fmt(wCos), fmt(wPop)), () -> overlap.apply(World.chapterDemo((Long) c[0]), user, wCos, wPop),
                    o -> Math.abs(o - expected) <= 1e-9,
                    "AnnRecall.of(the blend's 50 candidates for that user, pure cosine's 50: weights (1, 0))");
        }
        return check.choice("newUserWeights", newUserWeights, "abc", 'a',
                        "how much does a profile vector know about a user who has clicked nothing yet?",
                        Map.of('b', "a new user's profile vector is only a first guess: weighting it up trusts "
                                        + "what we know least",
                                'c', "the ranking stage only reorders what it is given: an item the first stage "
                                        + "leaves out never comes back"))
                .run();
    }

    /** The exact scan's time in milliseconds: {@code 4 · items · dims} bytes read at {@code gbPerSecond}. */
    static double scanMillis(long items, int dims, double gbPerSecond) {
        return 4.0 * items * dims / (gbPerSecond * 1e9) * 1000;
    }

    static boolean exactScanAt10M(Check.ScanTimeFunction scan, char budgetVerdict, double gbPerSecond) {
        ExerciseCheck check = ExerciseCheck.named("exact_scan_at_10m").unless(scan == null, "pass your function");
        if (!(gbPerSecond > 0)) {
            return check.unless(true, "pass the measured bandwidth, speed.doubleColumn(\"GB/s\").get(1)").run();
        }
        // the notebook's case, then catalogs and bandwidths the check chooses; 0.1 % tolerance rejects GB = 2^30 B
        Object[][] cases = {{10_000_000L, 64, gbPerSecond}, {1_000_000L, 128, 20.0}, {3_000_000L, 32, 7.5},
                {250_000L, 256, 42.0}};
        for (Object[] c : cases) {
            long n = (Long) c[0];
            int d = (Integer) c[1];
            double bw = (Double) c[2];
            double expected = scanMillis(n, d, bw);
            check.answer(fmt("the scan time of %,d items × %d dims at %s GB/s", n, d, fmt(bw)),
                    () -> scan.apply(n, d, bw), v -> Math.abs(v - expected) <= 1e-3 * expected,
                    "4 bytes per float, n · d floats per query, divided by bytes per second (1 GB = 10⁹ bytes), "
                            + "in milliseconds");
        }
        double at10M = scanMillis(10_000_000L, 64, gbPerSecond);
        char right = at10M <= 50 ? 'a' : 'c';
        return check.choice("budgetVerdict", budgetVerdict, "abc", right,
                        "compare your figure with 50 ms, the budget of the whole funnel",
                        Map.of('a', fmt("one scan takes %.1f times the 50 ms budget", at10M / 50),
                                'b', "an exact scan does one multiply-add per float it reads: reading the vectors "
                                        + "is what limits it",
                                'c', fmt("one scan takes %.0f%% of the 50 ms budget", 100 * at10M / 50)))
                .run();
    }
}
