package org.recsysbook.studies;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.recsysbook.abtest.Comparison;
import org.recsysbook.abtest.WelchTTest;
import org.recsysbook.abtest.Winsorizer;
import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;

/**
 * Heavy-tailed revenue, a pitfall of the chapter's "Revenue per User", measured over many seeded A/B tests. A user
 * buys with probability {@code conversion} (times 1 + {@code conversionLift} under the treatment) and an order's value
 * is lognormal with mean {@code meanOrder} and log-scale spread {@code sigma} (times 1 + {@code orderLift} under the
 * treatment): most users spend nothing and a few spend a lot, so a handful of big orders decide the mean.
 *
 * <p>Each replication tests revenue per user with Welch's t-test twice: as it is, and winsorised at the pooled
 * {@code quantile} ({@link Winsorizer}). Reported: the power of each (share of replications with p &lt; α), the
 * variance of the per-user metric, the users per arm each would need for 80 % power, and what each estimates: the
 * raw difference is unbiased for the true difference of mean revenue; the winsorised one estimates the difference
 * of the capped means, a smaller quantity, whose shortfall (its bias as an estimate of the revenue difference) is
 * larger when the effect lives in the tail ({@code orderLift}) than when it brings more buyers ({@code conversionLift}).
 * Replications run in parallel with seeds derived from {@code (seed, r)}.
 */
public final class HeavyTailStudy {

