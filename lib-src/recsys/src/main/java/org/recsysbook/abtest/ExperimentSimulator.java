package org.recsysbook.abtest;

import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

import org.recsysbook.core.Args;

/**
 * Simulated live traffic for an online experiment, steps 1–3 of the chapter's "How It Works": users of the
 * synthetic world arrive over the days of the test, each is assigned to an arm by a salted
 * {@link TrafficSplitter}, each visit is served by that arm's {@link Variant}, and the log keeps per user
 * the impressions, clicks, conversions, seconds, visits and revenue, plus end-of-day totals per arm for
 * daily looks.
 *
 * <p>Traffic model: user {@code u} (ids {@code 0 … users−1}) first visits on a day drawn uniformly from the
 * first {@code arrivalDays} days; after each visit they come back on each later day with that visit's
 * {@link Visit#returnProbability()} until their next visit. Before the test, {@code preDays} days
 * of the same process with every user on the first arm, all starting on its first day, give each user's pre-experiment values, CUPED's
 * covariate. A tracking loss (a logging bug) can drop a share of one arm's users whose first visit had
 * no click, which is how a sample ratio mismatch arises.
 *
 * <p>Configured by chained {@code with…} calls on an immutable value; {@link #run} is deterministic in its
 * seed and safe to call from several threads.
 */
public final class ExperimentSimulator {
    private final int users;
    private final int days;
    private final int arrivalDays;
    private final int preDays;
    private final String salt;
    private final double[] shares;
    private final long seed;
    private final int lossArm;
    private final double lossProbability;

    private ExperimentSimulator(int users, int days, int arrivalDays, int preDays, String salt, double[] shares,
                                long seed, int lossArm, double lossProbability) {
        this.users = users;
        this.days = days;
        this.arrivalDays = arrivalDays;
        this.preDays = preDays;
        this.salt = salt;
        this.shares = shares;
        this.seed = seed;
        this.lossArm = lossArm;
        this.lossProbability = lossProbability;
    }

    /**
     * An experiment of {@code users} users over {@code days} days, arrivals spread over all days, no
     * pre-period, a 50/50 split salted "experiment", seed 1, no tracking loss.
     */
    public static ExperimentSimulator of(int users, int days) {
        Args.positive("users", users);
        Args.positive("days", days);
        return new ExperimentSimulator(users, days, days, 0, "experiment", new double[] {0.5, 0.5}, 1, -1, 0);
    }

    /** Users arrive over the first {@code n} days (1 ≤ n ≤ days). */
    public ExperimentSimulator withArrivalDays(int n) {
        if (n < 1 || n > days) {
            throw Args.fail("arrivalDays", n, "in [1, days] = [1, " + days + "]");
        }
        return new ExperimentSimulator(users, days, n, preDays, salt, shares, seed, lossArm, lossProbability);
    }

    /** Simulates {@code n} ≥ 0 days before the test (everyone on the first arm) for CUPED's covariate. */
    public ExperimentSimulator withPreDays(int n) {
        Args.nonNegative("preDays", n);
        return new ExperimentSimulator(users, days, arrivalDays, n, salt, shares, seed, lossArm, lossProbability);
    }

    /** The assignment salt and the arms' shares (one per variant given to {@link #run}). */
    public ExperimentSimulator withSplit(String newSalt, double... newShares) {
        Args.notNull("shares", newShares);
        new TrafficSplitter(newSalt, names(newShares.length), newShares);
        return new ExperimentSimulator(users, days, arrivalDays, preDays, newSalt, newShares.clone(), seed, lossArm,
                lossProbability);
    }

    public ExperimentSimulator withSeed(long newSeed) {
        return new ExperimentSimulator(users, days, arrivalDays, preDays, salt, shares, newSeed, lossArm, lossProbability);
    }

    /**
     * A logging bug: each user of arm {@code arm} whose first visit had no click is lost from the logs with
     * probability {@code probability}.
     */
    public ExperimentSimulator withTrackingLoss(int arm, double probability) {
        if (arm < 0 || arm >= shares.length) {
            throw Args.fail("arm", arm, "in [0, " + shares.length + ")");
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw Args.fail("probability", probability, "in [0, 1]");
        }
        return new ExperimentSimulator(users, days, arrivalDays, preDays, salt, shares, seed, arm, probability);
    }

