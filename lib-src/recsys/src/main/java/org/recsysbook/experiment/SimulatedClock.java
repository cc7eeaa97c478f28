package org.recsysbook.experiment;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A clock the traffic simulator moves: it plays days of traffic in seconds, and the service stamps its impressions
 * with this clock's time, so that the store holds days (for the per-day sample-ratio check and the pre-period).
 */
public final class SimulatedClock implements LongSupplier {
    /** One day, in milliseconds. */
    public static final long DAY_MILLIS = 86_400_000L;

    private final AtomicLong now;
    private final long start;

    /** A clock at {@code startMillis} (milliseconds since the epoch, ≥ 0). */
    public SimulatedClock(long startMillis) {
        if (startMillis < 0) {
            throw new IllegalArgumentException("startMillis must be ≥ 0, got " + startMillis);
        }
        this.now = new AtomicLong(startMillis);
        this.start = startMillis;
    }

    /**
     * The time the clock was made at. The traffic simulator seeds its visits by their offset from it, so that the
     * same seed plays the same traffic whatever day the clock started on.
     */
    public long start() {
        return start;
    }

    /** Sets the time, in milliseconds since the epoch (≥ 0). */
    public void set(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("millis must be ≥ 0, got " + millis);
        }
        now.set(millis);
    }

    @Override
    public long getAsLong() {
        return now.get();
    }
}
