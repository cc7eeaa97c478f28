package org.recsysbook.experiment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.recsysbook.abtest.Comparison;
import org.recsysbook.abtest.Cuped;
import org.recsysbook.abtest.RatioMetricTest;
import org.recsysbook.abtest.SampleRatioMismatch;
import org.recsysbook.abtest.TwoProportionZTest;
import org.recsysbook.bandit.offpolicy.LoggedBandit;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The A/B analysis of the chapter, read from the event store: a query (SQL the notebook shows) gives a table, and
 * these methods hand its columns to the {@code abtest} statistics, which they do not reimplement.
 *
 * <p>Conventions for the tables: an {@code arm} column holding {@code control} and {@code treatment}; per-user
 * tables have {@code clicks} and {@code impressions} (and {@code pre_clicks} for CUPED); per-day tables
 * {@code day}, {@code control} and {@code treatment} counts.
 */
public final class ExperimentAnalysis {
    private ExperimentAnalysis() {
    }

    /**
     * Runs {@code sql} on {@code connection} with {@code params} bound in order, as a Tablesaw table.
     *
     * @throws IllegalArgumentException if the query fails (the message carries the database's)
     */
    public static Table query(Connection connection, String sql, Object... params) {
        if (connection == null || sql == null) {
            throw new IllegalArgumentException("connection and sql must not be null");
        }
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            try (ResultSet r = p.executeQuery()) {
                return Table.read().db(r);
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("sql failed: " + e.getMessage(), e);
        }
    }

    /** CTR per arm as a ratio metric (clicks / impressions, users randomised): the delta method. */
    public static Comparison ctr(Table perUser, double alpha) {
        double[][] c = columns(perUser, "control", "clicks", "impressions");
        double[][] t = columns(perUser, "treatment", "clicks", "impressions");
        return RatioMetricTest.test(c[0], c[1], t[0], t[1], alpha);
    }

    /**
     * CTR compared as if every impression were an independent trial (a two-proportion z-test on the sums): the
     * mistake the delta method corrects, kept to show what it costs.
     */
    public static Comparison naiveCtr(Table perUser, double alpha) {
        double[][] c = columns(perUser, "control", "clicks", "impressions");
        double[][] t = columns(perUser, "treatment", "clicks", "impressions");
        return TwoProportionZTest.test(sum(c[0]), sum(c[1]), sum(t[0]), sum(t[1]), alpha);
    }

    /** Conversion per user: the share of users with at least one click, a two-proportion z-test. */
    public static Comparison conversion(Table perUser, double alpha) {
        double[][] c = columns(perUser, "control", "clicks");
        double[][] t = columns(perUser, "treatment", "clicks");
        return TwoProportionZTest.test(positive(c[0]), c[0].length, positive(t[0]), t[0].length, alpha);
    }

    /** Clicks per user, CUPED-adjusted with each user's pre-period clicks ({@code pre_clicks}) as covariate. */
    public static Comparison cuped(Table perUser, double alpha) {
        double[][] c = columns(perUser, "control", "clicks", "pre_clicks");
        double[][] t = columns(perUser, "treatment", "clicks", "pre_clicks");
        return Cuped.test(c[0], c[1], t[0], t[1], alpha);
    }

    /** The share of the variance of clicks per user that the pre-period covariate removes (both arms pooled). */
    public static double cupedVarianceReduction(Table perUser) {
        double[] y = ((NumericColumn<?>) perUser.column("clicks")).asDoubleArray();
        double[] x = ((NumericColumn<?>) perUser.column("pre_clicks")).asDoubleArray();
        return Cuped.varianceReduction(y, x);
    }

