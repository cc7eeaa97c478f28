package org.recsysbook.metrics;

import java.util.Locale;

import org.recsysbook.core.Args;
import org.recsysbook.world.ClickModel;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The online figure a simulation can afford and a real system cannot: the clicks each recommender's lists would
 * get per visit, in expectation under the world's click model, which is what an A/B test with unlimited
 * traffic would measure. The chapter's point that offline metrics "do not replace A/B testing" is checked by
 * setting an offline metric's verdict beside this one.
 *
 * <p>For a list {@code L} shown to user u, {@code E[clicks] = sum_p P(click | u, L_p, p)} (position
 * examination times attractiveness, see {@link ClickModel}).
 */
public final class ExpectedClicks {
    private ExpectedClicks() { }

    /** The mean over the lists' users of the expected clicks on each list; {@code lists[j]} is shown to {@code users[j]}. */
    public static double perVisit(ClickModel clicks, int[] users, int[][] lists) {
        Args.notNull("clicks", clicks);
        Args.notNull("users", users);
        Args.notNull("lists", lists);
        if (users.length != lists.length || users.length == 0) {
            throw new IllegalArgumentException("users and lists must hold one entry per user and not be empty, had "
                    + users.length + " and " + lists.length);
        }
        double sum = 0;
        for (int j = 0; j < users.length; j++) {
            sum += clicks.expectedClicks(users[j], Args.notNull("lists", j, lists[j]));
        }
        return sum / users.length;
    }

    /**
     * One row per evaluated recommender: its offline {@code metric} and rank, and its expected clicks per visit
     * and rank, on the very lists the offline evaluation scored.
     */
    public static Table versusOffline(OfflineResult offline, String metric, ClickModel clicks) {
        Args.notNull("offline", offline);
        Args.notNull("clicks", clicks);
        String[] names = offline.recommenders();
        int[] users = offline.users();
        double[] off = new double[names.length];
        double[] on = new double[names.length];
        for (int r = 0; r < names.length; r++) {
            off[r] = offline.value(names[r], metric);
            on[r] = perVisit(clicks, users, offline.lists(names[r]));
        }
        return Table.create(String.format(Locale.ROOT, "Offline %s against expected clicks per visit (%d users)",
                        metric, users.length),
                StringColumn.create("recommender", names),
                DoubleColumn.create("offline " + metric, off),
                IntColumn.create("offline rank", ranks(off)),
                DoubleColumn.create("expected clicks per visit", on),
                IntColumn.create("online rank", ranks(on)));
    }

    /** 1 for the largest value; ties share the better rank. */
    static int[] ranks(double[] values) {
        int[] rank = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            rank[i] = 1;
            for (double v : values) {
                if (v > values[i]) {
                    rank[i]++;
                }
            }
        }
        return rank;
    }
}
