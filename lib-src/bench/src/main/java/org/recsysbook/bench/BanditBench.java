package org.recsysbook.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.recsysbook.bandit.BanditPolicy;
import org.recsysbook.bandit.simulation.BanditSimulator;
import org.recsysbook.bandit.BetaSampler;
import org.recsysbook.bandit.simulation.ContextualSimulator;
import org.recsysbook.bandit.simulation.ContextualTraffic;
import org.recsysbook.bandit.EpsilonGreedy;
import org.recsysbook.bandit.LinUcb;
import org.recsysbook.bandit.simulation.ChapterBanditDemo;
import org.recsysbook.bandit.simulation.SimulationResult;
import org.recsysbook.bandit.ThompsonSampling;
import org.recsysbook.bandit.Ucb;
import org.recsysbook.world.World;

/**
 * Bandit figures: the chapter's experiment itself, timed run by run (new click rates drawn per run, Thompson
 * sampling and UCB interleaved on one generator, one core); notebook 07's repeated-runs study on one fixed
 * environment (the rates of seed 42, 200 runs × 500 rounds × 3 policies, all cores), Thompson sampling over
 * 1000 arms on one core, LinUCB on notebook 08's traffic, and the Beta sampler against commons-math3's.
 */
public final class BanditBench {
    private BanditBench() { }

    public static void main(String[] args) {
        BenchStats.begin("BanditBench");
        chapterExperiment();
        fixedEnvironmentStudy();
        thompsonManyArms();
        linUcb();
        betaSamplers();
        BenchStats.end();
    }

    /**
     * The chapter's script as it stands ({@link ChapterBanditDemo#singleRun}): draw 20 click rates from Beta(2, 8)
     * (arms 3, 7, 15 fixed), then 500 rounds of Thompson sampling and UCB (c = 2), one pick each per round, all on
     * one generator and one thread. Every run has its own seed, so every run draws new rates, as a re-run of the
     * script with another seed would.
     */
    static void chapterExperiment() {
        int runs = 2000;
        long sink = 0;
        for (int r = 0; r < 500; r++) {   // warm-up, seeds of their own
            sink += ChapterBanditDemo.singleRun(1_000_000L + r).tsReward();
        }
        BenchStats stats = new BenchStats("chapter's experiment: 1 run = 500 rounds x (TS + UCB), new rates, 1 core");
        long tsReward = 0;
        long ucbReward = 0;
        for (int r = 0; r < runs; r++) {
            long c = BenchStats.cpuNow();
            long t0 = System.nanoTime();
            ChapterBanditDemo.SingleRun run = ChapterBanditDemo.singleRun(r);
            stats.add(System.nanoTime() - t0, BenchStats.cpuNow() - c);
            tsReward += run.tsReward();
            ucbReward += run.ucbReward();
        }
        stats.print();
        System.out.printf(Locale.ROOT, "  mean cumulative reward over %d runs (seeds 0 … %d): Thompson sampling %.1f, "
                + "UCB %.1f (checksum %d)%n", runs, runs - 1, (double) tsReward / runs, (double) ucbReward / runs, sink);
        System.out.printf(Locale.ROOT, "  %.0f chapter runs/s on one core (median run)%n", 1000 / stats.medianMillis());
    }

    /**
     * Notebook 07's repeated-runs study, not the chapter's script: ONE environment (the rates drawn with seed 42,
     * the same in every run), 200 independent runs × 500 rounds for each of Thompson sampling, UCB and ε-greedy,
     * spread over all cores by {@link BanditSimulator#runAll}. It measures the simulator's throughput on that
     * study, which the chapter does not run.
     */
    static void fixedEnvironmentStudy() {
        BanditSimulator sim = new BanditSimulator(ChapterBanditDemo.environment(ChapterBanditDemo.SEED),
                ChapterBanditDemo.ROUNDS, 200, 7);
        List<BanditPolicy.Factory> policies = List.of(ThompsonSampling.factory(), Ucb.factory(2),
                EpsilonGreedy.fixedFactory(0.1));
        int cores = Runtime.getRuntime().availableProcessors();
        BenchStats stats = new BenchStats("fixed rates (seed 42): 200 runs x 500 rounds x 3 policies, " + cores
                + " cores");
        List<SimulationResult> last = null;
        for (int rep = 0; rep < 25; rep++) {
            long t0 = System.nanoTime();
            last = sim.runAll(policies);
            long dt = System.nanoTime() - t0;
            if (rep >= 5) {
                stats.add(dt);
            }
        }
        stats.print();
        for (SimulationResult r : last) {
            System.out.println("  " + r);
        }
        stats.verdict("fixed-rates study (200 runs x 500 rounds x 3 policies) median < 500 ms on 2 cores",
                stats.medianMillis() < 500, cores + " cores here");
    }

