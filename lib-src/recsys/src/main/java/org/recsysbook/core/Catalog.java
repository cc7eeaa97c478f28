package org.recsysbook.core;

/**
 * What the shared types need to know about the items and users of a recommender's world: each item's category and
 * popularity (to show a list as a table) and each user's preference vector (to build a {@link Request}). The
 * synthetic world and the real data sets implement it, so the types of this package depend on neither.
 */
public interface Catalog {
    /** The display name of {@code item}'s category. */
    String categoryName(int item);

    /** The popularity of {@code item}, on the catalog's own scale. */
    double popularity(int item);

    /** A copy of {@code user}'s preference vector. */
    float[] userVector(int user);
}
