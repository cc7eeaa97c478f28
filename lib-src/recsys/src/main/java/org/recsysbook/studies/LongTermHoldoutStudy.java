package org.recsysbook.studies;

import java.util.Locale;
import java.util.SplittableRandom;

import org.recsysbook.abtest.NoveltyEffect;
import org.recsysbook.core.Args;

/**
 * A long-term holdout, by simulation: after a launch, a small share of the users stays on the old system for months,
 * so that the effect can be measured after the novelty has worn off and after slow, cumulative changes of behaviour
 * (users learning to trust, or to ignore, what they are shown) have built up — effects that a two-week A/B test
 * cannot see.
 *
 * <p>Each user has a weekly visit rate drawn from a gamma distribution (shape 2, mean {@code meanVisits}); the visits
 * of a week are Poisson. On the new system a user's rate in week w of exposure (w = 1, 2, …) is multiplied by
 * 1 + lift(w), lift(w) = {@code lastingLift} + novelty(7 (w − 1) days) + {@code weeklyDrift} · (w − 1): a lasting
 * effect, a novelty effect that fades ({@link NoveltyEffect}) and a drift that accumulates week by week. Two
 * experiments run on fresh users: a two-week A/B test split 50/50, and a launch to all but a
 * {@code holdoutShare} of the users, followed for {@code weeks} weeks. The lift of each week is
 * mean visits launched / mean visits held out − 1, with a 95 % interval by the delta method.
 */
public final class LongTermHoldoutStudy {

    /**
     * What the study measured.
     *
     * @param users       users in each experiment
     * @param holdoutShare share held out after the launch
     * @param abTestLift  the two-week A/B test's lift of visits per user
     * @param abTestHalfWidth its 95 % half-width
     * @param trueLift    lift(w) for each week of the holdout
     * @param holdoutLift the lift measured against the holdout in each week
     * @param holdoutHalfWidth its 95 % half-width in each week
     */
    public record Result(int users, double holdoutShare, double abTestLift, double abTestHalfWidth, double[] trueLift,
                         double[] holdoutLift, double[] holdoutHalfWidth) {
        /** The true lift averaged over the first two weeks: what the A/B test estimates. */
        public double trueTwoWeekLift() {
            return (trueLift[0] + trueLift[1]) / 2;
        }

        /** The holdout's lift in the last week. */
        public double lastWeekLift() {
            return holdoutLift[holdoutLift.length - 1];
        }

        /** The first week (1-based) in which the holdout's interval lies wholly below 0, or −1. */
        public int firstWeekSignificantlyNegative() {
            for (int w = 0; w < holdoutLift.length; w++) {
                if (holdoutLift[w] + holdoutHalfWidth[w] < 0) {
                    return w + 1;
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "two-week A/B test: lift %+.2f %% ± %.2f (true %+.2f %%); holdout of "
                            + "%.0f %% of %,d users, week %d: lift %+.2f %% ± %.2f (true %+.2f %%)", 100 * abTestLift,
                    100 * abTestHalfWidth, 100 * trueTwoWeekLift(), 100 * holdoutShare, users, trueLift.length,
                    100 * lastWeekLift(), 100 * holdoutHalfWidth[holdoutHalfWidth.length - 1],
                    100 * trueLift[trueLift.length - 1]);
        }
    }

    private final double meanVisits;
    private final double lastingLift;
    private final NoveltyEffect novelty;
    private final double weeklyDrift;

    /**
     * @param meanVisits  mean visits per user per week on the old system, &gt; 0
     * @param lastingLift the lasting relative lift, &gt; −1
     * @param novelty     the novelty effect (its half-life in days)
     * @param weeklyDrift the relative lift added each week of exposure (negative: users slowly turn away)
     */
    public LongTermHoldoutStudy(double meanVisits, double lastingLift, NoveltyEffect novelty, double weeklyDrift) {
        this.meanVisits = Args.positive("meanVisits", meanVisits);
        if (!(lastingLift > -1) || Double.isInfinite(lastingLift)) {
            throw Args.fail("lastingLift", lastingLift, "a finite number > −1");
        }
        this.lastingLift = lastingLift;
        this.novelty = Args.notNull("novelty", novelty);
        this.weeklyDrift = Args.finite("weeklyDrift", weeklyDrift);
    }

    /** lift(w) for week {@code week} of exposure, 1-based; never below −1. */
    public double lift(int week) {
        Args.atLeast("week", week, 1);
        return Math.max(-1, lastingLift + novelty.extraLift(7 * (week - 1)) + weeklyDrift * (week - 1));
    }

    /**
     * Runs the two experiments with {@code users} users each.
     *
     * @param users        users per experiment, ≥ 100
     * @param holdoutShare share of the launch's users held out, in (0, 0.5]
     * @param weeks        weeks the holdout is followed, ≥ 2
     */
    public Result run(int users, double holdoutShare, int weeks, long seed) {
        Args.atLeast("users", users, 100);
        if (!(holdoutShare > 0 && holdoutShare <= 0.5)) {
            throw Args.fail("holdoutShare", holdoutShare, "in (0, 0.5]");
        }
        Args.atLeast("weeks", weeks, 2);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] ab = experiment(users, 0.5, 2, rng);
        // the A/B test reads both weeks together: visits per user over the two weeks
        double[] abLift = ratio(ab[0][0] + ab[0][1], ab[1][0] + ab[1][1], ab[2][0] + ab[2][1] + 2 * ab[3][0],
                ab[4][0] + ab[4][1] + 2 * ab[5][0], ab[6][0], ab[7][0]);
        double[][] h = experiment(users, holdoutShare, weeks, rng);
        double[] lift = new double[weeks];
        double[] half = new double[weeks];
        double[] truth = new double[weeks];
        for (int w = 0; w < weeks; w++) {
            double[] r = ratio(h[0][w], h[1][w], h[2][w], h[4][w], h[6][0], h[7][0]);
            lift[w] = r[0];
            half[w] = r[1];
            truth[w] = lift(w + 1);
        }
        return new Result(users, holdoutShare, abLift[0], abLift[1], truth, lift, half);
    }

