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
    /** Answers in a row that the server could not write the stream's packets to Kafka before the stream gives up. */
    static final int MAX_FAILED_WRITES = 3;

    private final String sessionKey;
    private final SessionCalls calls;
    private final DeliveryConfirmation confirmation;
    private final SinkCounters counters;
    private final KafkaWriteFailures writeFailures;
    private int failedWritesInARow;

    /**
     * A stream's way back that keeps its Kafka write failures to itself (for a writer outside a session run).
     *
     * @param sessionKey   the session
     * @param calls        the session's calls
     * @param confirmation what landed
     * @param counters     the connection state
     */
    Reconnect(String sessionKey, SessionCalls calls, DeliveryConfirmation confirmation, SinkCounters counters) {
        this(sessionKey, calls, confirmation, counters, new KafkaWriteFailures());
    }

    /**
     * @param sessionKey    the session
     * @param calls         the session's calls, {@link SessionCalls#reachable} waits for the server
     * @param confirmation  what landed
     * @param counters      the connection state
     * @param writeFailures where answers that the server could not write to Kafka are kept
     */
    Reconnect(String sessionKey, SessionCalls calls, DeliveryConfirmation confirmation, SinkCounters counters,
              KafkaWriteFailures writeFailures) {
        this.sessionKey = sessionKey;
        this.calls = calls;
        this.confirmation = confirmation;
        this.counters = counters;
        this.writeFailures = writeFailures;
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
            if (writeFailures.record(stream, error)) {
                // The server is up but Kafka refused the packets: sent again at once, and given up after a few tries
                // rather than looping (a packet Kafka can never take, say).
                if (++failedWritesInARow >= MAX_FAILED_WRITES) {
                    return Mono.error(new IllegalStateException("the Stream API could not write packets of stream '"
                            + stream + "' to Kafka " + failedWritesInARow + " times in a row: "
                            + Status.fromThrowable(error).getDescription()));
                }
                LOG.warn("session {}: the Stream API could not write packets of stream '{}' to Kafka ({}); sending them again",
                        sessionKey, stream, Status.fromThrowable(error).getDescription());
            } else {
                failedWritesInARow = 0;
            }
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
                last < 0 ? "no Kafka access: Slipstream's Stream API drops what it already has; another one may take "
                        + "duplicates, which keep their packet id"
                        : "after id " + last + " found on Kafka");
    }
}
