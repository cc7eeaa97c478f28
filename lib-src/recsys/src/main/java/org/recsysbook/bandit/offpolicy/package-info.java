/**
 * Off-policy evaluation of the bandit policies of {@code org.recsysbook.bandit} from logged data: the log, the
 * estimators (IPS, self-normalised IPS, the direct method, doubly robust) and the experiment that judges them
 * against the truth.
 *
 * <p>Layer: part of {@code bandit}; it may import the policies, {@code org.recsysbook.bandit.simulation} (the traffic
 * it logs), {@code core}, {@code notebook} and {@code world}; neither of those imports it.
 */
package org.recsysbook.bandit.offpolicy;
