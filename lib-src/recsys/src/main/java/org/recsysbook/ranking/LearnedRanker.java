package org.recsysbook.ranking;

import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;

/**
 * The learned ranker: scores each candidate by a {@link LogisticRegression} over
 * {@link RankingFeatures} (affinity, popularity, freshness, category match), so its score is a
 * predicted click probability. It is the trained counterpart of the chapter's simulated "deep ranking
 * model with additional features"; {@link ClickTrainingSet} fits it from logged clicks.
 */
public final class LearnedRanker implements Ranker {
    private final RankingFeatures features;
    private final LogisticRegression model;

    /**
     * A ranker scoring with {@code model} over {@code features}.
     *
     * @throws IllegalArgumentException if the model does not take {@link RankingFeatures#COUNT} features
     */
    public LearnedRanker(RankingFeatures features, LogisticRegression model) {
        if (features == null || model == null) {
            throw new IllegalArgumentException("features and model must not be null");
        }
        if (model.features() != RankingFeatures.COUNT) {
            throw new IllegalArgumentException("model must take " + RankingFeatures.COUNT + " features ("
                    + RankingFeatures.NAMES + "), got " + model.features());
        }
        this.features = features;
        this.model = model;
    }

    public LogisticRegression model() {
        return model;
    }

    public RankingFeatures features() {
        return features;
    }

    /** The predicted click probability of each candidate, once examined. */
    @Override
    public double[] score(Request request, ScoredItems candidates) {
        Ranker.requireCandidates(candidates);
        double norm = features.userNorm(request);
        int fav = features.favouriteCategory(request);
        double[] row = new double[RankingFeatures.COUNT];
        double[] out = new double[candidates.size()];
        for (int i = 0; i < out.length; i++) {
            features.write(request, norm, fav, candidates.id(i), row, 0);
            out[i] = LogisticRegression.sigmoid(model.logit(row, 0));
        }
        return out;
    }

    @Override
    public String toString() {
        return "LearnedRanker[" + model + "]";
    }
}
