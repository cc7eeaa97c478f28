package org.recsysbook.scale;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;
import org.recsysbook.data.Interactions;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.World;

/**
 * A synthetic interaction log at production size, drawn from the workbook's synthetic world (its users, items and
 * click model, the ground truth of the chapter's examples) in partitions on Spark, or in one JVM for the library.
 *
 * <p>User {@code u} has between half and one and a half times {@link Spec#eventsPerUser} interactions with distinct
 * items, drawn by rejection: an item drawn uniformly is kept with the click model's attractiveness for the user, so
 * the log carries the world's preferences (affinity, popularity). Each user's draws come from a generator seeded by
 * the log's seed and the user's id alone ({@link Seeds#forIndex}); a partition is a range of users, so the log is the
 * same for any number of partitions, on Spark or off it ({@link #local}). Each Spark task builds the world from its
 * spec once per JVM (it is a pure function of the spec), so nothing but the spec is shipped to executors.
 */
public final class SyntheticLog {
    private SyntheticLog() {
    }

    private static final long FAMILY = 0x5CA1E;
    /** The log's first timestamp, 2026-01-01T00:00:00Z, in seconds; interactions spread over 30 days after it. */
    static final long START_SECONDS = 1_767_225_600L;
    static final long SPAN_SECONDS = 30L * 24 * 3600;

    /** The world and the log's size: about {@code users × eventsPerUser} interactions. */
    public record Spec(int users, int items, int dim, int eventsPerUser, long seed) implements java.io.Serializable {
        public Spec {
            Args.positive("users", users);
            Args.atLeast("items", items, 2);
            Args.positive("dim", dim);
            Args.positive("eventsPerUser", eventsPerUser);
            if (3L * eventsPerUser / 2 > items / 4) {
                throw Args.fail("eventsPerUser", eventsPerUser,
                        "at most items / 6 = " + items / 6 + " (a user's items are distinct)");
            }
        }

        /** The spec for about {@code events} interactions at this many per user. */
        public static Spec ofSize(long events, int items, int dim, int eventsPerUser, long seed) {
            Args.atLeast("events", events, 1);
            Args.positive("eventsPerUser", eventsPerUser);
            long users = Math.max(1, events / eventsPerUser);
            if (users > Integer.MAX_VALUE) {
                throw Args.fail("events", events, "at most " + (long) Integer.MAX_VALUE * eventsPerUser);
            }
            return new Spec((int) users, items, dim, eventsPerUser, seed);
        }

        public long expectedEvents() {
            return (long) users * eventsPerUser;
        }
    }

    private static final Map<Spec, World> WORLDS = new ConcurrentHashMap<>();

    /** The world of {@code spec}: built once per JVM and spec. */
    public static World world(Spec spec) {
        return WORLDS.computeIfAbsent(spec, s -> World.builder().users(s.users()).items(s.items()).dim(s.dim())
                .seed(s.seed()).build());
    }

    /** Draws user {@code u}'s items into {@code out} and their times into {@code times}; returns how many. */
    static int draw(World world, ClickModel clicks, Spec spec, int u, boolean[] seen, int[] out, long[] times) {
        SplittableRandom rng = new SplittableRandom(Seeds.forIndex(spec.seed(), FAMILY, u));
        int per = spec.eventsPerUser();
        int n = per / 2 + rng.nextInt(per + 1);
        n = Math.max(1, n);
        int m = 0;
        long attempts = 0;
        long limit = 2000L * n;
        while (m < n && attempts++ < limit) {
            int item = rng.nextInt(spec.items());
            if (!seen[item] && rng.nextDouble() < clicks.attractiveness(u, item)) {
                seen[item] = true;
                out[m] = item;
                times[m] = START_SECONDS + rng.nextLong(SPAN_SECONDS);
                m++;
            }
        }
        for (int j = 0; j < m; j++) {
            seen[out[j]] = false;
        }
        return m;
    }

