package org.recsysbook.experiment;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import org.recsysbook.serving.RecommendationServer;
import org.recsysbook.serving.RecommendationService;
import org.recsysbook.serving.ServerConfig;
import org.recsysbook.serving.StageBudgets;
import org.recsysbook.serving.SyntheticBundle;
import org.recsysbook.world.World;

/**
 * The two-arm service with its event store, as a process of its own: what the SIGKILL test starts, kills and
 * starts again on the same file.
 *
 * <p>Usage: {@code ExperimentServeMain --db FILE [--items N] [--users N] [--port P]}. It prints
 * {@code Listening on URI} once it serves, and closes the store on SIGTERM.
 */
public final class ExperimentServeMain {
    private ExperimentServeMain() {
    }

    /** The two arms every experiment of this package serves: the chapter's blend (control) and a variant. */
    public static RecommendationService.Builder twoArms(World world, double deadlineMillis) {
        return RecommendationService.builder()
                .arm("control", SyntheticBundle.of(world, "blend-0.7-v1"))
                .arm("treatment", SyntheticBundle.of(world, "blend-0.9-v2", 0.9, 0.1, 7))
                .budgets(StageBudgets.of(deadlineMillis));
    }

    public static void main(String[] args) throws InterruptedException {
        Path db = null;
        int items = 2000;
        int users = 500;
        int port = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--db" -> db = Path.of(v);
                case "--items" -> items = Integer.parseInt(v);
                case "--users" -> users = Integer.parseInt(v);
                case "--port" -> port = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --db, --items, --users, --port");
            }
        }
        if (db == null) {
            throw new IllegalArgumentException("--db FILE is required");
        }
        long t0 = System.nanoTime();
        EventStore store = EventStore.open(db);
        ExperimentLoop loop = new ExperimentLoop(store, System::currentTimeMillis);
        World world = World.builder().items(items).users(users).seed(42).build();
        RecommendationService service = loop.wire(twoArms(world, 1000));
        RecommendationServer server = RecommendationServer.start(service, ServerConfig.defaults().withPort(port)
                .withMaxConcurrent(8));
        System.out.printf(Locale.ROOT, "Event store %s: %d events (start %d) in %.1f s%n", db, store.count(),
                store.boot(), (System.nanoTime() - t0) / 1e9);
        System.out.println("Listening on " + server.uri());
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
            stop.countDown();
        }));
        stop.await();
    }
}
