package org.recsysbook.studies;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;

/**
 * Leakage between arms through a shared training log, a pitfall of the chapter's A/B test, measured by simulation.
 * Both arms recommend one of {@code items} items per visit from a click-rate model retrained at the end of every
 * day on a log of past impressions and clicks (each item's clicks + 1 over its impressions + 20, a prior mean of
 * 5 %). Control shows the model's best item (greedy); the treatment, the new system under test, explores: with
 * probability {@code epsilon} it shows a random item instead. Exploration costs clicks today and buys knowledge that
 * the model uses tomorrow.
 *
 * <p>Three worlds per replication, on the same items (true click rates uniform on [{@code minCtr}, {@code maxCtr}]):
 * <ul>
 *   <li><b>launch</b>: each system alone on all the traffic, learning from its own log: the effect of shipping it;</li>
 *   <li><b>separate logs</b>: an A/B test in which each arm's model trains only on its own arm's log;</li>
 *   <li><b>shared log</b>: the usual shortcut, one model trained on the log of both arms: control learns from the
 *       treatment's exploration for free, and the measured difference shrinks (here it can change sign).</li>
 * </ul>
 * Each lift is the treatment's click-through rate over the control's minus 1 over the whole test, averaged over
 * replications. Replications run in parallel with seeds derived from {@code (seed, r)}.
 */
public final class SharedLogStudy {

