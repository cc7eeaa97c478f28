package org.recsysbook.pipeline;

/**
 * One line of the chapter's final recommendation table ({@code Item ID  Score  Category}), with the
 * score the item had at each stage of the funnel.
 *
 * @param rank           1-based position in the final list
 * @param item           the item id
 * @param category       the item's category name
 * @param candidateScore the candidate generation score (for the chapter, {@code 0.7·cos + 0.3·popularity})
 * @param rankingScore   the ranker's score
 * @param finalScore     the score after re-ranking (the ranking score unless a re-ranker changed it);
 *                       the chapter prints this one
 */
public record Recommendation(int rank, int item, String category, double candidateScore, double rankingScore,
                             double finalScore) {
}
