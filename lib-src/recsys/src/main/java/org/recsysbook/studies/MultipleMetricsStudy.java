package org.recsysbook.studies;

import java.util.Locale;
import java.util.stream.IntStream;

import org.recsysbook.abtest.ExperimentData;
import org.recsysbook.abtest.ExperimentMetric;
import org.recsysbook.abtest.ExperimentSimulator;
import org.recsysbook.abtest.MultipleTesting;
import org.recsysbook.abtest.RateVariant;
import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;

/**
 * Many metrics at once, a pitfall of online experiments, measured by simulation: A/A experiments are run
 * and every per-user metric of the chapter's table is tested in each; the study counts how often at least
 * one metric comes out "significant" — with raw p-values, after {@link MultipleTesting#bonferroni Bonferroni}
 * and after {@link MultipleTesting#benjaminiHochberg Benjamini–Hochberg}. Experiments run in parallel with
 * seeds derived from {@code (seed, i)}, so the result does not depend on the number of threads.
 */
public final class MultipleMetricsStudy {
    private static final ExperimentMetric[] METRICS = {ExperimentMetric.CTR, ExperimentMetric.CONVERSION_RATE,
        ExperimentMetric.SESSION_DURATION, ExperimentMetric.RETENTION, ExperimentMetric.REVENUE_PER_USER};

    /**
     * What the study found.
     *
     * @param experiments      A/A experiments run
     * @param metrics          metrics tested in each
     * @param alpha            the level
     * @param anyRaw           share of experiments with some raw p &lt; α
     * @param anyBonferroni    share with some Bonferroni-adjusted p &lt; α
     * @param anyBh            share with some Benjamini–Hochberg-adjusted p &lt; α
     * @param perMetricRaw     for each metric, the share of experiments where it alone was "significant"
     */
    public record Result(int experiments, int metrics, double alpha, double anyRaw, double anyBonferroni,
                         double anyBh, double[] perMetricRaw) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d A/A experiments × %d metrics at α = %.3g: some metric significant "
                    + "in %.3f (raw), %.3f (Bonferroni), %.3f (Benjamini–Hochberg); independent metrics would give %.3f",
                    experiments, metrics, alpha, anyRaw, anyBonferroni, anyBh,
                    MultipleTesting.familyWiseErrorRate(metrics, alpha));
        }
    }

    private MultipleMetricsStudy() { }

    /** The metrics tested: CTR, conversion rate, session duration, retention and revenue per user. */
    public static ExperimentMetric[] metrics() {
        return METRICS.clone();
    }

    /** Runs {@code experiments} A/A experiments of {@code design} with both arms {@code arm}. */
    public static Result run(ExperimentSimulator design, RateVariant arm, int experiments, double alpha, long seed) {
        if (design == null || arm == null) {
            throw new IllegalArgumentException((design == null ? "design" : "arm") + " must not be null");
        }
        Args.positive("experiments", experiments);
        Args.openUnit("alpha", alpha);
        RateVariant copy = arm.withName(arm.name() + "-copy");
        double[][] p = new double[experiments][];
        IntStream.range(0, experiments).parallel().forEach(i -> {
            ExperimentData d = design.withSplit("metrics-" + seed + "-" + i, 0.5, 0.5)
                    .withSeed(Seeds.replicate(seed, i)).run(arm, copy);
            double[] pi = new double[METRICS.length];
            for (int m = 0; m < METRICS.length; m++) {
                pi[m] = d.compare(METRICS[m], alpha).pValue();
            }
            p[i] = pi;
        });
        int raw = 0;
        int bonf = 0;
        int bh = 0;
        double[] perMetric = new double[METRICS.length];
        for (double[] pi : p) {
            raw += min(pi) < alpha ? 1 : 0;
            bonf += min(MultipleTesting.bonferroni(pi)) < alpha ? 1 : 0;
            bh += min(MultipleTesting.benjaminiHochberg(pi)) < alpha ? 1 : 0;
            for (int m = 0; m < pi.length; m++) {
                perMetric[m] += pi[m] < alpha ? 1.0 / experiments : 0;
            }
        }
        return new Result(experiments, METRICS.length, alpha, (double) raw / experiments, (double) bonf / experiments,
                (double) bh / experiments, perMetric);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }
}
