package org.recsysbook.pipeline;

/**
 * The wall-clock time each stage of the chapter's funnel took for one request, in nanoseconds.
 *
 * @param candidateNanos candidate generation
 * @param rankingNanos   ranking
 * @param reRankingNanos re-ranking
 */
public record StageTimes(long candidateNanos, long rankingNanos, long reRankingNanos) {
    /** The stage names, in funnel order. */
    public static final java.util.List<String> STAGES = java.util.List.of("candidate generation", "ranking",
            "re-ranking");

    /** The whole request. */
    public long totalNanos() {
        return candidateNanos + rankingNanos + reRankingNanos;
    }

    /** The stage times in milliseconds, in funnel order. */
    public double[] millis() {
        return new double[] {candidateNanos / 1e6, rankingNanos / 1e6, reRankingNanos / 1e6};
    }

    public double totalMillis() {
        return totalNanos() / 1e6;
    }
}
