package org.recsysbook.notebook;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tech.tablesaw.plotly.components.Figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> data(Figure f) {
        return (List<Map<String, Object>>) PlotlyHtml.figureJson(f).get("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layout(Figure f) {
        return (Map<String, Object>) PlotlyHtml.figureJson(f).get("layout");
    }

    private static Object title(Map<String, Object> layout, String axis) {
        return ((Map<?, ?>) ((Map<?, ?>) layout.get(axis)).get("title")).get("text");
    }

    @Test
    void lineDrawsOneTracePerSeriesInOrderWithTitles() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("UCB1", new double[] {1, 2, 3});
        series.put("greedy", new double[] {3, Double.NaN, 1});
        Figure f = Charts.line("Regret", "round", "regret (clicks)", new double[] {1, 2, 3}, series);
        List<Map<String, Object>> d = data(f);
        assertEquals(2, d.size());
        assertEquals("UCB1", d.get(0).get("name"));
        assertEquals("greedy", d.get(1).get("name"));
        assertEquals(Arrays.asList(3.0, null, 1.0), d.get(1).get("y"));
        assertEquals("lines", d.get(0).get("mode"));
        Map<String, Object> l = layout(f);
        assertEquals("Regret", ((Map<?, ?>) l.get("title")).get("text"));
        assertEquals("round", title(l, "xaxis"));
        assertEquals("regret (clicks)", title(l, "yaxis"));
        assertEquals(true, l.get("showlegend"));
        assertEquals((double) Charts.HEIGHT, l.get("height"));
    }

    @Test
    void aSingleLineHasNoLegend() {
        Figure f = Charts.line("t", "x (s)", "y (m)", new double[] {0, 1}, new double[] {5, 6});
        assertEquals(false, layout(f).get("showlegend"));
        assertEquals(List.of(5.0, 6.0), data(f).get(0).get("y"));
    }

    @Test
    void lineWithBandDrawsLowerUpperAndMeanPerSeries() {
        Map<String, Charts.Band> bands = new LinkedHashMap<>();
        bands.put("TS", new Charts.Band(new double[] {1, 2}, new double[] {0, 1}, new double[] {2, 3}));
        bands.put("UCB", new Charts.Band(new double[] {1, 1}, new double[] {1, 1}, new double[] {1, 1}));
        List<Map<String, Object>> d = data(Charts.lineWithBand("Regret", "round", "regret (clicks)",
                new double[] {1, 2}, bands));
        assertEquals(6, d.size());
        assertEquals(List.of(0.0, 1.0), d.get(0).get("y"));
        assertEquals(false, d.get(0).get("showlegend"));
        assertEquals(List.of(2.0, 3.0), d.get(1).get("y"));
        assertEquals("tonexty", d.get(1).get("fill"));
        assertEquals("rgba(31,119,180,0.2)", d.get(1).get("fillcolor"));
        assertEquals("TS", d.get(2).get("name"));
        assertEquals("#1f77b4", ((Map<?, ?>) d.get(2).get("line")).get("color"));
        assertEquals("#ff7f0e", ((Map<?, ?>) d.get(5).get("line")).get("color"));
    }

    @Test
    void barKeepsCategoriesAsCategories() {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("control", new double[] {0.1, 0.2});
        s.put("treatment", new double[] {0.15, 0.25});
        Figure f = Charts.bar("CTR by arm", "position", "CTR (fraction)", new String[] {"1", "2"}, s);
        assertEquals("category", ((Map<?, ?>) layout(f).get("xaxis")).get("type"));
        assertEquals("treatment", data(f).get(1).get("name"));
        assertEquals("bar", data(f).get(1).get("type"));
    }

    @Test
    void funnelIsHorizontalTopDownOnALogScale() {
        Figure f = Charts.funnel("Funnel", "items (count)", new String[] {"retrieval", "ranking"},
                new double[] {1000, 10});
        Map<String, Object> trace = data(f).get(0);
        assertEquals("h", trace.get("orientation"));
        assertEquals(List.of("retrieval", "ranking"), trace.get("y"));
        assertEquals(List.of(1000.0, 10.0), trace.get("x"));
        assertEquals("log", ((Map<?, ?>) layout(f).get("xaxis")).get("type"));
        assertEquals("reversed", ((Map<?, ?>) layout(f).get("yaxis")).get("autorange"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.funnel("F", "n",
                new String[] {"a"}, new double[] {0}));
        assertTrue(e.getMessage().contains("counts[0]"), e.getMessage());
    }

    @Test
    void scatterAndHistogram() {
        Figure s = Charts.scatter("s", "x (a)", "y (b)", new double[] {1, 2}, new double[] {3, 4});
        assertEquals("markers", data(s).get(0).get("mode"));
        Figure h = Charts.histogram("h", "score (points)", new double[] {1, 2, 2}, 10);
        assertEquals(10.0, data(h).get(0).get("nbinsx"));
        assertEquals("count", title(layout(h), "yaxis"));
        Figure hb = Charts.horizontalBar("hb", "score", "item", new String[] {"a", "b"}, new double[] {1, 2});
        assertEquals("linear", ((Map<?, ?>) layout(hb).get("xaxis")).get("type"));
    }

    @Test
    void curvesEachWithItsOwnX() {
        Map<String, double[][]> series = new java.util.LinkedHashMap<>();
        series.put("a", new double[][] {{1, 2, 3}, {3, 2, 1}});
        series.put("b", new double[][] {{0.5}, {7}});
        Figure f = Charts.curves("t", "x (a)", "y (b)", series);
        assertEquals(2, data(f).size());
        assertEquals("lines+markers", data(f).get(0).get("mode"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.curves("t", "x", "y", Map.of("c", new double[][] {{1, 2}, {1}})));
        assertTrue(e.getMessage().contains("series 'c'"), e.getMessage());
    }

    @Test
    void badInputNamesTheArgument() {
        double[] x = {1, 2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.line("", "x", "y", x, x));
        assertTrue(e.getMessage().startsWith("title"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Charts.line("t", "x", " ", x, x));
        assertTrue(e.getMessage().startsWith("yTitle"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Charts.line("t", "x", "y", x,
                Map.of("A", new double[] {1})));
        assertTrue(e.getMessage().contains("series 'A'") && e.getMessage().contains("(2), got 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Charts.bar("t", "x", "y", new String[] {"a"}, x));
        assertTrue(e.getMessage().startsWith("values must have one value per category (1), got 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Charts.histogram("t", "x", x, 0));
        assertTrue(e.getMessage().contains("bins must be ≥ 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Charts.Band(new double[2], new double[2], new double[1]));
        assertTrue(e.getMessage().contains("got 2 and 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Charts.lineWithBand("t", "x", "y", x,
                Map.of("B", new Charts.Band(new double[1], new double[1], new double[1]))));
        assertTrue(e.getMessage().contains("series 'B'"), e.getMessage());
    }
}
