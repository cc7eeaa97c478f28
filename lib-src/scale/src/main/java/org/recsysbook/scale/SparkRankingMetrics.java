package org.recsysbook.scale;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.evaluation.RankingMetrics;
import org.apache.spark.sql.SparkSession;
import org.recsysbook.core.Args;
import org.recsysbook.metrics.AveragePrecision;
import org.recsysbook.metrics.Ndcg;
import org.recsysbook.metrics.Precision;
import org.recsysbook.metrics.Recall;
import org.recsysbook.metrics.RankingMetric;
import org.recsysbook.metrics.RelevantItems;
import scala.Tuple2;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Spark MLlib's ranking evaluation ({@code RankingMetrics}) on the same lists as the library's metrics (the chapter's
 * evaluation section), each pair with its convention mapped:
 * <ul>
 *   <li>{@code precisionAt(k)} is {@link Precision} P@k: hits in the top k over k, also for a shorter list;</li>
 *   <li>{@code recallAt(k)} is {@link Recall} R@k: hits in the top k over |R|;</li>
 *   <li>{@code ndcgAt(k)} is {@link Ndcg} NDCG@k with binary relevance: gain 1 per hit (linear and exponential gain agree
 *       on 0/1 grades), discount {@code 1/log2(rank + 1)}, the ideal list of {@code min(|R|, k)} hits;</li>
 *   <li>{@code meanAveragePrecisionAt(k)} is {@link AveragePrecision#at} MAP@k: the precisions at the hits in the top
 *       k summed and divided by {@code min(|R|, k)};</li>
 *   <li>{@code meanAveragePrecision} is <em>not</em> the chapter's MAP ({@link AveragePrecision#full}): both sum the
 *       precisions at the hits of the whole list, Spark divides by |R| and the chapter's code by the number of hits,
 *       so per user Spark's AP is the chapter's times {@code hits / |R|}. That rescaled form is what this class
 *       compares, and the chapter's MAP is reported beside it.</li>
 * </ul>
 * Both sides average over the same users, a user without relevant items scoring 0 in each.
 */
public final class SparkRankingMetrics {
    private SparkRankingMetrics() {
    }

    /** One metric on both sides: {@code shared} when their conventions agree and the values must be equal. */
    public record Pair(String metric, String spark, double sparkValue, String library, double libraryValue,
                       boolean shared) {
        public double difference() {
            return Math.abs(sparkValue - libraryValue);
        }
    }

    /** Every pair for lists {@code ranked[u]} against {@code relevant[u]}, at depth {@code k}. */
    public static List<Pair> compare(SparkSession spark, int[][] ranked, RelevantItems[] relevant, int k) {
        Args.notNull("spark", spark);
        Args.notNull("ranked", ranked);
        Args.notNull("relevant", relevant);
        Args.sameLength("ranked", ranked.length, "relevant", relevant.length);
        Args.positive("k", k);
        List<Tuple2<List<Integer>, List<Integer>>> rows = new ArrayList<>(ranked.length);
        for (int u = 0; u < ranked.length; u++) {
            rows.add(new Tuple2<>(boxed(Args.notNull("ranked", u, ranked[u])),
                    boxed(Args.notNull("relevant", u, relevant[u]).items())));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Tuple2<List<Integer>, List<Integer>>> rdd = jsc.parallelize(rows);
        RankingMetrics<Integer> m = RankingMetrics.of(rdd);
        List<Pair> out = new ArrayList<>();
        out.add(pair("P@" + k, "precisionAt(" + k + ")", m.precisionAt(k), Precision.at(k), ranked, relevant));
        out.add(pair("R@" + k, "recallAt(" + k + ")", m.recallAt(k), Recall.at(k), ranked, relevant));
        out.add(pair("NDCG@" + k, "ndcgAt(" + k + ")", m.ndcgAt(k), Ndcg.at(k), ranked, relevant));
        out.add(pair("MAP@" + k, "meanAveragePrecisionAt(" + k + ")", m.meanAveragePrecisionAt(k),
                AveragePrecision.at(k), ranked, relevant));
        double sparkMap = m.meanAveragePrecision();
        out.add(new Pair("MAP ÷ |R|", "meanAveragePrecision", sparkMap, "chapter's AP × hits / |R|",
                rescaledMap(ranked, relevant), true));
        AveragePrecision full = AveragePrecision.full();
        out.add(new Pair("MAP (chapter)", "meanAveragePrecision", sparkMap, full.name(), full.mean(ranked, relevant),
                false));
        return out;
    }

    private static Pair pair(String name, String call, double sparkValue, RankingMetric metric, int[][] ranked,
                             RelevantItems[] relevant) {
        return new Pair(name, call, sparkValue, metric.name(), metric.mean(ranked, relevant), true);
    }

    /** The chapter's AP of each user times hits / |R|, averaged: Spark's convention computed from the library's. */
    static double rescaledMap(int[][] ranked, RelevantItems[] relevant) {
        AveragePrecision full = AveragePrecision.full();
        double sum = 0;
        for (int u = 0; u < ranked.length; u++) {
            if (relevant[u].isEmpty()) {
                continue;
            }
            int hits = 0;
            for (int item : ranked[u]) {
                if (relevant[u].contains(item)) {
                    hits++;
                }
            }
            sum += full.score(ranked[u], relevant[u]) * hits / relevant[u].size();
        }
        return sum / ranked.length;
    }

    /** The pairs as a table: metric, Spark's call and value, the library's metric and value, |difference|. */
    public static Table table(List<Pair> pairs) {
        Args.notNull("pairs", pairs);
        StringColumn metric = StringColumn.create("metric");
        StringColumn spark = StringColumn.create("Spark");
        DoubleColumn sparkValue = DoubleColumn.create("Spark value");
        StringColumn library = StringColumn.create("library");
        DoubleColumn libraryValue = DoubleColumn.create("library value");
        DoubleColumn diff = DoubleColumn.create("|difference|");
        BooleanColumn shared = BooleanColumn.create("same convention");
        for (Pair p : pairs) {
            metric.append(p.metric());
            spark.append(p.spark());
            sparkValue.append(p.sparkValue());
            library.append(p.library());
            libraryValue.append(p.libraryValue());
            diff.append(p.difference());
            shared.append(p.shared());
        }
        return Table.create("Spark's ranking metrics against the library's", metric, spark, sparkValue, library,
                libraryValue, diff, shared);
    }

    private static List<Integer> boxed(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int v : a) {
            out.add(v);
        }
        return out;
    }
}
