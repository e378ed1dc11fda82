package io.slipstream.sink.streamapi;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.api.v1.GetCurrentSessionsRequest;
import ma.streaming.api.v1.GetParameterDataFormatIdRequest;
import ma.streaming.api.v1.ReactorDataFormatManagerServiceGrpc;
import ma.streaming.api.v1.ReactorSessionManagementServiceGrpc;
import ma.streaming.api.v1.UpdateSessionDetailsRequest;
import ma.streaming.key_generator.v1.GenerateUniqueKeyRequest;
import ma.streaming.key_generator.v1.KeyType;
import ma.streaming.key_generator.v1.ReactorUniqueKeyGeneratorServiceGrpc;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * One ATLAS session from start to end: CreateSession, NewSession on both streams, configurations with their
 * data-format ids, data, markers, EndOfSession on both streams, EndSession, and the optional confirmation.
 * Events are handled one at a time, so packet ids and per-stream order follow the pipeline's order.
 */
final class SessionRun {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRun.class);
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final SinkSettings settings;
    private final ServiceChannels channels;
    private final SinkCounters counters;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<RateGroup, Long> formats = new HashMap<>();
    private final List<StreamWriter> writers = new ArrayList<>();
    private final KafkaReadBack readBack;
    private StreamWriter dataWriter;
    private String sessionKey;

    SessionRun(SinkSettings settings, ServiceChannels channels, SinkCounters counters) {
        this.settings = settings;
        this.channels = channels;
        this.counters = counters;
        this.readBack = settings.kafkaBootstrap() == null ? null
                : new KafkaReadBack(settings.kafkaBootstrap(), settings.dataSource());
    }

    Mono<SinkResult> run(Flux<PipelineEvent> events) {
        return events.switchOnFirst((first, rest) -> {
            if (first.isOnError()) {
                // The source failed before its first event (a corrupt file, say): no session, nothing sent.
                return Flux.error(first.getThrowable());
            }
            SessionMetadata meta = first.hasValue() && first.get() instanceof Configuration c
                    ? c.metadata() : SessionMetadata.EMPTY;
            if (first.hasValue() && !(first.get() instanceof Configuration)) {
                return Flux.error(new IllegalStateException("the first pipeline event must be a Configuration, got "
                        + first.get()));
            }
            return createSession(meta).thenMany(Flux.defer(() -> body(rest)));
        }).then(Mono.defer(this::end))
                .doOnError(e -> {
                    counters.state(ConnectionState.FAILED);
                    if (sessionKey == null) {
                        LOG.error("failed before a session was created: {}", e.toString());
                    } else {
                        LOG.error("session {}: failed: {}", sessionKey, e.toString());
                    }
                })
                .doFinally(s -> writers.forEach(StreamWriter::dispose));
    }

    private Flux<Void> body(Flux<PipelineEvent> events) {
        return dual(newSessionPacket, false)
                .thenMany(events.concatMap(this::handle, 1))
                .onErrorResume(e -> end().onErrorResume(e2 -> {
                    e.addSuppressed(e2);
                    return Mono.empty();
                }).then(Mono.error(e)));
    }

    private NewSessionPacket newSessionPacket;

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
        return retrying("CreateSession on " + settings.streamApi(),
                () -> sessions().createSession(req))
                .flatMap(r -> {
                    if (!r.getSuccess() || r.getSessionKey().isEmpty()) {
                        return Mono.error(new IllegalStateException("Stream API " + settings.streamApi()
                                + " refused CreateSession for data source " + settings.dataSource()));
                    }
                    sessionKey = r.getSessionKey();
                    counters.sessionKey(sessionKey);
                    counters.state(ConnectionState.CONNECTED);
                    newSessionPacket = r.hasNewSession() ? r.getNewSession()
                            : NewSessionPacket.newBuilder().setDataSource(settings.dataSource()).build();
                    LOG.info("session {} created: '{}' on data source {}, streams '{}' and main",
                            sessionKey, identifier, settings.dataSource(), settings.stream());
                    openWriters();
                    return Mono.<Void>empty();
                });
    }

    private void openWriters() {
        Set<String> names = new java.util.LinkedHashSet<>(List.of(settings.stream(), ""));
        for (String s : names) {
            StreamWriter w = new StreamWriter(s, settings.resendBufferPackets(), settings.resendBufferBytes(),
                    counters, this::lost);
            writers.add(w);
            w.open(channels.streamApi());
        }
        dataWriter = writers.get(0);
    }

    private Mono<Void> handle(PipelineEvent event) {
        if (event instanceof Block b) {
            Long format = formats.get(b.group());
            if (format == null) {
                return Mono.error(new IllegalStateException("block of rate group " + b.group().id() + " at "
                        + b.startNanos() + " ns arrived before a configuration announced its channels"));
            }
            counters.block();
            long id = nextId.getAndIncrement();
            return dataWriter.offer(new OutboundPacket(id, PeriodicEncoder.TYPE, PeriodicEncoder.details(b, format,
                    sessionKey, id, settings.dataSource(), dataWriter.stream()), b.length() * b.columns()));
        } else if (event instanceof Marker m) {
            counters.marker();
            return dual(PacketEncoder.marker(m), true);
        } else if (event instanceof Configuration c) {
            return configure(c);
        } else if (event instanceof SessionDetails d) {
            return updateDetails(d);
        }
        return Mono.error(new IllegalArgumentException("unknown pipeline event " + event));
    }

    private Mono<Void> configure(Configuration c) {
        return retrying("GenerateUniqueKey on " + settings.keyGenerator(), () ->
                ReactorUniqueKeyGeneratorServiceGrpc.newReactorStub(channels.keyGenerator())
                        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .generateUniqueKey(GenerateUniqueKeyRequest.newBuilder().setType(KeyType.KEY_TYPE_STRING).build()))
                .flatMap(k -> {
                    counters.configuration();
                    LOG.info("session {}: configuration {} ({} channels, {} rate groups), config id {}",
                            sessionKey, c.version(), c.channels().size(), c.groups().size(), k.getStringKey());
                    return dual(PacketEncoder.configuration(k.getStringKey(), c, settings.dataSource()), true);
                })
                .thenMany(Flux.fromIterable(c.groups()).filter(g -> !formats.containsKey(g)).concatMap(this::format))
                .then();
    }

    private Mono<Void> format(RateGroup g) {
        List<String> ids = g.channels().stream().map(ChannelDefinition::identifier).toList();
        return retrying("GetParameterDataFormatId on " + settings.streamApi(), () ->
                ReactorDataFormatManagerServiceGrpc.newReactorStub(channels.streamApi())
                        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .getParameterDataFormatId(GetParameterDataFormatIdRequest.newBuilder()
                                .setDataSource(settings.dataSource()).addAllParameters(ids).build()))
                .doOnNext(r -> {
                    formats.put(g, r.getDataFormatIdentifier());
                    LOG.debug("session {}: rate group {} has data format {}", sessionKey, g.id(),
                            r.getDataFormatIdentifier());
                })
                .then();
    }

    private Mono<Void> dual(MessageLite content, boolean essential) {
        long id = nextId.getAndIncrement();
        List<Mono<Void>> offers = new ArrayList<>(writers.size());
        for (StreamWriter w : writers) {
            offers.add(w.offer(outbound(w, content, essential, id)));
        }
        return Mono.when(offers);
    }

    private OutboundPacket outbound(StreamWriter w, MessageLite content, boolean essential, long id) {
        var packet = PacketEncoder.envelope(content, sessionKey, essential, id);
        return new OutboundPacket(id, packet.getType(), DataPacketDetails.newBuilder()
                .setMessage(packet)
                .setDataSource(settings.dataSource())
                .setStream(w.stream())
                .setSessionKey(sessionKey)
                .build()
                .toByteArray());
    }

    private boolean ended;

    private Mono<SinkResult> end() {
        if (sessionKey == null) {
            return Mono.error(new IllegalStateException("no session was created"));
        }
        if (ended) {
            return Mono.empty();
        }
        ended = true;
        return dual(EndOfSessionPacket.newBuilder().setDataSource(settings.dataSource()).build(), false)
                .then(Mono.when(writers.stream().map(w -> w.close(CLOSE_GRACE)).toList()))
                .then(retrying("EndSession on " + settings.streamApi(), () -> sessions().endSession(
                        EndSessionRequest.newBuilder().setDataSource(settings.dataSource())
                                .setSessionKey(sessionKey).build())))
                .flatMap(r -> {
                    if (!r.getSuccess()) {
                        LOG.warn("session {}: EndSession answered success=false", sessionKey);
                    }
                    return settings.confirm() ? confirm() : Mono.just(List.<Long>of());
                })
                .map(unconfirmed -> {
                    counters.state(ConnectionState.ENDED);
                    SinkSnapshot s = counters.snapshot();
                    LOG.info("session {} ended: {} packets ({} bytes), {} blocks, {} markers, {} configurations, "
                                    + "{} resends, {} reconnects, dropped {}{}", sessionKey, s.packetsSent(), s.bytes(),
                            s.blocks(), s.markers(), s.configurations(), s.resends(), s.reconnects(), s.dropped(),
                            settings.confirm() ? ", confirmed " + s.confirmed() + ", unconfirmed " + s.unconfirmed()
                                    : "");
                    return new SinkResult(sessionKey, s, unconfirmed);
                });
    }

    private Mono<List<Long>> confirm() {
        if (readBack == null) {
            return Mono.error(new IllegalStateException("delivery confirmation needs the Kafka bootstrap address "
                    + "(sink option 'kafka')"));
        }
        Map<Long, Integer> expected = new HashMap<>();
        for (StreamWriter w : writers) {
            for (long id : w.ids()) {
                expected.merge(id, 1, Integer::sum);
            }
        }
        long deadline = System.nanoTime() + settings.confirmTimeout().toNanos();
        return readBack.read(sessionKey).map(l -> missing(expected, l))
                .expand(m -> m.isEmpty() || System.nanoTime() > deadline ? Mono.empty()
                        : Mono.delay(Duration.ofMillis(300)).then(readBack.read(sessionKey))
                                .map(l -> missing(expected, l)))
                .last()
                .doOnNext(m -> {
                    if (!m.isEmpty()) {
                        LOG.warn("session {}: {} packet ids not found on Kafka after {}: first {}", sessionKey,
                                m.size(), settings.confirmTimeout(), m.subList(0, Math.min(10, m.size())));
                    }
                });
    }

    private List<Long> missing(Map<Long, Integer> expected, List<KafkaReadBack.Landed> landed) {
        Map<Long, Integer> seen = new HashMap<>();
        for (KafkaReadBack.Landed l : landed) {
            seen.merge(l.id(), 1, Integer::sum);
        }
        long ok = 0;
        long bad = 0;
        List<Long> missing = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : expected.entrySet()) {
            int got = Math.min(e.getValue(), seen.getOrDefault(e.getKey(), 0));
            ok += got;
            bad += e.getValue() - got;
            if (got < e.getValue()) {
                missing.add(e.getKey());
            }
        }
        counters.confirmation(ok, bad);
        missing.sort(null);
        return missing;
    }

    /** A writer's call failed: wait for the Stream API, learn what landed, put the rest back, reopen. */
    private void lost(StreamWriter w, Throwable error) {
        counters.state(ConnectionState.RECONNECTING);
        LOG.warn("session {}: stream '{}' lost its connection ({}); reconnecting", sessionKey, w.stream(),
                Status.fromThrowable(error));
        retrying("reconnect to " + settings.streamApi(), () -> sessions()
                .getCurrentSessions(GetCurrentSessionsRequest.newBuilder().setDataSource(settings.dataSource()).build()))
                .then(lastLanded(w))
                .subscribe(last -> {
                    long again = w.requeueAfterLoss(last);
                    counters.reconnected();
                    LOG.info("session {}: stream '{}' reconnected; resending {} packets ({})", sessionKey, w.stream(),
                            again, last < 0 ? "no Kafka access: at-least-once, duplicates keep their packet id"
                                    : "after id " + last + " found on Kafka");
                    w.open(channels.streamApi());
                    counters.state(ConnectionState.CONNECTED);
                }, e -> {
                    counters.state(ConnectionState.FAILED);
                    LOG.error("session {}: stream '{}' could not reconnect: {}", sessionKey, w.stream(), e.toString());
                    w.fail(e);
                });
    }

    private Mono<Long> lastLanded(StreamWriter w) {
        if (readBack == null) {
            return Mono.just(-1L);
        }
        return readBack.read(sessionKey).map(landed -> {
            TopicPartition tp = readBack.partitionOf(w.stream(), landed);
            Set<Long> mine = new HashSet<>();
            for (long id : w.ids()) {
                mine.add(id);
            }
            long last = 0;
            for (KafkaReadBack.Landed l : landed) {
                if (l.topic().equals(tp.topic()) && l.partition() == tp.partition() && mine.contains(l.id())) {
                    last = Math.max(last, l.id());
                }
            }
            return last;
        });
    }

    private ReactorSessionManagementServiceGrpc.ReactorSessionManagementServiceStub sessions() {
        return ReactorSessionManagementServiceGrpc.newReactorStub(channels.streamApi())
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Merges the source's new session metadata into the session's details (UpdateSessionDetails). The data matters
     * more than its labels: a refusal or a server that stays away is logged and the session goes on.
     */
    private Mono<Void> updateDetails(SessionDetails d) {
        UpdateSessionDetailsRequest req = UpdateSessionDetailsRequest.newBuilder().setSessionKey(sessionKey)
                .putAllDetails(d.metadata().fields()).build();
        return retrying("UpdateSessionDetails on " + settings.streamApi(), () -> sessions().updateSessionDetails(req))
                .doOnNext(r -> {
                    if (r.getSuccess()) {
                        LOG.info("session {}: details updated: {}", sessionKey, d.metadata().fields());
                    } else {
                        LOG.warn("session {}: the Stream API refused the new details {}", sessionKey,
                                d.metadata().fields());
                    }
                })
                .onErrorResume(e -> {
                    LOG.warn("session {}: new details {} not sent: {}", sessionKey, d.metadata().fields(), e.getMessage());
                    return Mono.empty();
                })
                .then();
    }

    /** Retries a call that fails as unavailable (or times out) with capped exponential backoff. */
    private <T> Mono<T> retrying(String what, java.util.function.Supplier<Mono<T>> call) {
        RetrySettings r = settings.retry();
        return Mono.defer(call).retryWhen(Retry.from(signals -> signals.concatMap(s -> {
            Status st = Status.fromThrowable(s.failure());
            boolean transientFailure = st.getCode() == Status.Code.UNAVAILABLE
                    || st.getCode() == Status.Code.DEADLINE_EXCEEDED;
            int attempt = (int) s.totalRetries() + 1;
            if (!transientFailure || !r.allows(attempt)) {
                return Mono.error(new IllegalStateException(what + " failed after " + (attempt - 1) + " retries: "
                        + st.getCode() + (st.getDescription() != null ? " " + st.getDescription() : ""),
                        s.failure()));
            }
            Duration d = r.delay(attempt);
            LOG.warn("{}: {} ({}); retry {} in {} ms", what, st.getCode(), st.getDescription(), attempt,
                    d.toMillis());
            return Mono.delay(d).doOnNext(x -> channels.resetBackoff());
        })));
    }
}
