package org.recsysbook.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.recsysbook.core.PythonFormat;
import org.recsysbook.core.Request;
import org.recsysbook.notebook.Charts;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * What the chapter's {@code recommend} returns, and more: the final list with each item's scores, the
 * funnel's sizes and each stage's wall time. A notebook shows it as an HTML table (see
 * {@link RecommendationRenderer}).
 *
 * @param request the request it answers
 * @param items   the final list, best first
 * @param funnel  how many items each stage passed on
 * @param times   how long each stage took
 */
public record PipelineResult(Request request, List<Recommendation> items, Funnel funnel, StageTimes times) {

    public PipelineResult {
        items = List.copyOf(items);
    }

    /** The number of items in the final list. */
    public int size() {
        return items.size();
    }

    /** The final list's item ids, best first. */
    public int[] ids() {
        int[] ids = new int[items.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items.get(i).item();
        }
        return ids;
    }

    /** The chapter's diversity figure: how many distinct categories the final list holds. */
    public int categoriesRepresented() {
        Set<String> cats = new HashSet<>();
        for (Recommendation r : items) {
            cats.add(r.category());
        }
        return cats.size();
    }

    /**
     * The chapter's printout: "Final recommendations:", the {@code Item ID / Score / Category} table under a
     * 35-dash rule, a blank line and "Categories represented: x / n".
     */
    public String chapterTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("Final recommendations:\n");
        sb.append(String.format(Locale.ROOT, "%-10s %-10s %s%n", "Item ID", "Score", "Category"));
        sb.append("-".repeat(35)).append('\n');
        for (Recommendation r : items) {
            sb.append(String.format(Locale.ROOT, "%-10d %-10s %s%n", r.item(),
                    PythonFormat.fixed(r.finalScore(), 4), r.category()));
        }
        sb.append('\n').append(categoriesLine());
        return sb.toString();
    }

    /** The chapter's last line, "Categories represented: x / n". */
    public String categoriesLine() {
        return "Categories represented: " + categoriesRepresented() + " / " + items.size();
    }

    /** The final list as a table: rank, item, category, candidate, ranking and final score. */
    public Table toTable() {
        int n = items.size();
        int[] rank = new int[n];
        int[] item = new int[n];
        String[] cat = new String[n];
        double[] cand = new double[n];
        double[] rankScore = new double[n];
        double[] fin = new double[n];
        for (int i = 0; i < n; i++) {
            Recommendation r = items.get(i);
            rank[i] = r.rank();
            item[i] = r.item();
            cat[i] = r.category();
            cand[i] = r.candidateScore();
            rankScore[i] = r.rankingScore();
            fin[i] = r.finalScore();
        }
        return Table.create("recommendations", IntColumn.create("rank", rank), IntColumn.create("item", item),
                StringColumn.create("category", cat), DoubleColumn.create("candidate score", cand),
                DoubleColumn.create("ranking score", rankScore), DoubleColumn.create("final score", fin));
    }

    /** The funnel as a chart: items passed on by each stage, on a log scale. */
    public Figure funnelChart() {
        return Charts.funnel("Recommendation funnel for user " + request.userId(), "items passed on (count, log scale)",
                funnel.stages(), funnel.counts());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PipelineResult[user %d, %d items, funnel %d → %d → %d → %d, %.3f ms]",
                request.userId(), items.size(), funnel.catalog(), funnel.candidates(), funnel.ranked(),
                funnel.shown(), times.totalMillis());
    }
}
