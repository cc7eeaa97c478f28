package org.recsysbook.studies;

import java.util.Locale;
import java.util.stream.IntStream;

import org.recsysbook.abtest.Comparison;
import org.recsysbook.abtest.ExperimentData;
import org.recsysbook.abtest.ExperimentSimulator;
import org.recsysbook.abtest.MixtureSequentialTest;
import org.recsysbook.abtest.OBrienFleming;
import org.recsysbook.abtest.TwoProportionZTest;
import org.recsysbook.abtest.Variant;
import org.recsysbook.abtest.Visit;
import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;
import org.recsysbook.notebook.Progress;

/**
 * Peeking, a pitfall of the chapter's fixed-period experiment, measured by simulation: many experiments are
 * run, each looked at at the end of every day, and three ways of deciding are counted.
 * <ul>
 *   <li><b>fixed horizon</b>: one two-proportion z-test on the last day (what the test was designed for);</li>
 *   <li><b>peeking</b>: stop at the first daily look whose z-test p-value is below α;</li>
 *   <li><b>sequential</b>: stop at the first look whose {@link MixtureSequentialTest mSPRT} always-valid
 *       p-value is at most α;</li>
 *   <li><b>group-sequential</b>: stop at the first look whose z crosses its {@link OBrienFleming} boundary
 *       (the looks, one a day, are planned in advance).</li>
 * </ul>
 * With two identical arms (an A/A test) every rejection is a false positive, so the three rates are the
 * false-positive rates: about α for the fixed horizon, far above α for peeking, at most α for the two
 * sequential designs (about α for O'Brien–Fleming, whose looks are then only roughly equally spaced in
 * information). With a real lift they are the powers. The metric is the conversion rate (share of users who
 * converted so far).
 *
 * <p>Experiments run in parallel; experiment {@code i} uses its own salt and a seed derived from
 * {@code (seed, i)}, so the result does not depend on the number of threads.
 */
public final class PeekingStudy {

