package org.recsysbook.pipeline;

import java.util.List;

/**
 * The sizes of the chapter's funnel for one request: "Full Item Catalog (millions)" → "Candidates
 * (~1000)" → "Top ranked (~100)" → "Final results (~10-50)".
 *
 * @param catalog    the number of items in the catalog
 * @param candidates the number candidate generation returned
 * @param ranked     the number the ranker kept
 * @param shown      the number in the final list
 */
public record Funnel(int catalog, int candidates, int ranked, int shown) {
    /** The stage names, in funnel order. */
    public static final List<String> STAGES = List.of("catalog", "candidates", "ranked", "final");

    /** The stage names as an array (for charts). */
    public String[] stages() {
        return STAGES.toArray(new String[0]);
    }

    /** The sizes in funnel order (for charts). */
    public double[] counts() {
        return new double[] {catalog, candidates, ranked, shown};
    }
}