    public int users() {
        return users;
    }

    public int days() {
        return days;
    }

    /** Runs the experiment with one variant per arm (control first). */
    public ExperimentData run(Variant... variants) {
        if (variants == null || variants.length != shares.length) {
            throw Args.fail("variants.length", variants == null ? "null" : variants.length,
                    shares.length + " (one per share of the split)");
        }
        String[] names = new String[variants.length];
        for (int a = 0; a < variants.length; a++) {
            if (variants[a] == null) {
                throw new IllegalArgumentException("variants[" + a + "] must not be null");
            }
            names[a] = variants[a].name();
        }
        TrafficSplitter splitter = new TrafficSplitter(salt, List.of(names).stream().distinct().count() == names.length
                ? List.of(names) : names(names.length), shares);
        SplittableRandom rng = new SplittableRandom(seed);
        Visit visit = new Visit();
        int arms = variants.length;

        ExperimentData.UserTotals pre = new ExperimentData.UserTotals(preDays > 0 ? users : 0);
        if (preDays > 0) {
            int[] everyoneFirst = new int[users];
            int[] start = new int[users];
            simulate(pre, everyoneFirst, start, preDays, variants, rng.split(), visit, null, null, false);
        }

        int[] arm = new int[users];
        int[] firstDay = new int[users];
        SplittableRandom arrivals = rng.split();
        for (int u = 0; u < users; u++) {
            arm[u] = splitter.assign(u);
            firstDay[u] = arrivalDays == 1 ? 0 : arrivals.nextInt(arrivalDays);
        }
        ExperimentData.UserTotals during = new ExperimentData.UserTotals(users);
        ExperimentData.Daily daily = new ExperimentData.Daily(arms, days);
        BitSet[] shown = new BitSet[arms];
        for (int a = 0; a < arms; a++) {
            shown[a] = new BitSet();
        }
        simulate(during, arm, firstDay, days, variants, rng.split(), visit, daily, shown, true);
        int[] catalog = new int[arms];
        for (int a = 0; a < arms; a++) {
            catalog[a] = variants[a] instanceof SlateVariant s ? s.catalogSize() : 0;
        }
        return new ExperimentData(names, shares, arm, firstDay, during, pre, daily, shown, catalog, days);
    }

    /**
     * The day loop: a user visits on their first day, then on each later day with the return chance of
     * their last visit; users are served in id order, so one seed gives one log.
     */
    private void simulate(ExperimentData.UserTotals log, int[] arm, int[] firstDay, int dayCount, Variant[] variants,
                          SplittableRandom rng, Visit visit, ExperimentData.Daily daily, BitSet[] shown, boolean experiment) {
        int n = users;
        double[] back = new double[n];
        for (int d = 0; d < dayCount; d++) {
            for (int u = 0; u < n; u++) {
                int f = firstDay[u];
                if (d < f || (d > f && !(back[u] > 0 && rng.nextDouble() < back[u]))) {
                    continue;
                }
                int a = arm[u];
                visit.reset();
                variants[a].serve(u, d, d - f, rng, visit);
                boolean first = d == f;
                if (experiment && first && a == lossArm && visit.clicks() == 0 && rng.nextDouble() < lossProbability) {
                    log.lost[u] = true;
                    back[u] = 0;
                    continue;
                }
                double oldRevenue = log.revenue[u];
                boolean wasConverter = log.conversions[u] > 0;
                log.add(u, visit);
                if (daily != null) {
                    daily.add(a, d, visit, first, !wasConverter && log.conversions[u] > 0, oldRevenue, log.revenue[u]);
                }
                if (shown != null) {
                    for (int k = 0; k < visit.shownItems(); k++) {
                        shown[a].set(visit.item(k));
                    }
                }
                back[u] = visit.returnProbability();
            }
            if (daily != null) {
                daily.closeDay(d);
            }
        }
    }

    private static List<String> names(int k) {
        String[] n = new String[k];
        for (int i = 0; i < k; i++) {
            n[i] = i == 0 ? "control" : k == 2 ? "treatment" : "treatment-" + i;
        }
        return List.of(n);
    }
}
