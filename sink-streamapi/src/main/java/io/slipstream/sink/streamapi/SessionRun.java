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
    private final LandedReader reader;
    private final KafkaWriteFailures writeFailures = new KafkaWriteFailures();

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
        this.reader = reader;
        this.confirmation = new DeliveryConfirmation(reader, settings.confirmTimeout(), counters);
        this.protocol = new SessionProtocol(settings, calls, (stream, sessionKey) -> {
            opening(sessionKey);
            StreamWriter w = new StreamWriter(stream, channels.streamApi(),
                    new SendQueue(settings.resendBufferPackets(), settings.resendBufferBytes()), counters,
                    new Reconnect(sessionKey, calls, confirmation, counters, writeFailures));
            w.open();
            return w;
        }, counters);
    }

    /** Before the session's first stream opens: the read-back starts at the session's start offsets. */
    private void opening(String sessionKey) {
        if (reader != null && protocol.streams().isEmpty()) {
            reader.started(sessionKey, protocol.newSession().getTopicPartitionOffsetsMap());
        }
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
                .doFinally(s -> {
                    protocol.dispose();
                    if (reader != null && protocol.sessionKey() != null) {
                        reader.ended(protocol.sessionKey());
                    }
                });
    }

    private Mono<SinkResult> result() {
        String sessionKey = protocol.sessionKey();
        boolean failedWrites = writeFailures.count() > 0;
        if (failedWrites && reader == null) {
            return Mono.error(new IllegalStateException(writeFailures.count() + " write call(s) of session " + sessionKey
                    + " were answered that the Stream API could not write packets to Kafka (first: " + writeFailures.first()
                    + "); without the Kafka address (sink option 'kafka') the packets sent again cannot be confirmed"));
        }
        Mono<List<Long>> unconfirmed = settings.confirm() || failedWrites
                ? confirmation.unconfirmed(sessionKey, expected()) : Mono.just(List.of());
        return unconfirmed.flatMap(missing -> failedWrites && !missing.isEmpty()
                ? Mono.error(new IllegalStateException(missing.size() + " packet(s) of session " + sessionKey
                        + " are not on Kafka after the Stream API could not write them (first answer: " + writeFailures.first()
                        + "); first missing ids: " + missing.subList(0, Math.min(10, missing.size()))))
                : Mono.just(missing)).map(missing -> {
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
