/**
 * The experiment loop on the live service: the {@link org.recsysbook.experiment.EventStore} (impressions and clicks
 * in a DuckDB file, group-committed), the {@link org.recsysbook.experiment.ExperimentLoop} the service calls on every
 * answer and every {@code POST /events}, an exploration slot filled by {@link org.recsysbook.experiment.ThompsonSlot},
 * a traffic simulator that plays the synthetic world's users over HTTP, and the analysis that reads only the store,
 * in SQL, and hands its figures to the {@code abtest} statistics and the {@code bandit.offpolicy} estimators.
 *
 * <h2>What it may import</h2>
 * Everything below it, {@code serving} included (the service's hook, sink and answer types); never {@code studies}
 * or {@code exercises}, which sit above it.
 */
package org.recsysbook.experiment;
