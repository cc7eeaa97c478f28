package org.recsysbook.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recsysbook.display.Display;
import org.recsysbook.display.RendererProvider;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookRenderersTest {
    private static final MIMEType PLOTLY = MIMEType.parse(NotebookRenderers.PLOTLY_MIME);

    @BeforeEach
    void fresh() {
        TestSinks.fresh();
        PlotlyHtml.resetLibraryEmbedding();
    }

    @Test
    void theProviderIsFoundByServiceLoader() {
        List<Class<?>> types = ServiceLoader.load(RendererProvider.class).stream()
                .<Class<?>>map(ServiceLoader.Provider::type).toList();
        assertTrue(types.contains(NotebookRenderers.class), types.toString());
    }

    @Test
    void tablesRenderAsHtmlAndText() {
        DisplayData d = Display.render(Table.create("t", IntColumn.create("n", 1, 2)));
        assertTrue(((String) d.getData(MIMEType.TEXT_HTML)).startsWith("<div class=\"recsysbook-table\"><table>"));
        assertEquals("t\nn\n1\n2\n", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void columnsRenderAsACutOneColumnTable() {
        IntColumn c = IntColumn.create("clicks");
        for (int i = 0; i < 100; i++) {
            c.append(i);
        }
        DisplayData d = Display.render(c);
        assertTrue(((String) d.getData(MIMEType.TEXT_HTML)).contains("… 75 rows not shown (100 rows × 1 columns)"));
        assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).startsWith("clicks\n     0\n     1\n"));
        assertEquals(100, c.size(), "the column is left as it was");
    }

    @Test
    void figuresRenderAsHtmlPlotlyDataAndTitle() {
        Figure f = new Figure(Layout.builder("CTR by day", "day", "CTR (%)").build(),
                ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).build());
        DisplayData d = Display.render(f);
        assertTrue(((String) d.getData(MIMEType.TEXT_HTML)).contains("newPlot"));
        Map<?, ?> plotly = assertInstanceOf(Map.class, d.getData(PLOTLY));
        assertEquals(List.of(1.0, 2.0), ((Map<?, ?>) ((List<?>) plotly.get("data")).get(0)).get("x"));
        assertEquals("Chart: CTR by day", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void askingOnlyForPlotlyDataDoesNotUseUpTheLibraryEmbedding() {
        Figure f = new Figure(ScatterTrace.builder(new double[] {1}, new double[] {2}).build());
        DisplayData d = Display.renderAs(f, NotebookRenderers.PLOTLY_MIME);
        assertTrue(d.hasDataForType(PLOTLY));
        assertFalse(d.hasDataForType(MIMEType.TEXT_HTML));
        assertFalse(PlotlyHtml.libraryEmbedded());
    }
}
