/**
 * The seed's {@code RecommendationPipeline}: a {@link org.recsysbook.pipeline.Pipeline} composes a
 * candidate generator, a ranker and a re-ranker and returns a
 * {@link org.recsysbook.pipeline.PipelineResult} — the final list with each item's score at every stage,
 * the funnel sizes and each stage's wall time — which notebooks show through
 * {@link org.recsysbook.pipeline.RecommendationRenderer} and time with
 * {@link org.recsysbook.studies.StageLatency}.
 */
package org.recsysbook.pipeline;