    /**
     * What the study found.
     *
     * @param replications     replications run
     * @param launchLift       treatment alone against control alone, each on all the traffic
     * @param separateLogsLift the A/B test with a model per arm
     * @param sharedLogLift    the A/B test with one model trained on both arms' logs
     * @param launchSd         spread across replications of the launch lift
     * @param separateLogsSd   of the separate-logs lift
     * @param sharedLogSd      of the shared-log lift
     * @param controlCtrSeparate control's click-through rate with its own log (averaged over replications)
     * @param controlCtrShared   control's click-through rate when it also learns from the treatment's log
     */
    public record Result(int replications, double launchLift, double separateLogsLift, double sharedLogLift,
                         double launchSd, double separateLogsSd, double sharedLogSd, double controlCtrSeparate,
                         double controlCtrShared) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d replications: launch lift %+.2f %% (sd %.2f); A/B with separate logs "
                            + "%+.2f %% (sd %.2f); A/B with a shared log %+.2f %% (sd %.2f); control's CTR %.4f alone, %.4f "
                            + "with the shared log", replications, 100 * launchLift, 100 * launchSd,
                    100 * separateLogsLift, 100 * separateLogsSd, 100 * sharedLogLift, 100 * sharedLogSd,
                    controlCtrSeparate, controlCtrShared);
        }
    }

    private static final double PRIOR_CLICKS = 1;
    private static final double PRIOR_IMPRESSIONS = 20;

    private final int items;
    private final int visitsPerDay;
    private final int days;
    private final double epsilon;
    private final double minCtr;
    private final double maxCtr;

    /**
     * @param items        items to choose from, ≥ 2
     * @param visitsPerDay visits per day to the whole experiment (split 50/50 in an A/B test), ≥ 2
     * @param days         days, each ending with a retraining, ≥ 1
     * @param epsilon      the treatment's exploration rate, in (0, 1]
     * @param minCtr       the lowest true click rate, in [0, 1)
     * @param maxCtr       the highest, in (minCtr, 1]
     */
    public SharedLogStudy(int items, int visitsPerDay, int days, double epsilon, double minCtr, double maxCtr) {
        this.items = Args.atLeast("items", items, 2);
        this.visitsPerDay = Args.atLeast("visitsPerDay", visitsPerDay, 2);
        this.days = Args.atLeast("days", days, 1);
        if (!(epsilon > 0 && epsilon <= 1)) {
            throw Args.fail("epsilon", epsilon, "in (0, 1]");
        }
        this.epsilon = epsilon;
        if (!(minCtr >= 0 && minCtr < 1)) {
            throw Args.fail("minCtr", minCtr, "in [0, 1)");
        }
        if (!(maxCtr > minCtr && maxCtr <= 1)) {
            throw Args.fail("maxCtr", maxCtr, "in (minCtr, 1] with minCtr = " + minCtr);
        }
        this.minCtr = minCtr;
        this.maxCtr = maxCtr;
    }

    /** Runs {@code replications} replications under {@code seed}. */
    public Result run(int replications, long seed) {
        Args.atLeast("replications", replications, 2);
        double[][] out = new double[replications][];
        IntStream.range(0, replications).parallel().forEach(r -> out[r] = replicate(new SplittableRandom(
                Seeds.replicate(seed, r))));
        double[][] col = new double[5][replications];
        for (int r = 0; r < replications; r++) {
            for (int c = 0; c < 5; c++) {
                col[c][r] = out[r][c];
            }
        }
        return new Result(replications, InterferenceStudy.mean(col[0]), InterferenceStudy.mean(col[1]),
                InterferenceStudy.mean(col[2]), InterferenceStudy.sd(col[0]), InterferenceStudy.sd(col[1]),
                InterferenceStudy.sd(col[2]), InterferenceStudy.mean(col[3]), InterferenceStudy.mean(col[4]));
    }

    /** {launch lift, separate-logs lift, shared-log lift, control's CTR separate, control's CTR shared}. */
    private double[] replicate(SplittableRandom rng) {
        double[] ctr = new double[items];
        for (int i = 0; i < items; i++) {
            ctr[i] = minCtr + (maxCtr - minCtr) * rng.nextDouble();
        }
        double controlAlone = world(ctr, new double[] {0}, visitsPerDay, false, rng)[0];
        double treatmentAlone = world(ctr, new double[] {epsilon}, visitsPerDay, false, rng)[0];
        double[] separate = world(ctr, new double[] {0, epsilon}, visitsPerDay / 2, false, rng);
        double[] shared = world(ctr, new double[] {0, epsilon}, visitsPerDay / 2, true, rng);
        return new double[] {treatmentAlone / controlAlone - 1, separate[1] / separate[0] - 1,
            shared[1] / shared[0] - 1, separate[0], shared[0]};
    }

    /**
     * The click-through rate of each arm over the test: arm {@code a} explores with {@code eps[a]} and serves
     * {@code visits} visits a day; its model trains on its own log, or on all arms' logs when {@code shared}.
     */
    double[] world(double[] ctr, double[] eps, int visits, boolean shared, SplittableRandom rng) {
        int arms = eps.length;
        long[][] shows = new long[arms][items];
        long[][] clicks = new long[arms][items];
        long[] armShows = new long[arms];
        long[] armClicks = new long[arms];
        int[] best = new int[arms];
        for (int d = 0; d < days; d++) {
            for (int a = 0; a < arms; a++) {
                best[a] = greedy(shows, clicks, shared ? -1 : a, rng);
            }
            for (int a = 0; a < arms; a++) {
                for (int v = 0; v < visits; v++) {
                    int item = rng.nextDouble() < eps[a] ? rng.nextInt(items) : best[a];
                    shows[a][item]++;
                    armShows[a]++;
                    if (rng.nextDouble() < ctr[item]) {
                        clicks[a][item]++;
                        armClicks[a]++;
                    }
                }
            }
        }
        double[] rate = new double[arms];
        for (int a = 0; a < arms; a++) {
            rate[a] = (double) armClicks[a] / armShows[a];
        }
        return rate;
    }

    /** The item of highest estimated click rate on arm {@code a}'s log (all logs when a &lt; 0), ties at random. */
    private int greedy(long[][] shows, long[][] clicks, int a, SplittableRandom rng) {
        int best = -1;
        double bestRate = Double.NEGATIVE_INFINITY;
        int ties = 0;
        for (int i = 0; i < items; i++) {
            long s = 0;
            long c = 0;
            for (int arm = 0; arm < shows.length; arm++) {
                if (a < 0 || arm == a) {
                    s += shows[arm][i];
                    c += clicks[arm][i];
                }
            }
            double rate = (c + PRIOR_CLICKS) / (s + PRIOR_IMPRESSIONS);
            if (rate > bestRate) {
                bestRate = rate;
                best = i;
                ties = 1;
            } else if (rate == bestRate && rng.nextInt(++ties) == 0) {
                best = i;
            }
        }
        return best;
    }
}
