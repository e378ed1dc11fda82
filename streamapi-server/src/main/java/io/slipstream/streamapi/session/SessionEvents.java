package io.slipstream.streamapi.session;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Session start and stop notifications (spec §1.7): each subscriber sees the events of its data source
 * raised after it subscribed; a slow subscriber is buffered, never skipped.
 */
public final class SessionEvents {

    /**
     * One start or stop.
     *
     * @param sessionKey the session
     * @param dataSource its data source
     * @param started    {@code true} for a start, {@code false} for a stop
     */
    public record Event(String sessionKey, String dataSource, boolean started) {
    }

    private final Sinks.Many<Event> sink = Sinks.many().multicast().directBestEffort();

    synchronized void emit(Event event) {
        // FAIL_ZERO_SUBSCRIBER is fine: nobody listens. Subscribers buffer (below), so none is skipped.
        sink.tryEmitNext(event);
    }

    /** @param dataSource the data source @param started starts or stops @return the live events, never completing on its own */
    public Flux<Event> events(String dataSource, boolean started) {
        return sink.asFlux()
                .onBackpressureBuffer()
                .filter(e -> e.started() == started && e.dataSource().equals(dataSource));
    }

    /** @return how many notification streams are open */
    public int subscribers() {
        return sink.currentSubscriberCount();
    }

    /** Ends every notification stream (server shutdown). */
    public void close() {
        sink.tryEmitComplete();
    }
}
