package org.recsysbook.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import org.recsysbook.display.Display;
import org.recsysbook.display.RecordingSink;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * A check run by hand, not a unit test: writes HTML pages with charts from {@link Charts} so that a browser can
 * show whether they draw with no network.
 *
 * <ul>
 *   <li>{@code page.html}: {@link PlotlyHtml#page} with six charts.</li>
 *   <li>{@code outputs.html}: notebook outputs as an HTML export lays them out, one {@link PlotlyHtml#fragment}
 *       after another, with a RequireJS-style {@code define} on the page (as in the classic Notebook), and a
 *       chart placed before the output that carries the library, so it has to wait for it.</li>
 *   <li>{@code check.ipynb}: a notebook holding the outputs of a recorded result, a progress bar, a table and two
 *       charts, for {@code jupyter nbconvert --to html} and for opening in a Jupyter front end.</li>
 * </ul>
 *
 * <pre>
 * java -cp ... org.recsysbook.notebook.PlotlyBrowserCheck /tmp
 * chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
 *     --screenshot=/tmp/x.png --window-size=1000,2600 file:///tmp/page.html
 * </pre>
 */
public final class PlotlyBrowserCheck {
    private PlotlyBrowserCheck() { }

    static Figure[] charts() {
        int n = 50;
        double[] x = new double[n];
        double[][] runs = new double[8][n];
        double[] a = new double[n];
        double[] b = new double[n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int t = 0; t < n; t++) {
            x[t] = t + 1;
            a[t] = Math.log1p(t) * 3;
            b[t] = Math.sqrt(t) * 2;
            for (int r = 0; r < runs.length; r++) {
                runs[r][t] = (r == 0 ? 0 : runs[r][t - (t > 0 ? 1 : 0)] * 0) + Math.sqrt(t) * 2 + rnd.nextGaussian();
            }
        }
        b[10] = Double.NaN;
        Map<String, double[]> lines = new LinkedHashMap<>();
        lines.put("ε-greedy (ε = 0.1)", a);
        lines.put("UCB1 <gap at 11>", b);
        Map<String, Charts.Band> bands = new LinkedHashMap<>();
        double[] mean = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int t = 0; t < n; t++) {
            for (double[] run : runs) {
                mean[t] += run[t] / runs.length;
            }
            lower[t] = mean[t] - 1;
            upper[t] = mean[t] + 1;
        }
        bands.put("Thompson sampling", new Charts.Band(mean, lower, upper));
        double[] values = new double[500];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextGaussian() * 10 + 50;
        }
        double[] sx = new double[200];
        double[] sy = new double[200];
        for (int i = 0; i < sx.length; i++) {
            sx[i] = rnd.nextDouble();
            sy[i] = sx[i] * 2 + rnd.nextGaussian() * 0.3;
        }
        Map<String, double[]> grouped = new LinkedHashMap<>();
        grouped.put("control", new double[] {0.031, 0.12, 0.45});
        grouped.put("treatment", new double[] {0.034, 0.13, 0.47});
        return new Figure[] {
            Charts.line("Cumulative regret, two policies", "round", "regret (clicks)", x, lines),
            Charts.lineWithBand("Regret over 8 runs with 95% band", "round", "regret (clicks)", x, bands),
            Charts.bar("A/B test metrics", "metric", "value (fraction)", new String[] {"CTR", "1", "O'Brien's <b>"},
                    grouped),
            Charts.funnel("Pipeline funnel", "items (log scale)",
                    new String[] {"catalog", "retrieval", "ranking", "re-ranking", "shown"},
                    new double[] {1_000_000, 1_000, 200, 50, 10}),
            Charts.scatter("Predicted vs. observed", "predicted CTR (fraction)", "observed CTR (fraction)", sx, sy),
            Charts.histogram("Score distribution", "score (points)", values, 30),
        };
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp");
        Figure[] figs = charts();
        Files.writeString(dir.resolve("page.html"), PlotlyHtml.page("Charts check", figs), StandardCharsets.UTF_8);

        PlotlyHtml.resetLibraryEmbedding();
        String withLibrary = PlotlyHtml.fragment(figs[0]);
        String waiting = PlotlyHtml.fragment(figs[1]);
        String after = PlotlyHtml.fragment(figs[3]);
        String page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>outputs</title>\n"
                + "<script>window.define = function () { window.amdCalls = (window.amdCalls || 0) + 1; };"
                + " window.define.amd = {};</script>\n</head><body>\n"
                + "<p id=\"status\"></p>\n"
                + "<h3>output 1 (before the library)</h3>\n" + waiting
                + "<h3>output 2 (carries the library)</h3>\n" + withLibrary
                + "<h3>output 3</h3>\n" + after
                + "<script>setTimeout(function () { document.getElementById('status').textContent = "
                + "'Plotly ' + (window.Plotly ? window.Plotly.version : 'missing') + ', AMD define calls: ' "
                + "+ (window.amdCalls || 0) + ', plots drawn: ' "
                + "+ document.querySelectorAll('.recsysbook-plot.js-plotly-plot').length; }, 1500);</script>\n"
                + "</body></html>\n";
        Files.writeString(dir.resolve("outputs.html"), page, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("check.ipynb"), notebook(figs), StandardCharsets.UTF_8);
        System.out.println("wrote page.html, outputs.html and check.ipynb in " + dir);
    }

    /**
     * A notebook (nbformat 4, Python kernel so that any Jupyter can open it) whose cells hold the outputs that
     * {@link Results}, {@link Progress}, a table and two charts show, as a front end keeps them after the
     * progress bar's updates.
     */
    static String notebook(Figure[] figs) {
        RecordingSink sink = TestSinks.fresh();
        PlotlyHtml.resetLibraryEmbedding();
        List<String> sources = new ArrayList<>();
        Results.record("ndcg_at_10", 0.4125);
        sources.add("Results.record(\"ndcg_at_10\", 0.4125)");
        try (Progress p = Progress.start("Simulating users", 1000)) {
            p.advance(1000);
        }
        sources.add("progress");
        Table t = Table.create("top items", IntColumn.create("item"), StringColumn.create("title"),
                DoubleColumn.create("score"));
        for (int i = 0; i < 40; i++) {
            t.intColumn("item").append(i);
            t.stringColumn("title").append(i == 0 ? "<script>alert('x')</script>" : "item " + i);
            t.doubleColumn("score").append(1.0 / (i + 1));
        }
        Display.display(t);
        sources.add("display(table)");
        Display.display(figs[0]);
        sources.add("display(chart 1)");
        Display.display(figs[3]);
        sources.add("display(chart 2)");

        Map<String, DisplayData> byId = new LinkedHashMap<>();
        for (RecordingSink.Output o : sink.outputs()) {
            byId.put(o.data().getDisplayId(), o.data());
        }
        String[] mimes = {Results.MIME_TYPE, NotebookRenderers.PLOTLY_MIME, "text/html", "text/plain"};
        List<Object> cells = new ArrayList<>();
        int i = 0;
        for (DisplayData d : byId.values()) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (String m : mimes) {
                Object v = d.getData(MIMEType.parse(m));
                if (v != null) {
                    data.put(m, v);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("output_type", "display_data");
            out.put("data", data);
            out.put("metadata", new LinkedHashMap<>());
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("id", "cell-" + i);
            cell.put("cell_type", "code");
            cell.put("execution_count", null);
            cell.put("metadata", new LinkedHashMap<>());
            cell.put("source", "# " + sources.get(i++));
            cell.put("outputs", List.of(out));
            cells.add(cell);
        }
        Map<String, Object> kernelspec = new LinkedHashMap<>();
        kernelspec.put("name", "python3");
        kernelspec.put("display_name", "Python 3");
        kernelspec.put("language", "python");
        Map<String, Object> nb = new LinkedHashMap<>();
        nb.put("cells", cells);
        nb.put("metadata", Map.of("kernelspec", kernelspec));
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        return Json.write(nb);
    }
}
