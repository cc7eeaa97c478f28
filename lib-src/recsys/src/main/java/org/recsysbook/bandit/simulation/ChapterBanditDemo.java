package org.recsysbook.bandit.simulation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.recsysbook.bandit.ArmStats;
import org.recsysbook.bandit.ThompsonSampling;
import org.recsysbook.bandit.Ucb;
import org.recsysbook.core.NumpyArgsort;
import org.recsysbook.core.NumpyRandomState;
import org.recsysbook.core.PythonFormat;

/**
 * The chapter's bandit demo ("Online Learning and Bandits"): 20 arms whose click rates are drawn from
 * {@code Beta(2, 8)}, arms 3, 7 and 15 then set to 0.5, 0.4 and 0.45, and Thompson sampling against
 * UCB ({@code c = 2}) for 500 rounds, one pick per round.
 *
 * <p>{@link #singleRun(long)} replays the chapter's script step by step on {@link NumpyRandomState}, NumPy's
 * legacy generator: the rates first, then in every round Thompson sampling's 20 Beta draws, its pick
 * ({@code np.argsort(-samples)[0]}) and click, then UCB's scores, pick and click, all from one stream as the
 * chapter draws everything from {@code np.random}. {@link SingleRun#report()} prints what the chapter prints,
 * with its format strings. With seed 42 the printout is the chapter's digit for digit wherever NumPy's
 * portable sort runs; UCB's untried arms all score {@code inf}, so which one goes first is up to
 * {@code argsort}'s order of ties, and on x86 CPUs with AVX2 or AVX-512 NumPy 2 sorts with a vectorised
 * argsort whose ties fall otherwise ({@link NumpyArgsort}): there the same script prints UCB's reward
 * {@value #UCB_REWARD_VECTOR_SORT} instead of {@value #UCB_REWARD_PORTABLE_SORT}. Thompson sampling's draws
 * never tie, so its lines are the same everywhere.
 */
public final class ChapterBanditDemo {
    /** The chapter's {@code n_items}. */
    public static final int ARMS = 20;
    /** The chapter's {@code n_rounds}. */
    public static final int ROUNDS = 500;
    /** The chapter's {@code np.random.seed(42)}. */
    public static final long SEED = 42;
    /** The chapter's UCB exploration weight {@code c}. */
    public static final double C = 2.0;
    /** UCB's cumulative reward the chapter's script prints under NumPy's portable argsort (as here). */
    public static final long UCB_REWARD_PORTABLE_SORT = 140;
    /** UCB's cumulative reward the chapter's script prints under NumPy 2.4's AVX2 / AVX-512 argsort. */
    public static final long UCB_REWARD_VECTOR_SORT = 134;

    private ChapterBanditDemo() { }

    /**
     * The chapter's {@code true_click_rates} for {@code seed}: {@code np.random.beta(2, 8, 20)} after
     * {@code np.random.seed(seed)}, then arms 3, 7, 15 fixed.
     */
    public static double[] clickRates(long seed) {
        return clickRates(new NumpyRandomState(seed));
    }

    private static double[] clickRates(NumpyRandomState np) {
        double[] rates = np.beta(2, 8, ARMS);
        rates[3] = 0.5;
        rates[7] = 0.4;
        rates[15] = 0.45;
        return rates;
    }

    /** The arms of the chapter's script seeded with {@code seed}: the rates {@link #singleRun} plays. */
    public static BernoulliArms environment(long seed) {
        return new BernoulliArms(clickRates(seed));
    }

