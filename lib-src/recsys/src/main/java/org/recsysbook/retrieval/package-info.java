/**
 * Stage 1 of the chapter's funnel, candidate generation ("fast, coarse"): the
 * {@link org.recsysbook.retrieval.CandidateGenerator} interface and its sources — the chapter's
 * {@link org.recsysbook.retrieval.CosinePopularityBlend}, {@link org.recsysbook.retrieval.PopularityCandidates},
 * {@link org.recsysbook.retrieval.SameCategoryCandidates}, several merged by
 * {@link org.recsysbook.retrieval.MergedCandidates} — an exact {@link org.recsysbook.retrieval.ExactScan} (one core or
 * split over all, on a scalar or a Vector API {@link org.recsysbook.retrieval.DotKernel}) and an approximate
 * {@link org.recsysbook.retrieval.HnswIndex} (Lucene's HNSW graph), with {@link org.recsysbook.retrieval.AnnRecall}
 * to compare them. Learned generators belong here too.
 *
 * <p>Layer: stage 1; it may import {@code core}, {@code notebook}, {@code world} and {@code data}, never a later
 * stage. The experiments that measure it ({@code AnnTradeoff}, {@code SourceComparison}) are in
 * {@code org.recsysbook.studies}.
 */
package org.recsysbook.retrieval;
