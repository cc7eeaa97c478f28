package org.recsysbook.studies;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.recsysbook.notebook.Charts;

import tech.tablesaw.plotly.components.Figure;

/** The four charts of an {@link AnnTradeoff}: recall and latency against the breadth, build time and memory. */
final class AnnTradeoffCharts {
    private AnnTradeoffCharts() { }

    /** Recall@k against the search breadth, one line per catalog size. */
    static Figure recall(AnnTradeoff t) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (AnnTradeoff.Catalog c : t.catalogs()) {
            series.put(label(c.items()), t.recalls(c.items()));
        }
        return Charts.line("HNSW recall@" + t.k() + " against the exact top " + t.k(),
                "search breadth ef (candidates)", "recall@" + t.k() + " (fraction of true neighbours found)", xs(t),
                series);
    }

    /** Median latency per query against the breadth, HNSW per catalog and the exact scan as flat lines. */
    static Figure latency(AnnTradeoff t) {
        int[] b = t.breadths();
        Map<String, double[]> series = new LinkedHashMap<>();
        for (AnnTradeoff.Catalog c : t.catalogs()) {
            double[] ms = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                ms[i] = t.point(c.items(), b[i]).medianMs();
            }
            series.put("HNSW, " + label(c.items()), ms);
        }
        for (AnnTradeoff.Catalog c : t.catalogs()) {
            double[] flat = new double[b.length];
            Arrays.fill(flat, c.exactMedianMs());
            series.put("exact scan, " + label(c.items()), flat);
        }
        return Charts.line("Latency per query (median, one core)", "search breadth ef (candidates)",
                "latency (ms per query)", xs(t), series);
    }

    /** HNSW build seconds against the catalog size. */
    static Figure build(AnnTradeoff t) {
        double[] x = new double[t.catalogs().size()];
        double[] y = new double[t.catalogs().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = t.catalogs().get(i).items();
            y[i] = t.catalogs().get(i).buildSeconds();
        }
        return Charts.line("HNSW build time against catalog size", "catalog size (items)",
                "build time (s, all cores)", x, y);
    }

    /** Memory of the graph and of the vectors against the catalog size. */
    static Figure memory(AnnTradeoff t) {
        double[] x = new double[t.catalogs().size()];
        double[] graph = new double[x.length];
        double[] vectors = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            AnnTradeoff.Catalog c = t.catalogs().get(i);
            x[i] = c.items();
            graph[i] = c.graphBytes() / 1048576.0;
            vectors[i] = c.vectorBytes() / 1048576.0;
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("HNSW graph", graph);
        series.put("item vectors (float32)", vectors);
        return Charts.line("Memory against catalog size", "catalog size (items)", "memory (MiB)", x, series);
    }

    private static double[] xs(AnnTradeoff t) {
        int[] b = t.breadths();
        double[] x = new double[b.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = b[i];
        }
        return x;
    }

    static String label(int items) {
        return items % 1000 == 0 ? (items / 1000) + "k items" : items + " items";
    }
}
