package org.recsysbook.ranking;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.recsysbook.core.Args;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.UserContext;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.InteractionLog;
import org.recsysbook.world.World;

/**
 * Training rows for the learned ranker of the chapter's ranking stage ("re-score candidates with richer
 * features"), made from logged impressions: the {@link RankingFeatures} of each shown (user, item) pair,
 * whether it was clicked and the position it was shown at.
 *
 * <p>Logged clicks are biased by position: an item at position p is only clicked if it was examined,
 * which the world's {@link ClickModel} does with probability {@code e(p) = 1/log2(p+1)}. Fitting clicks
 * as they are ({@link PositionBias#IGNORE}) learns {@code e(p)·a(u,i)} averaged over positions, and
 * credits items for the positions the old ranker gave them. {@link PositionBias#INVERSE_PROPENSITY}
 * removes the bias by inverse propensity weighting: a click at position p becomes the label
 * {@code 1/e(p)}, a skip stays 0, and because {@code E[click/e(p)] = e(p)·a/e(p) = a} the loss is, in
 * expectation, the cross-entropy against the true attractiveness. We take {@code e(p)} from the click
 * model, that is we assume the examination curve is known (in production it is estimated, for example
 * from randomised swaps of adjacent positions). Labels reach at most {@code 1/e(10) ≈ 3.46} for lists
 * of ten, so no clipping is needed.
 */
public final class ClickTrainingSet {

    /** How the fit treats position bias. */
    public enum PositionBias {
        /** Fit the logged clicks as labels: the naive, biased model. */
        IGNORE,
        /** Divide each click by its position's examination probability (inverse propensity weighting). */
        INVERSE_PROPENSITY
    }

    private final double[] x;
    private final boolean[] clicked;
    private final int[] positions;

    private ClickTrainingSet(double[] x, boolean[] clicked, int[] positions) {
        this.x = x;
        this.clicked = clicked;
        this.positions = positions;
    }

    /**
     * The training rows of every impression in {@code log}.
     *
     * @throws IllegalArgumentException if the log is empty or names a user or item {@code world} lacks
     */
    public static ClickTrainingSet fromLog(InteractionLog log, World world, RankingFeatures features) {
        if (log == null || log.size() == 0) {
            throw new IllegalArgumentException("log must hold at least one impression, got "
                    + (log == null ? "null" : "an empty log"));
        }
        if (features.itemCount() != world.itemCount() || features.dim() != world.dim()) {
            throw new IllegalArgumentException("features must describe world's catalog (" + world.itemCount()
                    + " items × " + world.dim() + " dims), got " + features.itemCount() + " × " + features.dim());
        }
        int n = log.size();
        double[] x = new double[n * RankingFeatures.COUNT];
        boolean[] clicked = new boolean[n];
        int[] positions = new int[n];
        Request[] requests = new Request[world.userCount()];
        double[] norms = new double[world.userCount()];
        int[] favourites = new int[world.userCount()];
        for (int r = 0; r < n; r++) {
            int u = log.user(r);
            world.checkUser(u);
            if (requests[u] == null) {
                requests[u] = Request.forUser(world, u);
                norms[u] = features.userNorm(requests[u]);
                favourites[u] = features.favouriteCategory(requests[u]);
            }
            features.write(requests[u], norms[u], favourites[u], log.item(r), x, r * RankingFeatures.COUNT);
            clicked[r] = log.clicked(r);
            positions[r] = log.position(r);
        }
        return new ClickTrainingSet(x, clicked, positions);
    }

    /**
     * Simulated traffic: {@code requests} times, a user drawn uniformly at random is shown the list
     * {@code policy} returns for them (with the given context), and the click model's clicks are logged.
     *
     * @param clicks   the click model (and through it the world)
     * @param policy   the production system whose lists are logged, for example a ranker over retrieved
     *                 candidates
     * @param context  the context every request carries
     * @param requests the number of requests, ≥ 1
     * @param seed     seeds the user draws and the clicks
     */
    public static InteractionLog logTraffic(ClickModel clicks, Function<Request, ScoredItems> policy,
                                            UserContext context, int requests, long seed) {
        Args.atLeast("requests", requests, 1);
        World world = clicks.world();
        SplittableRandom rng = new SplittableRandom(seed);
        InteractionLog log = new InteractionLog();
        for (int q = 0; q < requests; q++) {
            int user = rng.nextInt(world.userCount());
            ScoredItems shown = policy.apply(Request.forUser(world, user).withContext(context));
            clicks.simulate(user, shown.ids(), 0, rng, log);
        }
        return log;
    }

    /** The number of rows (impressions). */
    public int rows() {
        return clicked.length;
    }

    /** The number of clicked rows. */
    public int clicks() {
        int c = 0;
        for (boolean b : clicked) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    /** A copy of the feature matrix, row-major ({@code rows × RankingFeatures.COUNT}). */
    public double[] features() {
        return x.clone();
    }

    /** A copy of the click flags. */
    public boolean[] clicked() {
        return clicked.clone();
    }

    /** A copy of the 1-based positions. */
    public int[] positions() {
        return positions.clone();
    }

    /** The labels the fit uses: the click (0 or 1), or the click divided by its examination probability. */
    public double[] labels(PositionBias bias) {
        double[] y = new double[clicked.length];
        for (int r = 0; r < y.length; r++) {
            if (clicked[r]) {
                y[r] = bias == PositionBias.INVERSE_PROPENSITY ? 1.0 / ClickModel.examination(positions[r]) : 1.0;
            }
        }
        return y;
    }

    /**
     * Fits a logistic regression to these rows.
     *
     * @param bias how to treat position bias
     * @param l2   the L2 penalty on the weights, finite and ≥ 0
     */
    public LogisticRegression fit(PositionBias bias, double l2) {
        if (bias == null) {
            throw new IllegalArgumentException("bias must be IGNORE or INVERSE_PROPENSITY, got null");
        }
        return LogisticRegression.fit(x, RankingFeatures.COUNT, labels(bias), l2);
    }

    /** Click-through rate at positions 1 … maxPosition (index 0 holds position 1). */
    public double[] ctrByPosition(int maxPosition) {
        Args.atLeast("maxPosition", maxPosition, 1);
        double[] shown = new double[maxPosition];
        double[] hit = new double[maxPosition];
        for (int r = 0; r < clicked.length; r++) {
            int p = positions[r] - 1;
            if (p < maxPosition) {
                shown[p]++;
                hit[p] += clicked[r] ? 1 : 0;
            }
        }
        double[] ctr = new double[maxPosition];
        Arrays.setAll(ctr, p -> shown[p] == 0 ? Double.NaN : hit[p] / shown[p]);
        return ctr;
    }

    @Override
    public String toString() {
        return "ClickTrainingSet[" + rows() + " rows, " + clicks() + " clicks]";
    }
}
