package org.recsysbook.studies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.recsysbook.core.ScoredItems;
import org.recsysbook.data.Interactions;
import org.recsysbook.data.MovieLens;
import org.recsysbook.data.Split;
import org.recsysbook.metrics.CatalogCoverage;
import org.recsysbook.metrics.Ndcg;
import org.recsysbook.metrics.Novelty;
import org.recsysbook.metrics.RelevantItems;
import org.recsysbook.metrics.SplitEvaluation;
import org.recsysbook.ranking.CandidateFeatures;
import org.recsysbook.ranking.GradientBoostedRanker;
import org.recsysbook.ranking.LogisticRegression;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.rerank.MaximalMarginalRelevance;
import org.recsysbook.rerank.ReRanker;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The experiments of notebook 10 (real data, ranking and re-ranking): rankers trained on the validation slice and
 * scored on the test users' candidates, their lift over the generator's own order, feature importances,
 * calibration, and the diversity trade-off of re-ranking with real genres.
 */
public final class RealDataRanking {
    private RealDataRanking() { }

    /** Each test user's top {@code k} after ordering their candidates by {@code scores} (one per row). */
    public static int[][] topK(CandidateFeatures.Batch batch, double[] scores, int k) {
        int users = batch.users().length;
        int[][] out = new int[users][];
        for (int j = 0; j < users; j++) {
            out[j] = ordered(batch, scores, j, k).ids();
        }
        return out;
    }

    /** User {@code j}'s candidates ordered by {@code scores}, best {@code k} kept (ties to the generator's order). */
    public static ScoredItems ordered(CandidateFeatures.Batch batch, double[] scores, int j, int k) {
        int from = batch.offsets()[j];
        int to = batch.offsets()[j + 1];
        org.recsysbook.core.TopK top = new org.recsysbook.core.TopK(Math.min(k, to - from));
        for (int r = from; r < to; r++) {
            top.offer(r - from, scores[r]);
        }
        ScoredItems pos = top.drain();
        int[] ids = new int[pos.size()];
        double[] s = new double[pos.size()];
        for (int p = 0; p < ids.length; p++) {
            ids[p] = batch.items()[from + pos.id(p)];
            s[p] = pos.score(p);
        }
        return new ScoredItems(ids, s);
    }

    /** The generator's own order: each row scored by minus its EASE rank. */
    public static double[] generatorOrder(CandidateFeatures.Batch batch) {
        double[] s = new double[batch.rows()];
        for (int r = 0; r < s.length; r++) {
            s[r] = -batch.x()[r * batch.features() + 1];
        }
        return s;
    }

    /** NDCG@k of each user's list against their relevant items in {@code test}. */
    public static double[] ndcg(CandidateFeatures.Batch batch, int[][] lists, Interactions test, int k) {
        RelevantItems[] rel = SplitEvaluation.relevant(test, batch.users());
        double[] out = new double[lists.length];
        Ndcg metric = Ndcg.at(k);
        for (int j = 0; j < lists.length; j++) {
            out[j] = metric.score(lists[j], rel[j]);
        }
        return out;
    }

    /** A logistic regression of the labels on the standardised features (NaN replaced by the feature's mean). */
    public static final class Logistic {
        private final double[] mean;
        private final double[] sd;
        private final LogisticRegression model;

        private Logistic(double[] mean, double[] sd, LogisticRegression model) {
            this.mean = mean;
            this.sd = sd;
            this.model = model;
        }

