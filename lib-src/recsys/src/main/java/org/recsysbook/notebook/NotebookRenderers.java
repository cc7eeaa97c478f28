package org.recsysbook.notebook;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.recsysbook.display.RendererProvider;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.plotly.components.Figure;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Teaches the notebook to show Tablesaw tables and charts; found through {@link java.util.ServiceLoader}.
 *
 * <ul>
 *   <li>{@link Table}: {@code text/html} and {@code text/plain} from {@link TableHtml}, long tables cut.</li>
 *   <li>A Tablesaw {@link Column}: shown as a table of one column, cut the same way (Tablesaw's own text would
 *       list every value).</li>
 *   <li>{@link Figure}: {@code text/html} from {@link PlotlyHtml#fragment} (an interactive plotly.js chart that
 *       needs no network), {@value #PLOTLY_MIME} for front ends that draw plotly data themselves (VS Code,
 *       JupyterLab with the plotly extension), and the title as {@code text/plain}.</li>
 * </ul>
 */
public final class NotebookRenderers implements RendererProvider {
    /** The MIME type plotly's own notebook renderers read. */
    public static final String PLOTLY_MIME = "application/vnd.plotly.v1+json";

    private static final MIMEType PLOTLY = MIMEType.parse(PLOTLY_MIME);

    @Override
    public void registerRenderers(Renderer renderer) {
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((table, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.html(table));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableHtml.text(table));
                });
        renderer.createRegistration(Column.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((column, ctx) -> {
                    Table one = Table.create("", (Column<?>) column);
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.html(one));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableHtml.text(one));
                });
        renderer.createRegistration(Figure.class)
                .preferring(MIMEType.TEXT_HTML, PLOTLY, MIMEType.TEXT_PLAIN)
                .register((figure, ctx) -> {
                    AtomicReference<Map<String, Object>> fig = new AtomicReference<>();
                    Supplier<Map<String, Object>> json = () -> fig.updateAndGet(
                            f -> f != null ? f : PlotlyHtml.figureJson(figure));
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> PlotlyHtml.fragment(json.get()));
                    ctx.renderIfRequested(PLOTLY, () -> json.get());
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "Chart: " + PlotlyHtml.title(figure));
                });
    }
}
