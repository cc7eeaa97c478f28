package org.recsysbook.scale;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.recsysbook.core.Args;

/**
 * The columns a log must have before Spark touches it: a missing column or a column of the wrong type is reported
 * with its name, the type found and the type expected, instead of Spark's analysis error (or, worse, a silent cast).
 */
public final class LogSchema {
    private LogSchema() {
    }

    /** The interaction log's schema: who interacted with what, and when. */
    public static final StructType INTERACTIONS = new StructType()
            .add(SparkAls.USER, DataTypes.IntegerType, false)
            .add(SparkAls.ITEM, DataTypes.IntegerType, false)
            .add("ts", DataTypes.TimestampType, false);

    /** The candidates' schema: each user's top items by rank (1 = best) with the model's score. */
    public static final StructType CANDIDATES = new StructType()
            .add(SparkAls.USER, DataTypes.IntegerType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add(SparkAls.ITEM, DataTypes.IntegerType, false)
            .add("score", DataTypes.FloatType, false);

    /**
     * The experiment loop's impressions as the event store exports them to Parquet ({@code EventStore.exportParquet}):
     * the store's columns the analysis reads, and {@code day}, the partition ({@code day=YYYY-MM-DD/}) the export
     * derives from {@code ts}. {@code ts} is {@code timestamp_ntz}: the store's {@code TIMESTAMP} is a time without a
     * zone (UTC wall-clock time), and Spark reads it as one, so no session time zone moves an event to another day.
     */
    public static final StructType IMPRESSIONS = new StructType()
            .add("request_id", DataTypes.StringType, false)
            .add(SparkAls.USER, DataTypes.IntegerType, false)
            .add("arm", DataTypes.StringType, false)
            .add("model_version", DataTypes.StringType, false)
            .add(SparkAls.ITEM, DataTypes.IntegerType, false)
            .add("position", DataTypes.IntegerType, false)
            .add("propensity", DataTypes.DoubleType, false)
            .add("ts", DataTypes.TimestampNTZType, false)
            .add("day", DataTypes.DateType, false);

    /** The experiment loop's clicks as exported to Parquet, partitioned by day like {@link #IMPRESSIONS}. */
    public static final StructType CLICKS = new StructType()
            .add("request_id", DataTypes.StringType, false)
            .add(SparkAls.ITEM, DataTypes.IntegerType, false)
            .add("ts", DataTypes.TimestampNTZType, false)
            .add("day", DataTypes.DateType, false);

    /** {@code frame} has integer columns {@code columns}; {@code what} names the frame in the message. */
    static void requireIntegers(Dataset<Row> frame, String what, String... columns) {
        List<StructField> wanted = new ArrayList<>();
        for (String c : columns) {
            wanted.add(DataTypes.createStructField(c, DataTypes.IntegerType, true));
        }
        require(frame.schema(), what, wanted);
    }

    /**
     * Reads the Parquet files under {@code path} and checks them against {@code expected} (names and types; nullability
     * aside): a file written with another schema fails here, naming the path and the first column that differs.
     */
    public static Dataset<Row> readParquet(SparkSession spark, String path, StructType expected) {
        Args.notNull("spark", spark);
        Args.nonEmpty("path", path);
        Args.notNull("expected", expected);
        Dataset<Row> frame;
        try {
            frame = spark.read().parquet(path);
        } catch (Exception e) { // Spark's AnalysisException (path not found, not Parquet) is checked in Java's eyes
            throw new IllegalArgumentException("cannot read Parquet at " + path + ": " + firstLine(e), e);
        }
        require(frame.schema(), "the Parquet at " + path, List.of(expected.fields()));
        return frame.select(List.of(expected.fieldNames()).stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
    }

    private static void require(StructType found, String what, List<StructField> wanted) {
        for (StructField w : wanted) {
            StructField f = field(found, w.name());
            if (f == null) {
                throw new IllegalArgumentException(what + " has no column " + w.name() + " ("
                        + w.dataType().simpleString() + "); its columns: " + describe(found));
            }
            if (!f.dataType().equals(w.dataType())) {
                throw new IllegalArgumentException(what + ": column " + w.name() + " must be "
                        + w.dataType().simpleString() + ", got " + f.dataType().simpleString());
            }
        }
    }

    private static StructField field(StructType t, String name) {
        for (StructField f : t.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    static String describe(StructType t) {
        List<String> parts = new ArrayList<>();
        for (StructField f : t.fields()) {
            DataType d = f.dataType();
            parts.add(f.name() + " " + d.simpleString());
        }
        return String.join(", ", parts);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
