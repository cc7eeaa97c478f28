package org.recsysbook.abtest;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.recsysbook.core.Args;
import org.recsysbook.core.Interval;

/**
 * The log of one simulated online experiment ({@link ExperimentSimulator}): per user their arm, first
 * day and totals (impressions, clicks, conversions, revenue, seconds, visits, mean slate diversity), the
 * same totals from the pre-experiment period, end-of-day totals per arm for daily looks, and the items
 * each arm showed. It computes the chapter's metrics per arm and compares arms with the right test.
 */
public final class ExperimentData {
    private final String[] names;
    private final double[] shares;
    private final int[] arm;
    private final int[] firstDay;
    private final UserTotals during;
    private final UserTotals pre;
    private final Daily daily;
    private final BitSet[] shown;
    private final int[] catalogSize;
    private final int days;

    ExperimentData(String[] names, double[] shares, int[] arm, int[] firstDay, UserTotals during, UserTotals pre,
                   Daily daily, BitSet[] shown, int[] catalogSize, int days) {
        this.names = names;
        this.shares = shares;
        this.arm = arm;
        this.firstDay = firstDay;
        this.during = during;
        this.pre = pre;
        this.daily = daily;
        this.shown = shown;
        this.catalogSize = catalogSize;
        this.days = days;
    }

    public int arms() {
        return names.length;
    }

    public List<String> armNames() {
        return List.of(names);
    }

    public int days() {
        return days;
    }

    /** Users of arm {@code a} in the log (who visited and were not lost). */
    public int users(int a) {
        checkArm(a);
        return daily.usersCum[a][days - 1];
    }

    /** Users per arm in the log. */
    public long[] userCounts() {
        long[] n = new long[arms()];
        for (int a = 0; a < n.length; a++) {
            n[a] = users(a);
        }
        return n;
    }

    /** The sample-ratio-mismatch check of the logged users against the designed split, at α = 0.001. */
    public SampleRatioMismatch.Result sampleRatioMismatch() {
        return SampleRatioMismatch.test(userCounts(), shares, SampleRatioMismatch.DEFAULT_ALPHA);
    }

    /**
     * Per-user values of a metric in arm {@code a} (one per logged user): clicks/impressions for CTR, 0/1
     * for conversion and retention, seconds per visit, revenue, mean slate diversity.
     *
     * @throws IllegalArgumentException for {@link ExperimentMetric#COVERAGE}, which has no per-user value
     */
    public double[] values(ExperimentMetric metric, int a) {
        return values(during, metric, a);
    }

    /**
     * The same metric of arm {@code a}'s users in the pre-experiment period (0 when they did not visit then).
     *
     * @throws IllegalArgumentException when the experiment was simulated without pre-experiment days
     */
    public double[] preExperimentValues(ExperimentMetric metric, int a) {
        if (pre.visits.length == 0) {
            throw Args.fail("preDays", 0, "≥ 1 for pre-experiment values (ExperimentSimulator.withPreDays)");
        }
        return values(pre, metric, a);
    }

    /** Share of the catalog that arm {@code a} showed at least once; NaN for arms without a catalog. */
    public double coverage(int a) {
        checkArm(a);
        return catalogSize[a] > 0 ? (double) shown[a].cardinality() / catalogSize[a] : Double.NaN;
    }

    /** The arm's value of a metric: the ratio of sums for CTR, the mean of per-user values otherwise. */
    public double value(ExperimentMetric metric, int a) {
        if (metric == ExperimentMetric.COVERAGE) {
            return coverage(a);
        }
        if (metric == ExperimentMetric.CTR) {
            double[] c = values(during, null, a, 0);
            double[] i = values(during, null, a, 1);
            return sum(c) / sum(i);
        }
        double[] v = values(metric, a);
        return v.length == 0 ? Double.NaN : sum(v) / v.length;
    }

    /** Compares arm 1 (treatment) with arm 0 (control). */
    public Comparison compare(ExperimentMetric metric, double alpha) {
        return compare(metric, 0, 1, alpha);
    }

