package io.slipstream.streamapi.session;

import java.util.concurrent.atomic.AtomicLong;

import io.slipstream.streamapi.limits.LimitReachedException;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Session start and stop notifications (spec §1.7): each subscriber sees the events of its data source
 * raised after it subscribed. A slow subscriber is buffered up to a bound, never skipped: one that falls further
 * behind fails with RESOURCE_EXHAUSTED (counted), so it knows to subscribe again and ask GetCurrentSessions, and
 * the server's memory does not grow with it.
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
    private final int buffer;
    private final AtomicLong overflowed = new AtomicLong();

    /** @param buffer events one subscriber may fall behind before its stream fails */
    public SessionEvents(int buffer) {
        this.buffer = buffer;
    }

    synchronized void emit(Event event) {
        // FAIL_ZERO_SUBSCRIBER is fine: nobody listens. Subscribers buffer (below), so none is skipped.
        sink.tryEmitNext(event);
    }

    /** @param dataSource the data source @param started starts or stops @return the live events, never completing on its own */
    public Flux<Event> events(String dataSource, boolean started) {
        return sink.asFlux()
                .filter(e -> e.started() == started && e.dataSource().equals(dataSource))
                .onBackpressureBuffer(buffer)
                .onErrorMap(Exceptions::isOverflow, e -> {
                    overflowed.incrementAndGet();
                    return new LimitReachedException("this session " + (started ? "start" : "stop") + " notification stream of data source "
                            + dataSource + " fell " + buffer + " notifications behind and is closed; subscribe again and call GetCurrentSessions");
                });
    }

    /** @return how many notification streams are open */
    public int subscribers() {
        return sink.currentSubscriberCount();
    }

    /** @return notification streams closed because their subscriber fell too far behind */
    public long overflowed() {
        return overflowed.get();
    }

    /** Ends every notification stream (server shutdown). */
    public void close() {
        sink.tryEmitComplete();
    }
}
