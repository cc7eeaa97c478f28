package org.recsysbook.metrics;

import java.util.SplittableRandom;

import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.InteractionLog;
import org.recsysbook.world.World;

/**
 * The logged history behind the chapter's "held-out interaction data": what an earlier production system showed
 * users day after day, and what they clicked, simulated with the world's click model.
 *
 * <p>Each day each user visits with probability {@code visitRate} and is shown {@code listLength} distinct
 * items drawn without replacement, each draw picking item i with probability
 * {@code popularityBias · pop_i / sum(pop) + (1 - popularityBias) / n}: the earlier system favoured popular
 * items. Clicks follow {@link ClickModel} (position examination times attractiveness). A log is only ever as
 * good as the system that wrote it: items that system rarely showed are rarely clicked, whatever users
 * think of them, which is the exposure bias an offline evaluation inherits.
 *
 * <p>Each user's visits are drawn from a generator seeded by {@code seed} and the user id; rows are appended
 * user by user, day by day.
 */
public final class HistoricalLog {
    private HistoricalLog() { }

    /**
     * Simulates {@code days} days of the popularity-biased logging system over every user of {@code world}.
     *
     * @param days           number of days, at least 2
     * @param listLength     items shown per visit, in [1, itemCount]
     * @param visitRate      probability that a user visits on a given day, in (0, 1]
     * @param popularityBias share of the showing probability given by popularity, in [0, 1]
     */
    public static InteractionLog simulate(World world, ClickModel clicks, int days, int listLength, double visitRate,
                                          double popularityBias, long seed) {
        Args.notNull("world", world);
        Args.notNull("clicks", clicks);
        if (days < 2) {
            throw new IllegalArgumentException("days must be ≥ 2 (a split by time needs two), got " + days);
        }
        int n = world.itemCount();
        if (listLength < 1 || listLength > n) {
            throw new IllegalArgumentException("listLength must be in [1, " + n + "], got " + listLength);
        }
        if (!(visitRate > 0 && visitRate <= 1)) {
            throw new IllegalArgumentException("visitRate must be in (0, 1], got " + visitRate);
        }
        if (!(popularityBias >= 0 && popularityBias <= 1)) {
            throw new IllegalArgumentException("popularityBias must be in [0, 1], got " + popularityBias);
        }
        double[] pop = world.popularity();
        double popSum = 0;
        for (double p : pop) {
            popSum += p;
        }
        double[] cumulative = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += popularityBias * pop[i] / popSum + (1 - popularityBias) / n;
            cumulative[i] = acc;
        }
        InteractionLog log = new InteractionLog();
        boolean[] taken = new boolean[n];
        int[] shown = new int[listLength];
        for (int u = 0; u < world.userCount(); u++) {
            SplittableRandom rng = new SplittableRandom(Seeds.forIndex(seed, 1, u));
            for (int day = 0; day < days; day++) {
                if (rng.nextDouble() >= visitRate) {
                    continue;
                }
                for (int j = 0; j < listLength; j++) {
                    int item;
                    do {
                        item = draw(cumulative, acc * rng.nextDouble());
                    } while (taken[item]);
                    taken[item] = true;
                    shown[j] = item;
                }
                for (int j = 0; j < listLength; j++) {
                    taken[shown[j]] = false;
                }
                clicks.simulate(u, shown, day, rng, log);
            }
        }
        return log;
    }

    private static int draw(double[] cumulative, double x) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