    /**
     * The chapter's script, Thompson sampling and UCB interleaved round by round on NumPy's stream. The
     * returned policies hold the posteriors and counts as the run left them; their own generators are not
     * used (the picks are made here, with NumPy's draws and sort).
     */
    public static SingleRun singleRun(long seed) {
        NumpyRandomState np = new NumpyRandomState(seed);
        double[] rates = clickRates(np);
        double[] alpha = new double[ARMS];
        double[] beta = new double[ARMS];
        java.util.Arrays.fill(alpha, 1);
        java.util.Arrays.fill(beta, 1);
        double[] rewards = new double[ARMS];
        double[] counts = new double[ARMS];
        long total = 0;
        ThompsonSampling ts = new ThompsonSampling(ARMS, new SplittableRandom(seed));
        Ucb ucb = new Ucb(ARMS, C);
        double[] samples = new double[ARMS];
        double[] scores = new double[ARMS];
        long tsReward = 0;
        long ucbReward = 0;
        for (int t = 0; t < ROUNDS; t++) {
            for (int i = 0; i < ARMS; i++) {
                samples[i] = np.beta(alpha[i], beta[i]);
            }
            int tsItem = NumpyArgsort.argsortDescending(samples)[0];
            int r = np.nextDouble() < rates[tsItem] ? 1 : 0;
            if (r > 0) {
                alpha[tsItem] += 1;
            } else {
                beta[tsItem] += 1;
            }
            ts.update(tsItem, r);
            tsReward += r;

            for (int i = 0; i < ARMS; i++) {
                scores[i] = counts[i] == 0 ? Double.POSITIVE_INFINITY
                        : rewards[i] / counts[i] + C * Math.sqrt(Math.log(total + 1) / counts[i]);
            }
            int ucbItem = NumpyArgsort.argsortDescending(scores)[0];
            r = np.nextDouble() < rates[ucbItem] ? 1 : 0;
            counts[ucbItem] += 1;
            rewards[ucbItem] += r;
            total += 1;
            ucb.update(ucbItem, r);
            ucbReward += r;
        }
        return new SingleRun(rates, ROUNDS, tsReward, ucbReward, ts, ucb);
    }

    /**
     * The outcome of the chapter's script.
     *
     * @param rates     the true click rates
     * @param rounds    the rounds played
     * @param tsReward  Thompson sampling's cumulative reward
     * @param ucbReward UCB's cumulative reward
     * @param thompson  Thompson sampling's posteriors as the run left them
     * @param ucb       UCB's counts and means as the run left them
     */
    public record SingleRun(double[] rates, int rounds, long tsReward, long ucbReward,
                            ThompsonSampling thompson, Ucb ucb) {

        /** A copy of the true click rates. */
        @Override
        public double[] rates() {
            return rates.clone();
        }

        /** The arms in order of decreasing true rate, the chapter's {@code np.argsort(-true_click_rates)[:k]}. */
        public int[] bestArms(int k) {
            return java.util.Arrays.copyOf(NumpyArgsort.argsortDescending(rates), Math.min(k, rates.length));
        }

        /** What the chapter prints, line for line, in its format. */
        public String report() {
            int[] best = bestArms(3);
            double[] bestRates = new double[best.length];
            for (int i = 0; i < best.length; i++) {
                bestRates[i] = Math.rint(rates[best[i]] * 1000) / 1000;
            }
            StringBuilder sb = new StringBuilder();
            sb.append("True best items: ").append(PythonFormat.numpyInts(best))
                    .append(" (rates: ").append(PythonFormat.numpyFloats(bestRates)).append(")\n");
            sb.append("\nAfter ").append(rounds).append(" rounds:\n");
            sb.append("  Thompson Sampling cumulative reward: ").append(tsReward).append('\n');
            sb.append("  UCB cumulative reward: ").append(ucbReward).append('\n');
            sb.append("\nThompson Sampling learned rates (top 5):\n");
            for (int a : learnedTop(5)) {
                ArmStats s = thompson.stats(a);
                sb.append("  Item ").append(a).append(": estimated=").append(PythonFormat.fixed(s.mean(), 3))
                        .append(" (true=").append(PythonFormat.fixed(rates[a], 3)).append("), trials=")
                        .append(PythonFormat.fixed(s.trials(), 0)).append('\n');
            }
            return sb.toString();
        }

        /**
         * The {@code k} arms with the highest posterior mean of Thompson sampling, ties in id order (the
         * chapter's stable {@code stats.sort(key=lambda x: -x[1]["mean"])}).
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
}
