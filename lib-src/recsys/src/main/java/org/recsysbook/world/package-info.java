/**
 * The synthetic world every notebook runs in: a catalog of items, a population of users and a click
 * model that turns shown rankings into logged impressions and clicks.
 *
 * <p>The chapter builds its demo catalog from random feature vectors, an exponential popularity and
 * categories {@code cat_0 … cat_4}; {@link org.recsysbook.world.World#chapterDemo(long)} reproduces it, NumPy's numbers included.
 * {@link org.recsysbook.world.World#lowRank(int, int, long)} builds catalogs of realistic size whose
 * vectors behave like learned embeddings. {@link org.recsysbook.world.ClickModel} simulates how users
 * react to a ranked list and records what happened in an {@link org.recsysbook.world.InteractionLog}.
 *
 * <p>Layer: above {@code core} and {@code notebook}, beside {@code data}; it may import only those two, and the
 * stages, the evaluation packages, {@code studies} and {@code exercises} may import it.
 */
package org.recsysbook.world;
