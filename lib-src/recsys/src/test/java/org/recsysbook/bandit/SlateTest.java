package org.recsysbook.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.recsysbook.bandit.simulation.BanditSimulator;
import org.recsysbook.bandit.simulation.BernoulliArms;
import org.recsysbook.bandit.simulation.SimulationResult;
import org.recsysbook.world.ClickModel;

/** The chapter's slate ({@code n_select > 1}) under the click model's position bias, and the corrected update. */
class SlateTest {

    @Test
    void correctedUpdateCountsAnImpressionAsItsExamination() {
        ThompsonSampling corrected = ThompsonSampling.positionCorrected(2, new SplittableRandom(1));
        ThompsonSampling chapter = new ThompsonSampling(2, new SplittableRandom(1));
        for (int i = 0; i < 100; i++) {
            double r = i < 10 ? 1 : 0;
            corrected.update(0, r, 0.5);
            chapter.update(0, r, 0.5);
        }
        assertEquals(11, corrected.alpha(0), 1e-12);
        assertEquals(1 + 50 - 10, corrected.beta(0), 1e-12, "100 impressions at examination 0.5 are 50 trials");
        assertEquals(11, chapter.alpha(0), 1e-12);
        assertEquals(91, chapter.beta(0), 1e-12, "the chapter's update ignores the position");
        assertEquals(100, corrected.stats(0).trials());
        assertEquals("Thompson sampling, position-corrected", corrected.name());
    }

    @Test
    void atTheTopBothUpdatesAreTheChapters() {
        ThompsonSampling corrected = ThompsonSampling.positionCorrected(1, new SplittableRandom(1));
        ThompsonSampling chapter = new ThompsonSampling(1, new SplittableRandom(1));
        double[] rewards = {1, 0, 0, 1, 0};
        for (double r : rewards) {
            corrected.update(0, r);
            chapter.update(0, r, 1);
        }
        assertEquals(chapter.alpha(0), corrected.alpha(0), 0);
        assertEquals(chapter.beta(0), corrected.beta(0), 0);
    }

    @Test
    void luckyClicksLowInTheSlateKeepBetaPositive() {
        ThompsonSampling corrected = ThompsonSampling.positionCorrected(1, new SplittableRandom(1));
        corrected.update(0, 1, 0.387);
        assertEquals(2, corrected.alpha(0), 0);
        assertEquals(1, corrected.beta(0), 0, "β₀ + max(0, 0.387 − 1)");
        assertTrue(corrected.sample(0) > 0);
    }

    @Test
    void examinationOutsideZeroOneIsRefused() {
        ThompsonSampling ts = new ThompsonSampling(2, new SplittableRandom(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ts.update(0, 1, 0));
        assertTrue(e.getMessage().contains("examination"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ThompsonSampling.positionCorrected(2,
                new SplittableRandom(1)).update(0, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Ucb(2).update(0, 1, Double.NaN));
    }

    @Test
    void slateOracleWeighsTheBestRatesByExamination() {
        BernoulliArms arms = new BernoulliArms(0.1, 0.5, 0.3, 0.2);
        BanditSimulator slate = BanditSimulator.slate(arms, 10, 2, 3, 1);
        double expected = 0.5 + 0.3 * ClickModel.examination(2) + 0.2 * ClickModel.examination(3);
        assertEquals(expected, slate.oracleClicksPerVisit(), 1e-12);
        assertArrayEquals(new double[] {1, ClickModel.examination(2), ClickModel.examination(3)}, slate.examination(),
                0);
        assertEquals(0.5 + 0.3 + 0.2, new BanditSimulator(arms, 10, 2, 3, 1).oracleClicksPerVisit(), 1e-12,
                "without position bias every slot counts fully");
        assertThrows(IllegalArgumentException.class, () -> new BanditSimulator(arms, 10, 2, new double[] {1, 0}, 1));
    }

    @Test
    void aSlateOfOneIsTheChaptersLoop() {
        BernoulliArms arms = new BernoulliArms(0.1, 0.5, 0.3);
        SimulationResult plain = new BanditSimulator(arms, 200, 4, 9).run(ThompsonSampling.factory());
        SimulationResult slate = BanditSimulator.slate(arms, 200, 4, 1, 9).run(ThompsonSampling.factory());
        assertArrayEquals(plain.totalRewards(), slate.totalRewards(), 0);
        assertEquals(1, slate.nSelect());
        assertEquals(plain.clicksPerVisit(), plain.clicksPerImpression(), 0);
    }

    @Test
    void onASlateTheChaptersUpdateUnderestimatesAndTheCorrectedOneDoesNot() {
        BernoulliArms arms = new BernoulliArms(0.6, 0.5, 0.4, 0.3, 0.05, 0.05);
        BanditSimulator slate = BanditSimulator.slate(arms, 2000, 20, 4, 3);
        double[] chapter = slate.run(ThompsonSampling.factory()).meanEstimates();
        SimulationResult correctedRun = slate.run(ThompsonSampling.positionCorrectedFactory());
        double[] corrected = correctedRun.meanEstimates();
        for (int a = 0; a < 4; a++) {
            assertEquals(arms.rates()[a], corrected[a], 0.1 * arms.rates()[a], "corrected estimate of arm " + a);
        }
        // arms 2 and 3 mostly sit at positions 3 and 4, examined 0.5 and 0.43: their estimates fall well below
        assertTrue(chapter[2] < 0.75 * 0.4, "arm 2: " + chapter[2]);
        assertTrue(chapter[3] < 0.75 * 0.3, "arm 3: " + chapter[3]);
        assertEquals(correctedRun.clicksPerVisit() / 4, correctedRun.clicksPerImpression(), 1e-12);
        assertTrue(correctedRun.shareOfOracle() > 0.9 && correctedRun.shareOfOracle() <= 1.01,
                "share " + correctedRun.shareOfOracle());
        assertTrue(correctedRun.meanFirstRate(1900, 2000) > 0.55, "the best arm goes on top");
    }
}
