package org.recsysbook.core;

/**
 * The seed's {@code user_context}: how much this request cares about fresh items and about the time
 * of day, the two weights its simulated ranker multiplies its noise by.
 *
 * @param freshnessWeight the seed's {@code freshness_weight} (0 if absent), ≥ 0
 * @param timeWeight      the seed's {@code time_weight} (0 if absent), ≥ 0
 */
public record UserContext(double freshnessWeight, double timeWeight) {
    /** No context: both weights 0, as the seed's {@code user_context.get(key, 0)} gives for an empty dict. */
    public static final UserContext NONE = new UserContext(0, 0);

    /** The seed demo's context, {@code {"freshness_weight": 0.5, "time_weight": 0.3}}. */
    public static final UserContext SEED_DEMO = new UserContext(0.5, 0.3);

    public UserContext {
        if (!(freshnessWeight >= 0) || Double.isInfinite(freshnessWeight)) {
            throw new IllegalArgumentException("freshnessWeight must be a finite number ≥ 0, got " + freshnessWeight);
        }
        if (!(timeWeight >= 0) || Double.isInfinite(timeWeight)) {
            throw new IllegalArgumentException("timeWeight must be a finite number ≥ 0, got " + timeWeight);
        }
    }
}
