package org.recsysbook.abtest;

/**
 * The chapter's "Key Metrics" table of an online experiment, each with the test that suits it.
 */
public enum ExperimentMetric {
    /** Clicks / impressions: a ratio over users, compared with the delta method ({@link RatioMetricTest}). */
    CTR("CTR", "delta-method z"),
    /** Share of users with at least one conversion: {@link TwoProportionZTest}. */
    CONVERSION_RATE("conversion rate", "two-proportion z"),
    /** A user's mean seconds per visit: {@link WelchTTest}. */
    SESSION_DURATION("session duration (s)", "Welch t"),
    /** Share of users who came back at least once: {@link TwoProportionZTest}. */
    RETENTION("retention", "two-proportion z"),
    /** Revenue per user: {@link WelchTTest}. */
    REVENUE_PER_USER("revenue per user ($)", "Welch t"),
    /** A user's mean share of distinct categories per slate: {@link WelchTTest}; needs item-level arms. */
    DIVERSITY("diversity", "Welch t"),
    /** Share of the catalog shown at least once in the arm: one number per arm, so no test. */
    COVERAGE("coverage", "none (one value per arm)");

    private final String label;
    private final String test;

    ExperimentMetric(String label, String test) {
        this.label = label;
        this.test = test;
    }

    /** The name shown in reports. */
    public String label() {
        return label;
    }

    /** The test used to compare arms. */
    public String test() {
        return test;
    }
}
