package org.recsysbook.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.recsysbook.data.MovieLens;
import org.recsysbook.data.Split;
import org.recsysbook.retrieval.Ease;
import org.recsysbook.retrieval.EmbeddingAnn;
import org.recsysbook.retrieval.ImplicitAls;
import org.recsysbook.retrieval.ItemKnn;
import org.recsysbook.retrieval.LearnedGenerator;
import org.recsysbook.retrieval.MostPopular;

/**
 * MovieLens through the learned generators of notebook 9: the time to load the GroupLens files, each model's training
 * time on the chronological training set (ALS with 64 factors and 15 iterations, EASE pruned to movies with 10 or more
 * ratings), and the latency of a top-10 recommendation for every user (and its throughput on one thread), with the
 * machine's load average at the start and the end, since a loaded machine slows every figure. It has no targets.
 *
 * <p>Each training is repeated and reported as median and p99 of wall-clock time, and as the process CPU time of the
 * median run (the work done, whatever the load). Usage: {@code MovieLensBench [repeats=5] [directory]}; the data
 * directory defaults to {@link MovieLens#locate()}.
 */
public final class MovieLensBench {
    private MovieLensBench() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = args.length > 1 ? Path.of(args[1]) : MovieLens.locate();
        BenchStats.begin("MovieLensBench");

        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BenchStats load = new BenchStats("load ratings.csv + movies.csv");
        MovieLens ml = null;
        long loadCpu = 0;
        int loads = Math.max(repeats, 5);
        for (int r = 0; r < loads + 2; r++) {
            long c = os.getProcessCpuTime();
            long t = System.nanoTime();
            ml = MovieLens.load(dir);
            if (r >= 2) { // two warm-up loads
                load.add(System.nanoTime() - t);
                loadCpu += os.getProcessCpuTime() - c;
            }
        }
        System.out.println("# " + ml);
        load.print();
        System.out.printf(Locale.ROOT, "    process CPU time per load (mean): %.3f s%n", loadCpu / 1e9 / loads);
        Split split = Split.chronological(ml.ratings(), 0.2);
        System.out.println("# " + split);

        Map<String, Supplier<LearnedGenerator>> trainers = new LinkedHashMap<>();
        trainers.put("popularity", () -> new MostPopular(split.train()));
        trainers.put("item-kNN (100 neighbours)", () -> ItemKnn.train(split.train()));
        trainers.put("EASE (λ 200, ≥ 10 ratings)", () -> Ease.train(split.train()));
        trainers.put("ALS (64 factors, 15 iterations)", () -> ImplicitAls.train(split.train(), ImplicitAls.DEFAULTS,
                false));
        Map<String, LearnedGenerator> models = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<LearnedGenerator>> e : trainers.entrySet()) {
            BenchStats s = new BenchStats("train " + e.getKey());
            long[] cpu = new long[repeats];
            long[] wall = new long[repeats];
            LearnedGenerator model = e.getValue().get(); // warm-up
            for (int r = 0; r < repeats; r++) {
                long c = os.getProcessCpuTime();
                long t = System.nanoTime();
                model = e.getValue().get();
                wall[r] = System.nanoTime() - t;
                cpu[r] = os.getProcessCpuTime() - c;
                s.add(wall[r]);
            }
            models.put(e.getKey(), model);
            s.print();
            System.out.printf(Locale.ROOT, "    process CPU time of the median run: %.3f s (%d cores)%n",
                    cpu[medianIndex(wall)] / 1e9, Runtime.getRuntime().availableProcessors());
        }
        ImplicitAls als = (ImplicitAls) models.get("ALS (64 factors, 15 iterations)");
        long t = System.nanoTime();
        EmbeddingAnn ann = EmbeddingAnn.build(als, 16, 100, 42);
        System.out.printf(Locale.ROOT, "HNSW over the ALS item vectors (M 16, one thread): built in %.3f s%n",
                (System.nanoTime() - t) / 1e9);
        models.put("ALS + HNSW (ef 100)", ann);

        int[] users = split.testUsers();
        for (Map.Entry<String, LearnedGenerator> e : models.entrySet()) {
            LearnedGenerator g = e.getValue();
            for (int u : users) {
                g.recommend(u, 10); // warm-up
            }
            BenchStats s = new BenchStats("top-10 for one user, " + e.getKey());
            long start = System.nanoTime();
            for (int r = 0; r < 3; r++) {
                for (int u : users) {
                    long q = System.nanoTime();
                    g.recommend(u, 10);
                    s.add(System.nanoTime() - q);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            s.print();
            System.out.printf(Locale.ROOT, "    throughput on one thread: %,.0f users/s (%d users × 3 passes)%n",
                    3 * users.length / seconds, users.length);
        }
        System.out.printf(Locale.ROOT, "HNSW recall@100 against the exact scan: %.4f%n", ann.recall(users, 100));
        System.out.println("# no targets: MovieLensBench only reports figures");
        BenchStats.end();
    }

    private static int medianIndex(long[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Long.compare(v[a], v[b]));
        return idx[(v.length - 1) / 2];
    }
}
