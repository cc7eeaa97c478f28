package org.recsysbook.serving;

import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * What one load run measured: how many requests were sent, answered, shed and failed, and the latency of the
 * answered and of the shed ones, in HdrHistograms of microseconds. In an open-loop run a latency is measured from
 * the moment the request was due to be sent, so a generator that falls behind shows up in the figures instead of
 * hiding them (no coordinated omission).
 */
public final class LoadResult {
    private final String mode;
    private final double offeredRate;
    private final int users;
    private final double seconds;
    private final long sent;
    private final long ok;
    private final long shed;
    private final long errors;
    private final long lost;
    private final Histogram okMicros;
    private final Histogram shedMicros;
    private final double meanInFlight;
    private final Histogram lateMicros;
    private final Histogram shedOnTimeMicros;
    private long userCpuNanos;

    LoadResult(String mode, double offeredRate, int users, double seconds, long sent, long ok, long shed, long errors,
               long lost, Histogram okMicros, Histogram shedMicros, double meanInFlight, Histogram lateMicros,
               Histogram shedOnTimeMicros) {
        this.lateMicros = lateMicros;
        this.shedOnTimeMicros = shedOnTimeMicros;
        this.mode = mode;
        this.offeredRate = offeredRate;
        this.users = users;
        this.seconds = seconds;
        this.sent = sent;
        this.ok = ok;
        this.shed = shed;
        this.errors = errors;
        this.lost = lost;
        this.okMicros = okMicros;
        this.shedMicros = shedMicros;
        this.meanInFlight = meanInFlight;
    }

    /** {@code "open"} or {@code "closed"}. */
    public String mode() {
        return mode;
    }

    /** The arrival rate an open-loop run offered, requests per second (NaN for a closed loop). */
    public double offeredRate() {
        return offeredRate;
    }

    /** The concurrent users of a closed-loop run (0 for an open loop). */
    public int users() {
        return users;
    }

    /** How long requests were sent for, in seconds. */
    public double seconds() {
        return seconds;
    }

    public long sent() {
        return sent;
    }

    /** Requests answered with 2xx. */
    public long ok() {
        return ok;
    }

    /** Requests refused with 503. */
    public long shed() {
        return shed;
    }

    /** Requests answered with another status, or that failed. */
    public long errors() {
        return errors;
    }

    /** Requests still unanswered when the run gave up waiting. */
    public long lost() {
        return lost;
    }

    /** Answered requests per second. */
    public double throughput() {
        return ok / seconds;
    }

    /** The share of requests shed. */
    public double shedRate() {
        return sent == 0 ? 0 : (double) shed / sent;
    }

    /** The answered requests' latency at percentile {@code p} (in [0, 100]), in milliseconds. */
    public double millis(double p) {
        return percentile(okMicros, p);
    }

    public double p50() {
        return millis(50);
    }

    public double p99() {
        return millis(99);
    }

    public double p999() {
        return millis(99.9);
    }

    /** The slowest answered request, in milliseconds. */
    public double maxMillis() {
        return okMicros.getTotalCount() == 0 ? Double.NaN : okMicros.getMaxValue() / 1000.0;
    }

    /** The share of answered requests slower than {@code millis} milliseconds. */
    public double shareSlowerThan(double millis) {
        if (!(millis >= 0) || Double.isInfinite(millis)) {
            throw new IllegalArgumentException("millis must be a finite number ≥ 0, got " + millis);
        }
        long n = okMicros.getTotalCount();
        if (n == 0) {
            return Double.NaN;
        }
        long within = okMicros.getCountBetweenValues(0, (long) (millis * 1000));
        return (double) (n - within) / n;
    }

    /** The answered requests' mean latency, in milliseconds. */
    public double meanMillis() {
        return okMicros.getTotalCount() == 0 ? Double.NaN : okMicros.getMean() / 1000.0;
    }

    /** The shed requests' latency at percentile {@code p}, in milliseconds (NaN if none was shed). */
    public double shedMillis(double p) {
        return percentile(shedMicros, p);
    }

    /** The slowest shed request, in milliseconds (NaN if none). */
    public double shedMaxMillis() {
        return shedMicros.getTotalCount() == 0 ? Double.NaN : shedMicros.getMaxValue() / 1000.0;
    }

