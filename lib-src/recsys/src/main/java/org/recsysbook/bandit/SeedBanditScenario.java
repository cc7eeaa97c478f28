package org.recsysbook.bandit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.recsysbook.core.Args;

/**
 * The seed's bandit demo ("Online Learning and Bandits"): 20 arms whose click rates are drawn from
 * {@code Beta(2, 8)}, arms 3, 7 and 15 then set to 0.5, 0.4 and 0.45, and Thompson sampling against
 * UCB ({@code c = 2}) for 500 rounds, one pick per round.
 *
 * <p>{@link #singleRun(long)} replays the seed's script step by step — the rates first, then in every
 * round Thompson sampling's pick and click, then UCB's pick and click, all from one generator as the
 * seed draws everything from {@code np.random} — and {@link SingleRun#report()} prints what the seed
 * prints, with its format strings. Java cannot reproduce numpy's random stream, so the numbers agree
 * with the seed's in distribution, not digit for digit.
 */
public final class SeedBanditScenario {
    /** The seed's {@code n_items}. */
    public static final int ARMS = 20;
    /** The seed's {@code n_rounds}. */
    public static final int ROUNDS = 500;
    /** The seed's {@code np.random.seed(42)}. */
    public static final long SEED = 42;

    private SeedBanditScenario() { }

    /** The seed's {@code true_click_rates}: 20 draws from {@code Beta(2, 8)}, then arms 3, 7, 15 fixed. */
    public static double[] clickRates(RandomGenerator rng) {
        Args.notNull("rng", rng);
        double[] rates = new double[ARMS];
        for (int a = 0; a < ARMS; a++) {
            rates[a] = BetaSampler.beta(rng, 2, 8);
        }
        rates[3] = 0.5;
        rates[7] = 0.4;
        rates[15] = 0.45;
        return rates;
    }

    /** The arms of the scenario seeded with {@code seed}: the same rates {@link #singleRun} plays. */
    public static BernoulliArms environment(long seed) {
        return new BernoulliArms(clickRates(new SplittableRandom(seed)));
    }

    /** The seed's script, Thompson sampling and UCB interleaved round by round on one generator. */
    public static SingleRun singleRun(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] rates = clickRates(rng);
        ThompsonSampling ts = new ThompsonSampling(ARMS, rng);
        Ucb ucb = new Ucb(ARMS);
        int[] candidates = BanditPolicy.allArms(ARMS);
        long tsReward = 0;
        long ucbReward = 0;
        for (int t = 0; t < ROUNDS; t++) {
            int tsItem = ts.select(candidates, 1)[0];
            int r = rng.nextDouble() < rates[tsItem] ? 1 : 0;
            ts.update(tsItem, r);
            tsReward += r;
            int ucbItem = ucb.select(candidates, 1)[0];
            r = rng.nextDouble() < rates[ucbItem] ? 1 : 0;
            ucb.update(ucbItem, r);
            ucbReward += r;
        }
        return new SingleRun(rates, ROUNDS, tsReward, ucbReward, ts, ucb);
    }

    /**
     * The outcome of the seed's script.
     *
     * @param rates     the true click rates
     * @param rounds    the rounds played
     * @param tsReward  Thompson sampling's cumulative reward
     * @param ucbReward UCB's cumulative reward
     * @param thompson  the Thompson sampling policy as it ended
     * @param ucb       the UCB policy as it ended
     */
    public record SingleRun(double[] rates, int rounds, long tsReward, long ucbReward,
                            ThompsonSampling thompson, Ucb ucb) {

        /** A copy of the true click rates. */
        @Override
        public double[] rates() {
            return rates.clone();
        }

        /** The arms in order of decreasing true rate (ties by id). */
        public int[] bestArms(int k) {
            Integer[] order = new Integer[rates.length];
            for (int a = 0; a < order.length; a++) {
                order[a] = a;
            }
            java.util.Arrays.sort(order, Comparator.comparingDouble((Integer a) -> -rates[a]));
            int[] best = new int[Math.min(k, order.length)];
            for (int i = 0; i < best.length; i++) {
                best[i] = order[i];
            }
            return best;
        }

        /** What the seed prints, line for line, in its format. */
        public String report() {
            int[] best = bestArms(3);
            double[] bestRates = new double[best.length];
            for (int i = 0; i < best.length; i++) {
                bestRates[i] = Math.rint(rates[best[i]] * 1000) / 1000;
            }
            StringBuilder sb = new StringBuilder();
            sb.append("True best items: ").append(numpyInts(best))
                    .append(" (rates: ").append(numpyFloats(bestRates)).append(")\n");
            sb.append("\nAfter ").append(rounds).append(" rounds:\n");
            sb.append("  Thompson Sampling cumulative reward: ").append(tsReward).append('\n');
            sb.append("  UCB cumulative reward: ").append(ucbReward).append('\n');
            sb.append("\nThompson Sampling learned rates (top 5):\n");
            for (int a : learnedTop(5)) {
                ArmStats s = thompson.stats(a);
                sb.append("  Item ").append(a).append(": estimated=").append(fixed(s.mean(), 3))
                        .append(" (true=").append(fixed(rates[a], 3)).append("), trials=")
                        .append(fixed(s.trials(), 0)).append('\n');
            }
            return sb.toString();
        }

        /**
         * The {@code k} arms with the highest posterior mean of Thompson sampling, ties in id order (the
         * seed's stable {@code stats.sort(key=lambda x: -x[1]["mean"])}).
         */
        public int[] learnedTop(int k) {
            List<Integer> ids = new ArrayList<>();
            for (int a = 0; a < rates.length; a++) {
                ids.add(a);
            }
            ids.sort(Comparator.comparingDouble((Integer a) -> -thompson.stats(a).mean()));
            return ids.subList(0, Math.min(k, ids.size())).stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public String toString() {
            return report();
        }
    }

    /** Python's {@code f"{x:.Nf}"}: the exact binary value rounded half-to-even. */
    static String fixed(double x, int decimals) {
        return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** numpy's repr of an integer array: {@code [ 3 15  7]}, every element right-aligned to the widest. */
    static String numpyInts(int[] values) {
        int width = 0;
        for (int v : values) {
            width = Math.max(width, Integer.toString(v).length());
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            String s = Integer.toString(values[i]);
            sb.append(" ".repeat(width - s.length())).append(s);
        }
        return sb.append(']').toString();
    }

    /**
     * numpy's default repr of a float array of moderate values: each element's shortest decimal, the
     * fractions padded with spaces on the right to the longest, e.g. {@code [0.5  0.45 0.4 ]}.
     */
    static String numpyFloats(double[] values) {
        String[] ints = new String[values.length];
        String[] fracs = new String[values.length];
        int intWidth = 0;
        int fracWidth = 0;
        for (int i = 0; i < values.length; i++) {
            String s = new BigDecimal(Double.toString(values[i])).stripTrailingZeros().toPlainString();
            int dot = s.indexOf('.');
            ints[i] = dot < 0 ? s : s.substring(0, dot);
            fracs[i] = dot < 0 ? "" : s.substring(dot + 1);
            intWidth = Math.max(intWidth, ints[i].length());
            fracWidth = Math.max(fracWidth, fracs[i].length());
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(" ".repeat(intWidth - ints[i].length())).append(ints[i]).append('.')
                    .append(fracs[i]).append(" ".repeat(fracWidth - fracs[i].length()));
        }
        return sb.append(']').toString();
    }
}
