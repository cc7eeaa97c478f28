package org.recsysbook.scale;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.recsysbook.core.Args;
import org.recsysbook.experiment.EventStore;
import org.recsysbook.serving.Event;

/**
 * A small two-arm experiment written straight into an {@link EventStore} (no service, no HTTP), so that the Spark
 * analysis can be checked against the store's own SQL in seconds: users split 50/50, each visiting a few times a day
 * (some far more than others), every visit a list of {@code k} impressions at times spread over the day, each clicked
 * with probability {@code ctr × examination(position)} (the treatment's {@code ctr} a relative {@code lift} higher),
 * clicks up to 20 minutes after their impression (so a click can land on the next day).
 *
 * <p>On the last day the treatment arm's logging can lose a share of its users ({@code lostOnLastDay}): the fault the
 * sample-ratio check exists to find.
 *
 * @param users         users, ≥ 2
 * @param days          days, from {@code first}, ≥ 1
 * @param k             impressions per visit, ≥ 1
 * @param ctr           the control's click probability at position 1, in (0, 1)
 * @param lift          the treatment's relative lift of it, ≥ 0 (and {@code ctr × (1 + lift) < 1})
 * @param lostOnLastDay the share of the treatment's users whose events of the last day are lost, in [0, 1]
 * @param seed          the random seed
 */
public record ExperimentLog(int users, int days, int k, double ctr, double lift, double lostOnLastDay, long seed) {
    /** The catalog the lists are drawn from (the items carry no meaning here; only the clicks do). */
    static final int ITEMS = 1000;

    /** The examination probability of 1-based position {@code p}: 1 / p^0.7. */
    public static double examination(int position) {
        return Math.pow(position, -0.7);
    }

    public ExperimentLog {
        Args.atLeast("users", users, 2);
        Args.atLeast("days", days, 1);
        Args.inRange("k", k, 1, ITEMS);
        Args.openUnit("ctr", ctr);
        Args.nonNegative("lift", lift);
        if (!(ctr * (1 + lift) < 1)) {
            throw new IllegalArgumentException("lift must keep ctr × (1 + lift) below 1, got ctr = " + ctr
                    + ", lift = " + lift);
        }
        Args.unit("lostOnLastDay", lostOnLastDay);
    }

    /** The arm of {@code user}: a seeded 50/50 split. */
    public String arm(int user) {
        long h = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (user + 1))).nextLong();
        return (h & 1) == 0 ? "control" : "treatment";
    }

    /**
     * Writes the experiment's events of the days {@code first .. first + days − 1} (UTC) into {@code store} and
     * returns the number of impressions written.
     */
    public long writeTo(EventStore store, LocalDate first) {
        Args.notNull("store", store);
        Args.notNull("first", first);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] activity = new double[users];
        for (int u = 0; u < users; u++) {
            activity[u] = 0.3 * Math.exp(rng.nextGaussian() * 0.8); // visits a day, heavy-tailed across users
        }
        long impressions = 0;
        for (int d = 0; d < days; d++) {
            long dayStart = first.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            List<EventStore.Row> rows = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String arm = arm(u);
                boolean lost = d == days - 1 && arm.equals("treatment") && rng.nextDouble() < lostOnLastDay;
                int visits = poisson(rng, activity[u]);
                double base = arm.equals("control") ? ctr : ctr * (1 + lift);
                for (int v = 0; v < visits; v++) {
                    String request = first.plusDays(d) + "/" + u + "/" + v;
                    long t = dayStart + rng.nextLong(86_400_000L);
                    int start = rng.nextInt(ITEMS); // the visit's k items: distinct, as a list's are
                    for (int p = 1; p <= k; p++) {
                        int item = (start + p) % ITEMS;
                        boolean click = rng.nextDouble() < base * examination(p);
                        long ct = t + 1_000 + rng.nextLong(1_200_000L);
                        if (lost) {
                            continue; // the draws are made all the same: the other users' events do not change
                        }
                        rows.add(new EventStore.Row(new Event(Event.Type.IMPRESSION, request, u, item, arm, p, 1.0,
                                t + p), "model-" + arm, false));
                        impressions++;
                        if (click) {
                            rows.add(new EventStore.Row(new Event(Event.Type.CLICK, request, u, item, arm, p, 1.0, ct),
                                    "-", false));
                        }
                    }
                }
            }
            store.write(rows);
        }
        return impressions;
    }

    private static int poisson(SplittableRandom rng, double mean) {
        double limit = Math.exp(-mean);
        double product = rng.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= rng.nextDouble();
            n++;
        }
        return n;
    }
}
