package org.recsysbook.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recsysbook.display.Display;
import org.recsysbook.display.RecordingSink;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsTest {
    private RecordingSink sink;

    @BeforeEach
    void freshSink() {
        sink = TestSinks.fresh();
        Results.clear();
    }

    @Test
    void recordShowsTheResultMimeWithNameAndValue() {
        Results.record("ndcg_at_10", 0.4125);
        assertEquals(1, sink.outputs().size());
        DisplayData d = sink.outputs().get(0).data();
        Object json = d.getData(MIMEType.parse(Results.MIME_TYPE));
        Map<?, ?> m = assertInstanceOf(Map.class, json);
        assertEquals(Map.of("name", "ndcg_at_10", "value", 0.4125), m);
        assertEquals(List.of("name", "value"), List.copyOf(m.keySet()));
        assertEquals("ndcg_at_10 = 0.4125", d.getData(MIMEType.TEXT_PLAIN));
        assertTrue(((String) d.getData(MIMEType.TEXT_HTML)).contains("ndcg_at_10"));
    }

    @Test
    void theResultSerialisesAsAJsonObject() throws Exception {
        Results.record("recall_by_k", new double[] {0.25, 0.5});
        Object json = sink.outputs().get(0).data().getData(MIMEType.parse(Results.MIME_TYPE));
        assertEquals("{\"name\":\"recall_by_k\",\"value\":[0.25,0.5]}",
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(json));
    }

    @Test
    void floatsKeepTheirDecimalForm() {
        Results.record("f", 0.1f);
        Results.record("fa", new float[] {0.1f, 2.5f});
        assertEquals(0.1, Results.get("f"));
        assertEquals(List.of(0.1, 2.5), Results.get("fa"));
        assertThrows(IllegalArgumentException.class, () -> Results.record("x", new float[] {Float.NaN}));
    }

    @Test
    void integersAreStoredAsLongsAndDoublesAsDoubles() {
        Results.record("n", 42);
        Results.record("m", (short) 7);
        Results.record("f", 0.5f);
        Results.record("d", 3.0);
        assertEquals(Map.of("n", 42L, "m", 7L, "f", 0.5, "d", 3.0), Results.recorded());
    }

    @Test
    void stringsBooleansArraysAndListsAreAccepted() {
        Results.record("s", "ok");
        Results.record("b", true);
        double[] arr = {1.5, 2.5};
        Results.record("da", arr);
        arr[0] = 99;
        Results.record("ia", new int[] {1, 2, 3});
        Results.record("l", List.of(1, 0.25, "x", false));
        assertEquals("ok", Results.get("s"));
        assertEquals(true, Results.get("b"));
        assertEquals(List.of(1.5, 2.5), Results.get("da"), "the array is copied when recorded");
        assertEquals(List.of(1L, 2L, 3L), Results.get("ia"));
        assertEquals(List.of(1L, 0.25, "x", false), Results.get("l"));
        assertEquals("l = [1, 0.25, \"x\", false]",
                sink.outputs().get(4).data().getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void recordingAgainReplacesTheValue() {
        Results.record("x", 1);
        Results.record("x", 2);
        assertEquals(Map.of("x", 2L), Results.recorded());
        assertEquals(2, sink.outputs().size());
    }

    @Test
    void nonFiniteNumbersAreRejectedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Results.record("x", Double.NaN));
        assertTrue(e.getMessage().contains("value") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Results.record("x", new double[] {1, Double.POSITIVE_INFINITY}));
        assertTrue(e.getMessage().contains("value[1]") && e.getMessage().contains("Infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Results.record("x", List.of(1.0, Double.NaN)));
        assertTrue(e.getMessage().contains("value[1]"), e.getMessage());
        assertTrue(Results.recorded().isEmpty());
        assertTrue(sink.outputs().isEmpty());
    }

    @Test
    void otherTypesAndNullAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Results.record("x", new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Results.record("x", null));
        assertThrows(IllegalArgumentException.class, () -> Results.record("x", Map.of("a", 1)));
        e = assertThrows(IllegalArgumentException.class, () -> Results.record("x", List.of(List.of(1))));
        assertTrue(e.getMessage().contains("value[0]"), e.getMessage());
    }

    @Test
    void badNamesAreRejected() {
        for (String bad : new String[] {"", "a b", "ndcg@10", "ä", "x/y"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Results.record(bad, 1));
            assertTrue(e.getMessage().startsWith("name"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Results.record(null, 1));
        Results.record("A-z_0.9", 1);
        assertEquals(1L, Results.get("A-z_0.9"));
    }

    @Test
    void htmlEscapesTheValue() {
        Results.record("s", "<script>alert(1)</script>");
        String html = (String) sink.outputs().get(0).data().getData(MIMEType.TEXT_HTML);
        assertTrue(!html.contains("<script>") && html.contains("&lt;script&gt;"), html);
    }

    @Test
    void longListsAreShortenedForTheReaderOnly() {
        Results.record("xs", new int[12]);
        assertEquals("xs = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, … (12 values)]",
                sink.outputs().get(0).data().getData(MIMEType.TEXT_PLAIN));
        assertEquals(12, ((List<?>) Results.get("xs")).size());
    }

    record Peek(double fixedHorizonRate, int days, double[] byDay) { }

    @Test
    void recordAllRecordsEveryComponentColumnOrEntry() {
        Results.recordAll("aa", new Peek(0.053, 14, new double[] {0.01, 0.02}));
        assertEquals(0.053, Results.get("aa_fixed_horizon_rate"));
        assertEquals(14L, Results.get("aa_days"));
        assertEquals(List.of(0.01, 0.02), Results.get("aa_by_day"));
        assertEquals(3, sink.outputs().size(), "one output per figure, as record shows it");

        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create("t",
                tech.tablesaw.api.StringColumn.create("ranker", "a", "b"),
                tech.tablesaw.api.DoubleColumn.create("NDCG@10", 0.5, 0.25));
        Results.recordAll("quality", t);
        assertEquals(List.of("a", "b"), Results.get("quality_ranker"));
        assertEquals(List.of(0.5, 0.25), Results.get("quality_ndcg_10"));

        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("meanReward", 1.5);
        Results.recordAll("ts", m);
        assertEquals(1.5, Results.get("ts_mean_reward"));
    }

    @Test
    void recordAllRecordsAMissingTableCellAsNullAndShowsIt() {
        tech.tablesaw.api.DoubleColumn logLoss = tech.tablesaw.api.DoubleColumn.create("log-loss", 0.6, 0.5);
        logLoss.setMissing(1);
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create("t",
                tech.tablesaw.api.StringColumn.create("ranker", "a", "b"), logLoss,
                tech.tablesaw.api.IntColumn.create("rank", new int[] {1, 2}));
        Results.recordAll("q", t);
        assertEquals(java.util.Arrays.asList(0.6, null), Results.get("q_log_loss"));
        assertEquals(List.of(1.0, 2.0), Results.get("q_rank"));
        assertEquals("q_log_loss = [0.6, missing]", sink.outputs().get(1).data().getData(MIMEType.TEXT_PLAIN));
        // record itself still refuses a null: only a table's missing cell may be one
        assertThrows(IllegalArgumentException.class, () -> Results.record("y", java.util.Arrays.asList(1.0, null)));
    }

    @Test
    void snakeCaseNames() {
        assertEquals("fixed_horizon_rate", Results.snake("fixedHorizonRate"));
        assertEquals("final_p_values", Results.snake("finalPValues"));
        assertEquals("ndcg_10", Results.snake("NDCG@10"));
        assertEquals("of_oracle_s_clicks", Results.snake("% of oracle's clicks"));
        assertThrows(IllegalArgumentException.class, () -> Results.snake("%"));
    }

    @Test
    void recordAllRejectsWhatItCannotRecordAndRecordsNothingThen() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Results.recordAll("x", "not a result"));
        assertTrue(e.getMessage().contains("record, a Map<String, ?> or a Tablesaw Table"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Results.recordAll("p", new Peek(Double.NaN, 1, new double[0])));
        assertTrue(e.getMessage().contains("p_fixed_horizon_rate"), e.getMessage());
        assertEquals(null, Results.get("p_days"), "nothing is recorded when one value is bad");
        assertThrows(IllegalArgumentException.class, () -> Results.recordAll("bad name", Map.of()));
    }
}
