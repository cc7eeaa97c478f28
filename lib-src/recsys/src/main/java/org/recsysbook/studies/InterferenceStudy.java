package org.recsysbook.studies;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;

/**
 * Interference between users in a two-sided marketplace, a pitfall of the chapter's A/B test, measured by
 * simulation: treatment and control share a limited supply (rooms, drivers, a creator's slots), so whatever the
 * treatment's users book is no longer there for the control's users.
 *
 * <p>Each of {@code markets} markets has {@code usersPerMarket} users and a supply of
 * {@code supplyRatio · usersPerMarket · bookingIntent} units, the ratio drawn uniformly from
 * [{@code minSupplyRatio}, {@code maxSupplyRatio}] per market (a ratio below 1 cannot serve even the control's
 * demand). A user tries to book with probability {@code bookingIntent}, times 1 + {@code intentLift} under the
 * treatment; the attempts of a market are served in random order until its supply runs out. Four worlds are run
 * per replication on the same markets:
 * <ul>
 *   <li>everyone on control, and everyone on treatment: their ratio of bookings per user is what a full
 *       launch gives (the <b>launch lift</b>, the estimand);</li>
 *   <li>a <b>user-level</b> split, half the users of every market in each arm, the usual A/B test: the treatment's
 *       extra attempts take supply from the control's users, so the lift it measures overstates the launch's;</li>
 *   <li>a <b>market-level</b> split, half the markets wholly in each arm (cluster randomisation): no market holds
 *       both arms, so no arm takes from the other; unbiased for the launch lift, but with only {@code markets}
 *       units randomised its spread is wider.</li>
 * </ul>
 * Replications run in parallel with seeds derived from {@code (seed, r)}, so the result does not depend on the
 * number of threads.
 */
public final class InterferenceStudy {

