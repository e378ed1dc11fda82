package io.slipstream.sink.streamapi;

import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * What a stream does when its call fails mid-session: waits (with the call retry policy) until the Stream API
 * answers again, then learns from Kafka what of the stream landed, so that its writer resends exactly the rest.
 */
final class Reconnect {

    private static final Logger LOG = LoggerFactory.getLogger(Reconnect.class);

    private final String sessionKey;
    private final SessionCalls calls;
    private final DeliveryConfirmation confirmation;
    private final SinkCounters counters;

    /**
     * @param sessionKey   the session
     * @param calls        the session's calls, {@link SessionCalls#reachable} waits for the server
     * @param confirmation what landed
     * @param counters     the connection state
     */
    Reconnect(String sessionKey, SessionCalls calls, DeliveryConfirmation confirmation, SinkCounters counters) {
        this.sessionKey = sessionKey;
        this.calls = calls;
        this.confirmation = confirmation;
        this.counters = counters;
    }

    /**
     * @param stream the stream whose call failed
     * @param ids    the ids offered to it so far
     * @param error  what the call failed with
     * @return the highest id of the stream on Kafka (-1 without Kafka), once the server answers again; an error when
     *         it stayed away longer than the retry policy allows
     */
    Mono<Long> afterLoss(String stream, long[] ids, Throwable error) {
        return Mono.defer(() -> {
            counters.state(ConnectionState.RECONNECTING);
            LOG.warn("session {}: stream '{}' lost its connection ({}); reconnecting", sessionKey, stream,
                    Status.fromThrowable(error));
            return calls.reachable().then(Mono.defer(() -> confirmation.lastLanded(sessionKey, stream, ids)));
        }).doOnError(e -> {
            counters.state(ConnectionState.FAILED);
            LOG.error("session {}: stream '{}' could not reconnect: {}", sessionKey, stream, e.toString());
        });
    }

    /**
     * Counts a reconnect that went through.
     *
     * @param stream the stream
     * @param resent how many packets go again
     * @param last   what {@link #afterLoss} answered
     */
    void resumed(String stream, long resent, long last) {
        counters.reconnected();
        counters.state(ConnectionState.CONNECTED);
        LOG.info("session {}: stream '{}' reconnected; resending {} packets ({})", sessionKey, stream, resent,
                last < 0 ? "no Kafka access: at-least-once, duplicates keep their packet id"
                        : "after id " + last + " found on Kafka");
    }
}
