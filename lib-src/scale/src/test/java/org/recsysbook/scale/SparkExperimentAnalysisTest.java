package org.recsysbook.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsysbook.abtest.Comparison;
import org.recsysbook.experiment.EventStore;
import org.recsysbook.experiment.ExperimentAnalysis;
import org.recsysbook.serving.Event;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

class SparkExperimentAnalysisTest {
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 27);
    private static final ExperimentLog LOG = new ExperimentLog(2000, 3, 3, 0.12, 0.15, 0.3, 12);

    @TempDir
    static Path dir;
    private static long impressions;
    private static long clicks;
    private static Table duckSrm;
    private static Table duckUsers;
    private static Table duckAa;
    private static SparkExperimentAnalysis spark;

    @BeforeAll
    static void storeAnalyseAndExport() throws Exception {
        try (EventStore store = EventStore.open(dir.resolve("events.duckdb"))) {
            impressions = LOG.writeTo(store, FIRST);
            clicks = store.count(Event.Type.CLICK);
            try (Connection db = store.connection()) {
                // notebook 12's queries on the store itself
                duckSrm = ExperimentAnalysis.srmByDay(
                        ExperimentAnalysis.query(db, SparkExperimentAnalysis.STORE_USERS_PER_DAY));
                duckUsers = ExperimentAnalysis.query(db, SparkExperimentAnalysis.STORE_PER_USER, FIRST.plusDays(1),
                        FIRST.plusDays(2), FIRST, FIRST);
                duckAa = ExperimentAnalysis.query(db, SparkExperimentAnalysis.STORE_AA_SPLITS, 20, FIRST, FIRST);
            }
            store.exportParquet(dir.resolve("parquet"));
        }
        spark = SparkExperimentAnalysis.read(SharedSpark.get(), dir.resolve("parquet"));
    }

    @Test
    void theLogIsTheSizeMeantAndReadBackWhole() {
        assertEquals(impressions, spark.impressions().count());
        assertEquals(clicks, spark.clicks().count());
        assertTrue(impressions > 4000 && impressions < 12000, impressions + " impressions");
        assertTrue(clicks > 300, clicks + " clicks");
        // some clicks land on the day after their impression: grouping must follow the impression's day
        assertEquals(3, spark.impressions().select("day").distinct().count());
        long crossing = spark.query("SELECT count(*) AS n FROM impressions i JOIN clicks c USING (request_id, item_id) "
                + "WHERE c.day <> i.day").longColumn("n").get(0);
        assertTrue(crossing > 0, crossing + " clicks on the day after their impression");
    }

    @Test
    void usersPerDayAndTheSampleRatioCheckEqualTheEmbeddedDatabases() {
        Table srm = spark.srmByDay();
        assertTablesEqual(duckSrm, srm);
        // the check has something to find: the last day lost 30% of the treatment's users
        assertEquals(List.of("ok", "ok", "MISMATCH"), srm.stringColumn("verdict").asList());
    }

    @Test
    void ctrByTheDeltaMethodAndTheOtherStatisticsEqualTheEmbeddedDatabases() {
        Table users = spark.perUser(FIRST.plusDays(1), FIRST.plusDays(2), FIRST, FIRST);
        assertTablesEqual(duckUsers, users);
        assertComparisonsEqual(ExperimentAnalysis.ctr(duckUsers, 0.05), ExperimentAnalysis.ctr(users, 0.05));
        assertComparisonsEqual(ExperimentAnalysis.naiveCtr(duckUsers, 0.05),
                ExperimentAnalysis.naiveCtr(users, 0.05));
        assertComparisonsEqual(ExperimentAnalysis.conversion(duckUsers, 0.05),
                ExperimentAnalysis.conversion(users, 0.05));
        assertComparisonsEqual(ExperimentAnalysis.cuped(duckUsers, 0.05), ExperimentAnalysis.cuped(users, 0.05));
        // the convenience on the A/B days alone is the same delta-method comparison
        assertComparisonsEqual(ExperimentAnalysis.ctr(duckUsers, 0.05),
                spark.ctr(FIRST.plusDays(1), FIRST.plusDays(2), 0.05));
    }

    @Test
    void theAaResplitsAreTheSameSplitsInBothEnginesAndGiveTheSameTests() {
        Table aa = spark.aaSplits(20, FIRST, FIRST);
        assertTablesEqual(duckAa, aa);
        // every user of the first day once per salt, and each salt a split near 50/50 that differs from the others
        long users = spark.query("SELECT count(DISTINCT user_id) AS n FROM impressions WHERE day = ?", FIRST)
                .longColumn("n").get(0);
        assertEquals(20 * users, aa.rowCount());
        Table salt0 = aa.where(aa.longColumn("salt").isEqualTo(0));
        Table salt1 = aa.where(aa.longColumn("salt").isEqualTo(1));
        long control0 = salt0.stringColumn("arm").isEqualTo("control").size();
        assertTrue(Math.abs(control0 - users / 2.0) < 4 * Math.sqrt(users / 4.0), control0 + " of " + users);
        int same = 0;
        for (int r = 0; r < salt0.rowCount(); r++) {
            same += salt0.stringColumn("arm").get(r).equals(salt1.stringColumn("arm").get(r)) ? 1 : 0;
        }
        assertTrue(Math.abs(same - users / 2.0) < 4 * Math.sqrt(users / 4.0), same + " of " + users + " kept their arm");
        // the A/A tests of both engines, statistic by statistic
        List<Comparison> duck = ExperimentAnalysis.ctrBy(duckAa, "salt", 0.05);
        List<Comparison> onSpark = ExperimentAnalysis.ctrBy(aa, "salt", 0.05);
        assertEquals(20, onSpark.size());
        for (int t = 0; t < duck.size(); t++) {
            assertComparisonsEqual(duck.get(t), onSpark.get(t));
        }
        // and the split is MD5's: user 0 of salt 0 is in control exactly when md5('aa/0/<id>') starts below 8
        int id = salt0.intColumn("user_id").get(0);
        String md5 = spark.query("SELECT md5(?) AS h", "aa/0/" + id).stringColumn("h").get(0);
        assertEquals(Character.digit(md5.charAt(0), 16) < 8 ? "control" : "treatment", salt0.stringColumn("arm").get(0));
        assertEquals(hex(md5Bytes("aa/0/" + id)), md5);
    }

    @Test
    void notebook12SplitsByTheSameQuery() throws Exception {
        // the A/A query of notebook 12's cell is STORE_AA_SPLITS, word for word (its Java text block, indentation off)
        Path notebook = Path.of(System.getProperty("user.dir")).resolve("../../notebooks/12-experiment-loop.ipynb");
        com.fasterxml.jackson.databind.JsonNode cells = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(notebook.toFile()).get("cells");
        String block = null;
        for (com.fasterxml.jackson.databind.JsonNode cell : cells) {
            StringBuilder text = new StringBuilder();
            cell.get("source").forEach(line -> text.append(line.asText()));
            int at = text.indexOf("String aaSplits = \"\"\"\n");
            if (at >= 0) {
                int from = at + "String aaSplits = \"\"\"\n".length();
                block = text.substring(from, text.indexOf("\"\"\";", from)).stripIndent();
            }
        }
        assertEquals(SparkExperimentAnalysis.STORE_AA_SPLITS, block);
    }

    private static byte[] md5Bytes(String s) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    @Test
    void theFiguresOfBothEnginesAgreeAndTheirDifferenceIsMeasured() throws Exception {
        LocalDate from = FIRST.plusDays(1);
        LocalDate to = FIRST.plusDays(2);
        SparkExperimentAnalysis.Figures onSpark = spark.figures(from, to, FIRST, FIRST, 20, 0.05);
        SparkExperimentAnalysis.Figures inStore = SparkExperimentAnalysis.Figures.of(
                duckSrm.selectColumns("day", "control", "treatment"), duckUsers, duckAa, 0.05);
        assertTrue(inStore.largestDifference(onSpark) <= 1e-12, inStore.largestDifference(onSpark) + "");
        // a real difference shows: the same figures at another α have other intervals
        SparkExperimentAnalysis.Figures wider = spark.figures(from, to, FIRST, FIRST, 20, 0.01);
        assertTrue(inStore.largestDifference(wider) > 1e-4, inStore.largestDifference(wider) + "");
        SparkExperimentAnalysis.Figures fewer = new SparkExperimentAnalysis.Figures(onSpark.srm().first(2),
                onSpark.perUser(), onSpark.ctr(), onSpark.aaSplits(), onSpark.aaTests());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> inStore.largestDifference(fewer));
        assertTrue(e.getMessage().startsWith("srm tables must have the same columns and rows"), e.getMessage());
        try (EventStore store = EventStore.open(dir.resolve("events.duckdb")); Connection db = store.connection()) {
            assertEquals(0, SparkExperimentAnalysis.storeFigures(db, from, to, FIRST, FIRST, 20, 0.05)
                    .largestDifference(inStore));
        }
    }

    @Test
    void aWrongSchemaIsRefusedNamingTheColumn(@TempDir Path wrong) {
        SparkSession s = SharedSpark.get();
        s.read().parquet(dir.resolve("parquet").resolve("clicks").toString()).write()
                .parquet(wrong.resolve("clicks").toString());
        s.sql("SELECT 'r' AS request_id, CAST(id AS STRING) AS user_id, 'control' AS arm, 'm' AS model_version, "
                        + "CAST(id AS INT) AS item_id, 1 AS position, 1.0D AS propensity, current_timestamp() AS ts, "
                        + "current_date() AS day FROM range(3)")
                .write().parquet(wrong.resolve("impressions").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkExperimentAnalysis.read(s, wrong));
        assertEquals("the Parquet at " + wrong.resolve("impressions") + ": column user_id must be int, got string",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkExperimentAnalysis.read(s, wrong.resolve("absent")));
        String absent = wrong.resolve("absent").resolve("impressions").toString();
        assertTrue(e.getMessage().startsWith("cannot read Parquet at " + absent), e.getMessage());
    }

    @Test
    void badArgumentsNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spark.perUser(FIRST.plusDays(2), FIRST, FIRST, FIRST));
        assertEquals("from must be on or before to = " + FIRST + ", got " + FIRST.plusDays(2), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> spark.query("SELECT nothing FROM impressions"));
        assertTrue(e.getMessage().startsWith("Spark SQL failed: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> spark.query("SELECT ts FROM impressions"));
        assertEquals("column ts must be bigint, int, double, string or date, got timestamp_ntz", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ExperimentLog(2000, 3, 3, 0.9, 0.2, 0, 1));
        assertTrue(e.getMessage().startsWith("lift must keep ctr × (1 + lift) below 1"), e.getMessage());
    }

    /** Same columns, types and values: counts exactly, doubles to 1e-12. */
    private static void assertTablesEqual(Table expected, Table actual) {
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(expected.rowCount(), actual.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            Column<?> e = expected.column(c);
            Column<?> a = actual.column(c);
            assertEquals(e.type(), a.type(), e.name());
            for (int r = 0; r < expected.rowCount(); r++) {
                if (e.get(r) instanceof Double d) {
                    assertEquals(d, (Double) a.get(r), 1e-12, e.name() + "[" + r + "]");
                } else {
                    assertEquals(e.get(r), a.get(r), e.name() + "[" + r + "]");
                }
            }
        }
    }

    private static void assertComparisonsEqual(Comparison expected, Comparison actual) {
        double[] e = figures(expected);
        double[] a = figures(actual);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-12, "figure " + i + " of " + expected + " against " + actual);
        }
    }

    private static double[] figures(Comparison c) {
        return new double[] {c.control(), c.treatment(), c.difference(), c.differenceCi().lower(),
            c.differenceCi().upper(), c.lift(), c.liftCi().lower(), c.liftCi().upper(), c.statistic(), c.pValue()};
    }
}
