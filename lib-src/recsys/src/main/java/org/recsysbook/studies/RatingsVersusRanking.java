package org.recsysbook.studies;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.recsysbook.core.Args;
import org.recsysbook.core.TopK;
import org.recsysbook.metrics.Ndcg;
import org.recsysbook.metrics.Recall;
import org.recsysbook.metrics.RelevantItems;
import org.recsysbook.metrics.Rmse;
import org.recsysbook.world.World;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Why ranking metrics replaced RMSE (notebook 05): star ratings simulated over a {@link World}, four rating
 * predictors scored both by RMSE on held-out ratings and by NDCG@10 and recall@10 of their top 10 over the catalog.
 *
 * <p>User u rates {@code ratingsPerUser} items drawn uniformly (seeded), with
 * {@code r = 3.5 + b_u + b_i + β·a_ui + ε}: a user's generosity {@code b_u ~ N(0, USER_SD²)}, an item's quality
 * {@code b_i ~ N(0, ITEM_SD²)}, the user's taste for the item {@code a_ui} (the world's affinity, standardised over
 * the rated pairs) with weight {@link #TASTE}, and noise {@code ε ~ N(0, NOISE_SD²)}. A fifth of each user's ratings
 * are held out; a held-out rating of at least {@link #LIKED} stars makes the item relevant. The predictors:
 * the global mean; biases ({@code μ + b̂_u + b̂_i}, damped means); taste ({@code μ + β̂·a_ui}, β̂ by least squares —
 * a model that knows each user's taste, as notebook 05's pipelines do, but not their generosity); and both.
 * Each recommends its 10 highest predictions among the items the user has not rated in training.
 */
public final class RatingsVersusRanking {
    public static final double USER_SD = 0.8;
    public static final double ITEM_SD = 0.25;
    public static final double TASTE = 0.6;
    public static final double NOISE_SD = 0.6;
    public static final double LIKED = 4.0;
    private static final double DAMPING = 5;

    private RatingsVersusRanking() { }

    /** @return columns "model", "RMSE", "NDCG@10", "R@10" for mean, biases, taste, biases + taste */
    public static Table run(World world, int ratingsPerUser, long seed) {
        Args.notNull("world", world);
        Args.atLeast("ratingsPerUser", ratingsPerUser, 5);
        int users = world.userCount(), items = world.itemCount();
        if (ratingsPerUser > items) {
            throw new IllegalArgumentException("ratingsPerUser must be at most the item count " + items + ", got "
                    + ratingsPerUser);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] bu = new double[users], bi = new double[items];
        for (int u = 0; u < users; u++) {
            bu[u] = USER_SD * rng.nextGaussian();
        }
        for (int i = 0; i < items; i++) {
            bi[i] = ITEM_SD * rng.nextGaussian();
        }
        int n = users * ratingsPerUser;
        int[] ru = new int[n], ri = new int[n];
        double[] aff = new double[n], rating = new double[n];
        boolean[] test = new boolean[n];
        int hold = Math.max(1, ratingsPerUser / 5);
        int[] pool = new int[items];
        for (int u = 0, e = 0; u < users; u++) {
            Arrays.setAll(pool, i -> i);
            for (int j = 0; j < ratingsPerUser; j++, e++) {
                int r = j + rng.nextInt(items - j);
                int t = pool[j];
                pool[j] = pool[r];
                pool[r] = t;
                ru[e] = u;
                ri[e] = pool[j];
                aff[e] = world.affinity(u, pool[j]);
                test[e] = j < hold;
            }
        }
        double am = mean(aff), as = sd(aff, am);
        for (int e = 0; e < n; e++) {
            aff[e] = (aff[e] - am) / as;
            rating[e] = 3.5 + bu[ru[e]] + bi[ri[e]] + TASTE * aff[e] + NOISE_SD * rng.nextGaussian();
        }
        // fit on the training ratings
        double mu = 0;
        int trainCount = 0;
        for (int e = 0; e < n; e++) {
            if (!test[e]) {
                mu += rating[e];
                trainCount++;
            }
        }
        mu /= trainCount;
        double[] itemSum = new double[items], itemN = new double[items];
        for (int e = 0; e < n; e++) {
            if (!test[e]) {
                itemSum[ri[e]] += rating[e] - mu;
                itemN[ri[e]]++;
            }
        }
        double[] bItem = new double[items];
        for (int i = 0; i < items; i++) {
            bItem[i] = itemSum[i] / (DAMPING + itemN[i]);
        }
        double[] userSum = new double[users], userN = new double[users];
        for (int e = 0; e < n; e++) {
            if (!test[e]) {
                userSum[ru[e]] += rating[e] - mu - bItem[ri[e]];
                userN[ru[e]]++;
            }
        }
        double[] bUser = new double[users];
        for (int u = 0; u < users; u++) {
            bUser[u] = userSum[u] / (DAMPING + userN[u]);
        }
        double beta = slope(rating, aff, test, mu, null, null, ru, ri);
        double betaResidual = slope(rating, aff, test, mu, bUser, bItem, ru, ri);

        String[] names = {"global mean", "biases", "taste", "biases + taste"};
        int models = names.length;
        int testCount = n - trainCount;
        double[][] pred = new double[models][testCount];
        double[] actual = new double[testCount];
        for (int e = 0, q = 0; e < n; e++) {
            if (test[e]) {
                for (int m = 0; m < models; m++) {
                    pred[m][q] = predict(m, mu, bUser[ru[e]], bItem[ri[e]], beta, betaResidual, aff[e]);
                }
                actual[q++] = rating[e];
            }
        }
        double[] nd = new double[models], rc = new double[models];
        int counted = 0;
        double[] a = new double[items];
        double[] scores = new double[items];
        int[] liked = new int[hold];
        int[] rated = new int[ratingsPerUser - hold];
        for (int u = 0; u < users; u++) {
            int from = u * ratingsPerUser;
            int likedCount = 0;
            for (int j = 0; j < ratingsPerUser; j++) {
                int e = from + j;
                if (test[e]) {
                    if (rating[e] >= LIKED) {
                        liked[likedCount++] = ri[e];
                    }
                } else {
                    rated[j - hold] = ri[e];
                }
            }
            if (likedCount == 0) {
                continue;
            }
            counted++;
            RelevantItems relevant = RelevantItems.of(Arrays.copyOf(liked, likedCount));
            for (int i = 0; i < items; i++) {
                a[i] = (world.affinity(u, i) - am) / as;
            }
            for (int m = 0; m < models; m++) {
                for (int i = 0; i < items; i++) {
                    scores[i] = predict(m, mu, bUser[u], bItem[i], beta, betaResidual, a[i]);
                }
                for (int i : rated) {
                    scores[i] = Double.NEGATIVE_INFINITY;
                }
                int[] top = TopK.indices(scores, 10);
                nd[m] += Ndcg.of(top, relevant, 10);
                rc[m] += Recall.of(top, relevant, 10);
            }
        }
        StringColumn model = StringColumn.create("model");
        DoubleColumn rmse = DoubleColumn.create("RMSE");
        DoubleColumn ndcg = DoubleColumn.create("NDCG@10");
        DoubleColumn recall = DoubleColumn.create("R@10");
        for (int m = 0; m < models; m++) {
            model.append(names[m]);
            rmse.append(Rmse.of(pred[m], actual));
            ndcg.append(nd[m] / counted);
            recall.append(rc[m] / counted);
        }
        return Table.create("Rating prediction: RMSE against ranking", model, rmse, ndcg, recall);
    }

    private static double predict(int model, double mu, double bu, double bi, double beta, double betaResidual,
                                  double a) {
        return switch (model) {
            case 0 -> mu;
            case 1 -> mu + bu + bi;
            case 2 -> mu + beta * a;
            default -> mu + bu + bi + betaResidual * a;
        };
    }

    /** Least-squares slope of the training ratings' residual (after μ and, if given, the biases) on the affinity. */
    private static double slope(double[] rating, double[] aff, boolean[] test, double mu, double[] bUser,
                                double[] bItem, int[] ru, int[] ri) {
        double sxy = 0, sxx = 0;
        for (int e = 0; e < rating.length; e++) {
            if (!test[e]) {
                double r = rating[e] - mu - (bUser == null ? 0 : bUser[ru[e]] + bItem[ri[e]]);
                sxy += r * aff[e];
                sxx += aff[e] * aff[e];
            }
        }
        return sxy / sxx;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return s / a.length;
    }

    private static double sd(double[] a, double mean) {
        double s = 0;
        for (double x : a) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / a.length);
    }
}
