package org.recsysbook.bandit.simulation;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.recsysbook.bandit.simulation.SeedBanditScenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedBanditScenarioTest {

    @Test
    void ratesFollowTheSeed() {
        double[] r = SeedBanditScenario.clickRates(new SplittableRandom(1));
        assertEquals(20, r.length);
        assertEquals(0.5, r[3], 0);
        assertEquals(0.4, r[7], 0);
        assertEquals(0.45, r[15], 0);
        assertArrayEquals(r, SeedBanditScenario.environment(1).rates(), 0);
    }

    @Test
    void singleRunPlaysFiveHundredRoundsEach() {
        SeedBanditScenario.SingleRun run = SeedBanditScenario.singleRun(42);
        long trials = 0;
        for (int a = 0; a < 20; a++) {
            trials += run.thompson().stats(a).trials();
        }
        assertEquals(500, trials);
        assertTrue(run.tsReward() >= 0 && run.tsReward() <= 500);
        assertEquals(run.tsReward(), SeedBanditScenario.singleRun(42).tsReward(), "seeded");
    }

    @Test
    void reportHasTheSeedsLines() {
        String[] lines = SeedBanditScenario.singleRun(42).report().split("\n", -1);
        assertTrue(lines[0].matches("True best items: \\[[ \\d]+\\] \\(rates: \\[[ .\\d]+\\]\\)"), lines[0]);
        assertEquals("", lines[1]);
        assertEquals("After 500 rounds:", lines[2]);
        assertTrue(lines[3].matches("  Thompson Sampling cumulative reward: \\d+"), lines[3]);
        assertTrue(lines[4].matches("  UCB cumulative reward: \\d+"), lines[4]);
        assertEquals("", lines[5]);
        assertEquals("Thompson Sampling learned rates (top 5):", lines[6]);
        for (int i = 7; i < 12; i++) {
            assertTrue(lines[i].matches("  Item \\d+: estimated=0\\.\\d{3} \\(true=0\\.\\d{3}\\), trials=\\d+"), lines[i]);
        }
    }

    @Test
    void numpyStyleFormatting() {
        assertEquals("[ 3 15  7]", SeedBanditScenario.numpyInts(new int[] {3, 15, 7}));
        assertEquals("[0.5  0.45 0.4 ]", SeedBanditScenario.numpyFloats(new double[] {0.5, 0.45, 0.4}));
        assertEquals("[0.5   0.45  0.412]", SeedBanditScenario.numpyFloats(new double[] {0.5, 0.45, 0.412}));
        assertEquals("0.312", SeedBanditScenario.fixed(0.3125, 3), "an exact tie rounds half to even, as Python does");
        assertEquals("0.001", SeedBanditScenario.fixed(0.0005, 3), "0.0005 is slightly above the tie in binary");
        assertEquals("170", SeedBanditScenario.fixed(170, 0));
    }
}
