package org.recsysbook.scale;

import java.nio.file.Path;
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
 * <p>The queries are notebook 12's with one change: they filter and group on the {@code day} partition column
 * rather than on {@code CAST(ts AS DATE)}. The export derived {@code day} from exactly that cast, so the figures are
 * the same, and a query over some days reads only their directories (partition pruning), which on a warehouse is the
 * difference between reading two days and reading the whole history.
 *
 * <p>The two tables are registered as the temporary views {@code impressions} and {@code clicks} of the session
 * before each query, so the SQL reads as notebook 12's; one analysis at a time per session.
 */
public final class SparkExperimentAnalysis {
    /** Distinct users seen in each arm per day: the counts of the sample-ratio check. */
    public static final String USERS_PER_DAY = """
            SELECT day,
                   count(DISTINCT user_id) FILTER (WHERE arm = 'control') AS control,
                   count(DISTINCT user_id) FILTER (WHERE arm = 'treatment') AS treatment
            FROM impressions GROUP BY day ORDER BY day""";

    /**
     * One row per user and arm of the days {@code ?..?} (impressions and clicks), with the user's clicks in the
     * pre-period {@code ?..?} ({@code pre_clicks}, 0 for a user not seen then); ordered by arm and user.
     */
    public static final String PER_USER = """
            WITH exp AS (SELECT i.user_id, i.arm, count(*) AS impressions, count(c.request_id) AS clicks
                         FROM impressions i LEFT JOIN clicks c USING (request_id, item_id)
                         WHERE i.day BETWEEN ? AND ? GROUP BY i.user_id, i.arm),
                 pre AS (SELECT i.user_id, count(c.request_id) AS pre_clicks
                         FROM impressions i LEFT JOIN clicks c USING (request_id, item_id)
                         WHERE i.day BETWEEN ? AND ? GROUP BY i.user_id)
            SELECT exp.user_id, exp.arm, exp.impressions, exp.clicks, coalesce(pre.pre_clicks, 0) AS pre_clicks
            FROM exp LEFT JOIN pre USING (user_id) ORDER BY arm, user_id""";

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

    /** CTR per arm of the days {@code from..to}, users randomised: {@link ExperimentAnalysis#ctr}, the delta method. */
    public Comparison ctr(LocalDate from, LocalDate to, double alpha) {
        return ExperimentAnalysis.ctr(perUser(from, to, from, to), alpha);
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
        return Table.create("spark", columns.toArray(new Column<?>[0]));
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
