package org.recsysbook.experiment;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.recsysbook.core.Seeds;
import org.recsysbook.core.UserContext;
import org.recsysbook.serving.Answer;
import org.recsysbook.serving.LoadClient;
import org.recsysbook.serving.RecommendationService;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.World;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Users of the synthetic world played against the running service over HTTP: each visit picks a user, asks
 * {@code GET /recommendations}, and clicks each shown item with the world's hidden click model
 * ({@link ClickModel}: examination by position times attractiveness), posting the clicks to {@code /events}.
 * The service logs the impressions itself. Because the click model is known, so is each arm's true click rate
 * ({@link #trueCtr}), against which the analysis of the logs is judged.
 *
 * <p>Some users visit much more often than others ({@link #visitShare}). Visit {@code i} of a day draws its user
 * and clicks from a generator seeded by the simulator's seed, the start of the span played (as an offset from the
 * clock's {@link SimulatedClock#start start}, so that the traffic does not depend on the date it is played on) and
 * {@code i}, so the traffic is the same whatever the number of client threads. The shared
 * {@link SimulatedClock} is set to the visit's time before each request: with several threads, impressions of
 * visits running at once may trade a few milliseconds, never a day.
 */
public final class TrafficSimulator {
    private final World world;
    private final ClickModel clicks;
    private final URI base;
    private final SimulatedClock clock;
    private final int threads;
    private final long seed;
    /**
     * The lean client, which never sends a request twice: the JDK's client resends a GET whose pooled connection
     * closes before the answer, and the service would then log that visit's impressions twice.
     */
    private final LoadClient client = LoadClient.create(30_000, 4_000);

    /** What one {@link #playDay} did, as the simulator saw it. */
    public record Day(long visits, long impressionsShown, long clicksAcknowledged, long clicksRefused) {
    }

    /**
     * @param world   the world whose users play and whose click model clicks
     * @param base    the service's address
     * @param clock   the clock the service stamps impressions with
     * @param threads client threads, in [1, 16]
     * @param seed    the random seed
     */
    public TrafficSimulator(World world, URI base, SimulatedClock clock, int threads, long seed) {
        if (world == null || base == null || clock == null) {
            throw new IllegalArgumentException("world, base and clock must not be null");
        }
        if (threads < 1 || threads > 16) {
            throw new IllegalArgumentException("threads must be in [1, 16], got " + threads);
        }
        this.world = world;
        this.clicks = world.clickModel();
        this.base = base;
        this.clock = clock;
        this.threads = threads;
        this.seed = seed;
    }

    /**
     * Plays one day: {@code visits} visits spread evenly over the day that starts at {@code dayStartMillis} (a UTC
     * midnight), each asking for {@code k} items; returns once every click is acknowledged.
     */
    public Day playDay(long dayStartMillis, int visits, int k) {
        if (dayStartMillis < 0 || dayStartMillis % SimulatedClock.DAY_MILLIS != 0) {
            throw new IllegalArgumentException("dayStartMillis must be a UTC midnight (a multiple of 86400000), got "
                    + dayStartMillis);
        }
        return play(dayStartMillis, SimulatedClock.DAY_MILLIS, visits, k);
    }

    /**
     * Plays {@code visits} visits spread evenly over {@code spanMillis} from {@code startMillis}, each asking for
     * {@code k} items; returns once every click is acknowledged.
     */
    public Day play(long startMillis, long spanMillis, int visits, int k) {
        if (startMillis < 0) {
            throw new IllegalArgumentException("startMillis must be ≥ 0, got " + startMillis);
        }
        if (spanMillis < 1) {
            throw new IllegalArgumentException("spanMillis must be ≥ 1, got " + spanMillis);
        }
        if (visits < 1) {
            throw new IllegalArgumentException("visits must be ≥ 1, got " + visits);
        }
        if (k < 1 || k > RecommendationService.MAX_K) {
            throw new IllegalArgumentException("k must be in [1, " + RecommendationService.MAX_K + "], got " + k);
        }
        long offset = startMillis - clock.start();
        AtomicLong shown = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long step = Math.max(1, spanMillis / visits);
        List<Thread> running = new ArrayList<>();
        RuntimeException[] failure = new RuntimeException[1];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    StringBuilder pending = new StringBuilder();
                    int[] n = {0};
                    for (int i = thread; i < visits; i += threads) {
                        long ts = startMillis + i * step;
                        shown.addAndGet(visit(Seeds.fmix64(seed ^ Seeds.fmix64(offset + i)), ts, k, pending, n));
                        if (n[0] >= 200) {
                            send(pending, n, acked, refused);
                        }
                    }
                    send(pending, n, acked, refused);
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            }, "traffic-" + t);
            worker.start();
            running.add(worker);
        }
        for (Thread w : running) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while playing traffic");
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return new Day(visits, shown.get(), acked.get(), refused.get());
    }

    /** One visit: a request, then the clicks drawn from the click model appended to {@code pending}. */
    private int visit(long visitSeed, long ts, int k, StringBuilder pending, int[] n) {
        SplittableRandom rng = new SplittableRandom(visitSeed);
        int user = user(rng.nextDouble(), world.userCount());
        clock.set(ts);
        JsonObject answer = JsonParser.parseString(get("recommendations?user=" + user + "&k=" + k))
                .getAsJsonObject();
        String request = answer.get("requestId").getAsString();
        String arm = answer.get("arm").getAsString();
        JsonArray items = answer.getAsJsonArray("items");
        for (int p = 0; p < items.size(); p++) {
            int item = items.get(p).getAsJsonObject().get("item").getAsInt();
            if (clicks.click(user, item, p + 1, rng)) {
                pending.append(pending.length() == 0 ? "[" : ",").append("{\"type\":\"click\",\"requestId\":\"")
                        .append(request).append("\",\"user\":").append(user).append(",\"item\":").append(item)
                        .append(",\"arm\":\"").append(arm).append("\",\"position\":").append(p + 1)
                        .append(",\"ts\":").append(ts + 1000).append('}');
                n[0]++;
            }
        }
        return items.size();
    }

    private void send(StringBuilder pending, int[] n, AtomicLong acked, AtomicLong refused) {
        if (n[0] == 0) {
            return;
        }
        int status = post(pending.append(']').toString());
        if (status == 200) {
            acked.addAndGet(n[0]);
        } else {
            refused.addAndGet(n[0]);
        }
        pending.setLength(0);
        n[0] = 0;
    }

    private String get(String path) {
        LoadClient.Response r = await(client.fetch(base.resolve(path)), "GET " + path);
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    private int post(String body) {
        return await(client.post(base.resolve("events"), "application/json", body), "POST /events").status();
    }

    private static LoadClient.Response await(java.util.concurrent.CompletableFuture<LoadClient.Response> f,
                                             String what) {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** How skewed visits are: a visit is user {@code ⌊N·u^ACTIVITY⌋} for a uniform {@code u}. */
    public static final double ACTIVITY = 1.5;

    /**
     * The user of a visit: {@code ⌊N·u^1.5⌋} for a uniform {@code u}, so that some users visit far more often than
     * others ({@link #visitShare}), and keep doing so from one period to the next, which is what makes a
     * pre-period predictive (CUPED).
     */
    static int user(double u, int users) {
        return Math.min(users - 1, (int) (users * Math.pow(u, ACTIVITY)));
    }

    /** The probability that a visit is user {@code user}'s, out of {@code users}: ((i+1)/N)^(1/1.5) − (i/N)^(1/1.5). */
    public static double visitShare(int user, int users) {
        return Math.pow((user + 1.0) / users, 1 / ACTIVITY) - Math.pow((double) user / users, 1 / ACTIVITY);
    }

    /**
     * An arm's true click-through rate for {@code k} items: the world's click probabilities of the list the arm's
     * model makes for each user, averaged over the users weighted by how often they visit ({@link #visitShare}),
     * per impression. Runs the funnel of {@code service} (one without an exploration slot or logging) in this JVM.
     */
    public static double trueCtr(RecommendationService service, World world, String arm, int k) {
        if (service == null || world == null) {
            throw new IllegalArgumentException("service and world must not be null");
        }
        ClickModel model = world.clickModel();
        double sum = 0;
        for (int u = 0; u < world.userCount(); u++) {
            Answer a = service.recommend(u, k, UserContext.NONE, arm);
            sum += visitShare(u, world.userCount()) * model.expectedClicks(u, a.ids()) / a.items().size();
        }
        return sum;
    }

    /**
     * The true click rate of a slot at 1-based {@code position} filled from {@code pool} with probabilities
     * {@code pi} (in pool order), averaged over the users weighted by how often they visit.
     */
    public static double trueSlotCtr(World world, int[] pool, double[] pi, int position) {
        if (pool.length != pi.length) {
            throw new IllegalArgumentException("pi.length must be pool.length = " + pool.length + ", got " + pi.length);
        }
        ClickModel model = world.clickModel();
        double sum = 0;
        for (int u = 0; u < world.userCount(); u++) {
            double p = 0;
            for (int a = 0; a < pool.length; a++) {
                p += pi[a] * model.clickProbability(u, pool[a], position);
            }
            sum += visitShare(u, world.userCount()) * p;
        }
        return sum;
    }
}
