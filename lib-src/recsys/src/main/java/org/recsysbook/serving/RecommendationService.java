package org.recsysbook.serving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.recsysbook.abtest.TrafficSplitter;
import org.recsysbook.core.Request;
import org.recsysbook.core.UserContext;
import org.recsysbook.core.ScoredItems;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The recommendation service without its HTTP layer: the chapter's funnel run for one request, with model
 * versions side by side (one per experiment arm, the arm chosen by the salted {@link TrafficSplitter}), stage
 * budgets that degrade an answer to a cheaper path, a cache of each user's candidates, a cold-start path, and the
 * metrics {@code /metrics} exports. {@link RecommendationServer} puts it behind HTTP; a notebook can also call
 * {@link #recommend} directly, to see what HTTP and JSON add.
 *
 * <p>Thread-safe. {@link #swap} replaces an arm's model atomically: a request reads its arm's bundle once, so
 * requests in flight finish on the old version and the next ones run on the new one.
 *
 * <p>Where the experiment loop plugs in: the event store is the {@link EventSink} given to the builder; the
 * {@link AnswerHook} given to it sees every answer computed for a request (the funnel's or the deadline's), may fill
 * an exploration slot, and logs the impressions with their propensities.
 */
public final class RecommendationService {
    /** The longest list a request may ask for. */
    public static final int MAX_K = 50;

    private final List<String> arms;
    private final AtomicReferenceArray<ModelBundle> bundles;
    private final TrafficSplitter splitter;
    private final StageBudgets budgets;
    private final Cache<CacheKey, ScoredItems> cache;
    private final EventSink events;
    private final ServingMetrics metrics;
    private final AtomicLong nextRequest = new AtomicLong();
    private final AtomicLongArray delayNanos = new AtomicLongArray(Stage.values().length);
    private final AtomicReferenceArray<long[]> windows = new AtomicReferenceArray<>(Stage.values().length); // {from, until, nanos}
    private final int maxItems;
    private final AnswerHook hook;
    private final String requestIdPrefix;

    private RecommendationService(Builder b) {
        this.arms = List.copyOf(b.bundles.keySet());
        this.bundles = new AtomicReferenceArray<>(b.bundles.values().toArray(new ModelBundle[0]));
        double[] shares = new double[arms.size()];
        java.util.Arrays.fill(shares, 1.0);
        this.splitter = arms.size() >= 2 ? new TrafficSplitter(b.salt, arms, shares) : null;
        this.budgets = b.budgets;
        this.cache = b.cacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(b.cacheSize)
                .expireAfterWrite(b.cacheTtlSeconds, TimeUnit.SECONDS).build();
        this.events = b.events;
        this.metrics = new ServingMetrics(arms);
        int max = 0;
        for (ModelBundle m : b.bundles.values()) {
            max = Math.max(max, m.itemCount());
        }
        this.maxItems = max;
        this.hook = b.hook;
        this.requestIdPrefix = b.requestIdPrefix;
    }

    /** A builder; at least one arm is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A service with one arm, {@code "control"}, serving {@code bundle}. */
    public static RecommendationService of(ModelBundle bundle) {
        return builder().arm("control", bundle).build();
    }

    /**
     * Recommends {@code k} items to {@code user}: the whole funnel, or a cheaper path if a stage overruns its
     * budget, or the cold-start list if the user's arm's model does not know them.
     *
     * @param user    the user id, ≥ 0
     * @param k       the list length, in [1, {@link #MAX_K}]
     * @param context the request's context
     * @param arm     the arm to use, or {@code null} for the traffic splitter's choice
     * @throws BadRequestException for a negative user, a k out of range, a null context or an unknown arm
     */
    public Answer recommend(int user, int k, UserContext context, String arm) {
        Answer answer = compute(user, k, context, arm);
        metrics.answered(answer, answer.totalNanos());
        return answer;
    }

    /**
     * {@link #recommend} without counting the answer as sent: the HTTP layer counts it only if it beats the
     * deadline (the stage timers and the cache count the work either way, since it was done).
     */
    Answer compute(int user, int k, UserContext context, String arm) {
        return shown(computeUnshown(user, k, context, arm));
    }

    /** An answer computed and the model version that computed it, not yet through the experiment loop's hook. */
    record Computed(Answer answer, ModelBundle bundle) {
    }

    /**
     * The funnel's answer before the hook sees it: the HTTP layer passes it to {@link #shown} only if it beats the
     * deadline, so that an answer nobody is sent logs no impressions.
     */
    Computed computeUnshown(int user, int k, UserContext context, String arm) {
        int a = armIndex(user, k, context, arm);
        ModelBundle bundle = bundles.get(a);
        String id = requestIdPrefix + nextRequest.incrementAndGet();
        metrics.enter();
        try {
            return new Computed(run(id, user, k, context, arms.get(a), bundle, true), bundle);
        } finally {
            metrics.leave();
        }
    }

    /** The answer the user is shown: {@code c}'s through the experiment loop's hook (exploration slot, impressions). */
    Answer shown(Computed c) {
        return hooked(c.answer(), c.bundle());
    }

    /** {@link #recommend} with the splitter's arm and no context. */
    public Answer recommend(int user, int k) {
        return recommend(user, k, UserContext.NONE, null);
    }

    /**
     * The answer sent when a request's deadline passes first: the arm's precomputed popularity list, flagged
     * {@link AnswerPath#DEADLINE_POPULARITY}. Costs microseconds.
     */
    public Answer deadlineFallback(int user, int k, String arm, long elapsedNanos) {
        Answer answer = fallback(user, k, arm, elapsedNanos);
        metrics.answered(answer, elapsedNanos);
        return answer;
    }

    /** {@link #deadlineFallback} without counting the answer as sent (the HTTP layer counts it once it is written). */
    Answer fallback(int user, int k, String arm, long elapsedNanos) {
        return fallback(user, k, arm, elapsedNanos, true);
    }

    /**
     * The deadline's popularity answer, not counted as sent; {@code logged} passes it through the experiment
     * loop's hook (exploration slot, impression log) as every answer a user is shown must be, and is false only
     * for the server's calibration, whose answers nobody sees.
     */
    Answer fallback(int user, int k, String arm, long elapsedNanos, boolean logged) {
        int a = armIndex(user, k, UserContext.NONE, arm);
        ModelBundle bundle = bundles.get(a);
        Answer answer = popularAnswer(requestIdPrefix + nextRequest.incrementAndGet(), user, k, arms.get(a), bundle,
                AnswerPath.DEADLINE_POPULARITY, elapsedNanos);
        return logged ? hooked(answer, bundle) : answer;
    }

    /**
     * Runs {@code requests} requests over every arm for the first users, so that the JIT compiler has compiled the
     * funnel before the service answers real traffic; then empties the cache and resets nothing else.
     */
    public void warmUp(int requests) {
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be ≥ 0, got " + requests);
        }
        for (int i = 0; i < requests; i++) {
            ModelBundle b = bundles.get(i % arms.size());
            int user = b.userCount() == 0 ? 0 : i % b.userCount();
            run("warm-up", user, 10, UserContext.NONE, arms.get(i % arms.size()), b, false);
        }
        clearCache();
    }

    /** The number of users the arms' bundles know (the largest of them), for the demo page's random user. */
    public int userCount() {
        int n = 0;
        for (int i = 0; i < bundles.length(); i++) {
            n = Math.max(n, bundles.get(i).userCount());
        }
        return n;
    }

    /** The most recent {@code limit} items of a user's history, as the bundle of their arm knows it. */
    public record History(int user, String arm, String modelVersion, boolean known, List<Answer.Item> items) {
    }

    /**
     * What the user's arm's bundle knows the user interacted with, most recent first, at most {@code limit} items
     * (the demo page shows it beside the recommendations); an unknown user has none.
     *
     * @throws BadRequestException for a user below 0, a limit outside [1, {@value #MAX_K}], or an unknown arm
     */
    public History history(int user, String arm, int limit) {
        if (limit < 1 || limit > MAX_K) {
            throw new BadRequestException("limit", limit, "an integer in [1, " + MAX_K + "]");
        }
        int a = armIndex(user, 1, UserContext.NONE, arm);
        ModelBundle bundle = bundles.get(a);
        int[] h = bundle.history(user);
        List<Answer.Item> items = new ArrayList<>(Math.min(limit, h.length));
        for (int i = 0; i < h.length && i < limit; i++) {
            items.add(new Answer.Item(i + 1, h[i], bundle.title(h[i]), bundle.genres(h[i]), Double.NaN, Double.NaN,
                    Double.NaN));
        }
        return new History(user, arms.get(a), bundle.version(), bundle.knowsUser(user), items);
    }

    /** The arm index for a request, after checking its parameters. */
    int armIndex(int user, int k, UserContext context, String arm) {
        if (user < 0) {
            throw new BadRequestException("user", user, "an integer ≥ 0");
        }
        if (k < 1 || k > MAX_K) {
            throw new BadRequestException("k", k, "an integer in [1, " + MAX_K + "]");
        }
        if (context == null) {
            throw new BadRequestException("context", "null", "a UserContext (UserContext.NONE for none)");
        }
        if (arm == null) {
            return splitter == null ? 0 : splitter.assign(user);
        }
        int a = arms.indexOf(arm);
        if (a < 0) {
            throw new BadRequestException("arm", arm, "one of " + arms);
        }
        return a;
    }

    private Answer run(String id, int user, int k, UserContext context, String arm, ModelBundle bundle,
                       boolean measured) {
        long t0 = System.nanoTime();
        if (!bundle.knowsUser(user)) {
            return popularAnswer(id, user, k, arm, bundle, AnswerPath.COLD_START, System.nanoTime() - t0);
        }
        Request request = bundle.request(user, context);
        long[] stage = new long[3];

        pause(Stage.CANDIDATE_GENERATION);
        ScoredItems candidates = null;
        CacheKey key = new CacheKey(bundle, user);
        if (cache != null) {
            candidates = cache.getIfPresent(key);
        }
        boolean hit = candidates != null;
        if (!hit) {
            candidates = bundle.retrieve(request);
            if (cache != null) {
                cache.put(key, candidates);
            }
        }
        if (cache != null && measured) {
            metrics.cache(hit);
        }
        long t1 = System.nanoTime();
        stage[0] = t1 - t0;
        if (measured) {
            metrics.stage(Stage.CANDIDATE_GENERATION, stage[0]);
        }
        if (overran(Stage.CANDIDATE_GENERATION, stage[0])) {
            return answer(id, user, arm, bundle, AnswerPath.CANDIDATE_ORDER, hit, candidates.head(k), candidates, null,
                    stage, t0);
        }

        pause(Stage.RANKING);
        ScoredItems ranked = bundle.ranker().rank(request, candidates, bundle.ranked());
        long t2 = System.nanoTime();
        stage[1] = t2 - t1;
        if (measured) {
            metrics.stage(Stage.RANKING, stage[1]);
        }
        if (overran(Stage.RANKING, stage[1])) {
            return answer(id, user, arm, bundle, AnswerPath.RANKED_ORDER, hit, ranked.head(k), candidates, ranked, stage,
                    t0);
        }

        pause(Stage.RE_RANKING);
        ScoredItems shown = bundle.reRanker().rerank(request, ranked).head(k);
        long t3 = System.nanoTime();
        stage[2] = t3 - t2;
        if (measured) {
            metrics.stage(Stage.RE_RANKING, stage[2]);
        }
        return answer(id, user, arm, bundle, AnswerPath.FULL, hit, shown, candidates, ranked, stage, t0);
    }

    /** The experiment loop's hook (exploration slot, impression logging), if one was given. */
    private Answer hooked(Answer answer, ModelBundle bundle) {
        return hook == null ? answer : hook.apply(answer, bundle);
    }

    private boolean overran(Stage stage, long nanos) {
        return nanos > budgets.millis(stage) * 1e6;
    }

    private Answer answer(String id, int user, String arm, ModelBundle bundle, AnswerPath path, boolean hit,
                          ScoredItems shown, ScoredItems candidates, ScoredItems ranked, long[] stage, long t0) {
        List<Answer.Item> items = new ArrayList<>(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            int item = shown.id(i);
            int c = candidates.indexOf(item);
            int r = ranked == null ? -1 : ranked.indexOf(item);
            items.add(new Answer.Item(i + 1, item, bundle.title(item), bundle.genres(item),
                    c >= 0 ? candidates.score(c) : Double.NaN, r >= 0 ? ranked.score(r) : Double.NaN,
                    shown.score(i)));
        }
        return new Answer(id, user, arm, bundle.version(), path, hit, items, stage, System.nanoTime() - t0);
    }

    private Answer popularAnswer(String id, int user, int k, String arm, ModelBundle bundle, AnswerPath path,
                                 long nanos) {
        ScoredItems top = bundle.knowsUser(user) ? bundle.popular(user, k) : bundle.popular(k);
        List<Answer.Item> items = new ArrayList<>(top.size());
        for (int i = 0; i < top.size(); i++) {
            int item = top.id(i);
            items.add(new Answer.Item(i + 1, item, bundle.title(item), bundle.genres(item), Double.NaN, Double.NaN,
                    top.score(i)));
        }
        return new Answer(id, user, arm, bundle.version(), path, false, items, new long[3], nanos);
    }

    private void pause(Stage stage) {
        long d = delayNanos.get(stage.ordinal());
        long[] w = windows.get(stage.ordinal());
        if (w != null) {
            long now = System.nanoTime();
            if (now - w[0] >= 0 && now - w[1] < 0) {
                d = Math.max(d, w[2]);
            }
        }
        if (d > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Records a batch of events in the sink, after checking that each names a known arm and item; returns once
     * they are recorded.
     *
     * @throws BadRequestException if an event names an unknown arm or an item outside every model's catalog
     */
    public void record(List<Event> batch) {
        for (int i = 0; i < batch.size(); i++) {
            Event e = batch.get(i);
            if (!arms.contains(e.arm())) {
                throw new BadRequestException("events[" + i + "].arm", e.arm(), "one of " + arms);
            }
            if (e.item() >= maxItems) {
                throw new BadRequestException("events[" + i + "].item", e.item(),
                        "an item id in [0, " + (maxItems - 1) + "]");
            }
        }
        events.record(batch);
        metrics.events(batch);
    }

    /**
     * Makes one stage slower by {@code millis} on every request from now on (0 restores it): to show what the
     * budgets and the deadline do when a stage overruns, in a notebook or a test.
     */
    public void slowDown(Stage stage, double millis) {
        if (stage == null) {
            throw new IllegalArgumentException("stage must not be null");
        }
        if (!(millis >= 0) || Double.isInfinite(millis)) {
            throw new IllegalArgumentException("millis must be a finite number ≥ 0, got " + millis);
        }
        delayNanos.set(stage.ordinal(), (long) (millis * 1e6));
    }

    /**
     * Makes one stage slower by {@code millis} for the requests that reach it between {@code fromNanoTime} and
     * {@code untilNanoTime} ({@link System#nanoTime()} values): a pause in the middle of a load run, on the clock
     * rather than on a thread's sleep, so that it falls where it is meant to however busy the machine is.
     */
    public void slowDownDuring(Stage stage, double millis, long fromNanoTime, long untilNanoTime) {
        if (stage == null) {
            throw new IllegalArgumentException("stage must not be null");
        }
        if (!(millis >= 0) || Double.isInfinite(millis)) {
            throw new IllegalArgumentException("millis must be a finite number ≥ 0, got " + millis);
        }
        if (untilNanoTime - fromNanoTime <= 0) {
            throw new IllegalArgumentException("untilNanoTime must be after fromNanoTime, got " + fromNanoTime
                    + " and " + untilNanoTime);
        }
        windows.set(stage.ordinal(), new long[] {fromNanoTime, untilNanoTime, (long) (millis * 1e6)});
    }

    /**
     * Puts {@code next} in place of {@code arm}'s model, atomically; returns the model it replaces.
     *
     * @throws IllegalArgumentException for an unknown arm or a null bundle
     */
    public ModelBundle swap(String arm, ModelBundle next) {
        int a = arms.indexOf(arm);
        if (a < 0) {
            throw new IllegalArgumentException("arm must be one of " + arms + ", got " + arm);
        }
        if (next == null) {
            throw new IllegalArgumentException("next must not be null");
        }
        if (next.itemCount() > maxItems) {
            throw new IllegalArgumentException("next.itemCount() must be ≤ " + maxItems
                    + " (the catalog events are checked against), got " + next.itemCount());
        }
        return bundles.getAndSet(a, next);
    }

    /** The arms, in the order they were added. */
    public List<String> arms() {
        return arms;
    }

    /** The model an arm serves now. */
    public ModelBundle model(String arm) {
        int a = arms.indexOf(arm);
        if (a < 0) {
            throw new IllegalArgumentException("arm must be one of " + arms + ", got " + arm);
        }
        return bundles.get(a);
    }

    /** Each arm's model version now, by arm. */
    public Map<String, String> versions() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < arms.size(); i++) {
            m.put(arms.get(i), bundles.get(i).version());
        }
        return m;
    }

    public StageBudgets budgets() {
        return budgets;
    }

    public EventSink events() {
        return events;
    }

    public ServingMetrics metrics() {
        return metrics;
    }

    /** Empties the candidate cache. */
    public void clearCache() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    /** A cache key: one user under one model (a bundle is equal only to itself, so a swap starts afresh). */
    private record CacheKey(ModelBundle bundle, int user) {
    }

    /** Builds a {@link RecommendationService}. */
    public static final class Builder {
        private final Map<String, ModelBundle> bundles = new LinkedHashMap<>();
        private String salt = "serving";
        private StageBudgets budgets = StageBudgets.of(100);
        private long cacheSize = 10_000;
        private long cacheTtlSeconds = 300;
        private EventSink events = new InMemoryEventSink();
        private AnswerHook hook;
        private String requestIdPrefix = "r";

        private Builder() {
        }

        /**
         * The experiment loop's hook, applied to every answer computed for a request (not to warm-up runs): an
         * exploration slot and impression logging (default: none).
         */
        public Builder answerHook(AnswerHook newHook) {
            if (newHook == null) {
                throw new IllegalArgumentException("answerHook must not be null");
            }
            this.hook = newHook;
            return this;
        }

        /**
         * What request ids start with (default {@code "r"}), followed by a counter from 1: a service that logs to a
         * store kept across restarts gives each start its own prefix, so that ids stay unique in the store.
         */
        public Builder requestIdPrefix(String prefix) {
            if (prefix == null || !prefix.matches("[A-Za-z0-9_-]{1,24}")) {
                throw new IllegalArgumentException("requestIdPrefix must be 1 to 24 letters, digits, '_' or '-', got "
                        + (prefix == null ? "null" : "\"" + prefix + "\""));
            }
            this.requestIdPrefix = prefix;
            return this;
        }

        /** Adds an arm serving {@code bundle}; arms share traffic equally. */
        public Builder arm(String name, ModelBundle bundle) {
            if (name == null || !name.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("arm name must be 1 to 32 letters, digits, '_' or '-', got "
                        + (name == null ? "null" : "\"" + name + "\""));
            }
            if (bundles.containsKey(name)) {
                throw new IllegalArgumentException("arm name must be new, got \"" + name + "\" twice");
            }
            if (bundle == null) {
                throw new IllegalArgumentException("bundle must not be null");
            }
            bundles.put(name, bundle);
            return this;
        }

        /** The traffic splitter's salt (default {@code "serving"}). */
        public Builder salt(String newSalt) {
            if (newSalt == null || newSalt.isEmpty()) {
                throw new IllegalArgumentException("salt must be a non-empty string, got "
                        + (newSalt == null ? "null" : "\"\""));
            }
            this.salt = newSalt;
            return this;
        }

        /** The deadline and stage budgets (default: 100 ms split 60/25/15). */
        public Builder budgets(StageBudgets newBudgets) {
            if (newBudgets == null) {
                throw new IllegalArgumentException("budgets must not be null");
            }
            this.budgets = newBudgets;
            return this;
        }

        /** How many users' candidate lists the cache keeps, ≥ 0 (0: no cache; default 10 000). */
        public Builder cacheSize(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("cacheSize must be ≥ 0, got " + size);
            }
            this.cacheSize = size;
            return this;
        }

        /** How long a cached candidate list lives, in seconds, ≥ 1 (default 300). */
        public Builder cacheTtlSeconds(long seconds) {
            if (seconds < 1) {
                throw new IllegalArgumentException("cacheTtlSeconds must be ≥ 1, got " + seconds);
            }
            this.cacheTtlSeconds = seconds;
            return this;
        }

        /** Where events go (default: a new {@link InMemoryEventSink}). */
        public Builder events(EventSink sink) {
            if (sink == null) {
                throw new IllegalArgumentException("events must not be null");
            }
            this.events = sink;
            return this;
        }

        public RecommendationService build() {
            if (bundles.isEmpty()) {
                throw new IllegalArgumentException("a service needs at least one arm; call arm(name, bundle)");
            }
            return new RecommendationService(this);
        }
    }
}
