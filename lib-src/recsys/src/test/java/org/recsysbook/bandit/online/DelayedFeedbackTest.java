package org.recsysbook.bandit.online;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.recsysbook.bandit.online.DriftingClickStream.Event;

/** The drifting stream, the learners that handle delayed clicks, and periodic retraining. */
class DelayedFeedbackTest {
    static final int N = 120_000;
    static final DriftingClickStream DRIFTING = DriftingClickStream.defaults(N, 8);
    static final Event[] EVENTS = DRIFTING.events(N);

    @Test
    void theStreamIsSeededAndItsDelaysAreExponential() {
        Event[] again = DriftingClickStream.defaults(N, 8).events(1000);
        for (int t = 0; t < 1000; t++) {
            assertArrayEquals(EVENTS[t].features(), again[t].features());
            assertEquals(EVENTS[t].clicked(), again[t].clicked());
        }
        double meanDelay = Arrays.stream(EVENTS).filter(Event::clicked).mapToInt(Event::delay).average().orElseThrow();
        assertEquals(2000.5, meanDelay, 60, "exponential with mean 2000, rounded up");
        Event[] faster = DRIFTING.withMeanDelay(100).events(N);
        for (int t = 0; t < N; t += 997) {
            assertEquals(EVENTS[t].clicked(), faster[t].clicked(), "only the delays change");
            assertEquals(EVENTS[t].probability(), faster[t].probability(), 0);
        }
        assertTrue(Arrays.stream(EVENTS).noneMatch(e -> e.clicked() && e.delay() < 1));
        assertTrue(Arrays.stream(EVENTS).noneMatch(e -> !e.clicked() && e.clickArrivedBy(N)));
        assertEquals(DRIFTING.dimension() - DRIFTING.noiseFeatures(), DRIFTING.firstNoiseFeature());
    }

    @Test
    void waitingAWindowLosesTheLateClicksAndFakeNegativesDoNot() {
        DriftingClickStream still = new DriftingClickStream(20, 2, 0, 0, 10_000, 0, -2.5, 1000, N, 4);
        Event[] events = still.events(N);
        int d = still.dimension();
        StreamLearner.Settings s = StreamLearner.Settings.defaults();
        OnlineLearningStudy.Comparison c = OnlineLearningStudy.compare(events, List.of(
                StreamLearner.waitWindow(d, s, 1000), StreamLearner.fakeNegatives(d, s),
                StreamLearner.immediate(d, s)), 20_000, 5000);
        // a window as long as the mean delay keeps P(delay ≤ w) = 1 − e^{−1} of the clicks
        assertEquals(1 - Math.exp(-1), c.get("online, wait 1000 events").calibration(), 0.04);
        assertEquals(1, c.get("online, fake negatives corrected").calibration(), 0.04);
        assertEquals(1, c.get("online, labels at once").calibration(), 0.03);
        assertTrue(c.get("online, fake negatives corrected").meanLoss() < c.get("online, wait 1000 events").meanLoss());
        assertTrue(c.get("online, labels at once").meanLoss() >= c.oracle().meanLoss());
    }

    @Test
    void underDriftOnlineLearningBeatsPeriodicRetrainingWhichBeatsNone() {
        int d = DRIFTING.dimension();
        StreamLearner.Settings s = StreamLearner.Settings.defaults();
        OnlineLearningStudy.Comparison c = OnlineLearningStudy.compare(EVENTS, List.of(
                StreamLearner.fakeNegatives(d, s), StreamLearner.periodic(d, s, 5000, 20_000, 5000, 3),
                StreamLearner.never(d, s, 20_000, 5000, 3)), 25_000, 5000);
        double online = c.outcomes().get(0).meanLoss();
        double periodic = c.outcomes().get(1).meanLoss();
        double never = c.outcomes().get(2).meanLoss();
        assertTrue(online < periodic && periodic < never, online + " < " + periodic + " < " + never);
        assertEquals((N - 25_000) / 5000, c.oracle().windowLoss().length);
        assertEquals(25_000 + 2500, c.windowCentres()[0], 0);
        assertEquals(4, c.table("t").columnCount() - 1);
        assertEquals(4, c.table("t").rowCount());
    }

    @Test
    void aBatchModelIsTrainedOnlyOnClosedWindowsAtItsSchedule() {
        int d = DRIFTING.dimension();
        StreamLearner once = StreamLearner.never(d, StreamLearner.Settings.defaults(), 1000, 500, 1);
        for (int t = 0; t < 1499; t++) {
            once.observe(EVENTS, t);
            assertEquals(null, once.model(), "no model before event trainOn + window");
        }
        once.observe(EVENTS, 1499);
        assertEquals(1000, once.model().updates());
        FtrlProximal first = once.model();
        for (int t = 1500; t < 5000; t++) {
            once.observe(EVENTS, t);
        }
        assertTrue(first == once.model(), "never retrained");
        assertThrows(IllegalArgumentException.class, () -> StreamLearner.waitWindow(d,
                StreamLearner.Settings.defaults(), 0));
        assertThrows(IllegalArgumentException.class, () -> OnlineLearningStudy.compare(EVENTS, List.of(), N, 10));
    }
}
