package org.recsysbook.scale;

import java.util.Locale;
import java.util.function.Supplier;

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

    /**
     * Both models on one split, in the same convention: their NDCG@10 over the split's test users, training times and
     * top-10 lists; {@code fixedNdcg} is the library's with the fixed {@code λ} that {@code settings} were mapped from
     * (notebook 9's model).
     */
    public record AlsComparison(ImplicitAls.Settings settings, double fixedNdcg, double libraryNdcg, double sparkNdcg,
                                double librarySeconds, double sparkSeconds, double recommendSeconds, int[] users,
                                int[][] libraryLists, int[][] sparkLists, RelevantItems[] relevant) {
        /** Spark's NDCG@10 relative to the library's in the same convention, minus 1 (−0.02 = 2% lower). */
        public double relativeDifference() {
            return sparkNdcg / libraryNdcg - 1;
        }

        /** Spark's regParam (the settings' weighted λ). */
        public double regParam() {
            return settings.regularization();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "NDCG@10, λ = %.4f × each row's interactions: library %.5f, Spark %.5f "
                    + "(%+.1f%%); library with the fixed λ it was mapped from %.5f; training: library %.1f s, Spark "
                    + "%.1f s; Spark's top 10 (one job, filtered) %.1f s", regParam(), libraryNdcg,
                    sparkNdcg, 100 * relativeDifference(), fixedNdcg, librarySeconds, sparkSeconds,
                    recommendSeconds);
        }
    }

    /**
     * The evaluation protocol of one split, set up once: its training set, its test users, their relevant items and
     * NDCG@10, the measure both comparisons report.
     */
    public record Protocol(Interactions train, int[] users, RelevantItems[] relevant, Ndcg ndcg) {
        /** The protocol of {@code split}: its training set, and its test users with their test items. */
        public static Protocol of(Split split) {
            Args.notNull("split", split);
            int[] users = split.testUsers();
            return new Protocol(split.train(), users, SplitEvaluation.relevant(split.test(), users), Ndcg.at(10));
        }

        /** Mean NDCG@10 of {@code lists}, {@code lists[j]} the list of {@code users()[j]}. */
        public double ndcgOf(int[][] lists) {
            return ndcg.mean(lists, relevant);
        }

        /** The library's top 10 of every test user. */
        public int[][] top10(ImplicitAls model) {
            int[][] lists = new int[users.length][];
            for (int j = 0; j < users.length; j++) {
                lists[j] = model.recommendIds(users[j], 10);
            }
            return lists;
        }

        /** Spark's top 10 of every test user, their training items left out ({@link SparkAls#recommend}). */
        public int[][] sparkTop10(SparkAls.Trained trained) {
            return SparkAls.recommend(trained.model(), train, users, 10);
        }

        /** {@code settings} in Spark's convention on this training set ({@link SparkAls#weighted}). */
        public ImplicitAls.Settings weighted(ImplicitAls.Settings settings) {
            return SparkAls.weighted(settings, train);
        }
    }

    /**
     * Trains the library's ALS with {@code settings} (fixed λ), then the library's and Spark's in Spark's convention
     * ({@link SparkAls#weighted}: the same factors, iterations, α, seed and weighted λ) on {@code split}'s training set,
     * and evaluates all three on its test users.
     */
    public static AlsComparison compareAls(SparkSession spark, Split split, ImplicitAls.Settings settings) {
        Args.notNull("spark", spark);
        Args.notNull("settings", settings);
        Protocol p = Protocol.of(split);
        ImplicitAls.Settings weighted = p.weighted(settings);
        double fixedNdcg = settings.convention() == ImplicitAls.Regularization.WEIGHTED ? Double.NaN
                : p.ndcgOf(p.top10(ImplicitAls.train(p.train(), settings, false)));
        ImplicitAls library = ImplicitAls.train(p.train(), weighted, false);
        int[][] libraryLists = p.top10(library);
        try (Progress bar = Progress.start("Spark ALS (" + settings.factors() + " factors, " + settings.iterations()
                + " iterations)", 2)) {
            SparkAls.Trained trained = SparkAls.train(SparkAls.frame(spark, p.train()), p.train().userCount(),
                    p.train().itemCount(), weighted);
            bar.step();
            long start = System.nanoTime();
            int[][] sparkLists = p.sparkTop10(trained);
            double recommendSeconds = (System.nanoTime() - start) / 1e9;
            bar.step();
            return new AlsComparison(weighted, fixedNdcg, p.ndcgOf(libraryLists), p.ndcgOf(sparkLists),
                    library.trainSeconds(), trained.trainSeconds(), recommendSeconds, p.users(), libraryLists,
                    sparkLists, p.relevant());
        }
    }

    /** NDCG@10 of the library's and Spark's ALS in Spark's convention, one seed at a time. */
    public record SeedSpread(long[] seeds, double[] libraryNdcg, double[] sparkNdcg) {
    }

    /**
     * {@link #compareAls}' two weighted models over {@code seeds} (each the initial factors' seed of both): how much of
     * their difference on one seed is the draw of the initial factors.
     */
    public static SeedSpread seedSpread(SparkSession spark, Split split, ImplicitAls.Settings settings, long[] seeds) {
        Args.notNull("spark", spark);
        Args.notNull("settings", settings);
        Args.notNull("seeds", seeds);
        Protocol p = Protocol.of(split);
        ImplicitAls.Settings weighted = p.weighted(settings);
        double[] lib = new double[seeds.length];
        double[] spk = new double[seeds.length];
        Dataset<Row> frame = SparkAls.frame(spark, p.train()).cache();
        try (Progress bar = Progress.start("ALS over " + seeds.length + " seeds", 2L * seeds.length)) {
            for (int s = 0; s < seeds.length; s++) {
                ImplicitAls.Settings w = weighted.withSeed(seeds[s]);
                lib[s] = p.ndcgOf(p.top10(ImplicitAls.train(p.train(), w, false)));
                bar.step();
                spk[s] = p.ndcgOf(p.sparkTop10(SparkAls.train(frame, p.train().userCount(), p.train().itemCount(),
                        w)));
                bar.step();
            }
        } finally {
            frame.unpersist();
        }
        return new SeedSpread(seeds.clone(), lib, spk);
    }

    /** The growth study's table, and the candidates of its largest log written as Parquet. */
    public record Growth(Table table, String logPath, String candidatesPath, long candidateRows) {
    }

    /**
     * Training time and heap against log size: for each size, the synthetic log of about that many events (at
     * {@code eventsPerUser}); the library's ALS on it in this JVM (when {@code events ≤ libraryLimit}), the log drawn
     * here, with the bytes of its arrays counted from their lengths ({@link #libraryBytes}) and the heap the drawing and
     * training took measured ({@link HeapProbe}: peak and retained); and Spark's on the same log drawn in partitions,
     * written as Parquet under {@code dir} and read back against {@link LogSchema#INTERACTIONS}, as a batch job would,
     * with the peak heap of its training. Both train with {@code settings} in Spark's convention
     * ({@link SparkAls#weighted}, mapped on each log). The largest log's model then writes every user's top
     * {@code candidates} as Parquet.
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
        DoubleColumn arrays = DoubleColumn.create("library arrays (MB)");
        DoubleColumn retained = DoubleColumn.create("library retained heap (MB)");
        DoubleColumn libraryPeak = DoubleColumn.create("library peak heap (MB)");
        DoubleColumn sparkPeak = DoubleColumn.create("Spark peak heap (MB)");
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
                ImplicitAls.Settings weighted = settings.convention() == ImplicitAls.Regularization.WEIGHTED
                        ? settings : settings.withRegularization(SparkAls.regParam(settings.regularization(), n,
                                spec.users()), ImplicitAls.Regularization.WEIGHTED);
                long settled = -1;
                if (n <= libraryLimit) {
                    // the summary: the log's size, the arrays' bytes and the training time (not the model itself)
                    HeapProbe.Measured<double[]> m = HeapProbe.measure(() ->
                            ImplicitAls.train(SyntheticLog.local(spec), weighted, false), model -> new double[] {
                                model.train().size(), libraryBytes(model.train(), settings.factors()),
                                model.trainSeconds()});
                    arrays.append(m.summary()[1] / 1e6);
                    retained.append(m.retainedBytes() / 1e6);
                    libraryPeak.append(m.peakBytes() / 1e6);
                    librarySeconds.append(m.summary()[2]);
                    settled = m.settledBytes();
                    if ((long) m.summary()[0] != n) {
                        throw new IllegalStateException("the local log has " + (long) m.summary()[0]
                                + " interactions and Spark's " + n + ": the generator is not deterministic");
                    }
                } else {
                    arrays.appendMissing();
                    retained.appendMissing();
                    libraryPeak.appendMissing();
                    librarySeconds.appendMissing();
                }
                bar.step();
                // the library's run ended with the heap settled, its model dropped: Spark's baseline, read already
                Supplier<SparkAls.Trained> fit = () -> SparkAls.train(log, spec.users(), spec.items(), weighted);
                HeapProbe.Measured<SparkAls.Trained> t = settled < 0 ? HeapProbe.peak(fit)
                        : HeapProbe.peakAbove(settled, fit);
                last = t.summary();
                sparkSeconds.append(last.trainSeconds());
                sparkPeak.append(t.peakBytes() / 1e6);
                bar.step();
            }
            String candidatesPath = dir.resolve("candidates").toString();
            long rows = writeCandidates(last.model(), candidates, candidatesPath);
            bar.step();
            return new Growth(Table.create("ALS training time and heap against log size", events, librarySeconds,
                    sparkSeconds, arrays, retained, libraryPeak, sparkPeak), logPath, candidatesPath, rows);
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
     * The bytes of the primitive arrays the library's log and ALS hold for {@code log} at {@code factors} while it
     * trains, counted from their lengths (object headers and the JVM's own overhead left out): the log's items, times,
     * ratings and sorted copies (4 + 8 + 4 + 4 bytes an interaction), the user- and item-ordered adjacency ALS builds
     * for its solves and drops afterwards (4 + 4), the factors in doubles, {@code 8 f (users + items)}, and offsets and
     * counts (about 12 bytes a row). The trained model keeps all but the adjacency: {@link HeapProbe}'s retained heap
     * measures what it keeps.
     */
    public static long libraryBytes(Interactions log, int factors) {
        Args.notNull("log", log);
        Args.positive("factors", factors);
        long n = log.size();
        long rows = (long) log.userCount() + log.itemCount();
        return n * (4 + 8 + 4 + 4) + n * (4 + 4) + 8L * factors * rows + 12L * rows;
    }
}
