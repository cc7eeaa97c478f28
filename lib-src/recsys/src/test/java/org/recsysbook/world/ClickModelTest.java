package org.recsysbook.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ClickModelTest {

    /** Two items: item 0 along the user, item 1 orthogonal to it. */
    private static World tiny() {
        return World.of(2, new float[] {1, 0, 0, 1}, new int[] {0, 1}, new String[] {"a", "b"},
                new double[] {0.5, 0.0}, new double[] {0, 30}, new float[] {2, 0});
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void examinationIsTheDcgDiscount() {
        assertEquals(1.0, ClickModel.examination(1), 1e-12);
        assertEquals(1 / Math.log(3) * Math.log(2), ClickModel.examination(2), 1e-12);
        assertEquals(0.5, ClickModel.examination(3), 1e-12);
        assertEquals(1.0 / 3, ClickModel.examination(7), 1e-12);
    }

    @Test
    void clickProbabilityIsExaminationTimesAttractiveness() {
        ClickModel m = tiny().clickModel();
        // item 0: cos 1, popularity 0.5 -> sigmoid(5 + 0.5 - 3)
        assertEquals(sigmoid(2.5), m.attractiveness(0, 0), 1e-9);
        // item 1: cos 0, popularity 0 -> sigmoid(-3)
        assertEquals(sigmoid(-3), m.attractiveness(0, 1), 1e-9);
        assertEquals(0.5 * sigmoid(2.5), m.clickProbability(0, 0, 3), 1e-9);
        assertArrayEquals(new double[] {sigmoid(-3), ClickModel.examination(2) * sigmoid(2.5)},
                m.clickProbabilities(0, new int[] {1, 0}), 1e-9);
        assertEquals(sigmoid(-3) + ClickModel.examination(2) * sigmoid(2.5),
                m.expectedClicks(0, new int[] {1, 0}), 1e-9);
    }

    @Test
    void freshnessWeightUsesExponentialDecayOfAge() {
        ClickModel m = new ClickModel(tiny(), new ClickModel.Weights(0, 0, 2, 0));
        assertEquals(sigmoid(2), m.attractiveness(0, 0), 1e-9);                // age 0
        assertEquals(sigmoid(2 * Math.exp(-1)), m.attractiveness(0, 1), 1e-9); // age 30
    }

    @Test
    void simulatedClicksFollowTheTrueProbabilities() {
        ClickModel m = tiny().clickModel();
        InteractionLog log = new InteractionLog();
        SplittableRandom rng = new SplittableRandom(11);
        int n = 20_000;
        for (int t = 0; t < n; t++) {
            m.simulate(0, new int[] {0, 1, 0}, t / 1000, rng, log);
        }
        assertEquals(3 * n, log.size());
        assertEquals(1, log.position(0));
        assertEquals(3, log.position(2));
        assertEquals(19, log.day(3 * n - 1));
        double[] ctr = log.ctrByPosition(4);
        double[] truth = {sigmoid(2.5), ClickModel.examination(2) * sigmoid(-3), 0.5 * sigmoid(2.5)};
        for (int p = 0; p < 3; p++) {
            double se = Math.sqrt(truth[p] * (1 - truth[p]) / n);
            assertEquals(truth[p], ctr[p], 4 * se, "position " + (p + 1));
        }
        assertTrue(Double.isNaN(ctr[3]));
        assertEquals(truth[2], log.clickProbability(2), 1e-12);
        assertEquals(3 * n, log.toTable().rowCount());
    }

    @Test
    void badInputIsRefused() {
        ClickModel m = tiny().clickModel();
        var e = assertThrows(IllegalArgumentException.class, () -> ClickModel.examination(0));
        assertTrue(e.getMessage().contains("position") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.attractiveness(0, 2));
        assertTrue(e.getMessage().contains("item") && e.getMessage().contains("[0, 2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.attractiveness(1, 0));
        assertTrue(e.getMessage().contains("user") && e.getMessage().contains("[0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> m.simulate(0, new int[] {5}, 0, new SplittableRandom(1), null));
        assertThrows(IllegalArgumentException.class,
                () -> m.simulate(0, new int[] {0}, -1, new SplittableRandom(1), null));
        e = assertThrows(IllegalArgumentException.class, () -> new ClickModel.Weights(Double.NaN, 0, 0, 0));
        assertTrue(e.getMessage().contains("affinity") && e.getMessage().contains("NaN"), e.getMessage());
        InteractionLog log = new InteractionLog();
        e = assertThrows(IllegalArgumentException.class, () -> log.add(0, 0, 0, false, 0));
        assertTrue(e.getMessage().contains("position"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> log.add(0, 0, 1, false, 0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> log.get(0));
    }
}
