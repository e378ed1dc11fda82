package io.slipstream.sink.streamapi;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Timestamp;
import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.Configuration;
import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.pipeline.SessionDetails;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SessionMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What one session sends when: CreateSession; NewSession on the data stream and the main stream; per configuration a
 * config id, the Configuration on both streams (essential) and a data-format id per new rate group; blocks on the
 * data stream; markers on both streams (essential); new details by UpdateSessionDetails; at the end EndOfSession on
 * both streams, the streams closed, EndSession. {@code Packet.id} grows by one per packet (a packet for both streams
 * has one id). Events are handled one at a time, so ids and per-stream order follow the pipeline's order. One
 * instance runs one session, once.
 */
final class SessionProtocol {

    /** Opens a stream of the session once the session key is known. */
    @FunctionalInterface
    interface StreamOpener {
        /**
         * @param stream     the stream name ("" is the main stream)
         * @param sessionKey the session
         * @return the open stream
         */
        PacketStream open(String stream, String sessionKey);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionProtocol.class);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final SinkSettings settings;
    private final SessionCalls calls;
    private final StreamOpener opener;
    private final SinkCounters counters;
    private final Map<RateGroup, Long> formats = new HashMap<>();
    private final List<PacketStream> streams = new ArrayList<>();
    private long nextId = 1;
    private volatile String sessionKey; // also read by the run's error handler
    private NewSessionPacket newSession;
    private PacketStream data;
    private boolean ended;

    /**
     * @param settings the data source, streams and session labels
     * @param calls    the unary calls
     * @param opener   opens the session's streams
     * @param counters what was encoded, and the connection state
     */
    SessionProtocol(SinkSettings settings, SessionCalls calls, StreamOpener opener, SinkCounters counters) {
        this.settings = settings;
        this.calls = calls;
        this.opener = opener;
        this.counters = counters;
    }

    /** @return the session key, or null before CreateSession answered */
    String sessionKey() {
        return sessionKey;
    }

    /** @return the session's streams, the data stream first; empty before CreateSession answered */
    List<PacketStream> streams() {
        return List.copyOf(streams);
    }

    /**
     * @param events the pipeline's events, a Configuration first
     * @return completes after EndSession; when the events fail, the session is still ended and the error follows
     */
    Mono<Void> run(Flux<PipelineEvent> events) {
        return events.switchOnFirst((first, rest) -> {
            if (first.isOnError()) {
                // The source failed before its first event (a corrupt file, say): no session, nothing sent.
                return Flux.error(first.getThrowable());
            }
            if (first.hasValue() && !(first.get() instanceof Configuration)) {
                return Flux.error(new IllegalStateException("the first pipeline event must be a Configuration, got "
                        + first.get()));
            }
            SessionMetadata meta = first.get() instanceof Configuration c ? c.metadata() : SessionMetadata.EMPTY;
            return createSession(meta).thenMany(Flux.defer(() -> body(rest)));
        }).then(Mono.defer(this::end));
    }

    /** Cancels every stream at once. */
    void dispose() {
        streams.forEach(PacketStream::dispose);
    }

    private Mono<Void> createSession(SessionMetadata meta) {
        counters.state(ConnectionState.CONNECTING);
        Instant now = Instant.now();
        String identifier = IdentifierTemplate.render(settings.identifierTemplate(), meta, settings.sessionType(), now);
        CreateSessionRequest req = CreateSessionRequest.newBuilder()
                .setDataSource(settings.dataSource())
                .setType(settings.sessionType())
                .setVersion(settings.version())
                .setIdentifier(identifier)
                .putAllDetails(meta.fields())
                .setUtcOffset(com.google.protobuf.Duration.getDefaultInstance())
                .setCreationTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        return calls.createSession(req).flatMap(r -> {
            if (!r.getSuccess() || r.getSessionKey().isEmpty()) {
                return Mono.error(new IllegalStateException("Stream API " + settings.streamApi()
                        + " refused CreateSession for data source " + settings.dataSource()));
            }
            sessionKey = r.getSessionKey();
            counters.sessionKey(sessionKey);
            counters.state(ConnectionState.CONNECTED);
            newSession = r.hasNewSession() ? r.getNewSession()
                    : NewSessionPacket.newBuilder().setDataSource(settings.dataSource()).build();
            LOG.info("session {} created: '{}' on data source {}, streams '{}' and main",
                    sessionKey, identifier, settings.dataSource(), settings.stream());
            Set<String> names = new LinkedHashSet<>(List.of(settings.stream(), ""));
            names.forEach(s -> streams.add(opener.open(s, sessionKey)));
            data = streams.get(0);
            return Mono.<Void>empty();
        });
    }

