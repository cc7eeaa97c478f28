package org.recsysbook.serving;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import org.recsysbook.data.MovieLens;
import org.recsysbook.retrieval.ImplicitAls;
import org.recsysbook.retrieval.ItemKnn;
import org.recsysbook.world.World;

/**
 * {@code ./workbook serve}: builds the synthetic world, loads two model versions as the arms {@code control} and
 * {@code treatment}, starts the service on localhost and prints its address; runs until stopped (Ctrl-C).
 *
 * <p>Usage: {@code ServeMain [--items N] [--users N] [--port P] [--host H] [--max-concurrent N]
 * [--deadline-ms D] [--retrieval exact|hnsw] [--movielens]}. {@code --movielens} serves the models learned on
 * MovieLens instead of the synthetic world ({@link #movieLensArms}; the data from {@link MovieLens#locate}).
 * Retrieval {@code exact} (the default) is the chapter's blend in one pass over the catalog; {@code hnsw} serves the
 * blend over an HNSW index ({@link SyntheticBundle}), whose graph is read from {@code <recsys.cacheDir>/hnsw-…bin}
 * (system property, default {@code build/cache}) or built and written there (minutes for 1M items).
 */
public final class ServeMain {
    private ServeMain() {
    }

    /** The two-arm service the command, the notebook and the benchmark start: the chapter's blend and a variant. */
    public static RecommendationService twoArms(World world, double deadlineMillis) {
        return twoArms(world, deadlineMillis, 10_000);
    }

    /** {@link #twoArms(World, double)} with a candidate cache of {@code cacheSize} users (0: none). */
    public static RecommendationService twoArms(World world, double deadlineMillis, long cacheSize) {
        return twoArms(world, deadlineMillis, cacheSize, null);
    }

    /**
     * {@link #twoArms(World, double, long)} whose arms both retrieve through {@code index} (the approximate blend
     * over HNSW, see {@link SyntheticBundle}), or through the exact blend when {@code index} is null.
     */
    public static RecommendationService twoArms(World world, double deadlineMillis, long cacheSize,
                                                org.recsysbook.retrieval.HnswIndex index) {
        String kind = index == null ? "" : "-hnsw";
        return RecommendationService.builder()
                .arm("control", SyntheticBundle.of(world, "blend-0.7" + kind + "-v1", 0.7, 0.3, 42, index))
                .arm("treatment", SyntheticBundle.of(world, "blend-0.9" + kind + "-v2", 0.9, 0.1, 7, index))
                .budgets(StageBudgets.of(deadlineMillis))
                .cacheSize(cacheSize)
                .build();
    }

    /**
     * The two-arm service over MovieLens: {@link MovieLensBundle}s trained on every rating, ALS with 64 factors
     * (control) and with 32 (treatment), each ranked by item-kNN.
     */
    public static RecommendationService movieLensArms(MovieLens ml, double deadlineMillis, long cacheSize) {
        ItemKnn knn = ItemKnn.train(ml.ratings());   // the same for both: they differ in ALS only
        return RecommendationService.builder()
                .arm("control", MovieLensBundle.of(ml, "movielens-als64-knn-v1", ImplicitAls.DEFAULTS, knn))
                .arm("treatment", MovieLensBundle.of(ml, "movielens-als32-knn-v2",
                        ImplicitAls.DEFAULTS.withFactors(32), knn))
                .budgets(StageBudgets.of(deadlineMillis))
                .cacheSize(cacheSize)
                .build();
    }

    /**
     * Runs the command; a bad option, or data that cannot be found (MovieLens not exported), ends it with the
     * message alone and status 2 instead of a stack trace.
     */
    public static void main(String[] args) throws InterruptedException {
        try {
            run(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("serve: " + e.getMessage());
            System.exit(2);
        }
    }

    /** An option's whole-number value ({@code 1_000_000} allowed), or an error naming the option. */
    private static int whole(String option, String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got " + value);
        }
    }

    private static void run(String[] args) throws InterruptedException {
        int items = 100_000;
        int users = 10_000;
        ServerConfig config = ServerConfig.defaults().withPort(8080).withWorkerNice(true); // see ThreadNice
        double deadline = 100;
        String retrieval = "exact";
        boolean movieLens = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--movielens")) {
                movieLens = true;
                continue;
            }
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            switch (a) {
                case "--items" -> items = whole(a, v);
                case "--users" -> users = whole(a, v);
                case "--port" -> config = config.withPort(whole(a, v));
                case "--host" -> config = config.withHost(v);
                case "--max-concurrent" -> config = config.withMaxConcurrent(whole(a, v));
                case "--deadline-ms" -> {
                    try {
                        deadline = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--deadline-ms must be a number of milliseconds, got " + v);
                    }
                }
                case "--retrieval" -> {
                    if (!v.equals("exact") && !v.equals("hnsw")) {
                        throw new IllegalArgumentException("--retrieval must be exact or hnsw, got " + v);
                    }
                    retrieval = v;
                }
                default -> throw new IllegalArgumentException("unknown option " + a
                        + "; use --items, --users, --port, --host, --max-concurrent, --deadline-ms, --retrieval, "
                        + "--movielens");
            }
            i++;
        }
        long t0 = System.nanoTime();
        RecommendationService service;
        String what;
        if (movieLens) {
            MovieLens ml = MovieLens.load();
            service = movieLensArms(ml, deadline, 10_000);
            what = String.format(Locale.ROOT, "MovieLens (%s): %d movies and %d users", ml.source(), ml.itemCount(),
                    ml.userCount());
        } else {
            World world = World.builder().items(items).users(users).seed(42).build();
            org.recsysbook.retrieval.HnswIndex index = retrieval.equals("exact") ? null
                    : org.recsysbook.retrieval.HnswIndex.builder(world).searchBreadth(SyntheticBundle.CANDIDATES)
                    .int8(true).cacheFile(java.nio.file.Path.of(System.getProperty("recsys.cacheDir", "build/cache"))
                            .resolve("hnsw-" + items + "x64-seed42-m16-bw100.bin")).build();
            service = twoArms(world, deadline, 10_000, index);
            what = String.format(Locale.ROOT, "%d items and %d users", items, users);
        }
        service.warmUp(300);
        RecommendationServer server = RecommendationServer.start(service, config);
        System.out.printf(Locale.ROOT, "Serving %s (arms %s) in %.1f s%n", what, service.versions(),
                (System.nanoTime() - t0) / 1e9);
        System.out.println("Listening on " + server.uri() + "  (demo page: " + server.uri()
                + ", API: " + server.uri() + "recommendations?user=1&k=10)");
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        stop.await();
    }
}
