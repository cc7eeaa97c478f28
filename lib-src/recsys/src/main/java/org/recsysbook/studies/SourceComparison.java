package org.recsysbook.studies;

import java.util.List;

import org.recsysbook.core.Args;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.notebook.Charts;
import org.recsysbook.retrieval.CandidateGenerator;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.World;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Candidate sources judged by the clicks they would earn: each source's top {@code k}, shown in its
 * own order, scored with the world's true click probabilities — a first look at why the chapter's funnel
 * cares what retrieval lets through, before any ranking.
 */
public final class SourceComparison {
    private SourceComparison() {
    }

    /**
     * For each source, the expected clicks per user when users {@code 0 … users-1} are shown its top
     * {@code k} (as {@link ClickModel#expectedClicks}), and the mean popularity of what it shows.
     *
     * @param users in [1, world.userCount()]
     * @param k     in [1, world.itemCount()]
     */
    public static Table expectedClicks(World world, List<? extends CandidateGenerator> sources, int users, int k) {
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("sources must hold at least one generator");
        }
        if (users < 1 || users > world.userCount()) {
            throw new IllegalArgumentException("users must be in [1, " + world.userCount() + "], got " + users);
        }
        Args.inRange("k", k, 1, world.itemCount());
        ClickModel model = world.clickModel();
        String[] names = new String[sources.size()];
        double[] clicks = new double[sources.size()];
        double[] popularity = new double[sources.size()];
        float[][] queries = new float[users][];
        for (int u = 0; u < users; u++) {
            queries[u] = world.userVector(u);
        }
        for (int s = 0; s < names.length; s++) {
            CandidateGenerator g = sources.get(s);
            names[s] = g.name();
            double c = 0;
            double p = 0;
            int shown = 0;
            // all users at once: an exact scan serves several per pass over the catalog, with the same results
            ScoredItems[] found = g.generateAll(queries, k);
            for (int u = 0; u < users; u++) {
                int[] ids = found[u].ids();
                c += model.expectedClicks(u, ids);
                for (int id : ids) {
                    p += world.popularity(id);
                }
                shown += ids.length;
            }
            clicks[s] = c / users;
            popularity[s] = shown == 0 ? Double.NaN : p / shown;
        }
        return Table.create("expected clicks on the top " + k, StringColumn.create("source", names),
                DoubleColumn.create("expected clicks per user", clicks),
                DoubleColumn.create("mean popularity shown", popularity));
    }

    /** A bar chart of the table {@link #expectedClicks} returns. */
    public static Figure chart(Table expectedClicks) {
        return Charts.bar(expectedClicks.name(), "candidate source", "expected clicks per user (clicks)",
                expectedClicks.stringColumn("source").asObjectArray(),
                expectedClicks.doubleColumn("expected clicks per user").asDoubleArray());
    }
}
