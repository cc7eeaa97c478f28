/**
 * Stage 2 of the chapter's funnel, ranking: the {@link org.recsysbook.ranking.Ranker} interface, the chapter's
 * {@link org.recsysbook.ranking.SimulatedRanker} kept as the baseline, and a
 * {@link org.recsysbook.ranking.LearnedRanker} — a {@link org.recsysbook.ranking.LogisticRegression} over
 * {@link org.recsysbook.ranking.RankingFeatures}, trained on logged clicks with inverse propensity
 * weighting ({@link org.recsysbook.ranking.ClickTrainingSet}) and judged on unbiased test clicks
 * ({@link org.recsysbook.ranking.ExaminedClicks}).
 *
 * <p>{@link org.recsysbook.core.ScoredItems} is the list every stage hands the next, and
 * {@link org.recsysbook.core.Request} the request that travels with it.
 *
 * <p>Layer: stage 2; it may import {@code core}, {@code notebook}, {@code world}, {@code data} and {@code retrieval}
 * (the stage before it), never a later stage.
 */
package org.recsysbook.ranking;
