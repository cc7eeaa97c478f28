package org.recsysbook.bandit.simulation;

/**
 * @deprecated the old name of {@link ChapterBanditDemo}, kept only until the exercises use the new one.
 */
@Deprecated
public final class SeedBanditScenario {
    /** {@link ChapterBanditDemo#ROUNDS}. */
    public static final int ROUNDS = ChapterBanditDemo.ROUNDS;
    /** {@link ChapterBanditDemo#SEED}. */
    public static final long SEED = ChapterBanditDemo.SEED;

    private SeedBanditScenario() { }

    /** {@link ChapterBanditDemo#environment(long)}. */
    public static BernoulliArms environment(long seed) {
        return ChapterBanditDemo.environment(seed);
    }
}
