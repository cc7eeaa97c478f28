package org.recsysbook.bandit.simulation;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.recsysbook.bandit.BetaSampler;
import org.recsysbook.bandit.simulation.BanditEnvironment;
import org.recsysbook.core.Args;

/**
 * Arms with fixed click rates, each pull a Bernoulli draw — the chapter's {@code true_click_rates} and
 * its {@code 1 if np.random.random() < true_click_rates[item] else 0}.
 */
public final class BernoulliArms implements BanditEnvironment {
    private final double[] rates;

    /**
     * @param rates the click rate of every arm, each in [0, 1]; at least one arm
     */
    public BernoulliArms(double... rates) {
        Args.notNull("rates", rates);
        Args.atLeast("rates.length", rates.length, 1);
        for (int a = 0; a < rates.length; a++) {
            Args.unit("rates[" + a + "]", rates[a]);
        }
        this.rates = rates.clone();
    }

    /**
     * {@code arms} arms whose rates are drawn from {@code Beta(a, b)}, as the chapter draws its 20 from
     * {@code Beta(2, 8)}.
     */
    public static BernoulliArms betaDistributed(int arms, double a, double b, RandomGenerator rng) {
        Args.atLeast("arms", arms, 1);
        Args.positive("a", a);
        Args.positive("b", b);
        double[] r = new double[arms];
        for (int i = 0; i < arms; i++) {
            r[i] = BetaSampler.beta(rng, a, b);
        }
        return new BernoulliArms(r);
    }

    @Override
    public int arms() {
        return rates.length;
    }

    @Override
    public double clickRate(int arm, int round) {
        return rates[arm];
    }

    @Override
    public boolean stationary() {
        return true;
    }

    /** A copy of the rates. */
    public double[] rates() {
        return rates.clone();
    }

    /** The arm with the highest rate (the lowest id among equals). */
    public int bestArm() {
        int best = 0;
        for (int a = 1; a < rates.length; a++) {
            if (rates[a] > rates[best]) {
                best = a;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "BernoulliArms" + Arrays.toString(rates);
    }
}
