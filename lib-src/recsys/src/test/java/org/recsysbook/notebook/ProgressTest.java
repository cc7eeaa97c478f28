package org.recsysbook.notebook;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recsysbook.display.RecordingSink;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    private static final long MS = 1_000_000L;
    private RecordingSink sink;
    private final AtomicLong clock = new AtomicLong(5_000 * MS);

    @BeforeEach
    void freshSink() {
        sink = TestSinks.fresh();
    }

    private Runnable tick;
    private boolean ticksStopped;

    /** A bar on a hand-driven clock whose timer ticks only when the test calls {@code tick.run()}. */
    private Progress fakeClocked(String label, long total) {
        return new Progress(label, total, clock::get, t -> {
            tick = t;
            return () -> ticksStopped = true;
        });
    }

    private String text(int i) {
        return (String) sink.outputs().get(i).data().getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void startShowsZeroPercent() {
        Progress p = fakeClocked("Index build", 1000);
        assertEquals(1, sink.outputs().size());
        assertFalse(sink.outputs().get(0).update());
        assertEquals("Index build: 0% (0/1000) 0.0 s", text(0));
        assertEquals(p.displayId(), sink.outputs().get(0).data().getDisplayId());
    }

    @Test
    void redrawsOnlyAtTheFirstStepAfterATick() {
        Progress p = fakeClocked("Training", 1000);
        for (int i = 0; i < 300; i++) {
            p.step();
        }
        assertEquals(1, sink.outputs().size(), "no redraw before the timer ticks");
        clock.addAndGet(100 * MS);
        tick.run();
        assertEquals(1, sink.outputs().size(), "a tick alone does not draw");
        p.advance(150);
        assertEquals(2, sink.outputs().size());
        assertTrue(sink.outputs().get(1).update());
        assertEquals("Training: 45% (450/1000) 0.1 s", text(1));
        p.step();
        assertEquals(2, sink.outputs().size(), "the next redraw waits for the next tick");
        clock.addAndGet(1_100 * MS);
        tick.run();
        tick.run();
        p.advance(49);
        p.step();
        assertEquals(3, sink.outputs().size(), "two ticks between steps still give one redraw");
        assertEquals("Training: 50% (500/1000) 1.2 s, about 1.2 s left", text(2));
    }

    @Test
    void doneStopsTheTicks() {
        Progress p = fakeClocked("x", 1);
        assertFalse(ticksStopped);
        p.done();
        assertTrue(ticksStopped);
        tick.run();
        p.step();
        assertEquals(2, sink.outputs().size(), "no redraw after done");
    }

    @Test
    void theSharedTimerRedrawsARunningBar() throws InterruptedException {
        Progress p = Progress.start("real clock", 1_000_000);
        long deadline = System.nanoTime() + 10_000 * MS;
        while (sink.outputs().size() < 2 && System.nanoTime() < deadline) {
            p.step();
            Thread.sleep(5);
        }
        p.done();
        assertTrue(sink.outputs().size() >= 3, "start, at least one timed redraw, done: " + sink.outputs().size());
    }

    @Test
    void doneShowsTheFinalStateOnce() {
        try (Progress p = fakeClocked("Simulation", 10)) {
            p.advance(10);
            clock.addAndGet(2_345 * MS);
        }
        List<RecordingSink.Output> out = sink.outputs();
        assertEquals(2, out.size());
        assertEquals("Simulation: 100% (10/10) done in 2.3 s", text(1));
        assertEquals(out.get(0).data().getDisplayId(), out.get(1).data().getDisplayId());
        String html = (String) out.get(1).data().getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<progress value=\"10\" max=\"10\""), html);
    }

    @Test
    void stepsAfterDoneAreCountedButNotShown() {
        Progress p = fakeClocked("x", 4);
        p.advance(3);
        p.done();
        p.done();
        clock.addAndGet(500 * MS);
        p.step();
        assertEquals(2, sink.outputs().size());
        assertEquals("x: 75% (3/4) stopped after 0.0 s", text(1));
        assertEquals(4, p.count());
        assertTrue(p.isDone());
    }

    @Test
    void countsFromTwoThreadsWithoutLosingSteps() throws InterruptedException {
        Progress p = Progress.start("parallel", 200_000);
        Runnable work = () -> {
            for (int i = 0; i < 100_000; i++) {
                p.step();
            }
        };
        Thread a = new Thread(work);
        Thread b = new Thread(work);
        a.start();
        b.start();
        a.join();
        b.join();
        p.done();
        List<RecordingSink.Output> out = sink.outputs();
        String last = (String) out.get(out.size() - 1).data().getData(MIMEType.TEXT_PLAIN);
        assertTrue(last.startsWith("parallel: 100% (200000/200000) done in "), last);
        assertTrue(out.size() < 50, "throttled: " + out.size() + " outputs");
    }

    @Test
    void overshootIsShownAsCountedWithTheBarFull() {
        Progress p = fakeClocked("y", 2);
        p.advance(5);
        p.done();
        assertEquals("y: 100% (5/2) done in 0.0 s", text(1));
        assertTrue(((String) sink.outputs().get(1).data().getData(MIMEType.TEXT_HTML))
                .contains("value=\"2\" max=\"2\""));
    }

    @Test
    void zeroTotalIsComplete() {
        Progress p = fakeClocked("empty", 0);
        p.done();
        assertEquals("empty: 100% (0/0) done in 0.0 s", text(1));
    }

    @Test
    void labelIsEscapedInHtml() {
        fakeClocked("<b>bold</b>", 1);
        String html = (String) sink.outputs().get(0).data().getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt;") && !html.contains("<b>"), html);
    }

    @Test
    void badArgumentsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Progress.start("x", -1));
        assertTrue(e.getMessage().contains("total") && e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Progress.start(" ", 1));
        assertThrows(IllegalArgumentException.class, () -> Progress.start(null, 1));
        Progress p = fakeClocked("x", 1);
        e = assertThrows(IllegalArgumentException.class, () -> p.advance(-2));
        assertTrue(e.getMessage().contains("n must be ≥ 0, got -2"), e.getMessage());
    }

    @Test
    void longDurationsInMinutes() {
        assertEquals("0.0 s", Progress.seconds(0.04));
        assertEquals("59.9 s", Progress.seconds(59.94));
        assertEquals("2 min 5 s", Progress.seconds(125.2));
    }
}
