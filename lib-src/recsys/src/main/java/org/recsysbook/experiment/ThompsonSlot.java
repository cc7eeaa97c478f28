package org.recsysbook.experiment;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

import org.recsysbook.abtest.TrafficSplitter;
import org.recsysbook.bandit.BetaSampler;
import org.recsysbook.bandit.StochasticPolicy;

/**
 * One slot of every slate filled by Thompson sampling over a pool of items, inside the service: the chapter's
 * bandit section on the serving path, with each shown item's propensity logged for off-policy evaluation.
 *
 * <p>Each pool item has a Beta(1 + clicks, 1 + shows − clicks) posterior over its click rate in the slot. A shown
 * item counts as a failure until its click arrives (delayed feedback). Thompson sampling draws one value per item
 * and shows the largest; the probability it shows item a, π(a), has no closed form, so the policy computes it by
 * Monte Carlo ({@code draws} joint draws) every {@code refreshEvery} updates and then serves by drawing from π
 * itself, mixed with a uniform share {@code epsilon}: the served distribution is exactly the logged propensity,
 * and every item keeps a propensity ≥ ε/K, which the off-policy estimators need.
 *
 * <p>Thread-safe: the counts are atomic, π is swapped whole, a refresh runs under a lock that request threads only
 * try (a request never waits for it). A served item's random draw comes from a generator seeded by the policy's
 * seed and the request id, so a replay of the same requests shows the same items. After a restart the counts
 * are rebuilt from the store ({@link #replay}).
 *
 * <p>{@link #serve(StochasticPolicy)} replaces Thompson sampling by a fixed policy (the one an off-policy
 * estimate judged), so that its true click rate can be measured on the same slot.
 */
public final class ThompsonSlot {
    private final int[] pool;
    private final int position;
    private final long seed;
    private final double epsilon;
    private final int draws;
    private final int refreshEvery;
    private final AtomicLongArray shows;
    private final AtomicLongArray clicks;
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile double[] probabilities;
    private volatile StochasticPolicy fixed;

    /** What the slot shows for one request. */
    public record Choice(int index, int item, double propensity) {
    }

