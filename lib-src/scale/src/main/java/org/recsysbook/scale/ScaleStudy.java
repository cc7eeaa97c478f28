package org.recsysbook.scale;

import java.util.Locale;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.recsysbook.core.Args;
import org.recsysbook.data.Interactions;
import org.recsysbook.data.Split;
import org.recsysbook.metrics.Ndcg;
import org.recsysbook.metrics.RelevantItems;
import org.recsysbook.metrics.SplitEvaluation;
import org.recsysbook.notebook.Progress;
import org.recsysbook.retrieval.ImplicitAls;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The experiments of notebook 13 and {@code ./workbook bench scale}: the library's ALS against Spark's on MovieLens,
 * and training time as the log grows.
 */
public final class ScaleStudy {
    private ScaleStudy() {
    }

    /** Both models on one split: their NDCG@10 over the split's test users, training times and top-10 lists. */
    public record AlsComparison(double libraryNdcg, double sparkNdcg, double librarySeconds, double sparkSeconds,
                                double recommendSeconds, double regParam, int[] users, int[][] libraryLists,
                                int[][] sparkLists, RelevantItems[] relevant) {
        /** Spark's NDCG@10 relative to the library's, minus 1 (−0.02 = 2% lower). */
        public double relativeDifference() {
            return sparkNdcg / libraryNdcg - 1;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "NDCG@10: library %.5f, Spark %.5f (%+.1f%%); training: library %.1f s, "
                    + "Spark %.1f s (regParam %.4f); Spark's top 10 (recommendForUserSubset, filtered) %.1f s",
                    libraryNdcg, sparkNdcg, 100 * relativeDifference(), librarySeconds, sparkSeconds, regParam,
                    recommendSeconds);
        }
    }

    /**
     * Trains the library's ALS and Spark's with {@code settings} (Spark's {@code regParam} given, see
     * {@link SparkAls#regParam}) on {@code split}'s training set and evaluates both on its test users.
     */
    public static AlsComparison compareAls(SparkSession spark, Split split, ImplicitAls.Settings settings,
                                           double regParam) {
        Args.notNull("spark", spark);
        Args.notNull("split", split);
        Args.notNull("settings", settings);
        Args.nonNegative("regParam", regParam);
        Interactions train = split.train();
        int[] users = split.testUsers();
        RelevantItems[] relevant = SplitEvaluation.relevant(split.test(), users);
        ImplicitAls library = ImplicitAls.train(train, settings, false);
        int[][] libraryLists = new int[users.length][];
        for (int j = 0; j < users.length; j++) {
            libraryLists[j] = library.recommendIds(users[j], 10);
        }
        SparkAls.Trained trained;
        try (Progress bar = Progress.start("Spark ALS (" + settings.factors() + " factors, " + settings.iterations()
                + " iterations)", 2)) {
            trained = SparkAls.train(SparkAls.frame(spark, train), train.userCount(), train.itemCount(), settings,
                    regParam);
            bar.step();
            long start = System.nanoTime();
            int[][] sparkLists = SparkAls.recommend(trained.model(), train, users, 10);
            double recommendSeconds = (System.nanoTime() - start) / 1e9;
            bar.step();
            Ndcg ndcg = Ndcg.at(10);
            return new AlsComparison(ndcg.mean(libraryLists, relevant), ndcg.mean(sparkLists, relevant),
                    library.trainSeconds(), trained.trainSeconds(), recommendSeconds, regParam, users, libraryLists,
                    sparkLists, relevant);
        }
    }

    /** The growth study's table, and the candidates of its largest log written as Parquet. */
    public record Growth(Table table, String logPath, String candidatesPath, long candidateRows) {
    }

    /**
     * Training time against log size: for each size, the synthetic log of about that many events (at
     * {@code eventsPerUser}), the library's ALS on it in this JVM (when {@code events ≤ libraryLimit}) with the bytes of
     * its arrays ({@link #libraryBytes}), and Spark's on the same log drawn in partitions, written as Parquet under {@code dir} and read
     * back against {@link LogSchema#INTERACTIONS}, as a batch job would; the largest log's model then writes every
     * user's top {@code candidates} as Parquet.
     */
    public static Growth growth(SparkSession spark, long[] sizes, long libraryLimit, int items, int eventsPerUser,
                                ImplicitAls.Settings settings, long seed, java.nio.file.Path dir, int candidates) {
        Args.notNull("spark", spark);
        Args.notNull("sizes", sizes);
        Args.atLeast("sizes.length", sizes.length, 1);
        Args.notNull("settings", settings);
        Args.notNull("dir", dir);
        LongColumn events = LongColumn.create("events");
        DoubleColumn librarySeconds = DoubleColumn.create("library ALS (s)");
        DoubleColumn sparkSeconds = DoubleColumn.create("Spark ALS (s)");
        DoubleColumn heap = DoubleColumn.create("library arrays (MB)");
        int partitions = 2 * spark.sparkContext().defaultParallelism();
        String logPath = null;
        SparkAls.Trained last = null;
        try (Progress bar = Progress.start("ALS as the log grows", 2L * sizes.length + 1)) {
            for (long size : sizes) {
                SyntheticLog.Spec spec = SyntheticLog.Spec.ofSize(size, items, 32, eventsPerUser, seed);
                logPath = dir.resolve("log-" + size).toString();
                SyntheticLog.generate(spark, spec, partitions).write().mode(SaveMode.Overwrite).parquet(logPath);
                Dataset<Row> log = LogSchema.readParquet(spark, logPath, LogSchema.INTERACTIONS);
                long n = log.count();
                events.append(n);
                if (n <= libraryLimit) {
                    Interactions local = SyntheticLog.local(spec);
                    ImplicitAls model = ImplicitAls.train(local, settings, false);
                    heap.append(libraryBytes(local, settings.factors()) / 1e6);
                    librarySeconds.append(model.trainSeconds());
                    if (local.size() != n) {
                        throw new IllegalStateException("the local log has " + local.size()
                                + " interactions and Spark's " + n + ": the generator is not deterministic");
                    }
                } else {
                    heap.appendMissing();
                    librarySeconds.appendMissing();
                }
                bar.step();
                last = SparkAls.train(log, spec.users(), spec.items(), settings,
                        SparkAls.regParam(settings.regularization(), n, spec.users()));
                sparkSeconds.append(last.trainSeconds());
                bar.step();
            }
            String candidatesPath = dir.resolve("candidates").toString();
            long rows = writeCandidates(last.model(), candidates, candidatesPath);
            bar.step();
            return new Growth(Table.create("ALS training time against log size", events, librarySeconds, sparkSeconds,
                    heap), logPath, candidatesPath, rows);
        }
    }

    /** Writes every user's top {@code k} of {@code model} as Parquet under {@code path}; returns the rows written. */
    public static long writeCandidates(org.apache.spark.ml.recommendation.ALSModel model, int k, String path) {
        Args.nonEmpty("path", path);
        Dataset<Row> c = SyntheticLog.candidates(model, k);
        c.write().mode(SaveMode.Overwrite).parquet(path);
        return c.sparkSession().read().parquet(path).count();
    }

    /**
     * The bytes of the primitive arrays the library's log and ALS hold for {@code log} at {@code factors}, counted from
     * their lengths (a lower bound on the heap: object headers and the JVM's own overhead are left out): the log's
     * items, times, ratings and sorted copies (4 + 8 + 4 + 4 bytes an interaction), the user- and item-ordered
     * adjacency ALS builds (4 + 4), the factors in doubles, {@code 8 f (users + items)}, and offsets and counts (about
     * 12 bytes a row).
     */
    public static long libraryBytes(Interactions log, int factors) {
        Args.notNull("log", log);
        Args.positive("factors", factors);
        long n = log.size();
        long rows = (long) log.userCount() + log.itemCount();
        return n * (4 + 8 + 4 + 4) + n * (4 + 4) + 8L * factors * rows + 12L * rows;
    }
}