    /**
     * What the study found.
     *
     * @param replications       A/B tests run
     * @param usersPerArm        users in each arm
     * @param trueDifference     the true difference of mean revenue per user (treatment − control), in dollars
     * @param trueLift           the true relative lift of mean revenue per user
     * @param rawDifference      the raw t-test's difference, averaged over replications
     * @param winsorisedDifference the winsorised test's difference, averaged
     * @param rawLift            the raw relative lift, averaged
     * @param winsorisedLift     the winsorised relative lift, averaged
     * @param rawPower           share of replications in which the raw test finds p &lt; α and a positive difference
     * @param winsorisedPower    share in which the winsorised test does
     * @param rawVariance        the per-user variance of revenue (control arm, averaged over replications)
     * @param winsorisedVariance the per-user variance of the winsorised revenue
     * @param cap                the winsorising cap, averaged over replications, in dollars
     */
    public record Result(int replications, int usersPerArm, double trueDifference, double trueLift,
                         double rawDifference, double winsorisedDifference, double rawLift, double winsorisedLift,
                         double rawPower, double winsorisedPower, double rawVariance, double winsorisedVariance,
                         double cap) {
        /** The winsorised difference's bias as an estimate of the revenue difference, relative: est / true − 1. */
        public double winsorisedBias() {
            return winsorisedDifference / trueDifference - 1;
        }

        /** Winsorised variance over raw: the share of the users the winsorised test needs for the same interval. */
        public double varianceRatio() {
            return winsorisedVariance / rawVariance;
        }

        /** Users per arm for 80 % power at α = 0.05 to detect {@code difference} with per-user variance {@code variance}. */
        public static double usersFor80(double difference, double variance) {
            double z = 1.959963984540054 + 0.8416212335729143;
            return 2 * z * z * variance / (difference * difference);
        }

        /** Users per arm the raw test needs for 80 % power against the true difference. */
        public double rawUsersFor80() {
            return usersFor80(trueDifference, rawVariance);
        }

        /** Users per arm the winsorised test needs for 80 % power against the difference it estimates. */
        public double winsorisedUsersFor80() {
            return usersFor80(winsorisedDifference, winsorisedVariance);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d tests × %,d users per arm: true difference $%.4f (lift %+.2f %%); "
                            + "raw: estimate $%.4f, power %.3f, variance %.1f; winsorised at $%.1f: estimate $%.4f "
                            + "(bias %+.1f %%, lift %+.2f %%), power %.3f, variance %.1f (%.1f %% of raw)", replications,
                    usersPerArm, trueDifference, 100 * trueLift, rawDifference, rawPower, rawVariance, cap,
                    winsorisedDifference, 100 * winsorisedBias(), 100 * winsorisedLift, winsorisedPower,
                    winsorisedVariance, 100 * varianceRatio());
        }
    }

    private final int usersPerArm;
    private final double conversion;
    private final double meanOrder;
    private final double sigma;
    private final double conversionLift;
    private final double orderLift;
    private final double quantile;

    /**
     * @param usersPerArm    users per arm, ≥ 100
     * @param conversion     the control's chance that a user buys, in (0, 1)
     * @param meanOrder      the mean order value, &gt; 0 (dollars)
     * @param sigma          the lognormal's log-scale spread, &gt; 0 (1.5 is heavy: the top 1 % of orders hold a fifth of the revenue)
     * @param conversionLift the treatment's relative lift of the conversion, ≥ 0, with the lifted chance ≤ 1
     * @param orderLift      the treatment's relative lift of every order's value, ≥ 0
     * @param quantile       the winsorising quantile, in (0, 1), e.g. 0.99
     */
    public HeavyTailStudy(int usersPerArm, double conversion, double meanOrder, double sigma, double conversionLift,
                          double orderLift, double quantile) {
        this.usersPerArm = Args.atLeast("usersPerArm", usersPerArm, 100);
        this.conversion = Args.openUnit("conversion", conversion);
        this.meanOrder = Args.positive("meanOrder", meanOrder);
        this.sigma = Args.positive("sigma", sigma);
        if (!(conversionLift >= 0) || conversion * (1 + conversionLift) > 1) {
            throw Args.fail("conversionLift", conversionLift, "≥ 0 with conversion · (1 + conversionLift) ≤ 1");
        }
        this.conversionLift = conversionLift;
        this.orderLift = Args.nonNegative("orderLift", orderLift);
        if (conversionLift == 0 && orderLift == 0) {
            throw Args.fail("conversionLift and orderLift", 0.0, "not both 0 (the study measures an effect)");
        }
        this.quantile = Args.openUnit("quantile", quantile);
    }

    /** Revenue per user of one arm: {@code n} users, each buying with {@code p}, orders of mean {@code mean}. */
    double[] revenue(int n, double p, double mean, SplittableRandom rng) {
        double mu = Math.log(mean) - sigma * sigma / 2;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < p) {
                v[i] = Math.exp(mu + sigma * rng.nextGaussian());
            }
        }
        return v;
    }

    /** Runs {@code replications} A/B tests at level {@code alpha} under {@code seed}. */
    public Result run(int replications, double alpha, long seed) {
        Args.atLeast("replications", replications, 2);
        Args.openUnit("alpha", alpha);
        double pt = conversion * (1 + conversionLift);
        double mt = meanOrder * (1 + orderLift);
        double[][] out = new double[replications][];
        IntStream.range(0, replications).parallel().forEach(r -> {
            SplittableRandom rng = new SplittableRandom(Seeds.replicate(seed, r));
            double[] c = revenue(usersPerArm, conversion, meanOrder, rng);
            double[] t = revenue(usersPerArm, pt, mt, rng);
            double cap = Winsorizer.cap(c, t, quantile);
            double[] wc = Winsorizer.apply(c, cap);
            Comparison raw = WelchTTest.test(c, t, alpha);
            Comparison win = WelchTTest.test(wc, Winsorizer.apply(t, cap), alpha);
            out[r] = new double[] {raw.difference(), win.difference(), raw.lift(), win.lift(),
                raw.significant() && raw.difference() > 0 ? 1 : 0, win.significant() && win.difference() > 0 ? 1 : 0,
                variance(c), variance(wc), cap};
        });
        double[] m = new double[9];
        for (double[] o : out) {
            for (int j = 0; j < m.length; j++) {
                m[j] += o[j] / replications;
            }
        }
        double trueDiff = pt * mt - conversion * meanOrder;
        return new Result(replications, usersPerArm, trueDiff, trueDiff / (conversion * meanOrder), m[0], m[1], m[2],
                m[3], m[4], m[5], m[6], m[7], m[8]);
    }

    private static double variance(double[] v) {
        return InterferenceStudy.variance(v);
    }
}
