package org.recsysbook.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.HistogramTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotlyHtmlTest {
    private static final String LIBRARY_MARK = "* plotly.js v" + PlotlyHtml.PLOTLY_VERSION;

    @BeforeEach
    void reset() {
        PlotlyHtml.resetLibraryEmbedding();
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static Figure figure(String title) {
        Layout layout = Layout.builder(title, "time (ms)", "share (%)").height(400).build();
        return new Figure(layout, ScatterTrace.builder(new double[] {1, 2, 3}, new double[] {Double.NaN, 2, 0.5})
                .name("A's <b>").mode(ScatterTrace.Mode.LINE).build());
    }

    @Test
    void theLibraryIsEmbeddedExactlyOnceAcrossTwoRenders() {
        String first = PlotlyHtml.fragment(figure("one"));
        String second = PlotlyHtml.fragment(figure("two"));
        assertEquals(1, count(first + second, LIBRARY_MARK));
        assertEquals(1, count(first, LIBRARY_MARK));
        assertTrue(first.indexOf(LIBRARY_MARK) < first.indexOf("<div id="), "library before the chart");
        assertTrue(PlotlyHtml.libraryEmbedded());
        PlotlyHtml.resetLibraryEmbedding();
        assertEquals(1, count(PlotlyHtml.fragment(figure("three")), LIBRARY_MARK));
    }

    @Test
    void eachChartIsADivAndAScriptCallingNewPlotOnIt() {
        PlotlyHtml.fragment(figure("warm-up"));
        String a = PlotlyHtml.fragment(figure("a"));
        String b = PlotlyHtml.fragment(figure("b"));
        Matcher m = Pattern.compile("<div id=\"(recsysbook-plot-[0-9a-f-]+)\"").matcher(a);
        assertTrue(m.find(), a);
        String id = m.group(1);
        assertTrue(a.contains("var id = '" + id + "';"), a);
        assertTrue(a.contains("window.Plotly.newPlot(el, fig.data, fig.layout, fig.config)"), a);
        assertFalse(b.contains(id), "ids are unique");
        assertTrue(a.contains("min-height:400px"), a);
    }

    @Test
    void libraryScriptSetsTheGlobalEvenWithRequireJs() {
        String first = PlotlyHtml.fragment(figure("one"));
        assertTrue(first.contains("if (typeof window.Plotly === 'undefined') {\n(function (define, module, exports) {"));
        assertTrue(first.contains("}).call(window);"));
        String lib = PlotlyHtml.librarySource();
        assertTrue(lib.length() > 3_000_000, "the whole minified library: " + lib.length());
        assertFalse(lib.contains("</script") || lib.contains("<!--"), "safe to inline");
    }

    @Test
    void textCannotBreakOutOfTheScript() {
        PlotlyHtml.fragment(figure("warm-up"));
        String html = PlotlyHtml.fragment(figure("</script><script>alert(1)</script>"));
        assertEquals(1, count(html, "</script>"), html);
        assertEquals(1, count(html, "<script"), html);
    }

    @Test
    void dataAndLayoutAreTidiedForPlotly() {
        Map<String, Object> fig = PlotlyHtml.figureJson(figure("Clicks <i>per</i> day"));
        @SuppressWarnings("unchecked")
        Map<String, Object> trace = ((List<Map<String, Object>>) fig.get("data")).get(0);
        assertEquals(List.of(1.0, 2.0, 3.0), trace.get("x"));
        assertEquals(Arrays.asList(null, 2.0, 0.5), trace.get("y"));
        assertEquals("A's <b>", trace.get("name"));
        assertEquals("scatter", trace.get("type"));
        assertEquals("lines", trace.get("mode"));
        @SuppressWarnings("unchecked")
        Map<String, Object> layout = (Map<String, Object>) fig.get("layout");
        assertEquals(Map.of("text", "Clicks <i>per</i> day"), layout.get("title"));
        assertEquals(Map.of("text", "time (ms)", "standoff", 12.0), ((Map<?, ?>) layout.get("xaxis")).get("title"));
        assertEquals(Map.of("text", "share (%)", "standoff", 12.0), ((Map<?, ?>) layout.get("yaxis")).get("title"));
        assertEquals(true, ((Map<?, ?>) layout.get("yaxis")).get("automargin"));
        assertFalse(layout.containsKey("width"), "Tablesaw's default width is dropped");
        assertEquals(true, layout.get("autosize"));
        assertEquals(400.0, layout.get("height"));
        assertEquals(Map.of("responsive", true, "displaylogo", false), fig.get("config"));
    }

    @Test
    void explicitWidthsAndCategoriesAreKept() {
        Layout layout = Layout.builder("bars").width(500).xAxis(Axis.builder().title("stage").build()).build();
        Figure f = new Figure(layout, BarTrace.builder(new String[] {"1", "b&c"}, new double[] {3, 4}).build());
        Map<String, Object> fig = PlotlyHtml.figureJson(f);
        @SuppressWarnings("unchecked")
        Map<String, Object> trace = ((List<Map<String, Object>>) fig.get("data")).get(0);
        assertEquals(List.of("1", "b&c"), trace.get("x"), "a mixed category axis stays text");
        assertEquals(List.of(3.0, 4.0), trace.get("y"));
        assertEquals(500.0, ((Map<?, ?>) fig.get("layout")).get("width"));
    }

    @Test
    void noNonFiniteNumberIsLeftAnywhere() {
        Layout layout = Layout.builder("t").xAxis(Axis.builder().title("x").range(Double.NaN, 1.0).build()).build();
        Figure f = new Figure(layout, BarTrace.builder(new String[] {"a", "b"},
                new double[] {Double.POSITIVE_INFINITY, 1}).build());
        Map<String, Object> fig = PlotlyHtml.figureJson(f);
        Map<?, ?> xaxis = (Map<?, ?>) ((Map<?, ?>) fig.get("layout")).get("xaxis");
        assertEquals(Arrays.asList(null, 1.0), xaxis.get("range"));
        assertEquals(false, xaxis.get("autorange"), "a range only holds with autorange false, not 'false'");
        assertEquals(Arrays.asList(null, 1.0), ((Map<?, ?>) ((List<?>) fig.get("data")).get(0)).get("y"));
    }

    @Test
    void obsoleteHistogramFlagsAreDropped() {
        Figure f = new Figure(HistogramTrace.builder(new double[] {1, 2, 2, 3}).build());
        @SuppressWarnings("unchecked")
        Map<String, Object> trace = ((List<Map<String, Object>>) PlotlyHtml.figureJson(f).get("data")).get(0);
        assertEquals("histogram", trace.get("type"));
        assertFalse(trace.containsKey("autobinx") || trace.containsKey("nbinsx") || trace.containsKey("histnorm"),
                trace.toString());
        assertEquals(1.0, trace.get("opacity"));
    }

    @Test
    void theFigureJsonIsStrictJson() throws Exception {
        String json = Json.write(PlotlyHtml.figureJson(figure("Title with \"quotes\" & </script>")));
        JsonNode n = new ObjectMapper().readTree(json);
        assertEquals("Title with \"quotes\" & </script>", n.at("/layout/title/text").asText());
        assertTrue(n.at("/data/0/y/0").isNull());
        assertEquals(0.5, n.at("/data/0/y/2").asDouble());
    }

    @Test
    void aStandalonePageHoldsTheLibraryOnceAndEveryChart() {
        String page = PlotlyHtml.page("two charts", figure("a"), figure("b"));
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertEquals(1, count(page, LIBRARY_MARK));
        assertEquals(2, count(page, "class=\"recsysbook-plot\""));
        assertFalse(PlotlyHtml.libraryEmbedded(), "a page does not count as a notebook embedding");
    }
}
