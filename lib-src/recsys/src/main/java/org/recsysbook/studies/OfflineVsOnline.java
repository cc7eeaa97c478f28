package org.recsysbook.studies;

import java.util.SplittableRandom;

import org.recsysbook.abtest.Behaviour;
import org.recsysbook.abtest.SlateVariant;
import org.recsysbook.core.Args;
import org.recsysbook.metrics.Auc;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.InteractionLog;
import org.recsysbook.world.World;

/**
 * A model that wins offline but loses online, the pitfall behind the chapter's "offline metrics (RMSE, AUC,
 * NDCG) ... can be misleading about real-world impact".
 *
 * <p>In this world people click on what is appealing — a good match, but also what is popular — and buy
 * only what truly matches them (a click converts with probability conversionRate · max(0, cos(user,
 * item))<sup>k</sup>). The control ranks by the match alone (the current pipeline). The treatment is "a new model"
 * that also learned popularity: score = cos(user, item) + {@code popularityWeight} · popularity(item).
 *
 * <ul>
 *   <li><b>Offline</b>, on a click log collected from the control, the treatment predicts clicks better
 *       (higher AUC), because popularity really does drive clicks.</li>
 *   <li><b>Online</b>, the treatment fills slates with popular, weaker matches: users click on them, but
 *       buy less, spend less and see fewer categories — a loss the offline metric could not see.</li>
 * </ul>
 */
public final class OfflineVsOnline {
    private final World world;
    private final ClickModel clickModel;
    private final double popularityWeight;
    private final SlateVariant control;
    private final SlateVariant treatment;

    /**
     * @param world            the synthetic world (its users are the experiment's users)
     * @param clickModel       how users click (over {@code world})
     * @param behaviour        how clicks become conversions, revenue, time and returns
     * @param matchExponent    how sharply buying needs a match (see {@link SlateVariant})
     * @param popularityWeight the treatment's weight on popularity, &gt; 0
     */
    public OfflineVsOnline(World world, ClickModel clickModel, Behaviour behaviour, double matchExponent,
                           double popularityWeight) {
        if (world == null || clickModel == null || behaviour == null) {
            throw new IllegalArgumentException((world == null ? "world" : clickModel == null ? "clickModel"
                    : "behaviour") + " must not be null");
        }
        if (clickModel.world() != world) {
            throw Args.fail("clickModel.world()", clickModel.world(), "the same world as the scenario's");
        }
        this.world = world;
        this.clickModel = clickModel;
        this.popularityWeight = Args.positive("popularityWeight", popularityWeight);
        this.control = SlateVariant.ranking("control", clickModel, behaviour, matchExponent, this::controlScore, 40, 10, 0.05);
        this.treatment = SlateVariant.ranking("treatment", clickModel, behaviour, matchExponent, this::treatmentScore, 40, 10, 0.05);
    }

    /**
     * The notebook's scenario: 2,000 items, 32 dimensions, 20 categories, {@code users} users; clicks with
     * the affinity weight 5, popularity weight 3, bias −3.5; a click converts with probability
     * 0.5 · max(0, cos)³; the treatment's popularity weight is 0.5.
     */
    public static OfflineVsOnline standard(int users, long seed) {
        Args.positive("users", users);
        World w = World.builder().items(2000).dim(32).users(users).categories(20).seed(seed).build();
        ClickModel clicks = new ClickModel(w, new ClickModel.Weights(5, 3, 0, -3.5));
        Behaviour b = new Behaviour(0.5, 30, 30, 40, 0.08, 0.02, 0.05, 0.7);
        return new OfflineVsOnline(w, clicks, b, 3, 0.5);
    }

    public World world() {
        return world;
    }

    public SlateVariant control() {
        return control;
    }

    public SlateVariant treatment() {
        return treatment;
    }

    /** The control's score: the match, cos(user, item). */
    public double controlScore(int user, int item) {
        return world.affinity(user, item);
    }

    /** The treatment's score: the match plus the popularity weight times popularity. */
    public double treatmentScore(int user, int item) {
        return world.affinity(user, item) + popularityWeight * world.popularity(item);
    }

    /**
     * The offline evaluation: logs one visit of the control for each of the first {@code users} users (the
     * click log a team has when it trains a new model), its slate shown in random order so that position
     * does not decide the clicks, then scores each model by the mean over users of the AUC of its scores
     * for the user's logged impressions, clicked against not clicked.
     *
     * @return {control AUC, treatment AUC}
     */
    public double[] offlineAuc(int users, long seed) {
        if (users < 1 || users > world.userCount()) {
            throw Args.fail("users", users, "in [1, " + world.userCount() + "]");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        InteractionLog log = new InteractionLog();
        for (int u = 0; u < users; u++) {
            int[] slate = control.slate(u, 0, rng);
            for (int i = slate.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = slate[i];
                slate[i] = slate[j];
                slate[j] = t;
            }
            clickModel.simulate(u, slate, 0, rng, log);
        }
        double[] sum = new double[2];
        int counted = 0;
        int row = 0;
        while (row < log.size()) {
            int u = log.user(row);
            int end = row;
            while (end < log.size() && log.user(end) == u) {
                end++;
            }
            int n = end - row;
            double[][] scores = new double[2][n];
            double[] clicked = new double[n];
            boolean any = false;
            boolean all = true;
            for (int k = 0; k < n; k++) {
                int item = log.item(row + k);
                scores[0][k] = controlScore(u, item);
                scores[1][k] = treatmentScore(u, item);
                clicked[k] = log.clicked(row + k) ? 1 : 0;
                any |= log.clicked(row + k);
                all &= log.clicked(row + k);
            }
            if (any && !all) {
                for (int m = 0; m < 2; m++) {
                    sum[m] += Auc.ofRelevances(inScoreOrder(scores[m], clicked));
                }
                counted++;
            }
            row = end;
        }
        return new double[] {sum[0] / counted, sum[1] / counted};
    }

    /** The relevances reordered by descending score (a handful of items: insertion sort). */
    private static double[] inScoreOrder(double[] score, double[] relevance) {
        int n = score.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            int j = i;
            while (j > 0 && score[order[j - 1]] < score[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = relevance[order[i]];
        }
        return out;
    }
}
