package org.recsysbook.world;

/**
 * One logged impression: a user was shown an item at a position on a day, and clicked it or not — a
 * row of the interaction log the chapter's A/B tests, bandits and offline metrics are computed from.
 *
 * @param user             the user id
 * @param item             the item id
 * @param position         the 1-based position the item was shown at (1 = top)
 * @param clicked          whether the user clicked it
 * @param day              the day of the impression (0 = first day of the simulation)
 * @param clickProbability the true click probability the simulator used, or NaN when unknown
 */
public record Interaction(int user, int item, int position, boolean clicked, int day, double clickProbability) {
}
