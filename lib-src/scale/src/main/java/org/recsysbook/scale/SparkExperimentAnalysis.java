package org.recsysbook.scale;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.recsysbook.abtest.Comparison;
import org.recsysbook.core.Args;
import org.recsysbook.experiment.ExperimentAnalysis;

import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The experiment analysis of notebook 12 (the sample-ratio check per day, CTR per arm by the delta method) as Spark
 * SQL over the event log the event store exported to Parquet ({@code impressions/} and {@code clicks/}, one
 * directory per day). Spark does what grows with the log, the scan, the join of clicks to impressions and the
 * aggregation to one row per user or per day; the small result comes back to the driver as a Tablesaw table in the
 * shape {@link ExperimentAnalysis} takes, so the statistics are the library's own, computed once.
 *
 * <p>The queries are notebook 12's, one text for both engines but for one change: on Spark they filter and group on
 * the {@code day} partition column ({@link #USERS_PER_DAY}, {@link #PER_USER}) where the store's DuckDB uses
 * {@code CAST(ts AS DATE)} ({@link #STORE_USERS_PER_DAY}, {@link #STORE_PER_USER}). The export derived {@code day}
 * from exactly that cast, so the figures are the same, and a query over some days reads only their directories
 * (partition pruning), which on a warehouse is the difference between reading two days and reading the whole
 * history.
 *
 * <p>The two tables are registered as the temporary views {@code impressions} and {@code clicks} of the session
 * before each query, so the SQL reads as notebook 12's; one analysis at a time per session.
 */
public final class SparkExperimentAnalysis {
    /** Notebook 12's query of distinct users per arm and day; {@code %1$s} is the day of an impression. */
    private static final String USERS_PER_DAY_TEMPLATE = """
            SELECT %1$s AS day,
                   count(DISTINCT user_id) FILTER (WHERE arm = 'control') AS control,
                   count(DISTINCT user_id) FILTER (WHERE arm = 'treatment') AS treatment
            FROM impressions GROUP BY %1$s ORDER BY day""";

    /** Notebook 12's per-user query (without its bucket column); {@code %1$s} is the day of impression {@code i}. */
    private static final String PER_USER_TEMPLATE = """
            WITH exp AS (SELECT i.user_id, i.arm, count(*) AS impressions, count(c.request_id) AS clicks
                         FROM impressions i LEFT JOIN clicks c USING (request_id, item_id)
                         WHERE %1$s BETWEEN ? AND ? GROUP BY i.user_id, i.arm),
                 pre AS (SELECT i.user_id, count(c.request_id) AS pre_clicks
                         FROM impressions i LEFT JOIN clicks c USING (request_id, item_id)
                         WHERE %1$s BETWEEN ? AND ? GROUP BY i.user_id)
            SELECT exp.user_id, exp.arm, exp.impressions, exp.clicks, coalesce(pre.pre_clicks, 0) AS pre_clicks
            FROM exp LEFT JOIN pre USING (user_id) ORDER BY arm, user_id""";

    /**
     * Notebook 12's A/A re-splits: each of {@code ?} salts splits the users of the days {@code ?..?} again by
     * {@code md5('aa/' || salt || '/' || user_id) < '8'} (the first hex digit of the MD5 below 8: half the digest's
     * values). MD5 is a function both engines have, and returns the same lowercase hex for the same text, so a salt
     * splits the users the same way in DuckDB and in Spark (a database's own {@code hash()} does not: DuckDB's and
     * Spark's Murmur3 are different functions). Ordered by salt and user, so both engines hand the statistics the
     * same rows in the same order. {@code %1$s} is the day of impression {@code i}; the salts' range comes first in
     * the text, then the days.
     */
    private static final String AA_SPLITS_TEMPLATE = """
            SELECT s.salt, i.user_id,
                   CASE WHEN md5('aa/' || s.salt || '/' || i.user_id) < '8' THEN 'control' ELSE 'treatment' END AS arm,
                   count(*) AS impressions, count(c.request_id) AS clicks
            FROM impressions i LEFT JOIN clicks c USING (request_id, item_id) CROSS JOIN range(?) AS s(salt)
            WHERE %1$s BETWEEN ? AND ? GROUP BY s.salt, i.user_id ORDER BY s.salt, i.user_id""";

    /** Distinct users seen in each arm per day, the counts of the sample-ratio check: Spark SQL on the export. */
    public static final String USERS_PER_DAY = USERS_PER_DAY_TEMPLATE.formatted("day");

    /**
     * One row per user and arm of the days {@code ?..?} (impressions and clicks), with the user's clicks in the
     * pre-period {@code ?..?} ({@code pre_clicks}, 0 for a user not seen then), ordered by arm and user: Spark SQL
     * on the export.
     */
    public static final String PER_USER = PER_USER_TEMPLATE.formatted("i.day");

    /** The A/A re-splits ({@link #AA_SPLITS_TEMPLATE}'s comment): Spark SQL on the export. */
    public static final String AA_SPLITS = AA_SPLITS_TEMPLATE.formatted("i.day");

    /** {@link #AA_SPLITS} as DuckDB runs it on the event store: notebook 12's query. */
    public static final String STORE_AA_SPLITS = AA_SPLITS_TEMPLATE.formatted("CAST(i.ts AS DATE)");

    /** {@link #USERS_PER_DAY} as DuckDB runs it on the event store itself, which has no day column. */
    public static final String STORE_USERS_PER_DAY = USERS_PER_DAY_TEMPLATE.formatted("CAST(ts AS DATE)");

    /** {@link #PER_USER} as DuckDB runs it on the event store itself. */
    public static final String STORE_PER_USER = PER_USER_TEMPLATE.formatted("CAST(i.ts AS DATE)");

    /**
     * The figures of notebook 12's analysis from one engine: the sample-ratio check per day ({@code day},
     * {@code control}, {@code treatment}, {@code p_value}, {@code verdict}), the per-user table, CTR per arm by the
     * delta method, and the A/A re-splits of the pre-period ({@code aaSplits}, one row per salt and user) with the
     * delta method's comparison of each ({@code aaTests}, in salt order).
     */
    public record Figures(Table srm, Table perUser, Comparison ctr, Table aaSplits, List<Comparison> aaTests) {
        public Figures {
            Args.notNull("srm", srm);
            Args.notNull("perUser", perUser);
            Args.notNull("ctr", ctr);
            Args.notNull("aaSplits", aaSplits);
            aaTests = List.copyOf(Args.notNull("aaTests", aaTests));
        }

        /** The figures from the three queries' results, the statistics at level {@code alpha}. */
        public static Figures of(Table usersPerDay, Table perUser, Table aaSplits, double alpha) {
            return new Figures(ExperimentAnalysis.srmByDay(usersPerDay), perUser,
                    ExperimentAnalysis.ctr(perUser, alpha), aaSplits, ExperimentAnalysis.ctrBy(aaSplits, "salt", alpha));
        }

        /** The share of A/A re-splits found significant: the false-positive rate, near α when the test is right. */
        public double aaFalsePositiveRate() {
            return ExperimentAnalysis.significantShare(aaTests);
        }

        /**
         * The largest absolute difference between a number of these figures and the same number of {@code other}'s:
         * every cell of the tables (counts, p-values, the A/A splits) and every statistic of the CTR comparison and of
         * each A/A comparison; 0 when the two engines agree to the last bit.
         *
         * @throws IllegalArgumentException if a table differs in its columns, its rows or a cell that is not a number
         *                                  (a day, an arm, a verdict)
         */
        public double largestDifference(Figures other) {
            Args.notNull("other", other);
            double gap = Math.max(largestDifference("srm", srm, other.srm), largestDifference("perUser", perUser,
                    other.perUser));
            gap = Math.max(gap, largestDifference("aaSplits", aaSplits, other.aaSplits));
            gap = Math.max(gap, largestDifference(ctr, other.ctr));
            if (aaTests.size() != other.aaTests.size()) {
                throw new IllegalArgumentException("aaTests must be as many, got " + aaTests.size() + " and "
                        + other.aaTests.size());
            }
            for (int t = 0; t < aaTests.size(); t++) {
                gap = Math.max(gap, largestDifference(aaTests.get(t), other.aaTests.get(t)));
            }
            return gap;
        }

        private static double largestDifference(Comparison x, Comparison y) {
            double[] a = figures(x);
            double[] b = figures(y);
            double gap = 0;
            for (int i = 0; i < a.length; i++) {
                gap = Math.max(gap, difference(a[i], b[i]));
            }
            return gap;
        }

        private static double largestDifference(String what, Table a, Table b) {
            if (!a.columnNames().equals(b.columnNames()) || a.rowCount() != b.rowCount()) {
                throw new IllegalArgumentException(what + " tables must have the same columns and rows, got "
                        + a.columnNames() + " × " + a.rowCount() + " and " + b.columnNames() + " × " + b.rowCount());
            }
            double gap = 0;
            for (int c = 0; c < a.columnCount(); c++) {
                for (int r = 0; r < a.rowCount(); r++) {
                    Object x = a.column(c).get(r);
                    Object y = b.column(c).get(r);
                    if (x instanceof Number nx && y instanceof Number ny) {
                        gap = Math.max(gap, difference(nx.doubleValue(), ny.doubleValue()));
                    } else if (!java.util.Objects.equals(x, y)) {
                        throw new IllegalArgumentException(what + "." + a.column(c).name() + "[" + r + "] differs: "
                                + x + " against " + y);
                    }
                }
            }
            return gap;
        }

        private static double difference(double x, double y) {
            return Double.compare(x, y) == 0 ? 0 : Double.isNaN(x - y) ? Double.POSITIVE_INFINITY : Math.abs(x - y);
        }

        private static double[] figures(Comparison c) {
            return new double[] {c.control(), c.treatment(), c.difference(), c.differenceCi().lower(),
                c.differenceCi().upper(), c.lift(), c.liftCi().lower(), c.liftCi().upper(), c.statistic(),
                c.pValue()};
        }
    }

    private final SparkSession spark;
    private final Dataset<Row> impressions;
    private final Dataset<Row> clicks;

    private SparkExperimentAnalysis(SparkSession spark, Dataset<Row> impressions, Dataset<Row> clicks) {
        this.spark = spark;
        this.impressions = impressions;
        this.clicks = clicks;
    }

    /**
     * Reads the export under {@code dir} ({@code impressions/} and {@code clicks/}), each checked against
     * {@link LogSchema#IMPRESSIONS} and {@link LogSchema#CLICKS}.
     *
     * @throws IllegalArgumentException if a directory is missing or not Parquet, or a column is missing or of
     *                                  another type (the message names the path and the column)
     */
    public static SparkExperimentAnalysis read(SparkSession spark, Path dir) {
        Args.notNull("spark", spark);
        Args.notNull("dir", dir);
        Dataset<Row> imp = LogSchema.readParquet(spark, dir.resolve("impressions").toString(), LogSchema.IMPRESSIONS);
        Dataset<Row> clk = LogSchema.readParquet(spark, dir.resolve("clicks").toString(), LogSchema.CLICKS);
        return new SparkExperimentAnalysis(spark, imp, clk);
    }

    /** The impressions as Spark reads them (schema checked). */
    public Dataset<Row> impressions() {
        return impressions;
    }

    /** The clicks as Spark reads them (schema checked). */
    public Dataset<Row> clicks() {
        return clicks;
    }

    /**
     * Runs Spark SQL {@code sql} over the views {@code impressions} and {@code clicks}, {@code params} bound to its
     * {@code ?} in order, and collects the result (meant to be small: per user or per day) as a Tablesaw table.
     *
     * @throws IllegalArgumentException if the query fails (the message carries Spark's first line)
     */
    public Table query(String sql, Object... params) {
        Args.nonEmpty("sql", sql);
        impressions.createOrReplaceTempView("impressions");
        clicks.createOrReplaceTempView("clicks");
        Dataset<Row> result;
        try {
            result = spark.sql(sql, params);
        } catch (Exception e) { // Spark's AnalysisException and ParseException
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IllegalArgumentException("Spark SQL failed: " + m.lines().findFirst().orElse(m), e);
        }
        return table(result);
    }

    /** Distinct users per arm and day ({@link #USERS_PER_DAY}). */
    public Table usersPerDay() {
        return query(USERS_PER_DAY);
    }

    /** The sample-ratio check of every day: {@link ExperimentAnalysis#srmByDay} on {@link #usersPerDay}. */
    public Table srmByDay() {
        return ExperimentAnalysis.srmByDay(usersPerDay());
    }

    /** The per-user table ({@link #PER_USER}) of the days {@code from..to}, pre-period {@code preFrom..preTo}. */
    public Table perUser(LocalDate from, LocalDate to, LocalDate preFrom, LocalDate preTo) {
        requireRange("from", from, "to", to);
        requireRange("preFrom", preFrom, "preTo", preTo);
        return query(PER_USER, from, to, preFrom, preTo);
    }

    /** The A/A re-splits ({@link #AA_SPLITS}) of the days {@code from..to} under {@code salts} salts. */
    public Table aaSplits(int salts, LocalDate from, LocalDate to) {
        Args.positive("salts", salts);
        requireRange("from", from, "to", to);
        return query(AA_SPLITS, salts, from, to);
    }

    /** CTR per arm of the days {@code from..to}, users randomised: {@link ExperimentAnalysis#ctr}, the delta method. */
    public Comparison ctr(LocalDate from, LocalDate to, double alpha) {
        return ExperimentAnalysis.ctr(perUser(from, to, from, to), alpha);
    }

    /**
     * The figures of the days {@code from..to} (pre-period {@code preFrom..preTo}) from Spark SQL: the sample-ratio
     * check of every day, the per-user table, CTR by the delta method at level {@code alpha}, and {@code salts} A/A
     * re-splits of the pre-period.
     */
    public Figures figures(LocalDate from, LocalDate to, LocalDate preFrom, LocalDate preTo, int salts,
                           double alpha) {
        return Figures.of(usersPerDay(), perUser(from, to, preFrom, preTo), aaSplits(salts, preFrom, preTo), alpha);
    }

    /**
     * The same figures from the event store's own database ({@code db}, a connection of {@code EventStore}): notebook
     * 12's queries {@link #STORE_USERS_PER_DAY}, {@link #STORE_PER_USER} and {@link #STORE_AA_SPLITS}, the same
     * statistics.
     */
    public static Figures storeFigures(Connection db, LocalDate from, LocalDate to, LocalDate preFrom,
                                       LocalDate preTo, int salts, double alpha) {
        Args.notNull("db", db);
        requireRange("from", from, "to", to);
        requireRange("preFrom", preFrom, "preTo", preTo);
        Args.positive("salts", salts);
        return Figures.of(ExperimentAnalysis.query(db, STORE_USERS_PER_DAY),
                ExperimentAnalysis.query(db, STORE_PER_USER, from, to, preFrom, preTo),
                ExperimentAnalysis.query(db, STORE_AA_SPLITS, salts, preFrom, preTo), alpha);
    }

    private static void requireRange(String fromName, LocalDate from, String toName, LocalDate to) {
        Args.notNull(fromName, from);
        Args.notNull(toName, to);
        if (from.isAfter(to)) {
            throw new IllegalArgumentException(fromName + " must be on or before " + toName + " = " + to + ", got "
                    + from);
        }
    }

    /**
     * A collected Spark result as a Tablesaw table with the column types JDBC gives for the same query on the event
     * store: bigint → long, int → int, double → double, string → string, date → date.
     *
     * @throws IllegalArgumentException for a column of another type (the message names it)
     */
    static Table table(Dataset<Row> frame) {
        StructField[] fields = frame.schema().fields();
        List<Column<?>> columns = new ArrayList<>();
        for (StructField f : fields) {
            columns.add(column(f));
        }
        for (Row r : frame.collectAsList()) {
            for (int c = 0; c < fields.length; c++) {
                append(columns.get(c), r.isNullAt(c) ? null : r.get(c));
            }
        }
        return Table.create("Spark SQL", columns.toArray(new Column<?>[0]));
    }

    private static Column<?> column(StructField f) {
        DataType t = f.dataType();
        String name = f.name();
        if (t.equals(DataTypes.LongType)) {
            return LongColumn.create(name);
        } else if (t.equals(DataTypes.IntegerType)) {
            return IntColumn.create(name);
        } else if (t.equals(DataTypes.DoubleType)) {
            return DoubleColumn.create(name);
        } else if (t.equals(DataTypes.StringType)) {
            return StringColumn.create(name);
        } else if (t.equals(DataTypes.DateType)) {
            return DateColumn.create(name);
        }
        throw new IllegalArgumentException("column " + name + " must be bigint, int, double, string or date, got "
                + t.simpleString());
    }

    private static void append(Column<?> column, Object v) {
        if (v == null) {
            column.appendMissing();
        } else if (column instanceof LongColumn c) {
            c.append((Long) v);
        } else if (column instanceof IntColumn c) {
            c.append((Integer) v);
        } else if (column instanceof DoubleColumn c) {
            c.append((Double) v);
        } else if (column instanceof StringColumn c) {
            c.append((String) v);
        } else if (column instanceof DateColumn c) {
            c.append(v instanceof LocalDate d ? d : ((java.sql.Date) v).toLocalDate());
        }
    }
}