    /**
     * @param pool         the candidate items, distinct ids ≥ 0, at least 2
     * @param position     the 1-based slot, ≥ 1
     * @param epsilon      the uniform share mixed into π, in [0, 1)
     * @param draws        Monte Carlo draws per refresh of π, ≥ 100
     * @param refreshEvery updates (shows and clicks) between refreshes, ≥ 1
     * @param seed         the random seed
     */
    public ThompsonSlot(int[] pool, int position, double epsilon, int draws, int refreshEvery, long seed) {
        if (pool == null || pool.length < 2) {
            throw new IllegalArgumentException("pool must hold at least 2 items, got "
                    + (pool == null ? "null" : pool.length));
        }
        if (Arrays.stream(pool).distinct().count() != pool.length || Arrays.stream(pool).anyMatch(i -> i < 0)) {
            throw new IllegalArgumentException("pool must hold distinct item ids ≥ 0, got " + Arrays.toString(pool));
        }
        if (position < 1) {
            throw new IllegalArgumentException("position must be ≥ 1, got " + position);
        }
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new IllegalArgumentException("epsilon must be in [0, 1), got " + epsilon);
        }
        if (draws < 100) {
            throw new IllegalArgumentException("draws must be ≥ 100, got " + draws);
        }
        if (refreshEvery < 1) {
            throw new IllegalArgumentException("refreshEvery must be ≥ 1, got " + refreshEvery);
        }
        this.pool = pool.clone();
        this.position = position;
        this.epsilon = epsilon;
        this.draws = draws;
        this.refreshEvery = refreshEvery;
        this.seed = seed;
        this.shows = new AtomicLongArray(pool.length);
        this.clicks = new AtomicLongArray(pool.length);
        refresh();
    }

    /** A slot at {@code position} over {@code pool}, ε = 0.05, 2,000 draws, π refreshed every 50 updates. */
    public static ThompsonSlot of(int[] pool, int position, long seed) {
        return new ThompsonSlot(pool, position, 0.05, 2000, 50, seed);
    }

    /** Chooses the item for one request and counts it as shown. */
    public Choice choose(String requestId) {
        StochasticPolicy f = fixed;
        double[] p;
        if (f != null) {
            p = new double[pool.length];
            f.probabilities(CONTEXT, p);
        } else {
            p = probabilities;
        }
        double u = new SplittableRandom(seed ^ TrafficSplitter.fnv1a64(requestId)).nextDouble();
        int a = 0;
        double c = p[0];
        while (u >= c && a < p.length - 1) {
            c += p[++a];
        }
        while (p[a] <= 0) {
            a = (a + 1) % p.length;
        }
        shown(a);
        return new Choice(a, pool[a], p[a]);
    }

    /** Counts a show of pool item {@code index} (also used when replaying the store). */
    public void shown(int index) {
        shows.incrementAndGet(checkIndex(index));
        updated();
    }

    /** Counts a click on pool item {@code index} shown in the slot. */
    public void clicked(int index) {
        clicks.incrementAndGet(checkIndex(index));
        updated();
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= pool.length) {
            throw new IllegalArgumentException("index must be in [0, " + (pool.length - 1) + "], got " + index);
        }
        return index;
    }

    private void updated() {
        if (updates.incrementAndGet() % refreshEvery == 0 && refreshing.tryLock()) {
            try {
                refresh();
            } finally {
                refreshing.unlock();
            }
        }
    }

    /** Recomputes π from the current posteriors: the share of {@code draws} joint draws each item wins. */
    private void refresh() {
        int k = pool.length;
        SplittableRandom rng = new SplittableRandom(seed * 31 + refreshes.getAndIncrement());
        double[] a = new double[k];
        double[] b = new double[k];
        for (int i = 0; i < k; i++) {
            long s = shows.get(i);
            long c = Math.min(clicks.get(i), s);
            a[i] = 1 + c;
            b[i] = 1 + s - c;
        }
        long[] wins = new long[k];
        for (int d = 0; d < draws; d++) {
            int best = 0;
            double top = -1;
            for (int i = 0; i < k; i++) {
                double x = BetaSampler.beta(rng, a[i], b[i]);
                if (x > top) {
                    top = x;
                    best = i;
                }
            }
            wins[best]++;
        }
        double[] p = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = (1 - epsilon) * wins[i] / draws + epsilon / k;
        }
        probabilities = p;
    }

    /**
     * Rebuilds the counts from the store's explored impressions of this slot and their clicks (after a restart).
     *
     * @return the number of explored impressions replayed
     */
    public long replay(Connection c) {
        String sql = "SELECT i.item_id, count(*) AS shows, count(k.request_id) AS clicks FROM impressions i "
                + "LEFT JOIN clicks k USING (request_id, item_id) WHERE i.explored AND i.position = " + position
                + " GROUP BY i.item_id";
        long n = 0;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                int index = indexOf(r.getInt(1));
                if (index >= 0) {
                    shows.addAndGet(index, r.getLong(2));
                    clicks.addAndGet(index, r.getLong(3));
                    n += r.getLong(2);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot replay the exploration slot from the store: " + e.getMessage(), e);
        }
        refresh();
        return n;
    }

    /** Serves {@code policy} (over the pool, in pool order) in the slot instead of Thompson sampling; null: back. */
    public void serve(StochasticPolicy policy) {
        if (policy != null && policy.arms() != pool.length) {
            throw new IllegalArgumentException("policy.arms() must be the pool size " + pool.length + ", got "
                    + policy.arms());
        }
        this.fixed = policy;
    }

    /** The pool index of {@code item}, or −1. */
    public int indexOf(int item) {
        for (int i = 0; i < pool.length; i++) {
            if (pool[i] == item) {
                return i;
            }
        }
        return -1;
    }

    /** The single context of this context-free slot, for the off-policy estimators. */
    public static final double[] CONTEXT = {1.0};

    public int position() {
        return position;
    }

    public int[] pool() {
        return pool.clone();
    }

    /** π now, in pool order. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** Shows counted per pool item. */
    public long[] shows() {
        long[] s = new long[pool.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = shows.get(i);
        }
        return s;
    }

    /** Clicks counted per pool item. */
    public long[] clicks() {
        long[] s = new long[pool.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = clicks.get(i);
        }
        return s;
    }
}
