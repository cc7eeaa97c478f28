package org.recsysbook.studies;

import java.util.Locale;
import java.util.SplittableRandom;

import org.recsysbook.abtest.Comparison;
import org.recsysbook.abtest.StratifiedEstimate;
import org.recsysbook.abtest.TwoProportionZTest;
import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;

/**
 * Heterogeneous effects and Simpson's paradox in an A/B test, by simulation. The users fall into segments (the
 * weeks of a ramp-up, platforms, new and returning users), each with its own conversion rate, its own relative lift
 * under the treatment and its own share of users sent to the treatment. When the treatment's share differs
 * between segments whose rates differ — a ramp-up that sent 10 % of the users to the treatment in a holiday week
 * and 50 % after it — the pooled comparison weighs each arm's segments by that arm's own mix and can show a loss
 * although the treatment wins in every segment. Comparing within segments and weighting them by their share of all
 * users ({@link StratifiedEstimate}) compares both arms on the same mix and recovers the effect.
 *
 * <p>{@link #once} draws one experiment, whole, for a table; {@link #run} repeats it with seeds derived from
 * {@code (seed, r)} and counts how often each comparison decides which way.
 */
public final class SimpsonStudy {

    /**
     * One replication's counts and comparisons.
     *
     * @param segments           the segments' names
     * @param controlUsers       users per segment in control
     * @param controlConverted   of them, converted
     * @param treatmentUsers     users per segment in treatment
     * @param treatmentConverted of them, converted
     * @param bySegment          the two-proportion comparison within each segment
     * @param pooled             the comparison of the arms' totals, segments ignored
     * @param stratified         the stratified comparison
     */
    public record Run(String[] segments, long[] controlUsers, long[] controlConverted, long[] treatmentUsers,
                      long[] treatmentConverted, Comparison[] bySegment, Comparison pooled, Comparison stratified) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (int s = 0; s < segments.length; s++) {
                b.append(String.format(Locale.ROOT, "%-26s control %6d users %6.2f %%  treatment %6d users %6.2f %%  "
                                + "lift %+6.2f %%%n", segments[s], controlUsers[s], 100 * bySegment[s].control(),
                        treatmentUsers[s], 100 * bySegment[s].treatment(), 100 * bySegment[s].lift()));
            }
            b.append(String.format(Locale.ROOT, "%-26s control %6.2f %%  treatment %6.2f %%  lift %+6.2f %%  p = %.2g%n",
                    "pooled (segments ignored)", 100 * pooled.control(), 100 * pooled.treatment(), 100 * pooled.lift(),
                    pooled.pValue()));
            b.append(String.format(Locale.ROOT, "%-26s control %6.2f %%  treatment %6.2f %%  lift %+6.2f %%  p = %.2g",
                    "stratified", 100 * stratified.control(), 100 * stratified.treatment(), 100 * stratified.lift(),
                    stratified.pValue()));
            return b.toString();
        }
    }

    /**
     * What the replications found.
     *
     * @param replications          replications run
     * @param trueLift              the population's lift: Σ w<sub>s</sub> p<sub>s</sub> l<sub>s</sub> / Σ w<sub>s</sub> p<sub>s</sub>, w the segments' shares of users
     * @param pooledLift            the pooled comparison's lift, averaged over replications
     * @param stratifiedLift        the stratified comparison's lift, averaged
     * @param pooledControlWins     share of replications in which the pooled comparison declares control the winner
     * @param stratifiedTreatmentWins share in which the stratified comparison declares the treatment the winner
     * @param stratifiedCoverage    share in which the stratified 95 % interval holds the true difference
     */
    public record Result(int replications, double trueLift, double pooledLift, double stratifiedLift,
                         double pooledControlWins, double stratifiedTreatmentWins, double stratifiedCoverage) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d replications: true lift %+.2f %%; pooled %+.2f %% (control wins in "
                            + "%.0f %%); stratified %+.2f %% (treatment wins in %.0f %%, 95 %% CI holds the truth in "
                            + "%.0f %%)", replications, 100 * trueLift, 100 * pooledLift, 100 * pooledControlWins,
                    100 * stratifiedLift, 100 * stratifiedTreatmentWins, 100 * stratifiedCoverage);
        }
    }

    private final String[] segments;
    private final int[] users;
    private final double[] rate;
    private final double[] lift;
    private final double[] treatmentShare;

    /**
     * @param segments       the segments' names, at least one
     * @param users          users per segment, each ≥ 10
     * @param rate           the control's conversion rate per segment, in (0, 1)
     * @param lift           the treatment's relative lift per segment, with rate · (1 + lift) in [0, 1]
     * @param treatmentShare the share of the segment's users sent to the treatment, in (0, 1)
     */
    public SimpsonStudy(String[] segments, int[] users, double[] rate, double[] lift, double[] treatmentShare) {
        Args.notNull("segments", segments);
        Args.notNull("users", users);
        Args.notNull("rate", rate);
        Args.notNull("lift", lift);
        Args.notNull("treatmentShare", treatmentShare);
        if (segments.length == 0) {
            throw Args.fail("segments.length", 0, "at least 1");
        }
        int k = segments.length;
        Args.sameLength("segments", k, "users", users.length);
        Args.sameLength("segments", k, "rate", rate.length);
        Args.sameLength("segments", k, "lift", lift.length);
        Args.sameLength("segments", k, "treatmentShare", treatmentShare.length);
        for (int s = 0; s < k; s++) {
            Args.atLeast("users[" + s + "]", users[s], 10);
            Args.openUnit("rate[" + s + "]", rate[s]);
            double lifted = rate[s] * (1 + lift[s]);
            if (!(lifted >= 0 && lifted <= 1)) {
                throw Args.fail("lift[" + s + "]", lift[s], "such that rate[" + s + "] · (1 + lift) is in [0, 1]");
            }
            Args.openUnit("treatmentShare[" + s + "]", treatmentShare[s]);
        }
        this.segments = segments.clone();
        this.users = users.clone();
        this.rate = rate.clone();
        this.lift = lift.clone();
        this.treatmentShare = treatmentShare.clone();
    }

    /** The population's true lift, each segment weighted by its share of all users. */
    public double trueLift() {
        return trueDifference() / standardControlRate();
    }

    private double trueDifference() {
        double total = 0;
        double d = 0;
        for (int s = 0; s < users.length; s++) {
            total += users[s];
            d += users[s] * rate[s] * lift[s];
        }
        return d / total;
    }

    private double standardControlRate() {
        double total = 0;
        double c = 0;
        for (int s = 0; s < users.length; s++) {
            total += users[s];
            c += users[s] * rate[s];
        }
        return c / total;
    }

    /** One replication drawn with {@code rng}. */
    public Run once(SplittableRandom rng) {
        Args.notNull("rng", rng);
        int k = users.length;
        long[] nc = new long[k];
        long[] xc = new long[k];
        long[] nt = new long[k];
        long[] xt = new long[k];
        Comparison[] by = new Comparison[k];
        long totalNc = 0;
        long totalXc = 0;
        long totalNt = 0;
        long totalXt = 0;
        for (int s = 0; s < k; s++) {
            double pt = rate[s] * (1 + lift[s]);
            for (int u = 0; u < users[s]; u++) {
                if (rng.nextDouble() < treatmentShare[s]) {
                    nt[s]++;
                    xt[s] += rng.nextDouble() < pt ? 1 : 0;
                } else {
                    nc[s]++;
                    xc[s] += rng.nextDouble() < rate[s] ? 1 : 0;
                }
            }
            by[s] = TwoProportionZTest.test(xc[s], nc[s], xt[s], nt[s], 0.05);
            totalNc += nc[s];
            totalXc += xc[s];
            totalNt += nt[s];
            totalXt += xt[s];
        }
        return new Run(segments.clone(), nc, xc, nt, xt, by, TwoProportionZTest.test(totalXc, totalNc, totalXt,
                totalNt, 0.05), StratifiedEstimate.test(nc, xc, nt, xt, 0.05));
    }

    /** Runs {@code replications} replications under {@code seed}. */
    public Result run(int replications, long seed) {
        Args.atLeast("replications", replications, 1);
        double pooled = 0;
        double stratified = 0;
        int controlWins = 0;
        int treatmentWins = 0;
        int covers = 0;
        double truth = trueDifference();
        for (int r = 0; r < replications; r++) {
            Run run = once(new SplittableRandom(Seeds.replicate(seed, r)));
            pooled += run.pooled().lift() / replications;
            stratified += run.stratified().lift() / replications;
            controlWins += run.pooled().decision().equals("control wins") ? 1 : 0;
            treatmentWins += run.stratified().decision().equals("treatment wins") ? 1 : 0;
            covers += run.stratified().differenceCi().contains(truth) ? 1 : 0;
        }
        return new Result(replications, trueLift(), pooled, stratified, (double) controlWins / replications,
                (double) treatmentWins / replications, (double) covers / replications);
    }
}