    /**
     * The sample-ratio check of each row of a per-day table ({@code day}, {@code control}, {@code treatment}
     * counts) against a 50/50 split at α = 0.001; the table with its χ² p-value and verdict added.
     */
    public static Table srmByDay(Table perDay) {
        Table out = perDay.copy();
        DoubleColumn p = DoubleColumn.create("p_value");
        StringColumn verdict = StringColumn.create("verdict");
        NumericColumn<?> c = (NumericColumn<?>) perDay.column("control");
        NumericColumn<?> t = (NumericColumn<?>) perDay.column("treatment");
        for (int i = 0; i < perDay.rowCount(); i++) {
            SampleRatioMismatch.Result r = SampleRatioMismatch.test((long) c.getDouble(i), (long) t.getDouble(i));
            p.append(r.pValue());
            verdict.append(r.mismatch() ? "MISMATCH" : "ok");
        }
        return out.addColumns(p, verdict);
    }

    /** Comparisons per value of a grouping column ({@code bucket}, {@code salt}, …), in order of appearance. */
    public static List<Comparison> ctrBy(Table perUser, String group, double alpha) {
        List<Comparison> out = new ArrayList<>();
        for (Table part : perUser.splitOn(group).asTableList()) {
            out.add(ctr(part, alpha));
        }
        return out;
    }

    /** The share of comparisons found significant. */
    public static double significantShare(List<Comparison> comparisons) {
        long n = comparisons.stream().filter(Comparison::significant).count();
        return (double) n / comparisons.size();
    }

    /** The share of comparisons whose interval on the difference covers {@code truth}. */
    public static double coverage(List<Comparison> comparisons, double truth) {
        long n = comparisons.stream().filter(c -> c.differenceCi().contains(truth)).count();
        return (double) n / comparisons.size();
    }

    /**
     * The exploration slot's log as the off-policy estimators take it: one row per explored impression
     * ({@code item_id}, {@code clicked} 0/1, {@code propensity}), the action being the item's index in {@code pool}
     * and the context the slot's single constant one.
     */
    public static LoggedBandit loggedBandit(Table explored, int[] pool) {
        int n = explored.rowCount();
        if (n == 0) {
            throw new IllegalArgumentException("explored must hold at least one row, got none");
        }
        NumericColumn<?> item = (NumericColumn<?>) explored.column("item_id");
        NumericColumn<?> clicked = (NumericColumn<?>) explored.column("clicked");
        NumericColumn<?> propensity = (NumericColumn<?>) explored.column("propensity");
        double[][] contexts = new double[n][];
        int[] actions = new int[n];
        double[] rewards = new double[n];
        double[] propensities = new double[n];
        for (int i = 0; i < n; i++) {
            contexts[i] = ThompsonSlot.CONTEXT;
            int id = (int) item.getDouble(i);
            int a = -1;
            for (int j = 0; j < pool.length; j++) {
                if (pool[j] == id) {
                    a = j;
                }
            }
            if (a < 0) {
                throw new IllegalArgumentException("explored.item_id[" + i + "] must be a pool item, got " + id);
            }
            actions[i] = a;
            rewards[i] = clicked.getDouble(i);
            propensities[i] = propensity.getDouble(i);
        }
        return new LoggedBandit(pool.length, contexts, actions, rewards, propensities);
    }

    /** Columns of the rows of one arm, as double arrays (at least 2 users). */
    private static double[][] columns(Table t, String arm, String... names) {
        if (!t.columnNames().contains("arm")) {
            throw new IllegalArgumentException("the table must have an arm column, got " + t.columnNames());
        }
        Table part = t.where(t.stringColumn("arm").isEqualTo(arm));
        if (part.rowCount() < 2) {
            throw new IllegalArgumentException("arm " + arm + " must have at least 2 rows, got " + part.rowCount());
        }
        double[][] out = new double[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = ((NumericColumn<?>) part.column(names[i])).asDoubleArray();
        }
        return out;
    }

    private static long sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return Math.round(s);
    }

    private static long positive(double[] v) {
        long n = 0;
        for (double x : v) {
            if (x > 0) {
                n++;
            }
        }
        return n;
    }
}