    /**
     * What the study found, each lift a relative difference of bookings per user (treatment / control − 1),
     * averaged over replications, with its standard deviation across them.
     *
     * @param replications       replications run
     * @param markets            markets in each
     * @param usersPerMarket     users in each market
     * @param launchLift         everyone on treatment against everyone on control: the effect of a launch
     * @param userSplitLift      the user-level A/B test's lift
     * @param userSplitSd        its spread across replications
     * @param marketSplitLift    the market-level A/B test's lift
     * @param marketSplitSd      its spread across replications
     * @param userSplitCoverage  share of replications whose user-level 95 % interval holds that replication's launch lift
     * @param marketSplitCoverage the same for the market-level test (its interval over the markets)
     */
    public record Result(int replications, int markets, int usersPerMarket, double launchLift, double userSplitLift,
                         double userSplitSd, double marketSplitLift, double marketSplitSd, double userSplitCoverage,
                         double marketSplitCoverage) {
        /** How much the user-level test overstates the launch lift: userSplitLift / launchLift. */
        public double overstatement() {
            return userSplitLift / launchLift;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d replications × %d markets × %d users: launch lift %+.2f %%; "
                            + "user-level A/B %+.2f %% (sd %.2f, 95 %% CI holds the launch lift in %.0f %%); "
                            + "market-level A/B %+.2f %% (sd %.2f, CI holds it in %.0f %%)", replications, markets,
                    usersPerMarket, 100 * launchLift, 100 * userSplitLift, 100 * userSplitSd,
                    100 * userSplitCoverage, 100 * marketSplitLift, 100 * marketSplitSd, 100 * marketSplitCoverage);
        }
    }

    private final int markets;
    private final int usersPerMarket;
    private final double bookingIntent;
    private final double intentLift;
    private final double minSupplyRatio;
    private final double maxSupplyRatio;

    /**
     * @param markets        markets, an even number ≥ 4 (half go to each arm in the market-level split)
     * @param usersPerMarket users per market, ≥ 2
     * @param bookingIntent  chance that a control user tries to book, in (0, 1)
     * @param intentLift     the treatment's relative lift of that chance, &gt; −1, with the lifted chance ≤ 1
     * @param minSupplyRatio the scarcest market's supply over the control's expected demand, &gt; 0
     * @param maxSupplyRatio the most plentiful market's, ≥ minSupplyRatio
     */
    public InterferenceStudy(int markets, int usersPerMarket, double bookingIntent, double intentLift,
                             double minSupplyRatio, double maxSupplyRatio) {
        if (markets < 4 || markets % 2 != 0) {
            throw Args.fail("markets", markets, "an even number ≥ 4");
        }
        this.markets = markets;
        this.usersPerMarket = Args.atLeast("usersPerMarket", usersPerMarket, 2);
        this.bookingIntent = Args.openUnit("bookingIntent", bookingIntent);
        if (!(intentLift > -1) || bookingIntent * (1 + intentLift) > 1) {
            throw Args.fail("intentLift", intentLift, "> −1 with bookingIntent · (1 + intentLift) ≤ 1");
        }
        this.intentLift = intentLift;
        this.minSupplyRatio = Args.positive("minSupplyRatio", minSupplyRatio);
        if (!(maxSupplyRatio >= minSupplyRatio) || Double.isInfinite(maxSupplyRatio)) {
            throw Args.fail("maxSupplyRatio", maxSupplyRatio, "finite and ≥ minSupplyRatio (" + minSupplyRatio + ")");
        }
        this.maxSupplyRatio = maxSupplyRatio;
    }

    /** Runs {@code replications} replications under {@code seed}. */
    public Result run(int replications, long seed) {
        Args.atLeast("replications", replications, 2);
        double[][] out = new double[replications][];
        IntStream.range(0, replications).parallel().forEach(r -> out[r] = replicate(new SplittableRandom(
                Seeds.replicate(seed, r))));
        double[] launch = new double[replications];
        double[] user = new double[replications];
        double[] market = new double[replications];
        int userCovers = 0;
        int marketCovers = 0;
        for (int r = 0; r < replications; r++) {
            launch[r] = out[r][0];
            user[r] = out[r][1];
            market[r] = out[r][3];
            userCovers += Math.abs(out[r][1] - out[r][0]) <= 1.96 * out[r][2] ? 1 : 0;
            marketCovers += Math.abs(out[r][3] - out[r][0]) <= 1.96 * out[r][4] ? 1 : 0;
        }
        return new Result(replications, markets, usersPerMarket, mean(launch), mean(user), sd(user), mean(market),
                sd(market), (double) userCovers / replications, (double) marketCovers / replications);
    }

    /** {launch lift, user-level lift, its standard error, market-level lift, its standard error}. */
    private double[] replicate(SplittableRandom rng) {
        int[] supply = new int[markets];
        for (int m = 0; m < markets; m++) {
            double ratio = minSupplyRatio + (maxSupplyRatio - minSupplyRatio) * rng.nextDouble();
            supply[m] = (int) Math.round(ratio * usersPerMarket * bookingIntent);
        }
        boolean[] treated = new boolean[usersPerMarket];
        boolean[] booked = new boolean[usersPerMarket];
        int[] attempts = new int[usersPerMarket];
        long allControl = 0;
        long allTreatment = 0;
        long[] userArm = new long[2];
        long[] userBooked = new long[2];
        double[] marketRate = new double[markets];
        boolean[] marketTreated = new boolean[markets];
        int[] order = new int[markets];
        for (int m = 0; m < markets; m++) {
            order[m] = m;
        }
        shuffle(order, order.length, rng);
        for (int i = 0; i < markets / 2; i++) {
            marketTreated[order[i]] = true;
        }
        for (int m = 0; m < markets; m++) {
            java.util.Arrays.fill(treated, false);
            allControl += serve(supply[m], treated, booked, attempts, rng);
            java.util.Arrays.fill(treated, true);
            allTreatment += serve(supply[m], treated, booked, attempts, rng);
            for (int u = 0; u < usersPerMarket; u++) {
                treated[u] = rng.nextBoolean();
            }
            serve(supply[m], treated, booked, attempts, rng);
            for (int u = 0; u < usersPerMarket; u++) {
                int a = treated[u] ? 1 : 0;
                userArm[a]++;
                userBooked[a] += booked[u] ? 1 : 0;
            }
            java.util.Arrays.fill(treated, marketTreated[m]);
            marketRate[m] = (double) serve(supply[m], treated, booked, attempts, rng) / usersPerMarket;
        }
        double launch = (double) allTreatment / allControl - 1;
        double pc = (double) userBooked[0] / userArm[0];
        double pt = (double) userBooked[1] / userArm[1];
        double userLift = pt / pc - 1;
        // delta method for the ratio of two independent rates
        double userSe = Math.sqrt(pt * (1 - pt) / userArm[1] / (pc * pc)
                + pt * pt * pc * (1 - pc) / userArm[0] / (pc * pc * pc * pc));
        double[] tm = new double[markets / 2];
        double[] cm = new double[markets / 2];
        int ti = 0;
        int ci = 0;
        for (int m = 0; m < markets; m++) {
            if (marketTreated[m]) {
                tm[ti++] = marketRate[m];
            } else {
                cm[ci++] = marketRate[m];
            }
        }
        double mt = mean(tm);
        double mc = mean(cm);
        double vt = variance(tm) / tm.length;
        double vc = variance(cm) / cm.length;
        double marketLift = mt / mc - 1;
        double marketSe = Math.sqrt(vt / (mc * mc) + mt * mt * vc / (mc * mc * mc * mc));
        return new double[] {launch, userLift, userSe, marketLift, marketSe};
    }

    /** One market's day: who tries to book, then the supply served in random order; returns the bookings. */
    private int serve(int supply, boolean[] treated, boolean[] booked, int[] attempts, SplittableRandom rng) {
        double pc = bookingIntent;
        double pt = bookingIntent * (1 + intentLift);
        int n = 0;
        for (int u = 0; u < treated.length; u++) {
            booked[u] = false;
            if (rng.nextDouble() < (treated[u] ? pt : pc)) {
                attempts[n++] = u;
            }
        }
        int served = Math.min(n, supply);
        shuffle(attempts, served, n, rng);
        for (int i = 0; i < served; i++) {
            booked[attempts[i]] = true;
        }
        return served;
    }

    /** The first {@code k} places of a random permutation of {@code a[0..n)} (partial Fisher–Yates). */
    private static void shuffle(int[] a, int k, int n, SplittableRandom rng) {
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void shuffle(int[] a, int n, SplittableRandom rng) {
        shuffle(a, n, n, rng);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double variance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }

    static double sd(double[] v) {
        return Math.sqrt(variance(v));
    }
}
