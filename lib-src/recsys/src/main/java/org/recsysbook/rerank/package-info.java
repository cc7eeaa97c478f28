/**
 * Stage 3 of the seed's funnel, re-ranking ("business logic, diversity, freshness"): the
 * {@link org.recsysbook.rerank.ReRanker} interface, whose implementations compose with
 * {@link org.recsysbook.rerank.ReRanker#then}: the seed's {@link org.recsysbook.rerank.CategoryQuota},
 * {@link org.recsysbook.rerank.MaximalMarginalRelevance}, a {@link org.recsysbook.rerank.FreshnessBoost}
 * and {@link org.recsysbook.rerank.BusinessRules}.
 */
package org.recsysbook.rerank;
