package org.recsysbook.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsysbook.data.Interactions;
import org.recsysbook.retrieval.ImplicitAls;

class SyntheticLogTest {
    private static final SyntheticLog.Spec SPEC = new SyntheticLog.Spec(300, 400, 8, 10, 42);

    private static long[] keys(Dataset<Row> log) {
        return log.selectExpr("cast(user_id as bigint) * 1000000 + item_id as k").orderBy("k").collectAsList().stream()
                .mapToLong(r -> r.getLong(0)).toArray();
    }

    @Test
    void theSameLogForAnyNumberOfPartitionsOnSparkOrOff() {
        SparkSession spark = SharedSpark.get();
        long[] one = keys(SyntheticLog.generate(spark, SPEC, 1));
        long[] five = keys(SyntheticLog.generate(spark, SPEC, 5));
        assertArrayEquals(one, five);
        Interactions local = SyntheticLog.local(SPEC);
        assertEquals(local.size(), one.length);
        long[] fromLocal = new long[local.size()];
        int n = 0;
        for (int u = 0; u < local.userCount(); u++) {
            for (int i : local.sortedItemsShared(u)) {
                fromLocal[n++] = u * 1_000_000L + i;
            }
        }
        assertArrayEquals(one, fromLocal);
        // about users × eventsPerUser, each user between 5 and 15 distinct items
        assertEquals(3000, one.length, 300);
        for (int u = 0; u < local.userCount(); u++) {
            assertTrue(local.count(u) >= 5 && local.count(u) <= 15, "user " + u + ": " + local.count(u));
        }
        assertTrue(keys(SyntheticLog.generate(spark, new SyntheticLog.Spec(300, 400, 8, 10, 43), 2)).length > 0);
    }

    @Test
    void theLogCarriesTheWorldsPreferences() {
        // the items users chose have a higher affinity than items drawn at random
        Interactions local = SyntheticLog.local(SPEC);
        var world = SyntheticLog.world(SPEC);
        double chosen = 0;
        double random = 0;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int u = 0; u < local.userCount(); u++) {
            for (int i : local.sortedItemsShared(u)) {
                chosen += world.affinity(u, i);
                random += world.affinity(u, rng.nextInt(SPEC.items()));
            }
        }
        assertTrue(chosen > random + 0.1 * local.size(), chosen + " vs " + random);
    }

    @Test
    void candidatesAreWrittenAsParquetAndReadBackAgainstTheirSchema(@TempDir Path dir) {
        SparkSession spark = SharedSpark.get();
        Dataset<Row> log = SyntheticLog.generate(spark, SPEC, 2);
        LogSchema.requireIntegers(log, "log", SparkAls.USER, SparkAls.ITEM);
        ALSModel model = SparkAls.train(log, SPEC.users(), SPEC.items(), new ImplicitAls.Settings(4, 3, 0.1, 2, 1,
                ImplicitAls.Regularization.WEIGHTED))
                .model();
        String path = dir.resolve("candidates").toString();
        assertEquals(300L * 20, ScaleStudy.writeCandidates(model, 20, path));
        Dataset<Row> back = LogSchema.readParquet(spark, path, LogSchema.CANDIDATES);
        Row first = back.where("user_id = 7").orderBy("rank").first();
        assertEquals(1, first.getInt(1));
        String logPath = dir.resolve("log").toString();
        log.write().mode(SaveMode.Overwrite).parquet(logPath);
        assertEquals(log.count(), LogSchema.readParquet(spark, logPath, LogSchema.INTERACTIONS).count());
    }

    @Test
    void aParquetFileWithTheWrongSchemaIsRefused(@TempDir Path dir) {
        SparkSession spark = SharedSpark.get();
        String path = dir.resolve("wrong").toString();
        spark.sql("select cast(id as int) as user_id, cast(id as string) as item_id, current_timestamp() as ts "
                + "from range(3)").write().parquet(path);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogSchema.readParquet(spark, path, LogSchema.INTERACTIONS));
        assertEquals("the Parquet at " + path + ": column item_id must be int, got string", e.getMessage());
        String missing = dir.resolve("missing").toString();
        spark.sql("select cast(id as int) as user_id from range(3)").write().parquet(missing);
        e = assertThrows(IllegalArgumentException.class,
                () -> LogSchema.readParquet(spark, missing, LogSchema.INTERACTIONS));
        assertEquals("the Parquet at " + missing + " has no column item_id (int); its columns: user_id int",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LogSchema.readParquet(spark, dir.resolve("nothing").toString(), LogSchema.INTERACTIONS));
        assertTrue(e.getMessage().startsWith("cannot read Parquet at "), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("nothing")));
    }

    @Test
    void badSpecsNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticLog.Spec(10, 40, 8, 10, 1));
        assertTrue(e.getMessage().startsWith("eventsPerUser must be at most items / 6 = 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SyntheticLog.Spec(0, 40, 8, 1, 1));
        assertTrue(e.getMessage().startsWith("users must be"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticLog.generate(SharedSpark.get(), SPEC, 0));
        assertTrue(e.getMessage().startsWith("partitions must be"), e.getMessage());
    }
}
