/**
 * Stage 3 of the chapter's funnel, re-ranking ("business logic, diversity, freshness"): the
 * {@link org.recsysbook.rerank.ReRanker} interface, whose implementations compose with
 * {@link org.recsysbook.rerank.ReRanker#then}: the chapter's {@link org.recsysbook.rerank.CategoryQuota},
 * {@link org.recsysbook.rerank.MaximalMarginalRelevance}, a {@link org.recsysbook.rerank.FreshnessBoost}
 * and {@link org.recsysbook.rerank.BusinessRules}.
 *
 * <p>Layer: stage 3; it may import {@code core}, {@code notebook}, {@code world}, {@code data}, {@code retrieval} and
 * {@code ranking}, never {@code pipeline} or above.
 */
package org.recsysbook.rerank;
