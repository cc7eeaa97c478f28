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

    /** A short name for tables and charts. */
    default String name() {
        return getClass().getSimpleName();
    }
}
