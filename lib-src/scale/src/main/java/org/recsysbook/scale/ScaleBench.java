package org.recsysbook.scale;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.apache.spark.sql.SparkSession;
import org.recsysbook.data.Interactions;
import org.recsysbook.data.MovieLens;
import org.recsysbook.data.Split;
import org.recsysbook.retrieval.ImplicitAls;

/**
 * {@code ./workbook bench scale}: ALS training time against log size for the library (one JVM) and for Spark (local
 * mode, 2 cores), on synthetic logs of 1M to 20M events, then the candidates of the largest log written as Parquet;
 * and the MovieLens comparison. Arguments: {@code --sizes 1000000,3000000,10000000,20000000}, {@code --library-limit
 * 10000000} (the largest log the library trains on), {@code --no-movielens}, {@code --grid} (the weighted λ on
 * MovieLens' validation slice, see {@link SparkAls#regParam}), {@code --seeds N} (both weighted models over the seeds
 * 42 … 42 + N − 1). Figures, not verdicts, with the load.
 */
public final class ScaleBench {
    private ScaleBench() {
    }

    /** The settings of the growth runs: fewer factors and iterations than MovieLens', the same λ, α and seed. */
    public static final ImplicitAls.Settings GROWTH = new ImplicitAls.Settings(16, 5, 30, 2, 42);

    public static void main(String[] args) throws Exception {
        long[] sizes = {1_000_000, 3_000_000, 10_000_000, 20_000_000};
        long libraryLimit = 10_000_000;
        boolean movieLens = true;
        boolean grid = false;
        int seeds = 0;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--sizes" -> sizes = Arrays.stream(args[++a].split(",")).mapToLong(Long::parseLong).toArray();
                case "--library-limit" -> libraryLimit = Long.parseLong(args[++a]);
                case "--no-movielens" -> movieLens = false;
                case "--grid" -> grid = true;
                case "--seeds" -> seeds = Integer.parseInt(args[++a]);
                default -> throw new IllegalArgumentException("unknown argument " + args[a]
                        + "; use --sizes N,N,..., --library-limit N, --no-movielens, --grid, --seeds N");
            }
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, load average %.2f, max heap %.1f GB%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() / 1e9);
        long start = System.nanoTime();
        SparkSession spark = SparkLocal.start("bench-scale", 2);
        System.out.printf(Locale.ROOT, "Spark %s session start: %.1f s%n", spark.version(),
                (System.nanoTime() - start) / 1e9);
        try {
            if (movieLens) {
                Split split = Split.chronological(MovieLens.load().ratings(), 0.2);
                ScaleStudy.AlsComparison c = ScaleStudy.compareAls(spark, split, ImplicitAls.DEFAULTS);
                System.out.println("MovieLens, 64 factors, 15 iterations: " + c);
                if (seeds > 0) {
                    long[] s = new long[seeds];
                    for (int j = 0; j < seeds; j++) {
                        s[j] = 42 + j;
                    }
                    ScaleStudy.SeedSpread spread = ScaleStudy.seedSpread(spark, split, ImplicitAls.DEFAULTS, s);
                    for (int j = 0; j < seeds; j++) {
                        System.out.printf(Locale.ROOT, "seed %d: NDCG@10 library %.5f, Spark %.5f (%+.1f%%)%n", s[j],
                                spread.libraryNdcg()[j], spread.sparkNdcg()[j],
                                100 * (spread.sparkNdcg()[j] / spread.libraryNdcg()[j] - 1));
                    }
                }
                if (grid) {
                    Split validation = split.validation(0.2);
                    ImplicitAls.Settings base = SparkAls.weighted(ImplicitAls.DEFAULTS, validation.train());
                    for (double f : new double[] {0.5, 0.75, 1, 1.25}) {
                        ScaleStudy.AlsComparison v = ScaleStudy.compareAls(spark, validation,
                                base.withRegularization(f * base.regularization()));
                        System.out.printf(Locale.ROOT, "validation slice, regParam %.2f × %.4f: %s%n", f,
                                base.regularization(), v);
                    }
                }
            }
            Path dir = SparkLocal.scratch(spark).resolve("growth");   // deleted when the session stops
            long t = System.nanoTime();
            ScaleStudy.Growth growth = ScaleStudy.growth(spark, sizes, libraryLimit, 20_000, 50, GROWTH, 42, dir, 100);
            System.out.println(growth.table().printAll());
            System.out.printf(Locale.ROOT, "the whole study %.1f s; the largest log's top-100 candidates: %,d rows of "
                    + "Parquet%n", (System.nanoTime() - t) / 1e9, growth.candidateRows());
        } finally {
            spark.stop();
        }
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
