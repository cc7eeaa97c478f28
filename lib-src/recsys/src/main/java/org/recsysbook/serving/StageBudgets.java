package org.recsysbook.serving;

/**
 * A request's deadline and each stage's share of it, in milliseconds. A stage that takes longer than its budget
 * makes the service skip the stages after it ({@link AnswerPath#CANDIDATE_ORDER}, {@link AnswerPath#RANKED_ORDER}); a request
 * still unanswered at its deadline gets the popularity list ({@link AnswerPath#DEADLINE_POPULARITY}).
 *
 * @param deadlineMillis    the whole request, &gt; 0
 * @param retrievalMillis   candidate generation, &gt; 0
 * @param rankingMillis     ranking, &gt; 0
 * @param reRankingMillis   re-ranking, &gt; 0
 */
public record StageBudgets(double deadlineMillis, double retrievalMillis, double rankingMillis,
                           double reRankingMillis) {

    public StageBudgets {
        positive("deadlineMillis", deadlineMillis);
        positive("retrievalMillis", retrievalMillis);
        positive("rankingMillis", rankingMillis);
        positive("reRankingMillis", reRankingMillis);
        double sum = retrievalMillis + rankingMillis + reRankingMillis;
        if (sum > deadlineMillis) {
            throw new IllegalArgumentException("the stage budgets must add up to at most deadlineMillis "
                    + deadlineMillis + ", got " + sum);
        }
    }

    /** A deadline split 60% retrieval, 25% ranking, 15% re-ranking. */
    public static StageBudgets of(double deadlineMillis) {
        positive("deadlineMillis", deadlineMillis);
        return new StageBudgets(deadlineMillis, 0.6 * deadlineMillis, 0.25 * deadlineMillis,
                0.15 * deadlineMillis);
    }

    /** The budget of one stage, in milliseconds. */
    public double millis(Stage stage) {
        return switch (stage) {
            case CANDIDATE_GENERATION -> retrievalMillis;
            case RANKING -> rankingMillis;
            case RE_RANKING -> reRankingMillis;
        };
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
        }
    }
}
