package org.recsysbook.serving;

/**
 * What the experiment loop adds to every answer the service computes: it may fill one slot of the list from an
 * exploration policy, and it logs the impressions (with the propensity of each item) to the event store.
 *
 * <p>Called on the request path, once per answer, after the funnel (or the deadline fallback) has produced it:
 * an implementation must be thread-safe and cheap (it hands the impressions to a writer thread, it does not wait
 * for a database).
 */
public interface AnswerHook {

    /**
     * The answer to send instead of {@code answer} (or {@code answer} itself).
     *
     * @param answer the answer of the funnel, a degraded path or cold start
     * @param bundle the model version that made it (for the titles and genres of an item put in the slot)
     */
    Answer apply(Answer answer, ModelBundle bundle);
}