    /** Sets {@link #userCpuNanos} (the closed loop's users, read as each ends); returns this result. */
    LoadResult withUserCpu(long nanos) {
        userCpuNanos = nanos;
        return this;
    }

    /**
     * The CPU time (ns) a closed loop's user threads spent, each read by the thread as it ended (an ended thread's
     * clock can no longer be read, so a profile of the process taken after the run would miss it); 0 for an open
     * loop, whose requests the calling thread sends.
     */
    public long userCpuNanos() {
        return userCpuNanos;
    }

    /**
     * The shed requests that the generator sent on time (at most {@link LoadGenerator#ON_TIME_MILLIS} after they were
     * due), their latency from send to 503 at percentile {@code p}, in milliseconds (NaN if none; NaN for a closed
     * loop). What the service takes to refuse a request, without the generator's own delays;
     * {@link #shedMillis} (from when each was due) is printed beside it, so that a generator which fell behind, and
     * the requests this figure leaves out, stay visible.
     */
    public double shedOnTimeMillis(double p) {
        return shedOnTimeMicros == null ? Double.NaN : percentile(shedOnTimeMicros, p);
    }

    /** The slowest of {@link #shedOnTimeMillis}' requests, in milliseconds (NaN if none). */
    public double shedOnTimeMaxMillis() {
        return shedOnTimeMicros == null || shedOnTimeMicros.getTotalCount() == 0 ? Double.NaN
                : shedOnTimeMicros.getMaxValue() / 1000.0;
    }

    /** How many of {@link #shedOnTimeMillis}' requests took longer than {@code millis} milliseconds. */
    public long shedOnTimeSlowerThan(double millis) {
        if (!(millis >= 0) || Double.isInfinite(millis)) {
            throw new IllegalArgumentException("millis must be a finite number ≥ 0, got " + millis);
        }
        return shedOnTimeMicros == null ? 0 : shedOnTimeMicros.getTotalCount()
                - shedOnTimeMicros.getCountBetweenValues(0, (long) (millis * 1000));
    }

    /** How many shed requests were sent on time ({@link #shedOnTimeMillis}; 0 for a closed loop). */
    public long shedOnTime() {
        return shedOnTimeMicros == null ? 0 : shedOnTimeMicros.getTotalCount();
    }

    /**
     * How late the generator itself sent its requests, at percentile {@code p}, in milliseconds: from when each was
     * due to when the generator's thread got to send it (an open loop; NaN for a closed loop). Part of every
     * latency of the run, and the part the service has no say in.
     */
    public double sendLateMillis(double p) {
        return lateMicros == null ? Double.NaN : percentile(lateMicros, p);
    }

    /** The latest send of an open-loop run, in milliseconds (NaN for a closed loop). */
    public double sendLateMaxMillis() {
        return lateMicros == null || lateMicros.getTotalCount() == 0 ? Double.NaN : lateMicros.getMaxValue() / 1000.0;
    }

    /**
     * The mean number of requests in the system, measured on its own: in an open loop, the time average of the
     * requests in flight, counted at every send and answer; in a closed loop, the number of users. Little's law says
     * it equals
     * {@link #throughput()} × mean latency (all requests, answered and shed).
     */
    public double meanInFlight() {
        return meanInFlight;
    }

    /** Little's law's right-hand side, λ·W: completed requests per second times their mean latency in seconds. */
    public double littleLambdaW() {
        Histogram all = okMicros.copy();
        all.add(shedMicros);
        double completed = all.getTotalCount();
        return completed == 0 ? 0 : completed / seconds * all.getMean() / 1e6;
    }

    /** A copy of the answered requests' latency histogram (microseconds). */
    public Histogram histogram() {
        return okMicros.copy();
    }

    private static double percentile(Histogram h, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("p must be in [0, 100], got " + p);
        }
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
    }

    @Override
    public String toString() {
        String load = mode.equals("open") ? String.format(Locale.ROOT, "open loop at %.0f/s", offeredRate)
                : "closed loop, " + users + " users";
        return String.format(Locale.ROOT, "LoadResult[%s, %.1f s: %d sent, %d ok (%.0f/s), %d shed, %d errors, "
                        + "%d lost; p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms]", load, seconds, sent, ok, throughput(),
                shed, errors, lost, p50(), p99(), p999());
    }
}