    /**
     * Compares arm {@code b} with arm {@code a} on a metric with its test ({@link ExperimentMetric#test()});
     * coverage, a single number per arm, gets the difference and NaN for everything statistical.
     */
    public Comparison compare(ExperimentMetric metric, int a, int b, double alpha) {
        checkArm(a);
        checkArm(b);
        Args.openUnit("alpha", alpha);
        switch (metric) {
            case CTR:
                return RatioMetricTest.test(values(during, null, a, 0), values(during, null, a, 1),
                        values(during, null, b, 0), values(during, null, b, 1), alpha);
            case CONVERSION_RATE:
            case RETENTION: {
                double[] x = values(metric, a);
                double[] y = values(metric, b);
                return TwoProportionZTest.test((long) sum(x), x.length, (long) sum(y), y.length, alpha);
            }
            case COVERAGE: {
                double ca = coverage(a);
                double cb = coverage(b);
                Interval none = Interval.none(1 - alpha);
                return new Comparison(ca, cb, cb - ca, none, cb / ca - 1, none, Double.NaN, Double.NaN, alpha);
            }
            default:
                return WelchTTest.test(values(metric, a), values(metric, b), alpha);
        }
    }

    /**
     * Compares arm 1 with arm 0 on a per-user metric after CUPED, the covariate being the same metric in the
     * pre-experiment period (run the simulator {@link ExperimentSimulator#withPreDays with pre-days}).
     */
    public Comparison compareCuped(ExperimentMetric metric, double alpha) {
        if (metric == ExperimentMetric.CTR || metric == ExperimentMetric.COVERAGE) {
            throw Args.fail("metric", metric, "a per-user metric (not CTR or COVERAGE)");
        }
        if (pre.visits.length == 0) {
            throw Args.fail("preDays", 0, "≥ 1 for CUPED (ExperimentSimulator.withPreDays)");
        }
        return Cuped.test(values(metric, 0), preExperimentValues(metric, 0), values(metric, 1),
                preExperimentValues(metric, 1), alpha);
    }

    /** Conversion rate compared on the users logged up to the end of day {@code day}: what a daily look sees. */
    public Comparison lookAtConversion(int day, double alpha) {
        checkDay(day);
        return TwoProportionZTest.test(daily.convertersCum[0][day], Math.max(1, daily.usersCum[0][day]),
                daily.convertersCum[1][day], Math.max(1, daily.usersCum[1][day]), alpha);
    }

    /** Cumulative users of arm {@code a} up to the end of {@code day}. */
    public int usersThrough(int a, int day) {
        checkArm(a);
        checkDay(day);
        return daily.usersCum[a][day];
    }

    /** Cumulative converted users of arm {@code a} up to the end of {@code day}. */
    public int convertersThrough(int a, int day) {
        checkArm(a);
        checkDay(day);
        return daily.convertersCum[a][day];
    }

    /** The CTR of arm {@code a}'s impressions on each day (NaN on a day without impressions). */
    public double[] dailyCtr(int a) {
        checkArm(a);
        double[] r = new double[days];
        for (int d = 0; d < days; d++) {
            r[d] = daily.impressions[a][d] > 0 ? (double) daily.clicks[a][d] / daily.impressions[a][d] : Double.NaN;
        }
        return r;
    }

    /** Treatment's relative CTR lift over control on each day, (CTR₁ / CTR₀ − 1). */
    public double[] dailyCtrLift() {
        double[] c = dailyCtr(0);
        double[] t = dailyCtr(1);
        double[] lift = new double[days];
        for (int d = 0; d < days; d++) {
            lift[d] = t[d] / c[d] - 1;
        }
        return lift;
    }

    /** Users lost to a tracking bug in arm {@code a}. */
    public int lostUsers(int a) {
        checkArm(a);
        int n = 0;
        for (int u = 0; u < arm.length; u++) {
            n += arm[u] == a && during.lost[u] ? 1 : 0;
        }
        return n;
    }

    /** The experiment report: every metric of {@link ExperimentMetric} compared at level α (arm 1 vs arm 0). */
    public tech.tablesaw.api.Table report(double alpha) {
        return ExperimentReport.of(this, alpha);
    }

    // ---------------------------------------------------------------------------------------------------

    private double[] values(UserTotals t, ExperimentMetric metric, int a) {
        checkArm(a);
        if (metric == ExperimentMetric.COVERAGE) {
            throw Args.fail("metric", metric, "a metric with per-user values (not COVERAGE)");
        }
        if (metric == ExperimentMetric.CTR) {
            double[] c = values(t, null, a, 0);
            double[] i = values(t, null, a, 1);
            double[] r = new double[c.length];
            for (int k = 0; k < r.length; k++) {
                r[k] = i[k] > 0 ? c[k] / i[k] : 0;
            }
            return r;
        }
        int code = switch (metric) {
            case CONVERSION_RATE -> 2;
            case SESSION_DURATION -> 3;
            case RETENTION -> 4;
            case REVENUE_PER_USER -> 5;
            case DIVERSITY -> 6;
            default -> throw new AssertionError(metric);
        };
        return values(t, metric, a, code);
    }

