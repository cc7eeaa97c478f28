package org.recsysbook.bandit.simulation;

import java.util.Arrays;

import org.recsysbook.bandit.simulation.BanditEnvironment;
import org.recsysbook.core.Args;

/**
 * Arms whose click rates change over time, the chapter's reason for online learning ("static
 * recommendation models become stale as user preferences and item catalogs evolve").
 *
 * <p>The rates are given at key rounds and interpolated linearly in between; before the first key
 * they equal the first key's, after the last they stay at the last key's. Two keys one round apart
 * make an abrupt change (an item goes viral), keys far apart a slow drift (an item's novelty wears
 * off).
 */
public final class DriftingArms implements BanditEnvironment {
    private final int[] keyRounds;
    private final double[][] keyRates;
    private final int arms;

    /**
     * @param keyRounds strictly increasing rounds (0-based), at least one
     * @param keyRates  {@code keyRates[k][arm]}: the rates at {@code keyRounds[k]}, each in [0, 1], the
     *                  same number of arms at every key
     */
    public DriftingArms(int[] keyRounds, double[][] keyRates) {
        Args.notNull("keyRounds", keyRounds);
        Args.notNull("keyRates", keyRates);
        Args.atLeast("keyRounds.length", keyRounds.length, 1);
        if (keyRates.length != keyRounds.length) {
            throw Args.fail("keyRates.length", keyRates.length, keyRounds.length + " (keyRounds.length)");
        }
        this.arms = Args.notNull("keyRates[0]", keyRates[0]).length;
        Args.atLeast("keyRates[0].length", arms, 1);
        this.keyRounds = keyRounds.clone();
        this.keyRates = new double[keyRates.length][];
        for (int k = 0; k < keyRounds.length; k++) {
            Args.atLeast("keyRounds[" + k + "]", keyRounds[k], k == 0 ? 0 : keyRounds[k - 1] + 1);
            double[] r = Args.notNull("keyRates[" + k + "]", keyRates[k]);
            if (r.length != arms) {
                throw Args.fail("keyRates[" + k + "].length", r.length, arms + " (the arms at the first key)");
            }
            for (int a = 0; a < arms; a++) {
                Args.unit("keyRates[" + k + "][" + a + "]", r[a]);
            }
            this.keyRates[k] = r.clone();
        }
    }

    /**
     * Rates {@code before} until {@code round - 1} and {@code after} from {@code round} on: an abrupt
     * change.
     */
    public static DriftingArms abrupt(double[] before, double[] after, int round) {
        Args.atLeast("round", round, 1);
        return new DriftingArms(new int[] {round - 1, round}, new double[][] {before, after});
    }

    @Override
    public int arms() {
        return arms;
    }

    @Override
    public double clickRate(int arm, int round) {
        int k = Arrays.binarySearch(keyRounds, round);
        if (k >= 0) {
            return keyRates[k][arm];
        }
        int next = -k - 1;
        if (next == 0) {
            return keyRates[0][arm];
        }
        if (next == keyRounds.length) {
            return keyRates[keyRounds.length - 1][arm];
        }
        int prev = next - 1;
        double w = (double) (round - keyRounds[prev]) / (keyRounds[next] - keyRounds[prev]);
        return (1 - w) * keyRates[prev][arm] + w * keyRates[next][arm];
    }

    /** The rates of every arm in {@code round}. */
    public double[] rates(int round) {
        double[] r = new double[arms];
        for (int a = 0; a < arms; a++) {
            r[a] = clickRate(a, round);
        }
        return r;
    }
}
