package org.recsysbook.serving;

/** The three stages of the chapter's funnel, as the service times, budgets and (for teaching) slows them. */
public enum Stage {
    CANDIDATE_GENERATION("candidate generation", "candidateGeneration"),
    RANKING("ranking", "ranking"),
    RE_RANKING("re-ranking", "reRanking");

    private final String label;
    private final String key;

    Stage(String label, String key) {
        this.label = label;
        this.key = key;
    }

    /** The name in charts and tables. */
    public String label() {
        return label;
    }

    /** The name in JSON answers and metric tags. */
    public String key() {
        return key;
    }
}