    private Flux<Void> body(Flux<PipelineEvent> events) {
        return both(newSession, false)
                .thenMany(events.concatMap(this::handle, 1))
                .onErrorResume(e -> end().onErrorResume(e2 -> {
                    e.addSuppressed(e2);
                    return Mono.empty();
                }).then(Mono.error(e)));
    }

    private Mono<Void> handle(PipelineEvent event) {
        if (event instanceof Block b) {
            Long format = formats.get(b.group());
            if (format == null) {
                return Mono.error(new IllegalStateException("block of rate group " + b.group().id() + " at "
                        + b.startNanos() + " ns arrived before a configuration announced its channels"));
            }
            counters.block();
            long id = nextId++;
            return data.offer(new OutboundPacket(id, PeriodicEncoder.TYPE, PeriodicEncoder.details(b, format,
                    sessionKey, id, settings.dataSource(), data.stream()), b.length() * b.columns()));
        } else if (event instanceof Marker m) {
            counters.marker();
            return both(PacketEncoder.marker(m), true);
        } else if (event instanceof Configuration c) {
            return configure(c);
        } else if (event instanceof SessionDetails d) {
            return updateDetails(d);
        }
        return Mono.error(new IllegalArgumentException("unknown pipeline event " + event));
    }

    private Mono<Void> configure(Configuration c) {
        return calls.configId()
                .flatMap(configId -> {
                    counters.configuration();
                    LOG.info("session {}: configuration {} ({} channels, {} rate groups), config id {}",
                            sessionKey, c.version(), c.channels().size(), c.groups().size(), configId);
                    return both(PacketEncoder.configuration(configId, c, settings.dataSource()), true);
                })
                .thenMany(Flux.fromIterable(c.groups()).filter(g -> !formats.containsKey(g)).concatMap(this::format))
                .then();
    }

    private Mono<Void> format(RateGroup g) {
        List<String> ids = g.channels().stream().map(ChannelDefinition::identifier).toList();
        return calls.dataFormatId(ids)
                .doOnNext(id -> {
                    formats.put(g, id);
                    LOG.debug("session {}: rate group {} has data format {}", sessionKey, g.id(), id);
                })
                .then();
    }

    /**
     * Merges the source's new session metadata into the session's details (UpdateSessionDetails). The data matters
     * more than its labels: a refusal or a server that stays away is logged and the session goes on.
     */
    private Mono<Void> updateDetails(SessionDetails d) {
        Map<String, String> fields = d.metadata().fields();
        return calls.updateDetails(sessionKey, fields)
                .doOnNext(ok -> {
                    if (ok) {
                        LOG.info("session {}: details updated: {}", sessionKey, fields);
                    } else {
                        LOG.warn("session {}: the Stream API refused the new details {}", sessionKey, fields);
                    }
                })
                .onErrorResume(e -> {
                    LOG.warn("session {}: new details {} not sent: {}", sessionKey, fields, e.getMessage());
                    return Mono.empty();
                })
                .then();
    }

    /** One packet, one id, on every stream of the session. */
    private Mono<Void> both(MessageLite content, boolean essential) {
        long id = nextId++;
        List<Mono<Void>> offers = new ArrayList<>(streams.size());
        for (PacketStream s : streams) {
            offers.add(s.offer(new OutboundPacket(id, PacketEncoder.typeOf(content), DataPacketDetails.newBuilder()
                    .setMessage(PacketEncoder.envelope(content, sessionKey, essential, id))
                    .setDataSource(settings.dataSource())
                    .setStream(s.stream())
                    .setSessionKey(sessionKey)
                    .build()
                    .toByteArray())));
        }
        return Mono.when(offers);
    }

    private Mono<Void> end() {
        if (sessionKey == null) {
            return Mono.error(new IllegalStateException("no session was created"));
        }
        if (ended) {
            return Mono.empty();
        }
        ended = true;
        return both(EndOfSessionPacket.newBuilder().setDataSource(settings.dataSource()).build(), false)
                .then(Mono.defer(() -> Mono.when(streams.stream().map(s -> s.close(CLOSE_GRACE)).toList())))
                .then(Mono.defer(() -> calls.endSession(sessionKey)))
                .doOnNext(ok -> {
                    if (!ok) {
                        LOG.warn("session {}: EndSession answered success=false", sessionKey);
                    }
                })
                .then();
    }
}
