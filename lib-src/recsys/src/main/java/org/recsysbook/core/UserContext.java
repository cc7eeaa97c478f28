package org.recsysbook.core;

/**
 * The chapter's {@code user_context}: how much this request cares about fresh items and about the time
 * of day, the two weights its simulated ranker multiplies its noise by.
 *
 * @param freshnessWeight the chapter's {@code freshness_weight} (0 if absent), ≥ 0
 * @param timeWeight      the chapter's {@code time_weight} (0 if absent), ≥ 0
 */
public record UserContext(double freshnessWeight, double timeWeight) {
    /** No context: both weights 0, as the chapter's {@code user_context.get(key, 0)} gives for an empty dict. */
    public static final UserContext NONE = new UserContext(0, 0);

    /** The chapter demo's context, {@code {"freshness_weight": 0.5, "time_weight": 0.3}}. */
    public static final UserContext CHAPTER_DEMO = new UserContext(0.5, 0.3);

    public UserContext {
        Args.nonNegative("freshnessWeight", freshnessWeight);
        Args.nonNegative("timeWeight", timeWeight);
    }
}
