package org.recsysbook.experiment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.recsysbook.core.Seeds;
import org.recsysbook.serving.Answer;
import org.recsysbook.serving.AnswerHook;
import org.recsysbook.serving.BadRequestException;
import org.recsysbook.serving.Event;
import org.recsysbook.serving.EventSink;
import org.recsysbook.serving.ModelBundle;
import org.recsysbook.serving.RecommendationService;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The experiment loop inside the service: it logs every answer's impressions (with their propensities) to the
 * {@link EventStore} on the request path without waiting for the database, fills one slot of each slate from an
 * optional {@link ThompsonSlot}, and stands between {@code POST /events} and the store, where it checks each click
 * against what was served and feeds the slot's clicks back to the bandit.
 *
 * <p>Wiring: give it to the service builder twice, as {@code answerHook(loop)} and {@code events(loop)}.
 *
 * <p>A click must name a request the service answered and an item of that answer: otherwise it is refused (400,
 * naming the field). Recent answers are remembered in memory (a bounded cache, so a click that arrives before its
 * impressions are committed is still known); older ones are looked up in the store. A click is fed to the bandit
 * only the first time it is seen, so a retried click neither counts twice in the store nor in the posterior.
 *
 * <p>{@link #breakLogging} simulates a broken logging path: a client release, installed by a share of one arm's
 * users, loses the impressions of every answer they get on the way to the store, the fault the sample-ratio check
 * exists to find.
 */
public final class ExperimentLoop implements AnswerHook, EventSink {
    private final EventStore store;
    private final LongSupplier clock;
    private final Cache<String, Served> served;
    private volatile ThompsonSlot slot;
    private volatile boolean logging = true;
    private volatile String brokenArm;
    private volatile double brokenShare;

    private record Served(int user, String arm, int[] items, int slotIndex, int slotItem, AtomicBoolean slotClicked) {
    }

    /**
     * @param store where the events go
     * @param clock the time impressions are stamped with, in milliseconds since the epoch ({@code System::currentTimeMillis}
     *              in production; a simulated clock when a simulator plays days in seconds)
     */
    public ExperimentLoop(EventStore store, LongSupplier clock) {
        if (store == null) {
            throw new IllegalArgumentException("store must not be null");
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null; use System::currentTimeMillis");
        }
        this.store = store;
        this.clock = clock;
        this.served = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterWrite(1, TimeUnit.HOURS).build();
    }

    /**
     * A service over {@code builder}'s arms wired to this loop (hook, event sink, request ids prefixed with the
     * store's boot number so they stay unique across restarts), the store told each arm's model version.
     */
    public RecommendationService wire(RecommendationService.Builder builder) {
        if (builder == null) {
            throw new IllegalArgumentException("builder must not be null");
        }
        RecommendationService service = builder.answerHook(this).events(this)
                .requestIdPrefix("b" + store.boot() + "-").build();
        store.versions(arm -> service.versions().getOrDefault(arm, "unknown"));
        return service;
    }

    /** Puts {@code newSlot} in the slates from now on (null: no exploration slot). */
    public ExperimentLoop exploration(ThompsonSlot newSlot) {
        this.slot = newSlot;
        return this;
    }

    public ThompsonSlot exploration() {
        return slot;
    }

    /** Turns impression logging on or off (to measure what it costs the request path). */
    public void logging(boolean on) {
        this.logging = on;
    }

    /**
     * From now on drops the impressions of every answer to a share of {@code arm}'s users, as a faulty client
     * release those users installed would; {@code share} 0 repairs it. The users are chosen by a salted hash of the
     * user, not of the request: request ids are numbered as requests arrive, so with several client threads a
     * request-keyed fault lost different visits on every run, and the sample-ratio figures of the broken day moved
     * with the threads' timing.
     */
    public void breakLogging(String arm, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in [0, 1], got " + share);
        }
        this.brokenArm = arm;
        this.brokenShare = share;
    }

    // ---- the serving path --------------------------------------------------------------------------------------

    @Override
    public Answer apply(Answer answer, ModelBundle bundle) {
        ThompsonSlot s = slot;
        List<Answer.Item> items = answer.items();
        ThompsonSlot.Choice choice = null;
        if (s != null && items.size() >= s.position()) {
            choice = s.choose(answer.requestId());
            items = withSlot(items, s.position(), choice.item(), bundle);
            answer = new Answer(answer.requestId(), answer.user(), answer.arm(), answer.modelVersion(), answer.path(),
                    answer.cacheHit(), items, answer.stageNanos(), answer.totalNanos());
        }
        int[] ids = new int[items.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items.get(i).item();
        }
        served.put(answer.requestId(), new Served(answer.user(), answer.arm(), ids,
                choice == null ? -1 : choice.index(), choice == null ? -1 : choice.item(), new AtomicBoolean()));
        if (logging && !dropped(answer)) {
            long now = clock.getAsLong();
            List<EventStore.Row> rows = new ArrayList<>(ids.length);
            for (int i = 0; i < ids.length; i++) {
                boolean explored = choice != null && i + 1 == s.position();
                rows.add(new EventStore.Row(new Event(Event.Type.IMPRESSION, answer.requestId(), answer.user(), ids[i],
                        answer.arm(), i + 1, explored ? choice.propensity() : 1.0, now), answer.modelVersion(),
                        explored));
            }
            store.log(rows);
        }
        return answer;
    }

    /** The list with {@code item} at {@code position}; if it was already further down, the two trade places. */
    private static List<Answer.Item> withSlot(List<Answer.Item> items, int position, int item, ModelBundle bundle) {
        List<Answer.Item> out = new ArrayList<>(items);
        int at = position - 1;
        Answer.Item old = out.get(at);
        if (old.item() == item) {
            return out;
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).item() == item) {
                Answer.Item moved = out.get(i);
                out.set(i, rank(old, i + 1));
                out.set(at, rank(moved, position));
                return out;
            }
        }
        out.set(at, new Answer.Item(position, item, bundle.title(item), bundle.genres(item), Double.NaN, Double.NaN,
                Double.NaN));
        return out;
    }

    private static Answer.Item rank(Answer.Item i, int rank) {
        return new Answer.Item(rank, i.item(), i.title(), i.genres(), i.candidateScore(), i.rankingScore(),
                i.finalScore());
    }

    private boolean dropped(Answer answer) {
        String arm = brokenArm;
        double share = brokenShare;
        if (arm == null || share <= 0 || !arm.equals(answer.arm())) {
            return false;
        }
        return brokenClient(answer.user()) < share;
    }

    /** Salt of the users' hash in {@link #brokenClient}, so that it is unrelated to the arm's assignment. */
    private static final long BROKEN_CLIENT_SALT = 0x6272_6f6b_656e_4c4fL;

    /** A uniform number in [0, 1) per user: the users below a fault's share have the broken client release. */
    static double brokenClient(int user) {
        return (Seeds.fmix64(user ^ BROKEN_CLIENT_SALT) >>> 11) * 0x1.0p-53;
    }

    // ---- POST /events ------------------------------------------------------------------------------------------

    /**
     * Checks every click against the answers served, records the batch (returning once it is committed) and feeds
     * the exploration slot's clicks to its bandit.
     *
     * @throws BadRequestException   for a click on an unknown request, or on an item that request did not show
     * @throws IllegalStateException if the store cannot write
     */
    @Override
    public void record(List<Event> batch) {
        if (batch == null) {
            throw new IllegalArgumentException("batch must not be null");
        }
        Served[] of = new Served[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Event e = batch.get(i);
            if (e.type() != Event.Type.CLICK) {
                continue;
            }
            Served s = served.getIfPresent(e.requestId());
            if (s == null) {
                if (!storedImpression(e.requestId(), e.item())) {
                    throw new BadRequestException("events[" + i + "].requestId", e.requestId(),
                            "the id of a request the service answered with item " + e.item());
                }
                continue;
            }
            if (!contains(s.items(), e.item())) {
                throw new BadRequestException("events[" + i + "].item", e.item(),
                        "an item of request " + e.requestId() + "'s answer");
            }
            of[i] = s;
        }
        store.record(batch);
        ThompsonSlot t = slot;
        for (int i = 0; i < of.length; i++) {
            Served s = of[i];
            if (t != null && s != null && s.slotItem() == batch.get(i).item() && s.slotClicked().compareAndSet(false, true)) {
                t.clicked(s.slotIndex());
            }
        }
    }

    private boolean storedImpression(String requestId, int item) {
        try (Connection c = store.connection();
             PreparedStatement p = c.prepareStatement(
                     "SELECT 1 FROM impressions WHERE request_id = ? AND item_id = ? LIMIT 1")) {
            p.setString(1, requestId);
            p.setInt(2, item);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the click against the store: " + e.getMessage(), e);
        }
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long count() {
        return store.count();
    }

    @Override
    public long count(Event.Type type) {
        return store.count(type);
    }

    @Override
    public String status() {
        return store.status();
    }

    public EventStore store() {
        return store;
    }
}
