/**
 * Evaluation metrics and offline evaluation, the chapter's "Evaluation Metrics for Recommender Systems": ranking
 * metrics, metrics beyond accuracy, and the harness that compares recommenders on logged data.
 *
 * <ul>
 *   <li>Ranking metrics, one class each, all {@link org.recsysbook.metrics.RankingMetric}s over a ranked list
 *       of item ids and {@link org.recsysbook.metrics.RelevantItems} (a set or graded):
 *       {@link org.recsysbook.metrics.Dcg}, {@link org.recsysbook.metrics.Ndcg},
 *       {@link org.recsysbook.metrics.Precision}, {@link org.recsysbook.metrics.Recall},
 *       {@link org.recsysbook.metrics.HitRate}, {@link org.recsysbook.metrics.AveragePrecision} (MAP and MAP@k),
 *       {@link org.recsysbook.metrics.ReciprocalRank} (MRR) and {@link org.recsysbook.metrics.Auc}. Each also
 *       takes the chapter's relevance-list form ({@code ofRelevances}) and states its conventions.</li>
 *   <li>Beyond accuracy: {@link org.recsysbook.metrics.IntraListDiversity},
 *       {@link org.recsysbook.metrics.Novelty}, {@link org.recsysbook.metrics.CatalogCoverage},
 *       {@link org.recsysbook.metrics.ExposureDistribution} (Gini, entropy),
 *       {@link org.recsysbook.metrics.Serendipity} and {@link org.recsysbook.metrics.Fairness}.</li>
 *   <li>Offline evaluation: a {@link org.recsysbook.metrics.HistoricalLog} split by time
 *       ({@link org.recsysbook.metrics.TemporalSplit}), any {@link org.recsysbook.metrics.Recommender} (for
 *       instance the {@link org.recsysbook.metrics.Baselines}) scored by
 *       {@link org.recsysbook.metrics.OfflineEvaluation} with bootstrap intervals, the sampled-metrics pitfall
 *       ({@link org.recsysbook.metrics.SampledMetrics}) and the online check
 *       ({@link org.recsysbook.metrics.ExpectedClicks}).</li>
 * </ul>
 *
 * <p>Bad input (k ≤ 0, a null or repeated item in a ranked list, a negative grade, vectors of different
 * dimensions, an item outside the catalog) fails with an {@link java.lang.IllegalArgumentException} that names
 * the parameter, the value and what is allowed.
 *
 * <p>Layer: evaluation, beside {@code abtest} and {@code bandit}, above {@code pipeline}; it may import every stage
 * and the layers below, never {@code serving}, {@code studies} or {@code exercises}.
 */
package org.recsysbook.metrics;
