package org.recsysbook.studies;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.recsysbook.pipeline.StageTimes;
import org.recsysbook.studies.StageLatency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StageLatencyTest {

    @Test
    void medianAndP99ByNearestRank() {
        // 100 requests: candidate generation takes 1…100 ms, ranking 2 ms, re-ranking 0.5 ms.
        List<StageTimes> t = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            t.add(new StageTimes(i * 1_000_000L, 2_000_000L, 500_000L));
        }
        StageLatency l = StageLatency.of(t);
        assertEquals(100, l.requests());
        assertEquals(50.0, l.medianMillis(0), 1e-12);
        assertEquals(99.0, l.p99Millis(0), 1e-12);
        assertEquals(2.0, l.medianMillis(1), 1e-12);
        assertEquals(0.5, l.p99Millis(2), 1e-12);
        assertEquals(52.5, l.medianMillis(3), 1e-12);
        assertEquals(100 * 50.0 / 52.5, l.table().doubleColumn("share of median request (%)").get(0), 1e-9);
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StageLatency.of(List.of()));
        assertEquals("times must hold at least one request's stage times, got none", e.getMessage());
        StageLatency l = StageLatency.of(List.of(new StageTimes(1, 1, 1)));
        e = assertThrows(IllegalArgumentException.class, () -> l.quantileMillis(4, 0.5));
        assertEquals("stage must be in [0, 3], got 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.quantileMillis(0, Double.NaN));
        assertEquals("q must be in [0, 1], got NaN", e.getMessage());
    }
}
