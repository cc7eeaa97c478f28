package org.recsysbook.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.recsysbook.data.Interactions;
import org.recsysbook.retrieval.ImplicitAls;

class SparkAlsTest {
    private static final ImplicitAls.Settings SMALL = new ImplicitAls.Settings(4, 5, 1, 2, 42);
    private static final ImplicitAls.Settings WEIGHTED = SMALL.withRegularization(0.1,
            ImplicitAls.Regularization.WEIGHTED);

    /** Two taste groups: users 0–3 use items 0–3, users 4–7 items 4–7; each user misses one item of their group. */
    private static Interactions twoGroups() {
        int[] users = new int[24];
        int[] items = new int[24];
        int n = 0;
        for (int u = 0; u < 8; u++) {
            int base = u < 4 ? 0 : 4;
            for (int j = 0; j < 4; j++) {
                if (j != u % 4) {
                    users[n] = u;
                    items[n] = base + j;
                    n++;
                }
            }
        }
        return Interactions.of(8, 8, users, items, new long[n], new float[n]);
    }

    @Test
    void recommendsTheMissingItemOfTheUsersGroupAndLeavesTrainingItemsOut() {
        Interactions train = twoGroups();
        SparkAls.Trained t = SparkAls.train(SharedSpark.get(), train, SMALL);
        assertEquals(SparkAls.regParam(1, 24, 8), t.regParam(), 0);   // the fixed λ mapped: weighted(SMALL, train)
        int[][] top = SparkAls.recommend(t.model(), train, new int[] {0, 5}, 1);
        assertArrayEquals(new int[] {0}, top[0]);   // user 0 misses item 0
        assertArrayEquals(new int[] {5}, top[1]);   // user 5 misses item 5
        int[][] all = SparkAls.recommend(t.model(), train, new int[] {3}, 8);
        assertEquals(5, all[0].length, "8 items, 3 in training: 5 left");
        for (int item : all[0]) {
            assertFalse(train.contains(3, item));
        }
    }

    @Test
    void oneJobGivesSparksOwnListsFiltered() {
        // a seeded log of 300 users and 200 items: recommend's lists are recommendForUserSubset's, filtered
        SyntheticLog.Spec spec = SyntheticLog.Spec.ofSize(6_000, 200, 8, 20, 7);
        Interactions train = SyntheticLog.local(spec);
        SparkAls.Trained t = SparkAls.train(SharedSpark.get(), train, SMALL);
        int[] users = {0, 17, 42, 99, 150, 299};
        int[][] ours = SparkAls.recommend(t.model(), train, users, 10);
        List<Row> ids = new java.util.ArrayList<>();
        for (int u : users) {
            ids.add(RowFactory.create(u));
        }
        Dataset<Row> subset = SharedSpark.get().createDataFrame(ids,
                new StructType().add(SparkAls.USER, DataTypes.IntegerType, false));
        for (Row r : t.model().recommendForUserSubset(subset, train.itemCount()).collectAsList()) {
            int u = r.getInt(0);
            int[] expected = r.<Row>getList(1).stream().mapToInt(x -> x.getInt(0))
                    .filter(i -> !train.contains(u, i)).limit(10).toArray();
            int j = java.util.Arrays.stream(users).boxed().toList().indexOf(u);
            assertArrayEquals(expected, ours[j], "user " + u);
        }
    }

    @Test
    void regParamMatchesTheMeanUsersPenalty() {
        // 30 per row in the library; Spark's regParam × (the mean user's 50 interactions) = 30
        assertEquals(0.6, SparkAls.regParam(30, 5000, 100), 1e-15);
        ImplicitAls.Settings w = SparkAls.weighted(SMALL, twoGroups());
        assertEquals(ImplicitAls.Regularization.WEIGHTED, w.convention());
        assertEquals(1.0 * 8 / 24, w.regularization(), 1e-15);
        assertEquals(SMALL.withRegularization(1.0 / 3, ImplicitAls.Regularization.WEIGHTED), w);
        assertEquals(w, SparkAls.weighted(w, twoGroups()), "already weighted: unchanged");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkAls.regParam(-1, 10, 10));
        assertTrue(e.getMessage().startsWith("lambda must be"), e.getMessage());
    }

    private static Dataset<Row> log(int... pairs) {
        StructType schema = new StructType().add(SparkAls.USER, DataTypes.IntegerType)
                .add(SparkAls.ITEM, DataTypes.IntegerType);
        List<Row> rows = new java.util.ArrayList<>();
        for (int j = 0; j < pairs.length; j += 2) {
            rows.add(RowFactory.create(pairs[j], pairs[j + 1]));
        }
        return SharedSpark.get().createDataFrame(rows, schema);
    }

    @Test
    void aLogWithUnknownUsersOrItemsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkAls.train(log(0, 1, 7, 2), 5, 5, WEIGHTED));
        assertEquals("log.user_id must be ids of known users, in [0, 5), got 7", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkAls.train(log(0, 1, 1, -2), 5, 5, WEIGHTED));
        assertEquals("log.item_id must be ids of known items, in [0, 5), got -2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkAls.train(log(), 5, 5, WEIGHTED));
        assertTrue(e.getMessage().startsWith("log must be a log of at least one interaction"), e.getMessage());
    }

    @Test
    void aFixedPenaltyIsRefusedSinceSparkHasOnlyTheWeightedOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkAls.train(log(0, 1), 5, 5, SMALL));
        assertTrue(e.getMessage().startsWith("settings.convention must be WEIGHTED"), e.getMessage());
    }

    @Test
    void sparkAndTheLibraryFitTheSameWeightedModel() {
        // the same objective, from different initial factors: on the two groups both rank the missing item first for
        // every user, and their scores of it agree closely
        Interactions train = twoGroups();
        ImplicitAls.Settings s = new ImplicitAls.Settings(4, 15, 0.05, 2, 42, ImplicitAls.Regularization.WEIGHTED);
        SparkAls.Trained spark = SparkAls.train(SharedSpark.get(), train, s);
        ImplicitAls library = ImplicitAls.train(train, s, false);
        int[] users = {0, 1, 2, 3, 4, 5, 6, 7};
        int[][] top = SparkAls.recommend(spark.model(), train, users, 1);
        for (int u : users) {
            int missing = (u < 4 ? 0 : 4) + u % 4;
            assertArrayEquals(new int[] {missing}, top[u], "Spark, user " + u);
            assertArrayEquals(new int[] {missing}, library.recommendIds(u, 1), "library, user " + u);
        }
    }

    @Test
    void aLogWithoutTheColumnsIsRefused() {
        Dataset<Row> strings = log(0, 1).selectExpr("cast(user_id as string) as user_id", "item_id");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkAls.train(strings, 5, 5, WEIGHTED));
        assertEquals("log: column user_id must be int, got string", e.getMessage());
        Dataset<Row> renamed = log(0, 1).withColumnRenamed(SparkAls.ITEM, "movie");
        e = assertThrows(IllegalArgumentException.class, () -> SparkAls.train(renamed, 5, 5, WEIGHTED));
        assertEquals("log has no column item_id (int); its columns: user_id int, movie int", e.getMessage());
    }
}
