package org.recsysbook.bench;

import java.util.Locale;
import org.recsysbook.abtest.ExperimentSimulator;
import org.recsysbook.studies.PeekingStudy;
import org.recsysbook.abtest.RateVariant;
import org.recsysbook.abtest.TwoProportionZTest;
import org.recsysbook.abtest.WelchTTest;

/**
 * A/B-testing figures: the peeking study of notebook 06 at full size (1000 simulated A/A experiments of
 * 10,000 users each, 14 daily looks, all cores), one experiment alone, and the cost of single tests.
 * Target: the 1000-experiment study in ≤ 5 s on 2 cores (median of repetitions).
 *
 * <p>Arguments: [repetitions (default 7)] [experiments (default 1000)] [users (default 10000)].
 */
public final class AbTestBench {
    private AbTestBench() { }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int experiments = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        BenchStats.begin("AbTestBench");
        RateVariant arm = RateVariant.of("control", 0.05);
        ExperimentSimulator design = ExperimentSimulator.of(users, 14);
        PeekingStudy study = new PeekingStudy(design, 0.05, 0.01).withoutProgress();

        study.runAa(Math.max(1, experiments / 10), arm, 99);   // warm-up
        BenchStats whole = new BenchStats(String.format(Locale.ROOT, "A/A study: %d exps × %d users × 14 looks", experiments, users));
        PeekingStudy.Result last = null;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            last = study.runAa(experiments, arm, r + 1);
            whole.add(System.nanoTime() - t0);
        }
        whole.print();
        System.out.println("  " + last);

        BenchStats one = new BenchStats(String.format(Locale.ROOT, "one experiment, %d users × 14 days, 1 thread", users));
        for (int r = 0; r < 200; r++) {
            long t0 = System.nanoTime();
            design.withSeed(r).run(arm, arm.withName("b"));
            one.add(System.nanoTime() - t0);
        }
        one.print();

        BenchStats z = new BenchStats("two-proportion z-test (per 1000 calls)");
        BenchStats t = new BenchStats("Welch t-test from summaries (per 1000 calls)");
        double sink = 0;
        for (int r = 0; r < 300; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                sink += TwoProportionZTest.test(500 + i % 7, 5000, 520, 5000, 0.05).pValue();
            }
            z.add(System.nanoTime() - t0);
            t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                sink += WelchTTest.test(5000, 2.5 + i * 1e-6, 90, 5000, 2.6, 95, 0.05).pValue();
            }
            t.add(System.nanoTime() - t0);
        }
        z.print();
        t.print();
        whole.verdict("A/A study (" + experiments + " experiments) median <= 5000 ms on 2 cores",
                whole.medianMillis() <= 5000, Runtime.getRuntime().availableProcessors() + " cores here");
        if (sink == 42) {
            System.out.println();
        }
        BenchStats.end();
    }
}
