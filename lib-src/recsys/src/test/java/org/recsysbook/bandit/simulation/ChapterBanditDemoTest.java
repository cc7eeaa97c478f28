package org.recsysbook.bandit.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The chapter's bandit demo against what its Python prints: NumPy 2.4.6, {@code python3 seed_bandits.py} with
 * {@code NPY_DISABLE_CPU_FEATURES="AVX512_ICL X86_V4 X86_V3"} (NumPy's portable argsort, which this port follows;
 * with the vector sorts on, the same script prints UCB's reward 134).
 */
class ChapterBanditDemoTest {

    static final String CHAPTER_PRINTOUT = """
            True best items: [ 3 15  7] (rates: [0.5  0.45 0.4 ])

            After 500 rounds:
              Thompson Sampling cumulative reward: 184
              UCB cumulative reward: 140

            Thompson Sampling learned rates (top 5):
              Item 15: estimated=0.523 (true=0.450), trials=170
              Item 3: estimated=0.483 (true=0.500), trials=58
              Item 10: estimated=0.435 (true=0.384), trials=60
              Item 0: estimated=0.345 (true=0.247), trials=27
              Item 7: estimated=0.310 (true=0.400), trials=27
            """;

    @Test
    void ratesAreNumpysBetaDraws() {
        double[] r = ChapterBanditDemo.clickRates(42);
        assertEquals(20, r.length);
        assertEquals(0.24718270613672058, r[0], 1e-15, "np.random.beta(2, 8, 20)[0] after np.random.seed(42)");
        assertEquals(0.5, r[3], 0);
        assertEquals(0.4, r[7], 0);
        assertEquals(0.45, r[15], 0);
        assertArrayEquals(r, ChapterBanditDemo.environment(42).rates(), 0);
    }

    @Test
    void singleRunPrintsWhatTheChaptersScriptPrints() {
        ChapterBanditDemo.SingleRun run = ChapterBanditDemo.singleRun(42);
        assertEquals(CHAPTER_PRINTOUT, run.report());
        assertEquals(ChapterBanditDemo.UCB_REWARD_PORTABLE_SORT, run.ucbReward());
        long trials = 0;
        for (int a = 0; a < 20; a++) {
            trials += run.thompson().stats(a).trials();
        }
        assertEquals(500, trials, "the returned posteriors hold every round");
    }
}
