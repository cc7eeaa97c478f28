package org.recsysbook.studies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.recsysbook.data.Interactions;
import org.recsysbook.data.MovieLens;
import org.recsysbook.data.Split;
import org.recsysbook.metrics.OfflineResult;
import org.recsysbook.metrics.Recommender;
import org.recsysbook.metrics.SplitEvaluation;
import org.recsysbook.retrieval.Ease;
import org.recsysbook.retrieval.EmbeddingAnn;
import org.recsysbook.retrieval.ImplicitAls;
import org.recsysbook.retrieval.ItemKnn;
import org.recsysbook.retrieval.LearnedGenerator;
import org.recsysbook.retrieval.MostPopular;
import org.recsysbook.metrics.Ndcg;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The experiments of notebook 09 (real data, candidate generation): MovieLens described, the learned generators
 * trained and compared under the chronological protocol and under others, ANN over the ALS embeddings, and light
 * against heavy users. Each method is one cell's worth of work; the mechanisms live in {@code data},
 * {@code retrieval} and {@code metrics}.
 */
public final class RealDataCandidates {
    /** The generators' names, in the order tables list them. */
    public static final List<String> GENERATORS = List.of("popularity", "item-kNN", "EASE", "ALS");

    private RealDataCandidates() { }

    /** Counts that describe the data: sizes, density and how concentrated the ratings are. */
    public static Table summary(MovieLens ml) {
        Interactions r = ml.ratings();
        int[] perItem = r.itemCounts();
        int[] perUser = new int[r.userCount()];
        for (int u = 0; u < perUser.length; u++) {
            perUser[u] = r.count(u);
        }
        int rated = 0;
        for (int c : perItem) {
            if (c > 0) {
                rated++;
            }
        }
        StringColumn what = StringColumn.create("quantity");
        DoubleColumn value = DoubleColumn.create("value");
        add(what, value, "ratings", r.size());
        add(what, value, "users", ml.userCount());
        add(what, value, "movies in the catalog", ml.itemCount());
        add(what, value, "movies rated at least once", rated);
        add(what, value, "genres", ml.genreNames().length);
        add(what, value, "density (share of user × movie cells rated)", (double) r.size() / ((double) ml.userCount()
                * ml.itemCount()));
        add(what, value, "median ratings per user", median(perUser));
        add(what, value, "median ratings per rated movie", median(positive(perItem)));
        add(what, value, "share of ratings on the 10% most rated movies", headShare(perItem, 0.10));
        add(what, value, "movies rated by one user only", count(perItem, 1));
        return Table.create("MovieLens at a glance", what, value);
    }

    private static void add(StringColumn what, DoubleColumn value, String name, double v) {
        what.append(name);
        value.append(v);
    }

    /** The share of all ratings that fall on the {@code share} most rated items. */
    public static double headShare(int[] perItem, double share) {
        int[] sorted = perItem.clone();
        Arrays.sort(sorted);
        int head = (int) Math.ceil(share * sorted.length);
        long total = 0;
        long top = 0;
        for (int i = 0; i < sorted.length; i++) {
            total += sorted[i];
            if (i >= sorted.length - head) {
                top += sorted[i];
            }
        }
        return (double) top / total;
    }

    private static int[] positive(int[] a) {
        return Arrays.stream(a).filter(x -> x > 0).toArray();
    }

    private static double count(int[] a, int v) {
        return Arrays.stream(a).filter(x -> x == v).count();
    }

