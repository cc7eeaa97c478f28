package org.recsysbook.serving;

import java.util.List;

/**
 * Where the service records impressions and clicks. {@link #record} returns only once the batch is recorded (in
 * memory for {@link InMemoryEventSink}; committed, for a database-backed sink), so that {@code POST /events} can
 * acknowledge exactly what is kept.
 *
 * <p>Implementations are thread-safe: many requests record at once.
 */
public interface EventSink {

    /**
     * Records a batch, all or nothing.
     *
     * @throws IllegalStateException if the sink cannot record now (the service answers 503)
     */
    void record(List<Event> batch);

    /** The number of events recorded so far. */
    long count();

    /** The number of events of one type recorded so far. */
    long count(Event.Type type);

    /**
     * {@code "ok"} while the sink can record, otherwise a sentence saying why not (a read-only or full database):
     * {@code /health} reports it and {@code POST /events} answers 503 meanwhile.
     */
    default String status() {
        return "ok";
    }
}
