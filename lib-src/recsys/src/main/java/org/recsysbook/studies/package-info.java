/**
 * The experiments a notebook runs and charts, apart from the mechanisms they measure: the speed–quality trade-off of
 * approximate retrieval ({@link org.recsysbook.studies.AnnTradeoff}) and the candidate sources compared
 * ({@link org.recsysbook.studies.SourceComparison}), each stage's latency ({@link org.recsysbook.studies.StageLatency}),
 * the A/B-testing pitfalls ({@link org.recsysbook.studies.PeekingStudy},
 * {@link org.recsysbook.studies.MultipleMetricsStudy}, {@link org.recsysbook.studies.OfflineVsOnline},
 * {@link org.recsysbook.studies.InterferenceStudy}, {@link org.recsysbook.studies.SharedLogStudy},
 * {@link org.recsysbook.studies.SimpsonStudy}, {@link org.recsysbook.studies.HeavyTailStudy},
 * {@link org.recsysbook.studies.LongTermHoldoutStudy}) and the charts
 * of the A/B tests and the bandits ({@link org.recsysbook.studies.AbTestCharts},
 * {@link org.recsysbook.studies.BanditCharts}).
 *
 * <p>Layer: below {@code exercises} only; it may import every other package of the library, and nothing but
 * {@code exercises} imports it.
 */
package org.recsysbook.studies;
