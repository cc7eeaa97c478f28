/**
 * Online learning of a click model, the first half of the chapter's section "Online Learning and Bandits": a
 * logistic regression trained one impression at a time by {@link org.recsysbook.bandit.online.FtrlProximal}, on a
 * {@link org.recsysbook.bandit.online.DriftingClickStream} whose clicks arrive late, by the
 * {@link org.recsysbook.bandit.online.StreamLearner}s that handle the delay (waiting a window, or correcting fake
 * negatives) or retrain in batches, compared by progressive validation in
 * {@link org.recsysbook.bandit.online.OnlineLearningStudy}.
 *
 * <p>Layer: part of {@code bandit}; it imports only {@code core} and {@link org.recsysbook.bandit.SummaryTable};
 * nothing in the other bandit packages imports it.
 */
package org.recsysbook.bandit.online;
