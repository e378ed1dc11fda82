package io.slipstream.sink.streamapi;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Timestamp;
import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.Configuration;
import io.slipstream.pipeline.EventOccurrence;
import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.pipeline.RowGroup;
import io.slipstream.pipeline.Rows;
import io.slipstream.pipeline.SessionDetails;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SessionMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.EventPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What one session sends when: CreateSession; NewSession on the data stream and the main stream; per configuration a
 * config id, the Configuration (its parts, when split) on both streams (essential) and a data-format id per new rate
 * group, row group and event; blocks, rows and event occurrences on the data stream; markers on both streams
 * (essential); new details by UpdateSessionDetails; at the end EndOfSession on both streams, the streams closed,
 * EndSession. {@code Packet.id} grows by one per packet (a packet for both streams has one id). Pipeline events are
 * handled one at a time, so ids and per-stream order follow the pipeline's order: an event occurrence goes out
 * after the configuration that defines it and in time order with the data, because the pipeline emits it so. One
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
    /**
     * Cap of one row or configuration packet's content, 256 KiB: well under the 4 MiB the Stream API accepts per
     * request and under the 1 MiB record a Kafka broker with default settings takes (message.max.bytes 1,048,588),
     * envelope included; also the writer's request batch, so such a packet never makes a request larger than one.
     */
    static final int MAX_PACKET_BYTES = 256 * 1024;

    private final SinkSettings settings;
    private final SessionCalls calls;
    private final StreamOpener opener;
    private final SinkCounters counters;
    private final Map<RateGroup, Long> formats = new HashMap<>();
    private final Map<RowGroup, Long> rowFormats = new HashMap<>();
    private final Map<EventDefinition, Long> eventFormats = new HashMap<>();
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

    /** @return CreateSession's NewSession (its start offsets), or null before CreateSession answered */
    NewSessionPacket newSession() {
        return newSession;
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
            return block(b, format);
        } else if (event instanceof Rows r) {
            return rows(r);
        } else if (event instanceof EventOccurrence e) {
            return occurrence(e);
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

    /**
     * One block: one packet, or, when it passes the packet cap, several consecutive packets in time, each with its
     * own id. A block whose single row passes the cap is dropped, counted, and ends the run with the reason.
     */
    private Mono<Void> block(Block b, long format) {
        int perPacket;
        try {
            perPacket = PeriodicEncoder.rowsPerPacket(b, format, settings.maxPacketBytes());
        } catch (PacketTooLargeException e) {
            return tooLarge(e, (long) b.length() * b.columns());
        }
        counters.block();
        if (perPacket == b.length()) {
            return offerBlock(b, format);
        }
        int parts = (b.length() + perPacket - 1) / perPacket;
        LOG.debug("session {}: block of group {} at {} ns ({} samples x {} channels) goes out in {} packets",
                sessionKey, b.group().id(), b.startNanos(), b.length(), b.columns(), parts);
        return Flux.range(0, parts).concatMap(part -> Mono.defer(() -> {
            int from = part * perPacket;
            return offerBlock(b.slice(from, Math.min(perPacket, b.length() - from)), format);
        })).then();
    }

    private Mono<Void> offerBlock(Block b, long format) {
        long id = nextId++;
        return data.offer(new OutboundPacket(id, PeriodicEncoder.TYPE, PeriodicEncoder.details(b, format,
                sessionKey, id, settings.dataSource(), data.stream()), b.length() * b.columns()));
    }

    /** A packet that no split makes fit: counted as dropped, and the run ends with the reason (never retried). */
    private Mono<Void> tooLarge(PacketTooLargeException e, long samples) {
        counters.dropped("packet-too-large", 1, e.bytes(), samples);
        LOG.error("session {}: {}", sessionKey, e.getMessage());
        return Mono.error(e);
    }

    /** One batch of rows: one packet, or several when it passes the byte cap, each with its own id. */
    private Mono<Void> rows(Rows r) {
        Long format = rowFormats.get(r.group());
        if (format == null) {
            return Mono.error(new IllegalStateException("rows of row group " + r.group().id() + " at "
                    + r.firstNanos() + " ns arrived before a configuration announced their channels"));
        }
        RowEncoder encoder;
        try {
            encoder = RowEncoder.split(r, format, Math.min(MAX_PACKET_BYTES, settings.maxPacketBytes()));
        } catch (PacketTooLargeException e) {
            return tooLarge(e, (long) r.length() * r.columns());
        }
        counters.rows(r.length(), encoder.packets());
        return Flux.range(0, encoder.packets()).concatMap(part -> Mono.defer(() -> {
            long id = nextId++;
            return data.offer(new OutboundPacket(id, RowEncoder.TYPE, encoder.details(part, sessionKey, id,
                    settings.dataSource(), data.stream()), encoder.samples(part)));
        })).then();
    }

    private Mono<Void> occurrence(EventOccurrence e) {
        Long format = eventFormats.get(e.definition());
        if (format == null) {
            return Mono.error(new IllegalStateException("event " + e.definition().identifier() + " at "
                    + e.timeNanos() + " ns arrived before a configuration defined it"));
        }
        counters.event();
        long id = nextId++;
        EventPacket packet = PacketEncoder.event(e, format);
        return data.offer(new OutboundPacket(id, PacketEncoder.typeOf(packet), detail(packet, false, id, data)));
    }

    private Mono<Void> configure(Configuration c) {
        return calls.configId()
                .flatMapMany(configId -> {
                    counters.configuration();
                    List<ConfigurationPacket> parts = ConfigurationEncoder.encode(configId, c, settings.dataSource(),
                            MAX_PACKET_BYTES);
                    LOG.info("session {}: configuration {} ({} channels, {} rate groups, {} row groups, {} events) "
                                    + "in {} packet(s), config id {}", sessionKey, c.version(), c.channels().size(),
                            c.groups().size(), c.rowGroups().size(), c.events().size(), parts.size(), configId);
                    return Flux.fromIterable(parts).concatMap(p -> Mono.defer(() -> both(p, true)));
                })
                .thenMany(Flux.fromIterable(c.groups()).filter(g -> !formats.containsKey(g))
                        .concatMap(g -> format("rate group " + g.id(), g.channels(), id -> formats.put(g, id))))
                .thenMany(Flux.fromIterable(c.rowGroups()).filter(g -> !rowFormats.containsKey(g))
                        .concatMap(g -> format("row group " + g.id(), g.channels(), id -> rowFormats.put(g, id))))
                .thenMany(Flux.fromIterable(c.events()).filter(e -> !eventFormats.containsKey(e))
                        .concatMap(e -> calls.eventDataFormatId(e.identifier()).doOnNext(id -> {
                            eventFormats.put(e, id);
                            LOG.debug("session {}: event {} has data format {}", sessionKey, e.identifier(), id);
                        })))
                .then();
    }

    private Mono<Void> format(String what, List<ChannelDefinition> channels, LongConsumer put) {
        List<String> ids = channels.stream().map(ChannelDefinition::identifier).toList();
        return calls.dataFormatId(ids)
                .doOnNext(id -> {
                    put.accept(id);
                    LOG.debug("session {}: {} has data format {}", sessionKey, what, id);
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
            offers.add(s.offer(new OutboundPacket(id, PacketEncoder.typeOf(content), detail(content, essential, id, s))));
        }
        return Mono.when(offers);
    }

    /** @return the serialised request detail of one packet built from a message, for one stream */
    private byte[] detail(MessageLite content, boolean essential, long id, PacketStream s) {
        return DataPacketDetails.newBuilder()
                .setMessage(PacketEncoder.envelope(content, sessionKey, essential, id))
                .setDataSource(settings.dataSource())
                .setStream(s.stream())
                .setSessionKey(sessionKey)
                .build()
                .toByteArray();
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