    /**
     * One experiment: {@code share} of the users on the old system. Returns per week {sum launched, sum held out,
     * sum of squares launched, cross-week term launched, sum of squares held out, cross-week term held out,
     * {users launched}, {users held out}}: sums of visits, for the means and their variances.
     */
    private double[][] experiment(int users, double share, int weeks, SplittableRandom rng) {
        double[][] out = new double[8][weeks];
        double[] prev = new double[2];
        for (int u = 0; u < users; u++) {
            boolean held = rng.nextDouble() < share;
            double rate = meanVisits / 2 * (-Math.log1p(-rng.nextDouble()) - Math.log1p(-rng.nextDouble()));
            int a = held ? 1 : 0;
            out[6 + a][0]++;
            double first = 0;
            for (int w = 0; w < weeks; w++) {
                double lambda = held ? rate : rate * (1 + lift(w + 1));
                int visits = poisson(lambda, rng);
                out[a][w] += visits;
                out[2 + 2 * a][w] += (double) visits * visits;
                if (w == 0) {
                    first = visits;
                } else if (w == 1) {
                    out[3 + 2 * a][0] += first * visits;
                }
            }
        }
        return out;
    }

    /**
     * {lift, 95 % half-width} of mean launched / mean held out − 1 from sums: the launched arm's sum and sum of
     * squares, the holdout's, and the users of each.
     */
    private static double[] ratio(double sumT, double sumC, double sqT, double sqC, double nT, double nC) {
        double mt = sumT / nT;
        double mc = sumC / nC;
        double vt = (sqT - nT * mt * mt) / (nT - 1) / nT;
        double vc = (sqC - nC * mc * mc) / (nC - 1) / nC;
        double se = Math.sqrt(vt / (mc * mc) + mt * mt * vc / (mc * mc * mc * mc));
        return new double[] {mt / mc - 1, 1.959963984540054 * se};
    }

    /** A Poisson draw by Knuth's product of uniforms (the rates here are small), or a normal one above 30. */
    private static int poisson(double lambda, SplittableRandom rng) {
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }
}
