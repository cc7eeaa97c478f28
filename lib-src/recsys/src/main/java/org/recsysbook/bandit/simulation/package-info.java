/**
 * Simulated traffic for the bandit policies of {@code org.recsysbook.bandit}: Bernoulli and drifting arms, contextual
 * traffic from the synthetic world, the simulators (seeded; parallel runs give the serial result), their results, the
 * chapter's demo scenario and the Lai–Robbins lower bound.
 *
 * <p>Layer: part of {@code bandit}; it may import the policies, {@code core}, {@code notebook} and {@code world};
 * the policies never import it.
 */
package org.recsysbook.bandit.simulation;