        /** Fits with L2 penalty {@code l2} on the standardised weights. */
        public static Logistic fit(CandidateFeatures.Batch train, double l2) {
            int f = train.features();
            int n = train.rows();
            double[] mean = new double[f];
            double[] sd = new double[f];
            int[] count = new int[f];
            double[] x = train.x();
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < f; c++) {
                    double v = x[r * f + c];
                    if (!Double.isNaN(v)) {
                        mean[c] += v;
                        count[c]++;
                    }
                }
            }
            for (int c = 0; c < f; c++) {
                mean[c] /= Math.max(1, count[c]);
            }
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < f; c++) {
                    double v = x[r * f + c];
                    if (!Double.isNaN(v)) {
                        sd[c] += (v - mean[c]) * (v - mean[c]);
                    }
                }
            }
            for (int c = 0; c < f; c++) {
                sd[c] = Math.sqrt(sd[c] / Math.max(1, count[c] - 1));
                if (sd[c] == 0) {
                    sd[c] = 1;
                }
            }
            double[] z = standardise(x, n, f, mean, sd);
            double[] y = new double[n];
            for (int r = 0; r < n; r++) {
                y[r] = train.labels()[r];
            }
            return new Logistic(mean, sd, LogisticRegression.fit(z, f, y, l2));
        }

        private static double[] standardise(double[] x, int n, int f, double[] mean, double[] sd) {
            double[] z = new double[n * f];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < f; c++) {
                    double v = x[r * f + c];
                    z[r * f + c] = Double.isNaN(v) ? 0 : (v - mean[c]) / sd[c];
                }
            }
            return z;
        }

        /** The predicted probability of every row. */
        public double[] probabilities(CandidateFeatures.Batch batch) {
            int f = batch.features();
            double[] z = standardise(batch.x(), batch.rows(), f, mean, sd);
            double[] p = new double[batch.rows()];
            for (int r = 0; r < p.length; r++) {
                p[r] = LogisticRegression.sigmoid(model.logit(z, r * f));
            }
            return p;
        }

        /** The weight of each standardised feature, in {@link CandidateFeatures#NAMES} order. */
        public double[] weights() {
            return model.weights();
        }
    }

    /** The rankers' lift over the generator's order on NDCG@10, with paired bootstrap intervals. */
    public static Table lift(Map<String, double[]> perUser, String baseline, int replicates, long seed) {
        double[] base = perUser.get(baseline);
        StringColumn name = StringColumn.create("order");
        DoubleColumn value = DoubleColumn.create("NDCG@10");
        DoubleColumn diff = DoubleColumn.create("difference");
        DoubleColumn low = DoubleColumn.create("difference low");
        DoubleColumn high = DoubleColumn.create("difference high");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        for (Map.Entry<String, double[]> e : perUser.entrySet()) {
            PairedLift l = PairedLift.of(e.getValue(), base, replicates, 0.95, seed);
            name.append(e.getKey());
            value.append(mean(e.getValue()));
            diff.append(l.difference());
            low.append(l.differenceLow());
            high.append(l.differenceHigh());
            ratio.append(l.ratio());
        }
        return Table.create("NDCG@10 of the candidates re-ordered, against " + baseline + " (95% paired bootstrap, "
                + replicates + " replicates)", name, value, diff, low, high, ratio);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /**
     * Calibration in {@code bins} groups of equal size by predicted probability: the mean prediction against the
     * share of positives in each.
     */
    public static Table calibration(double[] predicted, float[] labels, int bins) {
        Integer[] order = new Integer[predicted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(predicted[a], predicted[b]));
        DoubleColumn mp = DoubleColumn.create("mean predicted");
        DoubleColumn obs = DoubleColumn.create("observed rate");
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) b * order.length / bins);
            int to = (int) ((long) (b + 1) * order.length / bins);
            double s = 0;
            double y = 0;
            for (int i = from; i < to; i++) {
                s += predicted[order[i]];
                y += labels[order[i]];
            }
            mp.append(s / Math.max(1, to - from));
            obs.append(y / Math.max(1, to - from));
        }
        return Table.create("Calibration: " + bins + " equal-size groups by predicted probability", mp, obs);
    }

    /** A reliability diagram: observed rate against mean prediction for each model, with the diagonal. */
    public static Figure calibrationChart(Map<String, Table> tables) {
        List<Trace> traces = new ArrayList<>();
        double max = 0;
        for (Map.Entry<String, Table> e : tables.entrySet()) {
            Table t = e.getValue();
            traces.add(ScatterTrace.builder(t.doubleColumn("mean predicted"), t.doubleColumn("observed rate"))
                    .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(e.getKey()).build());
            max = Math.max(max, Math.max(t.doubleColumn("mean predicted").max(), t.doubleColumn("observed rate").max()));
        }
        traces.add(ScatterTrace.builder(new double[] {0, max}, new double[] {0, max}).mode(ScatterTrace.Mode.LINE)
                .name("perfect calibration").build());
        Layout layout = Layout.builder().title("Calibration on the test users' candidates")
                .xAxis(Axis.builder().title("mean predicted probability of a watch (0–1)").build())
                .yAxis(Axis.builder().title("observed share watched (0–1)").build()).height(420).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** Each item's genres as a unit multi-hot vector (a zero vector for an item without genres). */
    public static float[] genreVectors(MovieLens ml) {
        int g = ml.genreNames().length;
        float[] v = new float[ml.itemCount() * g];
        for (int i = 0; i < ml.itemCount(); i++) {
            int mask = ml.genreMask(i);
            int bits = Integer.bitCount(mask);
            for (int k = 0; k < g; k++) {
                if ((mask & (1 << k)) != 0) {
                    v[i * g + k] = (float) (1 / Math.sqrt(bits));
                }
            }
        }
        return v;
    }

    /** Each item's most specific genre, or one shared "none" category: {@link MovieLens#primaryGenres()}. */
    public static int[] primaryGenre(MovieLens ml) {
        return ml.primaryGenres();
    }

    /** The mean over pairs of a list of the genre Jaccard distance {@code 1 − |G_a ∩ G_b| / |G_a ∪ G_b|}. */
    public static double genreDiversity(MovieLens ml, int[] list) {
        if (list.length < 2) {
            return 0;
        }
        double s = 0;
        int pairs = 0;
        for (int a = 0; a < list.length; a++) {
            for (int b = a + 1; b < list.length; b++) {
                int ga = ml.genreMask(list[a]);
                int gb = ml.genreMask(list[b]);
                int union = Integer.bitCount(ga | gb);
                s += union == 0 ? 0 : 1 - (double) Integer.bitCount(ga & gb) / union;
                pairs++;
            }
        }
        return s / pairs;
    }

    /**
     * MMR at several λ and a genre quota at several caps, each re-ranking every user's top {@code pool} (by the
     * ranker's scores) down to 10: NDCG@10, genre diversity, catalog coverage and novelty of each setting.
     */
    public static Table tradeoff(MovieLens ml, CandidateFeatures.Batch batch, double[] scores, Interactions test,
                                 Novelty novelty, int pool, double[] lambdas, int[] caps) {
        float[] genres = genreVectors(ml);
        int dim = ml.genreNames().length;
        int[] primary = primaryGenre(ml);
        Map<String, ReRanker> settings = new LinkedHashMap<>();
        for (double l : lambdas) {
            settings.put(String.format(Locale.ROOT, "MMR λ=%.1f", l),
                    new MaximalMarginalRelevance(genres, dim, l, 10));
        }
        for (int c : caps) {
            settings.put("quota " + c + " per genre", new CategoryQuota(primary, c, 10).withBackfill());
        }
        StringColumn name = StringColumn.create("re-ranking");
        StringColumn method = StringColumn.create("method");
        DoubleColumn ndcg = DoubleColumn.create("NDCG@10");
        DoubleColumn div = DoubleColumn.create("genre diversity");
        DoubleColumn cov = DoubleColumn.create("coverage");
        DoubleColumn nov = DoubleColumn.create("novelty");
        int users = batch.users().length;
        for (Map.Entry<String, ReRanker> e : settings.entrySet()) {
            int[][] lists = new int[users][];
            double d = 0;
            double nv = 0;
            for (int j = 0; j < users; j++) {
                ScoredItems top = ordered(batch, scores, j, pool);
                lists[j] = e.getValue().rerank(null, top).head(10).ids();
                d += genreDiversity(ml, lists[j]);
                nv += novelty.of(lists[j]);
            }
            name.append(e.getKey());
            method.append(e.getKey().startsWith("MMR") ? "MMR" : "genre quota");
            ndcg.append(mean(ndcg(batch, lists, test, 10)));
            div.append(d / users);
            cov.append(CatalogCoverage.of(lists, ml.itemCount()));
            nov.append(nv / users);
        }
        return Table.create("Re-ranking the ranker's top " + pool + " to 10: accuracy against diversity", name, method,
                ndcg, div, cov, nov);
    }

    /** NDCG@10 against genre diversity, one line per method, from {@link #tradeoff}. */
    public static Figure tradeoffChart(Table t) {
        List<Trace> traces = new ArrayList<>();
        for (String m : t.stringColumn("method").unique()) {
            Table s = t.where(t.stringColumn("method").isEqualTo(m));
            traces.add(ScatterTrace.builder(s.doubleColumn("genre diversity"), s.doubleColumn("NDCG@10"))
                    .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(m).text(s.stringColumn("re-ranking").asObjectArray())
                    .build());
        }
        Layout layout = Layout.builder().title("Diversity costs accuracy: NDCG@10 against genre diversity")
                .xAxis(Axis.builder().title("genre diversity (mean Jaccard distance within a list, 0–1)").build())
                .yAxis(Axis.builder().title("NDCG@10 (mean over test users, 0–1)").build()).height(420).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** Training and test features for a split: generators on the validation slice and on the full training set. */
    public static Table featureSummary(CandidateFeatures.Batch batch) {
        int f = batch.features();
        StringColumn name = StringColumn.create("feature", CandidateFeatures.NAMES);
        double[] watched = new double[f];
        double[] other = new double[f];
        int nw = 0;
        int no = 0;
        for (int r = 0; r < batch.rows(); r++) {
            boolean pos = batch.labels()[r] > 0;
            for (int c = 0; c < f; c++) {
                double v = batch.x()[r * f + c];
                if (Double.isNaN(v)) {
                    continue;
                }
                if (pos) {
                    watched[c] += v;
                } else {
                    other[c] += v;
                }
            }
            if (pos) {
                nw++;
            } else {
                no++;
            }
        }
        for (int c = 0; c < f; c++) {
            watched[c] /= Math.max(1, nw);
            other[c] /= Math.max(1, no);
        }
        return Table.create("Mean feature value: candidates watched in the held-out period against the others", name,
                DoubleColumn.create("watched", watched), DoubleColumn.create("not watched", other));
    }

    /** The split's test users, and the validation slice's, in one place for the notebook. */
    public static int[] users(Split split) {
        return split.testUsers();
    }
}
