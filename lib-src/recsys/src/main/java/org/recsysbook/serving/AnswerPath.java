package org.recsysbook.serving;

/**
 * Which way an answer was made: the whole funnel, a cheaper path after a stage overran its budget or the request
 * its deadline, or the cold-start list for a user the model does not know.
 */
public enum AnswerPath {
    /** Retrieval, ranking and re-ranking all ran within budget. */
    FULL("full"),
    /** Candidate generation overran its budget: ranking and re-ranking were skipped, candidates shown in order. */
    CANDIDATE_ORDER("candidate-order"),
    /** Ranking overran its budget: re-ranking was skipped, the ranked list shown as it is. */
    RANKED_ORDER("ranked-order"),
    /** The request's deadline passed before the funnel finished: the precomputed popularity list was sent. */
    DEADLINE_POPULARITY("deadline-popularity"),
    /** The user is unknown to the model: the popularity list. */
    COLD_START("cold-start");

    private final String key;

    AnswerPath(String key) {
        this.key = key;
    }

    /** The name in JSON answers and metric tags. */
    public String key() {
        return key;
    }

    /** Whether the answer is a fallback (anything but the whole funnel). */
    public boolean fallback() {
        return this != FULL;
    }

    /** Whether the answer was degraded by a budget or the deadline (a fallback other than cold start). */
    public boolean degraded() {
        return this != FULL && this != COLD_START;
    }
}
