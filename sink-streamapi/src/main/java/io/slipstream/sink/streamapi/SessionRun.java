package io.slipstream.sink.streamapi;

import io.slipstream.pipeline.PipelineEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One session put together from its rooms: the {@link SessionProtocol} over the {@link SessionCalls}, one
 * {@link StreamWriter} per stream that reconnects through {@link Reconnect}, and at the end the optional
 * {@link DeliveryConfirmation}, which makes the {@link SinkResult}.
 */
final class SessionRun {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRun.class);

    private final SinkSettings settings;
    private final SinkCounters counters;
    private final SessionProtocol protocol;
    private final DeliveryConfirmation confirmation;

    /**
     * @param settings the sink's settings
     * @param channels the gRPC channels
     * @param calls    the unary calls over them
     * @param reader   Kafka's view of the session, or null without a Kafka address
     * @param counters the sink's counters
     */
    SessionRun(SinkSettings settings, ServiceChannels channels, SessionCalls calls, LandedReader reader,
               SinkCounters counters) {
        this.settings = settings;
        this.counters = counters;
        this.confirmation = new DeliveryConfirmation(reader, settings.confirmTimeout(), counters);
        this.protocol = new SessionProtocol(settings, calls, (stream, sessionKey) -> {
            StreamWriter w = new StreamWriter(stream, channels.streamApi(),
                    new SendQueue(settings.resendBufferPackets(), settings.resendBufferBytes()), counters,
                    new Reconnect(sessionKey, calls, confirmation, counters));
            w.open();
            return w;
        }, counters);
    }

    Mono<SinkResult> run(Flux<PipelineEvent> events) {
        return protocol.run(events)
                .then(Mono.defer(this::result))
                .doOnError(e -> {
                    counters.state(ConnectionState.FAILED);
                    if (protocol.sessionKey() == null) {
                        LOG.error("failed before a session was created: {}", e.toString());
                    } else {
                        LOG.error("session {}: failed: {}", protocol.sessionKey(), e.toString());
                    }
                })
                .doFinally(s -> protocol.dispose());
    }

    private Mono<SinkResult> result() {
        String sessionKey = protocol.sessionKey();
        Mono<List<Long>> unconfirmed = settings.confirm()
                ? confirmation.unconfirmed(sessionKey, expected()) : Mono.just(List.of());
        return unconfirmed.map(missing -> {
            counters.state(ConnectionState.ENDED);
            SinkSnapshot s = counters.snapshot();
            LOG.info("session {} ended: {} packets ({} bytes), {} blocks, {} rows in {} packets, {} events, "
                            + "{} markers, {} configurations, {} resends, {} reconnects, dropped {}{}", sessionKey,
                    s.packetsSent(), s.bytes(), s.blocks(), s.rows(), s.rowPackets(), s.events(), s.markers(),
                    s.configurations(), s.resends(), s.reconnects(), s.dropped(),
                    settings.confirm() ? ", confirmed " + s.confirmed() + ", unconfirmed " + s.unconfirmed() : "");
            return new SinkResult(sessionKey, s, missing);
        });
    }

    /** @return how many copies of each packet id the streams were offered */
    private Map<Long, Integer> expected() {
        Map<Long, Integer> expected = new HashMap<>();
        for (PacketStream s : protocol.streams()) {
            for (long id : s.ids()) {
                expected.merge(id, 1, Integer::sum);
            }
        }
        return expected;
    }
}
