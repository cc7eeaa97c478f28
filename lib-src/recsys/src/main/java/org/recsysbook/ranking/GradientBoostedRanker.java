package org.recsysbook.ranking;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.recsysbook.core.Args;
import org.recsysbook.notebook.Progress;

/**
 * A gradient-boosted tree ranker trained with a ranking objective: the learned model of the chapter's ranking stage
 * ("accurate, slower") on real features, here {@link CandidateFeatures}.
 *
 * <p>Built on XGBoost4J ({@code ml.dmlc:xgboost4j_2.12}): its jar carries the native library for Linux, macOS and
 * Windows, so it installs from Maven Central like any other dependency, and its Java booster API ({@code DMatrix},
 * {@code Booster}) needs no Scala — the Scala 2.12 libraries the artifact declares are excluded from the build, which
 * keeps them off the notebooks' class path (the Spark module uses Scala 2.13). LightGBM's Java package was the
 * alternative; XGBoost was chosen for its single self-contained jar and its LambdaMART objective {@code rank:ndcg},
 * which optimises NDCG within each user's candidate list directly. {@code binary:logistic} (a pointwise click
 * model) is offered too, for calibration.
 *
 * <p>Training runs one boosting round at a time, so a progress bar can follow it and the validation NDCG@10 of every
 * round is recorded ({@link #validationCurve()}): the learning curve. Seeded, and single-threaded by default so that
 * the trees are the same on every machine. Feature names are always passed to the native library (a null list makes
 * XGBoost 3.0's model dump crash the JVM).
 */
public final class GradientBoostedRanker {
    /** Hyper-parameters: {@code objective} is {@code rank:ndcg} or {@code binary:logistic}. */
    public record Settings(String objective, int rounds, double eta, int maxDepth, double minChildWeight,
                           double subsample, long seed, int threads) {
        public Settings {
            if (!"rank:ndcg".equals(objective) && !"binary:logistic".equals(objective)
                    && !"rank:pairwise".equals(objective)) {
                throw Args.fail("objective", objective, "rank:ndcg, rank:pairwise or binary:logistic");
            }
            Args.positive("rounds", rounds);
            Args.positive("eta", eta);
            Args.positive("maxDepth", maxDepth);
            Args.nonNegative("minChildWeight", minChildWeight);
            if (!(subsample > 0 && subsample <= 1)) {
                throw Args.fail("subsample", subsample, "in (0, 1]");
            }
            Args.positive("threads", threads);
        }

        public Settings withObjective(String value) {
            return new Settings(value, rounds, eta, maxDepth, minChildWeight, subsample, seed, threads);
        }

        public Settings withRounds(int value) {
            return new Settings(objective, value, eta, maxDepth, minChildWeight, subsample, seed, threads);
        }
    }

    /** LambdaMART on NDCG: 150 rounds, η 0.05, depth 6, min child weight 1, subsample 0.8, seed 42, one thread. */
    public static final Settings DEFAULTS = new Settings("rank:ndcg", 150, 0.05, 6, 1, 0.8, 42, 1);

    private final Booster booster;
    private final Settings settings;
    private final double[] curve;
    private final double trainSeconds;

    private GradientBoostedRanker(Booster booster, Settings settings, double[] curve, double trainSeconds) {
        this.booster = booster;
        this.settings = settings;
        this.curve = curve;
        this.trainSeconds = trainSeconds;
    }

    /**
     * Trains on {@code train}, recording NDCG@10 on {@code validation} after every round (null: no curve).
     */
    public static GradientBoostedRanker train(CandidateFeatures.Batch train, CandidateFeatures.Batch validation,
                                              Settings settings) {
        Args.notNull("train", train);
        Args.notNull("settings", settings);
        long start = System.nanoTime();
        try {
            DMatrix dtrain = matrix(train);
            DMatrix dval = validation == null ? null : matrix(validation);
            Map<String, Object> p = new HashMap<>();
            p.put("objective", settings.objective());
            p.put("eta", settings.eta());
            p.put("max_depth", settings.maxDepth());
            p.put("min_child_weight", settings.minChildWeight());
            p.put("subsample", settings.subsample());
            p.put("seed", settings.seed());
            p.put("nthread", settings.threads());
            p.put("tree_method", "hist");
            p.put("verbosity", 0);
            p.put("eval_metric", "ndcg@10");
            Booster b = XGBoost.train(dtrain, p, 0, new HashMap<>(), null, null);
            double[] curve = new double[dval == null ? 0 : settings.rounds()];
            try (Progress bar = Progress.start(String.format(Locale.ROOT, "Boosting %d rounds (%s) on %,d candidates",
                    settings.rounds(), settings.objective(), train.rows()), settings.rounds())) {
                for (int r = 0; r < settings.rounds(); r++) {
                    b.update(dtrain, r);
                    if (dval != null) {
                        curve[r] = parseMetric(b.evalSet(new DMatrix[] {dval}, new String[] {"validation"}, r));
                    }
                    bar.step();
                }
            }
            return new GradientBoostedRanker(b, settings, curve, (System.nanoTime() - start) / 1e9);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    private static DMatrix matrix(CandidateFeatures.Batch batch) throws XGBoostError {
        float[] x = new float[batch.x().length];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) batch.x()[k];
        }
        DMatrix d = new DMatrix(x, batch.rows(), batch.features(), Float.NaN);
        d.setLabel(batch.labels());
        int[] groups = new int[batch.users().length];
        for (int j = 0; j < groups.length; j++) {
            groups[j] = batch.offsets()[j + 1] - batch.offsets()[j];
        }
        d.setGroup(groups);
        return d;
    }

    /** The value in "[r]\tvalidation-ndcg@10:0.123". */
    private static double parseMetric(String eval) {
        int colon = eval.lastIndexOf(':');
        return Double.parseDouble(eval.substring(colon + 1).strip());
    }

    /** The model's score of every row of {@code batch} (higher ranks first; a probability for binary:logistic). */
    public double[] score(CandidateFeatures.Batch batch) {
        try {
            float[][] p = booster.predict(matrix(batch));
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = p[i][0];
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    /** Each feature's total gain over the trees' splits, in {@link CandidateFeatures#NAMES} order (0 if unused). */
    public Map<String, Double> importance() {
        try {
            Map<String, Double> gain = booster.getScore(CandidateFeatures.NAMES.clone(), "total_gain");
            Map<String, Double> out = new LinkedHashMap<>();
            for (String name : CandidateFeatures.NAMES) {
                out.put(name, gain.getOrDefault(name, 0.0));
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    /** The round (1-based) after which the validation NDCG@10 was highest; the first of equals. */
    public int bestRound() {
        if (curve.length == 0) {
            throw new IllegalStateException("trained without a validation batch: no curve to choose a round from");
        }
        int best = 0;
        for (int r = 1; r < curve.length; r++) {
            if (curve[r] > curve[best]) {
                best = r;
            }
        }
        return best + 1;
    }

    /** XGBoost's NDCG@10 on the validation batch after each round (empty without one). */
    public double[] validationCurve() {
        return curve.clone();
    }

    public Settings settings() {
        return settings;
    }

    /** Wall-clock seconds training took. */
    public double trainSeconds() {
        return trainSeconds;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GradientBoostedRanker[%s, %d rounds, η %.3g, depth %d, %.2f s]",
                settings.objective(), settings.rounds(), settings.eta(), settings.maxDepth(), trainSeconds);
    }
}