    /** The log drawn on Spark in {@code partitions} partitions: columns user_id, item_id (integers) and ts. */
    public static Dataset<Row> generate(SparkSession spark, Spec spec, int partitions) {
        Args.notNull("spark", spark);
        Args.notNull("spec", spec);
        Args.inRange("partitions", partitions, 1, Math.min(100_000, spec.users()));
        List<Integer> parts = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            parts.add(p);
        }
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(parts, partitions)
                .flatMap(p -> new PartitionRows(spec, partitions, p));
        StructType raw = new StructType()
                .add(SparkAls.USER, DataTypes.IntegerType, false)
                .add(SparkAls.ITEM, DataTypes.IntegerType, false)
                .add("ts_seconds", DataTypes.LongType, false);
        return spark.createDataFrame(rows, raw)
                .withColumn("ts", functions.timestamp_seconds(functions.col("ts_seconds")))
                .drop("ts_seconds");
    }

    /** The same log in one JVM, as the library's interactions (every rating 1). */
    public static Interactions local(Spec spec) {
        Args.notNull("spec", spec);
        World world = world(spec);
        ClickModel clicks = world.clickModel();
        long capacity = spec.expectedEvents() + spec.users() + 16;
        if (capacity > Integer.MAX_VALUE - 16) {
            throw Args.fail("spec", spec, "a log that fits in Java arrays (≤ 2^31 interactions)");
        }
        int[] users = new int[(int) capacity];
        int[] items = new int[(int) capacity];
        long[] times = new long[(int) capacity];
        boolean[] seen = new boolean[spec.items()];
        int[] buf = new int[spec.eventsPerUser() * 2 + 1];
        long[] tbuf = new long[buf.length];
        int n = 0;
        for (int u = 0; u < spec.users(); u++) {
            int m = draw(world, clicks, spec, u, seen, buf, tbuf);
            for (int j = 0; j < m; j++) {
                users[n] = u;
                items[n] = buf[j];
                times[n] = tbuf[j];
                n++;
            }
        }
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        return Interactions.of(spec.users(), spec.items(), java.util.Arrays.copyOf(users, n),
                java.util.Arrays.copyOf(items, n), java.util.Arrays.copyOf(times, n), ones);
    }

    /** The rows of partition {@code p}: users {@code [p·U/P, (p+1)·U/P)}, drawn as they are read. */
    private static final class PartitionRows implements Iterator<Row> {
        private final Spec spec;
        private final World world;
        private final ClickModel clicks;
        private final boolean[] seen;
        private final int[] buf;
        private final long[] tbuf;
        private final int end;
        private int user;
        private int m;
        private int j;

        PartitionRows(Spec spec, int partitions, int p) {
            this.spec = spec;
            this.world = world(spec);
            this.clicks = world.clickModel();
            this.seen = new boolean[spec.items()];
            this.buf = new int[spec.eventsPerUser() * 2 + 1];
            this.tbuf = new long[buf.length];
            this.user = (int) ((long) p * spec.users() / partitions) - 1;
            this.end = (int) ((long) (p + 1) * spec.users() / partitions);
        }

        @Override
        public boolean hasNext() {
            while (j >= m) {
                if (user + 1 >= end) {
                    return false;
                }
                user++;
                m = draw(world, clicks, spec, user, seen, buf, tbuf);
                j = 0;
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = RowFactory.create(user, buf[j], tbuf[j]);
            j++;
            return r;
        }
    }

    /**
     * The top {@code k} candidates of every user of {@code model}, flat (user_id, rank, item_id, score), as the
     * serving layer would load them.
     */
    public static Dataset<Row> candidates(org.apache.spark.ml.recommendation.ALSModel model, int k) {
        Args.notNull("model", model);
        Args.positive("k", k);
        return model.recommendForAllUsers(k)
                .select(functions.col(SparkAls.USER), functions.posexplode(functions.col("recommendations")))
                .select(functions.col(SparkAls.USER),
                        functions.col("pos").plus(1).cast(DataTypes.IntegerType).as("rank"),
                        functions.col("col." + SparkAls.ITEM).as(SparkAls.ITEM),
                        functions.col("col.rating").as("score"));
    }
}
