package org.recsysbook.retrieval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.recsysbook.core.Args;
import org.recsysbook.core.ScoredItems;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Several candidate sources merged into one list without duplicates, as production retrieval mixes
 * embeddings, popularity and rules ("ANN retrieval, rule-based" in the chapter's funnel).
 *
 * <p>Each source is asked for {@code k} candidates; the lists are interleaved round-robin by rank
 * (source 1's best, source 2's best, …, then everyone's second) and an item already taken is skipped,
 * until {@code k} items are collected or every list is used up. Scores come from different scales, so
 * each item keeps the score of the source that contributed it; {@link #explain} shows which source
 * that was.
 */
public final class MergedCandidates implements CandidateGenerator {
    private final List<CandidateGenerator> sources;
    private final int catalogSize;

    /**
     * Merges {@code sources} (at least one, none null) over a catalog of {@code catalogSize} items,
     * the bound for {@code k}.
     */
    public MergedCandidates(int catalogSize, List<? extends CandidateGenerator> sources) {
        Args.atLeast("catalogSize", catalogSize, 1);
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("sources must hold at least one generator, got "
                    + (sources == null ? "null" : "none"));
        }
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) == null) {
                throw new IllegalArgumentException("sources[" + i + "] must not be null");
            }
        }
        this.catalogSize = catalogSize;
        this.sources = List.copyOf(sources);
    }

    public List<CandidateGenerator> sources() {
        return sources;
    }

    /** Up to {@code k} distinct candidates (fewer only if all sources together have fewer). */
    @Override
    public ScoredItems generate(float[] query, int k) {
        Merge m = merge(query, k);
        return new ScoredItems(m.ids, m.scores);
    }

    /** The merged list as a table: rank, item, score, and the source that contributed the item. */
    public Table explain(float[] query, int k) {
        Merge m = merge(query, k);
        int[] rank = new int[m.ids.length];
        String[] names = new String[m.ids.length];
        for (int i = 0; i < rank.length; i++) {
            rank[i] = i + 1;
            names[i] = sources.get(m.source[i]).name();
        }
        return Table.create("merged candidates", IntColumn.create("rank", rank), IntColumn.create("item", m.ids),
                DoubleColumn.create("score", m.scores), StringColumn.create("source", names));
    }

    private record Merge(int[] ids, double[] scores, int[] source) {
    }

    private Merge merge(float[] query, int k) {
        Queries.checkK(k, catalogSize);
        List<ScoredItems> lists = new ArrayList<>(sources.size());
        int longest = 0;
        for (CandidateGenerator g : sources) {
            ScoredItems c = g.generate(query, k);
            lists.add(c);
            longest = Math.max(longest, c.size());
        }
        int[] ids = new int[k];
        double[] scores = new double[k];
        int[] from = new int[k];
        Set<Integer> taken = new HashSet<>(2 * k);
        int m = 0;
        for (int r = 0; r < longest && m < k; r++) {
            for (int s = 0; s < lists.size() && m < k; s++) {
                ScoredItems c = lists.get(s);
                if (r < c.size() && taken.add(c.id(r))) {
                    ids[m] = c.id(r);
                    scores[m] = c.score(r);
                    from[m] = s;
                    m++;
                }
            }
        }
        return new Merge(java.util.Arrays.copyOf(ids, m), java.util.Arrays.copyOf(scores, m),
                java.util.Arrays.copyOf(from, m));
    }

    @Override
    public String name() {
        return "merged";
    }
}
