package org.recsysbook.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * An event sink that keeps every event in memory, in arrival order: enough for a notebook and tests; the
 * service loses them when it stops.
 */
public final class InMemoryEventSink implements EventSink {
    private final List<Event> events = new ArrayList<>();
    private final long[] byType = new long[Event.Type.values().length];

    @Override
    public void record(List<Event> batch) {
        if (batch == null) {
            throw new IllegalArgumentException("batch must not be null");
        }
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == null) {
                throw new IllegalArgumentException("batch[" + i + "] must not be null");
            }
        }
        synchronized (this) {
            events.addAll(batch);
            for (Event e : batch) {
                byType[e.type().ordinal()]++;
            }
        }
    }

    @Override
    public synchronized long count() {
        return events.size();
    }

    @Override
    public synchronized long count(Event.Type type) {
        return byType[type.ordinal()];
    }

    /** A copy of the events recorded so far, in arrival order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }
}
