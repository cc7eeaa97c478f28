package org.recsysbook.metrics;

/**
 * Anything an offline evaluation can score, like the chapter's "Model A" and "Model B": a function from a user to a
 * ranked list of item ids, best first.
 * It is all the harness needs to know about a recommender, so the metrics do not depend on how a pipeline is
 * built; a pipeline, a baseline or a lambda in a notebook all fit.
 *
 * <p>The list holds at most {@code k} distinct item ids and may be shorter. {@link OfflineEvaluation} calls it
 * from several threads at once, so an implementation must be thread-safe (stateless, or seeded per user).
 */
@FunctionalInterface
public interface Recommender {

    /** The top {@code k} items for {@code user}, best first. */
    int[] recommend(int user, int k);
}
