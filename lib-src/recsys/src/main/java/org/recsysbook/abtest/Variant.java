package org.recsysbook.abtest;

import java.util.random.RandomGenerator;

/**
 * One arm of an online experiment, the chapter's "control (current system)" or "treatment (new model)": what
 * a user sees and does on one visit.
 *
 * <p>This is all the experiment needs from a recommender, so any pipeline can be an arm through a small
 * adapter ({@link SlateVariant} turns any slate function plus the world's click model into one);
 * {@link RateVariant} is an arm described by its rates alone, for fast simulations. An implementation must
 * be safe to call from several threads at once (simulations run in parallel), drawing all randomness from
 * the generator it is given.
 */
public interface Variant {

    /** A short name for tables and charts, e.g. "control". */
    String name();

    /**
     * Serves one visit and records what happened in {@code visit} (already reset).
     *
     * @param user       the user id, ≥ 0
     * @param day        the experiment day, 0 = first day
     * @param daysInTest days since this user's first visit of the experiment (0 on the first), for novelty effects
     * @param rng        the only source of randomness
     * @param visit      where to record impressions, clicks, conversions, revenue, seconds and the daily return chance
     */
    void serve(int user, int day, int daysInTest, RandomGenerator rng, Visit visit);
}
