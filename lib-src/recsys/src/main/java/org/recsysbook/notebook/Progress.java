package org.recsysbook.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import org.recsysbook.display.Display;

import java.lang.ref.WeakReference;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A live progress bar below the running cell, for long work such as index builds, training and simulations.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("Simulating users", users)) {
 *     for (int u = 0; u < users; u++) {
 *         simulate(u);
 *         p.step();
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #start} shows the bar; {@link #step()} and {@link #advance(long)} count work done and may be called
 * from several threads at once; {@link #done()} (or {@code close()}) shows the final state. The bar is redrawn
 * through {@link Display#updateShown} by the first step after each {@value #INTERVAL_MILLIS} ms tick of a shared
 * daemon timer, so a step costs a {@link LongAdder} increment and one volatile read, and no clock is read in the
 * loop. Each output carries an HTML {@code <progress>} bar and a {@code text/plain} line such as
 * {@code "Simulating users: 45% (450/1000) 1.2 s"}. Outside a kernel the outputs go to the
 * {@link org.recsysbook.display.RecordingSink}. A count above {@code total} is shown as it is, with the bar at
 * 100%.
 */
public final class Progress implements AutoCloseable {
    /** The shortest time between two redraws of a bar, in milliseconds. */
    public static final long INTERVAL_MILLIS = 100;

    private final String label;
    private final long total;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final LongAdder count = new LongAdder();
    private final ReentrantLock drawing = new ReentrantLock();
    private final Runnable stopTicks;
    private final String displayId;
    private volatile boolean due;
    private volatile boolean done;

    /**
     * @param nanoClock the clock the elapsed time is read from
     * @param ticks     given the action that marks a redraw as due, starts calling it every interval and returns
     *                  the action that stops the calls
     */
    Progress(String label, long total, LongSupplier nanoClock, Function<Runnable, Runnable> ticks) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must be a non-blank text, got "
                    + (label == null ? "null" : "\"" + label + "\""));
        }
        if (total < 0) {
            throw new IllegalArgumentException("total must be ≥ 0, got " + total);
        }
        this.label = label;
        this.total = total;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.displayId = Display.show(bundle(0, startNanos));
        Tick tick = new Tick(this);
        this.stopTicks = ticks.apply(tick);
        tick.stop = stopTicks;
    }

    /**
     * Shows a new bar at 0%.
     *
     * @param label what is being done, shown before the bar
     * @param total how many steps make 100%, at least 0
     */
    public static Progress start(String label, long total) {
        return new Progress(label, total, System::nanoTime, Ticker::every);
    }

    /** Counts one step done. */
    public void step() {
        count.increment();
        if (due) {
            drawDue();
        }
    }

    /**
     * Counts {@code n} steps done.
     *
     * @param n at least 0
     */
    public void advance(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be ≥ 0, got " + n);
        }
        count.add(n);
        if (due) {
            drawDue();
        }
    }

    private void drawDue() {
        if (drawing.tryLock()) {
            try {
                if (due && !done) {
                    due = false;
                    Display.updateShown(displayId, bundle(count.sum(), nanoClock.getAsLong()));
                }
            } finally {
                drawing.unlock();
            }
        }
    }

    /** Shows the final count and the time taken; later calls do nothing. Steps counted afterwards are not shown. */
    public void done() {
        stopTicks.run();
        drawing.lock();
        try {
            if (!done) {
                done = true;
                due = false;
                Display.updateShown(displayId, bundle(count.sum(), nanoClock.getAsLong()));
            }
        } finally {
            drawing.unlock();
        }
    }

    /** Same as {@link #done()}, for try-with-resources. */
    @Override
    public void close() {
        done();
    }

    /** The steps counted so far. */
    public long count() {
        return count.sum();
    }

    /** The number of steps that make 100%. */
    public long total() {
        return total;
    }

    /** Whether {@link #done()} has been called. */
    public boolean isDone() {
        return done;
    }

    /** The display id of the bar's output. */
    public String displayId() {
        return displayId;
    }

    private DisplayData bundle(long n, long nowNanos) {
        int percent = total == 0 || n >= total ? 100 : (int) (n * 100 / total);
        double elapsed = (nowNanos - startNanos) / 1e9;
        StringBuilder status = new StringBuilder()
                .append(percent).append("% (").append(n).append('/').append(total).append(") ");
        if (done) {
            status.append(n >= total ? "done in " : "stopped after ").append(seconds(elapsed));
        } else {
            status.append(seconds(elapsed));
            if (n > 0 && n < total && elapsed >= 1) {
                status.append(", about ").append(seconds(elapsed * (total - n) / n)).append(" left");
            }
        }
        DisplayData d = new DisplayData(label + ": " + status);
        long max = Math.max(total, 1);
        long value = total == 0 ? 1 : Math.min(n, total);
        d.putHTML("<div class=\"recsysbook-progress\" style=\"font-family:monospace\">"
                + Html.escape(label) + " <progress value=\"" + value + "\" max=\"" + max
                + "\" style=\"width:20em;vertical-align:middle\"></progress> " + Html.escape(status.toString())
                + "</div>");
        return d;
    }

    static String seconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = Math.round(s);
        return (whole / 60) + " min " + (whole % 60) + " s";
    }

    /**
     * Marks its bar's redraw as due. It holds the bar weakly, so a bar that is dropped without {@code done()}
     * stops its ticks once it has been collected.
     */
    private static final class Tick implements Runnable {
        private final WeakReference<Progress> bar;
        volatile Runnable stop;

        Tick(Progress bar) {
            this.bar = new WeakReference<>(bar);
        }

        @Override
        public void run() {
            Progress p = bar.get();
            if (p != null) {
                p.due = true;
            } else if (stop != null) {
                stop.run();
            }
        }
    }

    /** The daemon timer shared by every bar, started on first use. */
    private static final class Ticker {
        private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "recsysbook-progress-ticker");
            t.setDaemon(true);
            return t;
        });

        static Runnable every(Runnable tick) {
            ScheduledFuture<?> f = TIMER.scheduleAtFixedRate(tick, INTERVAL_MILLIS, INTERVAL_MILLIS,
                    TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        }
    }
}