    /**
     * What the study found.
     *
     * @param experiments        experiments run
     * @param days               daily looks per experiment
     * @param alpha              the level of every test
     * @param fixedHorizonRate   share rejected by the single test on the last day
     * @param peekingRate        share rejected by some daily z-test
     * @param sequentialRate     share rejected by the mSPRT at some look
     * @param groupSequentialRate share rejected at some look by the O'Brien–Fleming boundaries
     * @param peekingRateByDay   share rejected by a daily z-test at or before each day (cumulative)
     * @param sequentialRateByDay share rejected by the mSPRT at or before each day (cumulative)
     * @param groupSequentialRateByDay share rejected by O'Brien–Fleming at or before each day (cumulative)
     * @param finalPValues       each experiment's fixed-horizon p-value (uniform under an A/A test)
     */
    public record Result(int experiments, int days, double alpha, double fixedHorizonRate, double peekingRate,
                         double sequentialRate, double groupSequentialRate, double[] peekingRateByDay,
                         double[] sequentialRateByDay, double[] groupSequentialRateByDay, double[] finalPValues) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d experiments × %d daily looks at α = %.3g: fixed horizon %.3f, "
                            + "peeking %.3f, mSPRT %.3f, O'Brien–Fleming %.3f", experiments, days, alpha,
                    fixedHorizonRate, peekingRate, sequentialRate, groupSequentialRate);
        }
    }

    private final ExperimentSimulator design;
    private final double alpha;
    private final double tau;
    private final boolean progress;

    /**
     * @param design the experiment each replicate runs (users, days, arrivals); its salt and seed are replaced per replicate
     * @param alpha  the level, 0 &lt; α &lt; 1
     * @param tau    the mSPRT's prior scale of the conversion-rate difference, &gt; 0 (e.g. 0.01 = one point)
     */
    public PeekingStudy(ExperimentSimulator design, double alpha, double tau) {
        if (design == null) {
            throw Args.fail("design", "null", "an ExperimentSimulator");
        }
        this.design = design;
        this.alpha = Args.openUnit("alpha", alpha);
        this.tau = Args.positive("tau", tau);
        this.progress = true;
    }

    private PeekingStudy(ExperimentSimulator design, double alpha, double tau, boolean progress) {
        this.design = design;
        this.alpha = alpha;
        this.tau = tau;
        this.progress = progress;
    }

    /** The same study without a progress bar (for benchmarks). */
    public PeekingStudy withoutProgress() {
        return new PeekingStudy(design, alpha, tau, false);
    }

    /** Runs {@code experiments} A/A tests: both arms are {@code arm} (under two names). */
    public Result runAa(int experiments, Variant arm, long seed) {
        if (arm == null) {
            throw new IllegalArgumentException("arm must not be null");
        }
        return run(experiments, arm, new Renamed(arm, arm.name() + "-copy"), seed);
    }

    /** Runs {@code experiments} experiments of {@code control} against {@code treatment}. */
    public Result run(int experiments, Variant control, Variant treatment, long seed) {
        Args.positive("experiments", experiments);
        if (control == null || treatment == null) {
            throw new IllegalArgumentException((control == null ? "control" : "treatment") + " must not be null");
        }
        int days = design.days();
        OBrienFleming boundaries = new OBrienFleming(days, alpha);
        boolean[][] outcome = new boolean[experiments][];
        int[][] firstDays = new int[experiments][];
        double[] finalP = new double[experiments];
        try (Progress bar = progress ? Progress.start("A/A-style experiments", experiments) : null) {
            IntStream.range(0, experiments).parallel().forEach(i -> {
                ExperimentData data = design.withSplit("peeking-" + seed + "-" + i, 0.5, 0.5)
                        .withSeed(Seeds.replicate(seed, i)).run(control, treatment);
                int peekDay = -1;
                int seqDay = -1;
                int gsDay = -1;
                MixtureSequentialTest seq = new MixtureSequentialTest(alpha, tau);
                for (int d = 0; d < days; d++) {
                    int nc = data.usersThrough(0, d);
                    int nt = data.usersThrough(1, d);
                    if (nc == 0 || nt == 0) {
                        continue;
                    }
                    int xc = data.convertersThrough(0, d);
                    int xt = data.convertersThrough(1, d);
                    Comparison z = TwoProportionZTest.test(xc, nc, xt, nt, alpha);
                    double p = z.pValue();
                    if (peekDay < 0 && p < alpha) {
                        peekDay = d;
                    }
                    if (gsDay < 0 && boundaries.crosses(d + 1, z.statistic())) {
                        gsDay = d;
                    }
                    if (seqDay < 0 && seq.lookProportions(xc, nc, xt, nt) <= alpha) {
                        seqDay = d;
                    }
                    if (d == days - 1) {
                        finalP[i] = p;
                    }
                }
                firstDays[i] = new int[] {peekDay, seqDay, gsDay};
                outcome[i] = new boolean[] {finalP[i] < alpha};
                if (bar != null) {
                    bar.step();
                }
            });
        }
        int fixed = 0;
        double[] peekByDay = new double[days];
        double[] seqByDay = new double[days];
        double[] gsByDay = new double[days];
        for (int i = 0; i < experiments; i++) {
            fixed += outcome[i][0] ? 1 : 0;
            for (int d = 0; d < days; d++) {
                peekByDay[d] += firstDays[i][0] >= 0 && firstDays[i][0] <= d ? 1 : 0;
                seqByDay[d] += firstDays[i][1] >= 0 && firstDays[i][1] <= d ? 1 : 0;
                gsByDay[d] += firstDays[i][2] >= 0 && firstDays[i][2] <= d ? 1 : 0;
            }
        }
        for (int d = 0; d < days; d++) {
            peekByDay[d] /= experiments;
            seqByDay[d] /= experiments;
            gsByDay[d] /= experiments;
        }
        return new Result(experiments, days, alpha, (double) fixed / experiments, peekByDay[days - 1],
                seqByDay[days - 1], gsByDay[days - 1], peekByDay, seqByDay, gsByDay, finalP);
    }

    /** The same behaviour under another name, so that an A/A test has two distinct arm names. */
    private record Renamed(Variant inner, String name) implements Variant {
        @Override
        public void serve(int user, int day, int daysInTest, java.util.random.RandomGenerator rng, Visit visit) {
            inner.serve(user, day, daysInTest, rng, visit);
        }
    }
}