    static double median(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    /** Ratings per movie and per user, each sorted from the most to the least active, on log–log axes. */
    public static Figure longTail(Interactions r) {
        int[] perItem = positive(r.itemCounts());
        int[] perUser = new int[r.userCount()];
        for (int u = 0; u < perUser.length; u++) {
            perUser[u] = r.count(u);
        }
        List<Trace> traces = new ArrayList<>();
        traces.add(rankTrace(perItem, "movies"));
        traces.add(rankTrace(perUser, "users"));
        Layout layout = Layout.builder()
                .title("The long tail: ratings per movie and per user, most active first")
                .xAxis(Axis.builder().title("rank (1 = most ratings, log scale)").type(Axis.Type.LOG).build())
                .yAxis(Axis.builder().title("ratings (count, log scale)").type(Axis.Type.LOG).build())
                .height(420)
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static Trace rankTrace(int[] counts, String name) {
        int[] s = counts.clone();
        Arrays.sort(s);
        double[] x = new double[s.length];
        double[] y = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            x[i] = i + 1;
            y[i] = s[s.length - 1 - i];
        }
        return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(name).build();
    }

    /**
     * What a user watched last in training and what each model recommends next, as titles: a look at the models
     * before the numbers.
     */
    public static Table examples(MovieLens ml, Split split, Map<String, ? extends LearnedGenerator> models, int user,
                                 int n) {
        int[] history = split.train().items(user);
        Table t = Table.create("User " + ml.userId(user) + ": the last " + n + " movies watched in training, and "
                + "each model's top " + n);
        String[] last = new String[n];
        for (int j = 0; j < n; j++) {
            int p = history.length - 1 - j;
            last[j] = p >= 0 ? ml.label(history[p]) : "";
        }
        t.addColumns(StringColumn.create("last watched", last));
        for (Map.Entry<String, ? extends LearnedGenerator> e : models.entrySet()) {
            int[] top = e.getValue().recommendIds(user, n);
            String[] titles = new String[n];
            for (int j = 0; j < n; j++) {
                titles[j] = j < top.length ? ml.label(top[j]) + (split.test().contains(user, top[j]) ? " ✔" : "")
                        : "";
            }
            t.addColumns(StringColumn.create(e.getKey(), titles));
        }
        return t;
    }

    /** The four generators trained on {@code split.train()} with their defaults, each with its progress bar. */
    public static Map<String, LearnedGenerator> train(Split split) {
        return train(split.train(), true);
    }

    /** The generators trained on {@code train}; {@code withKnn = false} leaves item-kNN out. */
    public static Map<String, LearnedGenerator> train(Interactions train, boolean withKnn) {
        Map<String, LearnedGenerator> out = new LinkedHashMap<>();
        out.put("popularity", new MostPopular(train));
        if (withKnn) {
            out.put("item-kNN", ItemKnn.train(train));
        }
        out.put("EASE", Ease.train(train));
        out.put("ALS", ImplicitAls.train(train, ImplicitAls.DEFAULTS, false));
        return out;
    }

    /** Each generator as a {@link Recommender} of unseen items. */
    public static Map<String, Recommender> recommenders(Map<String, ? extends LearnedGenerator> models) {
        Map<String, Recommender> out = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends LearnedGenerator> e : models.entrySet()) {
            LearnedGenerator g = e.getValue();
            out.put(e.getKey(), g::recommendIds);
        }
        return out;
    }

    /** Every model evaluated at 10 on the split's test users, with {@code replicates} bootstrap replicates. */
    public static OfflineResult evaluate(Split split, Map<String, ? extends LearnedGenerator> models, int replicates,
                                         long seed) {
        return SplitEvaluation.builder(split).k(10).bootstrap(replicates, seed).build()
                .evaluate(recommenders(models));
    }

    /**
     * Each recommender's lift over {@code baseline} on {@code metric}: the difference and the ratio of the means,
     * each with a 95% paired bootstrap interval.
     */
    public static Table lift(OfflineResult result, String baseline, String metric, int replicates, long seed) {
        double[] base = result.perUser(baseline, metric);
        StringColumn rec = StringColumn.create("recommender");
        DoubleColumn value = DoubleColumn.create(metric);
        DoubleColumn diff = DoubleColumn.create("difference");
        DoubleColumn dLow = DoubleColumn.create("difference low");
        DoubleColumn dHigh = DoubleColumn.create("difference high");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        DoubleColumn rLow = DoubleColumn.create("ratio low");
        DoubleColumn rHigh = DoubleColumn.create("ratio high");
        for (String name : result.recommenders()) {
            if (name.equals(baseline)) {
                continue;
            }
            PairedLift l = PairedLift.of(result.perUser(name, metric), base, replicates, 0.95, seed);
            rec.append(name);
            value.append(result.value(name, metric));
            diff.append(l.difference());
            dLow.append(l.differenceLow());
            dHigh.append(l.differenceHigh());
            ratio.append(l.ratio());
            rLow.append(l.ratioLow());
            rHigh.append(l.ratioHigh());
        }
        return Table.create(metric + ": lift over " + baseline + " (95% paired bootstrap intervals, " + replicates
                + " replicates)", rec, value, diff, dLow, dHigh, ratio, rLow, rHigh);
    }

    /**
     * The same generators (without item-kNN, to save time) under three protocols — random per user, chronological
     * per user, one global time cut — each trained on its own training set and scored by NDCG@10 on its own test
     * users. The chronological models are passed in (already trained on {@code chronological}); the other two
     * protocols train their own, with the same fraction of ratings held out.
     */
    public static Table protocols(MovieLens ml, Split chronological, Map<String, ? extends LearnedGenerator> models,
                                  double testFraction, long seed) {
        Interactions all = ml.ratings();
        Split[] splits = {Split.random(all, testFraction, seed), chronological, Split.globalTime(all, testFraction)};
        String[] names = {"random per user", "chronological per user", "global time cut"};
        StringColumn protocol = StringColumn.create("protocol");
        IntColumn users = IntColumn.create("test users");
        Map<String, DoubleColumn> cols = new LinkedHashMap<>();
        for (int s = 0; s < splits.length; s++) {
            Map<String, LearnedGenerator> m = new LinkedHashMap<>();
            if (splits[s] == chronological) {
                for (String name : List.of("popularity", "EASE", "ALS")) {
                    m.put(name, models.get(name));
                }
            } else {
                m = train(splits[s].train(), false);
            }
            OfflineResult r = SplitEvaluation.builder(splits[s]).k(10).bootstrap(10, seed).progress(false)
                    .metrics(Ndcg.at(10)).build().evaluate(recommenders(m));
            protocol.append(names[s]);
            users.append(r.users().length);
            for (String name : m.keySet()) {
                cols.computeIfAbsent(name, k -> DoubleColumn.create(k)).append(r.value(name, "NDCG@10"));
            }
        }
        Table t = Table.create("NDCG@10 of the same models under three protocols (" + Math.round(100 * testFraction)
                + "% of the ratings held out)", protocol, users);
        cols.values().forEach(t::addColumns);
        return t;
    }

