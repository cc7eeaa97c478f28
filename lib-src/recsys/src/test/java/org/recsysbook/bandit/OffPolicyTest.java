package org.recsysbook.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OffPolicyTest {
    private static final double[] X = {1};

    /** Four rows, two arms: (action, reward, propensity) = (0,1,.5) (1,0,.25) (0,0,.5) (1,1,.75). */
    static LoggedBandit handLog() {
        return new LoggedBandit(2, new double[][] {X, X, X, X}, new int[] {0, 1, 0, 1},
                new double[] {1, 0, 0, 1}, new double[] {0.5, 0.25, 0.5, 0.75});
    }

    /** π(0) = 0.8, π(1) = 0.2 whatever the context. */
    static StochasticPolicy fixed() {
        return new StochasticPolicy() {
            public int arms() {
                return 2;
            }

            public void probabilities(double[] context, double[] out) {
                out[0] = 0.8;
                out[1] = 0.2;
            }

            public String name() {
                return "fixed";
            }
        };
    }

    @Test
    void ipsByHand() {
        // weights 0.8/0.5 = 1.6, 0.2/0.25 = 0.8, 1.6, 0.2/0.75 = 4/15
        assertArrayEquals(new double[] {1.6, 0.8, 1.6, 4.0 / 15}, OffPolicyEstimator.weights(handLog(), fixed()), 1e-15);
        assertEquals((1.6 + 4.0 / 15) / 4, new InversePropensityScoring().estimate(handLog(), fixed()), 1e-15);
    }

    @Test
    void snipsByHand() {
        double sum = 1.6 + 0.8 + 1.6 + 4.0 / 15;
        assertEquals((1.6 + 4.0 / 15) / sum, new SelfNormalizedIps().estimate(handLog(), fixed()), 1e-15);
    }

    @Test
    void doublyRobustWithAConstantModelByHand() {
        RewardModel.Trainer constant = log -> (x, a) -> 0.3;
        double[] w = {1.6, 0.8, 1.6, 4.0 / 15};
        double[] r = {1, 0, 0, 1};
        double correction = 0;
        for (int i = 0; i < 4; i++) {
            correction += w[i] * (r[i] - 0.3);
        }
        assertEquals(0.3 + correction / 4, new DoublyRobust(constant, 2).estimate(handLog(), fixed()), 1e-15);
        assertEquals(0.3, new DirectMethod(constant, 2).estimate(handLog(), fixed()), 1e-15);
    }

    @Test
    void directMethodIsCrossFitted() {
        // fold 0 = rows 0, 2 judged by a model of rows 1, 3: arm 0 never shown → 0, arm 1 mean 0.5
        // fold 1 = rows 1, 3 judged by a model of rows 0, 2: arm 0 mean 0.5, arm 1 never shown → 0
        double fold0 = 0.8 * 0 + 0.2 * 0.5;
        double fold1 = 0.8 * 0.5 + 0.2 * 0;
        assertEquals((2 * fold0 + 2 * fold1) / 4,
                new DirectMethod(RewardModel.armMeans(), 2).estimate(handLog(), fixed()), 1e-15);
    }

    @Test
    void softmaxProbabilitiesByHand() {
        double[] p = new double[2];
        new SoftmaxPolicy("s", (x, a) -> a == 0 ? 0 : Math.log(3), 2, 1, 0).probabilities(X, p);
        assertArrayEquals(new double[] {0.25, 0.75}, p, 1e-15);
        new SoftmaxPolicy("s", (x, a) -> a == 0 ? 0 : Math.log(3), 2, 1, 0.2).probabilities(X, p);
        assertArrayEquals(new double[] {0.3, 0.7}, p, 1e-15);
        new SoftmaxPolicy("s", (x, a) -> a == 0 ? 0 : 2 * Math.log(3), 2, 2, 0).probabilities(X, p);
        assertArrayEquals(new double[] {0.25, 0.75}, p, 1e-15, "temperature divides the scores");
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxPolicy("s", (x, a) -> 0, 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxPolicy("s", (x, a) -> 0, 2, 1, 1.5));
    }

    @Test
    void estimatorsAreCloseToTheTruthOnAverage() {
        ContextualTraffic t = ContextualTest.twoByTwo();
        StochasticPolicy logging = new SoftmaxPolicy("uniform", (x, a) -> 0, 2, 1, 0);
        StochasticPolicy target = new SoftmaxPolicy("affinity", t::affinity, 2, 0.5, 0);
        OffPolicyExperiment ex = new OffPolicyExperiment(t, logging, target, 2000, 20, 3);
        List<OffPolicyExperiment.Outcome> out = ex.run(List.of(new InversePropensityScoring(),
                new SelfNormalizedIps(), new DoublyRobust()));
        for (OffPolicyExperiment.Outcome o : out) {
            double se = o.std() / Math.sqrt(o.estimates().length);
            assertTrue(Math.abs(o.bias()) < 4 * se + 1e-3, o.estimator() + " bias " + o.bias() + ", se " + se);
            assertTrue(o.rmse() < 0.03, o.estimator() + " RMSE " + o.rmse());
        }
        assertTrue(ex.truth() > ex.loggingTruth(), "the target policy is the better one");
    }

    @Test
    void loggedDataIsChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LoggedBandit(2, new double[][] {X}, new int[] {0}, new double[] {1}, new double[] {0}));
        assertEquals("propensities[0] must be in (0, 1], got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LoggedBandit(2, new double[][] {X}, new int[] {2}, new double[] {1}, new double[] {1}));
        assertEquals("actions[0] must be an arm id in [0, 1], got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LoggedBandit(2, new double[][] {X, X}, new int[] {0}, new double[] {1}, new double[] {1}));
        assertEquals("actions.length must be 2 (the number of contexts), got 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DoublyRobust(RewardModel.ridge(), 1));
    }
}
