package org.recsysbook.serving;

import java.util.List;

/**
 * What the service answers to one recommendation request: the items with each stage's score, which model version
 * and experiment arm made them, how long each stage took and which path was taken.
 *
 * @param requestId    the id events about this answer refer to
 * @param user         the user asked for
 * @param arm          the experiment arm the user was assigned to (or asked for)
 * @param modelVersion the version of the model bundle that answered
 * @param path         the whole funnel, a degraded path or cold start
 * @param cacheHit     whether the candidates came from the cache
 * @param items        the list, best first
 * @param stageNanos   each stage's wall time in nanoseconds, in {@link Stage} order (0 for a stage not run)
 * @param totalNanos   the whole answer's wall time inside the service
 */
public record Answer(String requestId, int user, String arm, String modelVersion, AnswerPath path, boolean cacheHit,
                     List<Item> items, long[] stageNanos, long totalNanos) {

    public Answer {
        items = List.copyOf(items);
        stageNanos = stageNanos.clone();
    }

    /**
     * One recommended item.
     *
     * @param rank           1-based position
     * @param item           the item id
     * @param title          its display title
     * @param genres         its genres or category
     * @param candidateScore the candidate generation score (NaN if the item did not come from candidate generation)
     * @param rankingScore   the ranking score (NaN if ranking was skipped)
     * @param finalScore     the score the list is ordered by
     */
    public record Item(int rank, int item, String title, String genres, double candidateScore, double rankingScore,
                       double finalScore) {
    }

    /** The item ids, best first. */
    public int[] ids() {
        int[] ids = new int[items.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items.get(i).item();
        }
        return ids;
    }

    @Override
    public long[] stageNanos() {
        return stageNanos.clone();
    }

    /** One stage's wall time, in milliseconds. */
    public double stageMillis(Stage stage) {
        return stageNanos[stage.ordinal()] / 1e6;
    }

    public double totalMillis() {
        return totalNanos / 1e6;
    }
}