    /**
     * NDCG@10 by how many training ratings a test user has: one row per activity band ({@code edges} are the
     * lower bounds, ascending), one column per recommender.
     */
    public static Table byActivity(OfflineResult result, Split split, int... edges) {
        int[] users = result.users();
        String[] recs = result.recommenders();
        int bands = edges.length;
        double[][] sum = new double[recs.length][bands];
        int[] n = new int[bands];
        int[] band = new int[users.length];
        for (int j = 0; j < users.length; j++) {
            int c = split.train().count(users[j]);
            int b = -1;
            for (int e = 0; e < bands; e++) {
                if (c >= edges[e]) {
                    b = e;
                }
            }
            band[j] = b;
            if (b >= 0) {
                n[b]++;
            }
        }
        for (int r = 0; r < recs.length; r++) {
            double[] s = result.perUser(recs[r], "NDCG@10");
            for (int j = 0; j < users.length; j++) {
                if (band[j] >= 0) {
                    sum[r][band[j]] += s[j];
                }
            }
        }
        StringColumn label = StringColumn.create("training ratings");
        IntColumn count = IntColumn.create("users");
        for (int e = 0; e < bands; e++) {
            label.append(e + 1 < bands ? edges[e] + "–" + (edges[e + 1] - 1) : "≥ " + edges[e]);
            count.append(n[e]);
        }
        Table t = Table.create("NDCG@10 by user activity (training ratings per test user)", label, count);
        for (int r = 0; r < recs.length; r++) {
            double[] v = new double[bands];
            for (int e = 0; e < bands; e++) {
                v[e] = n[e] == 0 ? Double.NaN : sum[r][e] / n[e];
            }
            t.addColumns(DoubleColumn.create(recs[r], v));
        }
        return t;
    }

    /**
     * HNSW over the ALS embeddings at several search breadths: recall@100 against the exact inner-product scan, and
     * NDCG@10 of the recommendations it serves against the exact model's, with query time per user.
     */
    public static Table annTradeoff(ImplicitAls als, Split split, int m, int[] breadths, long seed) {
        EmbeddingAnn ann = EmbeddingAnn.build(als, m, breadths[0], seed);
        int[] users = split.testUsers();
        Map<String, LearnedGenerator> models = new LinkedHashMap<>();
        models.put("exact", als);
        for (int ef : breadths) {
            models.put("ef " + ef, ann.withBreadth(ef));
        }
        OfflineResult r = SplitEvaluation.builder(split).k(10).bootstrap(10, seed).progress(false)
                .metrics(Ndcg.at(10)).build().evaluate(recommenders(models));
        double exact = r.value("exact", "NDCG@10");
        StringColumn name = StringColumn.create("retrieval");
        DoubleColumn recall = DoubleColumn.create("recall@100");
        DoubleColumn ndcg = DoubleColumn.create("NDCG@10");
        DoubleColumn loss = DoubleColumn.create("NDCG@10 lost (%)");
        DoubleColumn micros = DoubleColumn.create("µs per query (top 100)");
        name.append("exact scan");
        recall.append(1.0);
        ndcg.append(exact);
        loss.append(0.0);
        micros.append(timePerQuery(users, u -> ann.exactUser(u, 100)));
        for (int ef : breadths) {
            EmbeddingAnn a = ann.withBreadth(ef);
            name.append("HNSW, ef " + ef);
            recall.append(a.recall(users, 100));
            double v = r.value("ef " + ef, "NDCG@10");
            ndcg.append(v);
            loss.append(100 * (exact - v) / exact);
            micros.append(timePerQuery(users, u -> a.searchUser(u, 100)));
        }
        return Table.create(String.format(Locale.ROOT, "HNSW (M %d) over %d ALS item embeddings, %d test users", m,
                als.itemCount(), users.length), name, recall, ndcg, loss, micros);
    }

    private static double timePerQuery(int[] users, java.util.function.IntConsumer query) {
        for (int u : users) {
            query.accept(u); // warm-up
        }
        long start = System.nanoTime();
        for (int u : users) {
            query.accept(u);
        }
        return (System.nanoTime() - start) / 1e3 / users.length;
    }
}