    /** Thompson sampling over 1000 arms, one Beta draw per arm per round, on one thread. */
    static void thompsonManyArms() {
        int arms = 1000;
        int block = 1000;
        SplittableRandom rates = new SplittableRandom(1);
        double[] p = new double[arms];
        for (int a = 0; a < arms; a++) {
            p[a] = BetaSampler.beta(rates, 2, 8);
        }
        ThompsonSampling ts = new ThompsonSampling(arms, new SplittableRandom(2));
        SplittableRandom clicks = new SplittableRandom(3);
        int[] all = BanditPolicy.allArms(arms);
        BenchStats stats = new BenchStats("Thompson sampling, 1000 arms: 1000 rounds");
        for (int rep = 0; rep < 60; rep++) {
            long c = BenchStats.cpuNow();
            long t0 = System.nanoTime();
            for (int t = 0; t < block; t++) {
                int a = ts.select(all, 1)[0];
                ts.update(a, clicks.nextDouble() < p[a] ? 1 : 0);
            }
            long dt = System.nanoTime() - t0;
            if (rep >= 10) {
                stats.add(dt, BenchStats.cpuNow() - c);
            }
        }
        stats.print();
        double perSecond = block / (stats.medianMillis() / 1000);
        BenchStats.printVerdict("Thompson sampling over 1000 arms >= 10000 rounds/s on one core", perSecond >= 10_000,
                String.format(Locale.ROOT, "%.0f rounds/s from the median block of 1000 rounds; %s", perSecond,
                        stats.figures()));
    }

    /** LinUCB on notebook 08's traffic (20 arms, 17-dimensional contexts), one thread. */
    static void linUcb() {
        World world = World.builder().items(2000).dim(16).users(2000).categories(10).seed(7).build();
        ContextualTraffic traffic = ContextualTraffic.randomItems(world, 20, new SplittableRandom(1));
        ContextualSimulator sim = new ContextualSimulator(traffic, 5000, 1, 3);
        BenchStats stats = new BenchStats("LinUCB, 20 arms, d = 17: one run of 5000 rounds");
        for (int rep = 0; rep < 30; rep++) {
            long t0 = System.nanoTime();
            sim.runSerial(LinUcb.factory(1.0));
            long dt = System.nanoTime() - t0;
            if (rep >= 5) {
                stats.add(dt);
            }
        }
        stats.print();
        System.out.printf(Locale.ROOT, "  %.0f rounds/s on one core (median run)%n", 5000 / (stats.medianMillis() / 1000));
    }

    /** One million Beta(3, 7) draws: the hand-written sampler against commons-math3's. */
    static void betaSamplers() {
        int n = 1_000_000;
        SplittableRandom rng = new SplittableRandom(4);
        BenchStats ours = new BenchStats("BetaSampler.beta: 1e6 draws");
        BenchStats cm = new BenchStats("commons-math3 BetaDistribution.sample: 1e6 draws");
        double sink = 0;
        for (int rep = 0; rep < 12; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += BetaSampler.beta(rng, 3 + (i & 1), 7);
            }
            long t1 = System.nanoTime();
            Well19937c well = new Well19937c(5);
            for (int i = 0; i < n; i++) {
                // a new distribution per draw, as Thompson sampling's parameters change after every reward
                sink += new BetaDistribution(well, 3 + (i & 1), 7).sample();
            }
            long t2 = System.nanoTime();
            if (rep >= 2) {
                ours.add(t1 - t0);
                cm.add(t2 - t1);
            }
        }
        ours.print();
        cm.print();
        System.out.printf(Locale.ROOT, "  (checksum %.3f)%n", sink);
    }
}
