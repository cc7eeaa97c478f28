/**
 * The chapter's {@code RecommendationPipeline}: a {@link org.recsysbook.pipeline.Pipeline} composes a
 * candidate generator, a ranker and a re-ranker and returns a
 * {@link org.recsysbook.pipeline.PipelineResult} — the final list with each item's score at every stage,
 * the funnel sizes and each stage's wall time — which notebooks show through
 * {@link org.recsysbook.pipeline.RecommendationRenderer} and time with
 * {@link org.recsysbook.studies.StageLatency}.
 *
 * <p>Layer: above the three stages it composes; it may import them and the layers below, and is read by
 * {@code metrics}, {@code abtest}, {@code bandit}, {@code serving}, {@code studies} and {@code exercises}.
 */
package org.recsysbook.pipeline;