    /** Raw per-user columns of logged users of arm a (users who visited in the experiment and were not lost). */
    private double[] values(UserTotals t, ExperimentMetric metric, int a, int code) {
        double[] out = new double[arm.length];
        int n = 0;
        for (int u = 0; u < arm.length; u++) {
            if (arm[u] != a || during.visits[u] == 0 || during.lost[u]) {
                continue;
            }
            out[n++] = switch (code) {
                case 0 -> t.clicks[u];
                case 1 -> t.impressions[u];
                case 2 -> t.conversions[u] > 0 ? 1 : 0;
                case 3 -> t.visits[u] > 0 ? t.seconds[u] / t.visits[u] : 0;
                case 4 -> t.visits[u] > 1 ? 1 : 0;
                case 5 -> t.revenue[u];
                default -> t.diversityVisits[u] > 0 ? t.diversitySum[u] / t.diversityVisits[u] : Double.NaN;
            };
        }
        double[] v = Arrays.copyOf(out, n);
        if (code == 6 && n > 0 && Double.isNaN(v[0])) {
            throw Args.fail("metric", metric, "DIVERSITY only for arms that log their items (e.g. SlateVariant)");
        }
        return v;
    }

    private void checkArm(int a) {
        if (a < 0 || a >= names.length) {
            throw Args.fail("arm", a, "in [0, " + names.length + ")");
        }
    }

    private void checkDay(int d) {
        if (d < 0 || d >= days) {
            throw Args.fail("day", d, "in [0, " + days + ")");
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** Per-user totals over a period. */
    static final class UserTotals {
        final int[] visits;
        final int[] impressions;
        final int[] clicks;
        final int[] conversions;
        final double[] revenue;
        final double[] seconds;
        final double[] diversitySum;
        final int[] diversityVisits;
        final boolean[] lost;

        UserTotals(int n) {
            visits = new int[n];
            impressions = new int[n];
            clicks = new int[n];
            conversions = new int[n];
            revenue = new double[n];
            seconds = new double[n];
            diversitySum = new double[n];
            diversityVisits = new int[n];
            lost = new boolean[n];
        }

        void add(int u, Visit v) {
            visits[u]++;
            impressions[u] += v.impressions();
            clicks[u] += v.clicks();
            conversions[u] += v.conversions();
            revenue[u] += v.revenue();
            seconds[u] += v.seconds();
            if (v.shownItems() > 0) {
                diversitySum[u] += v.categoryDiversity();
                diversityVisits[u]++;
            }
        }
    }

    /** Per-arm totals of each day, and running totals at each day's end. */
    static final class Daily {
        final long[][] impressions;
        final long[][] clicks;
        final int[][] usersCum;
        final int[][] convertersCum;
        final double[][] revenueSumCum;
        final double[][] revenueSumSqCum;
        private final int[] users;
        private final int[] converters;
        private final double[] revenueSum;
        private final double[] revenueSumSq;

        Daily(int arms, int days) {
            impressions = new long[arms][days];
            clicks = new long[arms][days];
            usersCum = new int[arms][days];
            convertersCum = new int[arms][days];
            revenueSumCum = new double[arms][days];
            revenueSumSqCum = new double[arms][days];
            users = new int[arms];
            converters = new int[arms];
            revenueSum = new double[arms];
            revenueSumSq = new double[arms];
        }

        void add(int a, int d, Visit v, boolean firstVisit, boolean newConverter, double oldRevenue, double newRevenue) {
            impressions[a][d] += v.impressions();
            clicks[a][d] += v.clicks();
            users[a] += firstVisit ? 1 : 0;
            converters[a] += newConverter ? 1 : 0;
            revenueSum[a] += newRevenue - oldRevenue;
            revenueSumSq[a] += newRevenue * newRevenue - oldRevenue * oldRevenue;
        }

        void closeDay(int d) {
            for (int a = 0; a < users.length; a++) {
                usersCum[a][d] = users[a];
                convertersCum[a][d] = converters[a];
                revenueSumCum[a][d] = revenueSum[a];
                revenueSumSqCum[a][d] = revenueSumSq[a];
            }
        }
    }
}
