package org.recsysbook.retrieval;

import org.recsysbook.core.ScoredItems;

/**
 * Stage 1 of the chapter's funnel, candidate generation: from a user's preference vector to a short list
 * of candidate items with scores ("Fast, coarse (ANN retrieval, rule-based)").
 *
 * <p>Contract shared by every implementation: {@code query} must have the catalog's dimension,
 * finite entries and not be all zero; {@code k} must be in {@code [1, catalog size]} — values outside
 * are refused with an {@link IllegalArgumentException}, never clamped. A generator may return fewer
 * than {@code k} candidates only where its javadoc says so (a rule with fewer matching items).
 * Results are best first.
 */
public interface CandidateGenerator {

    /** Up to {@code k} candidates for a user with preference vector {@code query}, best first. */
    ScoredItems generate(float[] query, int k);

    /**
     * The candidates of each of {@code queries}, as {@link #generate} returns them one at a time (the default calls
     * it in order); a generator that can serve several queries in one pass over its catalog overrides it
     * ({@link ExactScan#generateAll}: the same results, several queries per read of the vectors).
     */
    default ScoredItems[] generateAll(float[][] queries, int k) {
        if (queries == null) {
            throw new IllegalArgumentException("queries must not be null");
        }
        ScoredItems[] out = new ScoredItems[queries.length];
        for (int j = 0; j < queries.length; j++) {
            out[j] = generate(queries[j], k);
        }
        return out;
    }

    /** A short name for tables and charts. */
    default String name() {
        return getClass().getSimpleName();
    }
}
