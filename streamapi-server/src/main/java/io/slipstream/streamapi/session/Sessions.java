package io.slipstream.streamapi.session;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.read.LogEntry;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import io.slipstream.streamapi.ServerLimits;
import io.slipstream.streamapi.kafka.DataSources;
import io.slipstream.streamapi.kafka.LogReplay;
import io.slipstream.streamapi.kafka.StreamCatalog;
import io.slipstream.streamapi.keys.KeyGenerator;
import io.slipstream.streamapi.limits.ClientCounts;
import io.slipstream.streamapi.limits.LimitReachedException;
import io.slipstream.streamapi.writer.PacketWriter;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.SessionInfoPacket;

/**
 * The session registry (spec §3). State is kept in memory and every change is first written to the
 * {@code SessionInfo} topic (NewSession, SessionInfo, EndOfSession records, key = session key) and
 * applied once Kafka acknowledged it, so a restarted server rebuilds the same state by replaying that
 * topic. Changes are serialised, so the topic's order is the order they were applied in.
 *
 * <p>Memory stays bounded: each client may hold {@link ServerLimits#maxSessionsPerClient()} open sessions, and an
 * ended session is forgotten after {@link ServerLimits#sessionRetention()} (or when more than
 * {@link ServerLimits#maxEndedSessions()} ended ones are remembered); its records stay on Kafka. At start-up the
 * replay dates each end by its record's time, so sessions that ended long ago are not loaded back.
 *
 * <p>Unlike the official server, the replay runs once at startup instead of following the topic
 * forever: this server assumes it is the only Stream API writing sessions to its Kafka.
 */
public final class Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    private static final long ACK_TIMEOUT_S = 35;

    static final String NEW_SESSION = "NewSession";
    static final String SESSION_INFO = "SessionInfo";
    static final String END_OF_SESSION = "EndOfSession";

    private final DataSources dataSources;
    private final StreamCatalog catalog;
    private final PacketWriter writer;
    private final KeyGenerator keys;
    private final SessionEvents events;
    private final Map<String, SessionState> byKey = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> keysByDataSource = new ConcurrentHashMap<>();
    /** Who created each open session in this run (replayed sessions have no owner and count for nobody). */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final ClientCounts openSessions;
    private final EndedSessions ended;
    private final Clock clock;
    private final Object changes = new Object();

    /**
     * @param dataSources topic creation per data source
     * @param catalog     offsets and stream lists
     * @param writer      writes the session records
     * @param keys        session keys
     * @param events      start and stop notifications
     * @param limits      open sessions per client, retention of ended ones
     * @param clock       the time, for the retention
     */
    public Sessions(DataSources dataSources, StreamCatalog catalog, PacketWriter writer, KeyGenerator keys, SessionEvents events,
                    ServerLimits limits, Clock clock) {
        this.dataSources = dataSources;
        this.catalog = catalog;
        this.writer = writer;
        this.keys = keys;
        this.events = events;
        this.openSessions = new ClientCounts("open sessions", limits.maxSessionsPerClient(), "end one with EndSession first");
        this.ended = new EndedSessions(limits.sessionRetention(), limits.maxEndedSessions());
        this.clock = clock;
    }

    /**
     * Creates a session: writes its NewSession record, then registers it and notifies start listeners.
     *
     * @param request the request
     * @param client  who asks, for the per-client limit
     * @return the stored session and the NewSession packet sent to Kafka
     * @throws io.slipstream.streamapi.limits.LimitReachedException when the client has too many open sessions
     */
    public Created create(CreateSessionRequest request, String client) {
        String dataSource = request.getDataSource();
        dataSources.ensure(dataSource);
        forgetExpired();
        String key = keys.newStringKey();
        SessionInfoPacket info = SessionInfoPacket.newBuilder()
                .setDataSource(dataSource)
                .setType(request.getType().isEmpty() ? "Session" : request.getType())
                .setVersion(request.getVersion())
                .setIdentifier(request.getIdentifier())
                .addAllAssociateSessionKeys(request.getAssociateSessionKeyList())
                .putAllDetails(request.getDetailsMap())
                .build();
        checkSize("the new session", info);
        NewSessionPacket.Builder newSession = NewSessionPacket.newBuilder()
                .setDataSource(dataSource)
                .putAllTopicPartitionOffsets(catalog.currentOffsets(dataSource))
                .setSessionInfo(info);
        if (request.hasUtcOffset()) {
            newSession.setUtcOffset(request.getUtcOffset());
        }
        NewSessionPacket packet = newSession.build();
        openSessions.acquire(client);
        try {
            synchronized (changes) {
                persist(key, NEW_SESSION, packet);
                owners.put(key, client);
                apply(key, NEW_SESSION, packet, clock.millis());
            }
        } catch (RuntimeException e) {
            owners.remove(key);
            openSessions.release(client);
            throw e;
        }
        LOG.info("Session {} created for data source {} ({})", key, dataSource, info.getIdentifier());
        return new Created(byKey.get(key), packet);
    }

    /**
     * A created session.
     *
     * @param session    its state
     * @param newSession the NewSession packet written to Kafka
     */
    public record Created(SessionState session, NewSessionPacket newSession) {
    }

    /**
     * Ends a session (again, if already ended: a second record is written but no second notification).
     *
     * @param sessionKey the session
     * @return the EndOfSession packet, empty for an unknown key
     */
    public Optional<EndOfSessionPacket> end(String sessionKey) {
        SessionState state = byKey.get(sessionKey);
        if (state == null) {
            return Optional.empty();
        }
        EndOfSessionPacket packet = EndOfSessionPacket.newBuilder()
                .setDataSource(state.dataSource())
                .putAllTopicPartitionOffsets(catalog.currentOffsets(state.dataSource()))
                .build();
        synchronized (changes) {
            persist(sessionKey, END_OF_SESSION, packet);
            apply(sessionKey, END_OF_SESSION, packet, clock.millis());
        }
        forgetExpired();
        LOG.info("Session {} of data source {} ended", sessionKey, state.dataSource());
        return Optional.of(packet);
    }

    /**
     * Applies an update as a full session-info snapshot (spec §3.4).
     *
     * @param sessionKey the session
     * @param change     builds the snapshot from the current one
     * @return {@code false} for an unknown key
     */
    public boolean update(String sessionKey, UnaryOperator<SessionInfoPacket.Builder> change) {
        synchronized (changes) {
            SessionState state = byKey.get(sessionKey);
            if (state == null) {
                return false;
            }
            SessionInfoPacket snapshot = change.apply(state.snapshot()).build();
            checkSize("session " + sessionKey, snapshot);
            persist(sessionKey, SESSION_INFO, snapshot);
            apply(sessionKey, SESSION_INFO, snapshot, clock.millis());
            return true;
        }
    }

    /** @param sessionKey a key @return the session, if known and not forgotten (ended longer than the retention ago) */
    public Optional<SessionState> get(String sessionKey) {
        forgetExpired();
        return Optional.ofNullable(byKey.get(sessionKey));
    }

    /**
     * @param dataSource a data source
     * @return its current session keys in creation order: open ones and those ended within the retention (empty for
     * an unknown data source)
     */
    public List<String> keysOf(String dataSource) {
        forgetExpired();
        Set<String> keys = keysByDataSource.get(dataSource);
        if (keys == null) {
            return List.of();
        }
        synchronized (keys) {
            return List.copyOf(keys);
        }
    }

    /**
     * @param client a client
     * @return how many open sessions it created in this run
     */
    public int openSessionsOf(String client) {
        return openSessions.of(client);
    }

    /**
     * Details are merged and associate keys appended on every update, and each update is a full snapshot on Kafka: without
     * a bound, one client could grow a session's memory and records with every call.
     */
    private static void checkSize(String what, SessionInfoPacket info) {
        if (info.getSerializedSize() > ServerLimits.MAX_SESSION_INFO_BYTES) {
            throw new LimitReachedException("the session info of " + what + " would be " + info.getSerializedSize() + " bytes, more than the "
                    + ServerLimits.MAX_SESSION_INFO_BYTES + " allowed (identifier, details and associate keys together)");
        }
    }

    /** Forgets the sessions that ended longer than the retention ago, or beyond the most ended sessions remembered. */
    private void forgetExpired() {
        for (String key : ended.expire(clock.millis())) {
            SessionState state = byKey.remove(key);
            if (state != null) {
                Set<String> keys = keysByDataSource.get(state.dataSource());
                if (keys != null) {
                    synchronized (keys) {
                        keys.remove(key);
                    }
                }
                LOG.debug("Session {} of data source {} forgotten (it stays on Kafka)", key, state.dataSource());
            }
        }
    }

    /** @param dataSource a data source @return the streams reported with its sessions */
    public List<String> streamsOf(String dataSource) {
        return catalog.streams(dataSource);
    }

    /**
     * @param session a session
     * @return its start offsets as GetSessionInfo gives them (see {@link StreamCatalog#withReaderKeys})
     */
    public Map<String, Long> readerOffsetsOf(SessionState session) {
        return catalog.withReaderKeys(session.dataSource(), session.startOffsets());
    }

    /**
     * Applies one record of the session-info topic (startup replay). Records of other types (info
     * packets of clients) and records without key are skipped.
     *
     * @param record the record
     * @return {@code true} when it was a session record
     */
    public boolean replay(LogEntry record) {
        if (record.key() == null) {
            return false;
        }
        try {
            Packet packet = Packet.parseFrom(record.value());
            Message content = switch (packet.getType()) {
                case NEW_SESSION -> NewSessionPacket.parseFrom(packet.getContent());
                case SESSION_INFO -> SessionInfoPacket.parseFrom(packet.getContent());
                case END_OF_SESSION -> EndOfSessionPacket.parseFrom(packet.getContent());
                default -> null;
            };
            if (content == null) {
                return false;
            }
            synchronized (changes) {
                apply(record.key(), packet.getType(), content, record.timestampMs());
            }
            forgetExpired();
            return true;
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("Skipping {}:{} offset {}: not a session record ({})", record.topic(), record.partition(), record.offset(), e.getMessage());
            return false;
        }
    }

    /**
     * Rebuilds, after the session replay, what each open session has on Kafka: the highest packet id per data
     * partition, read from the session's start offsets, so that packets a client resends after this server was
     * stopped (or killed) are written once ({@link io.slipstream.streamapi.writer.ResendFilter}). Reads each data
     * partition of a data source once, from the earliest start of its open sessions.
     *
     * @param kafka the Kafka cluster and its client settings
     * @return the number of records read
     */
    public long rebuildResendMarks(KafkaConnection kafka) {
        Map<String, List<SessionState>> open = new LinkedHashMap<>();
        byKey.values().stream().filter(s -> !s.complete())
                .forEach(s -> open.computeIfAbsent(s.dataSource(), d -> new ArrayList<>()).add(s));
        long read = 0;
        for (Map.Entry<String, List<SessionState>> e : open.entrySet()) {
            dataSources.ensureExisting(e.getKey());
            Set<String> keys = new HashSet<>();
            e.getValue().forEach(s -> keys.add(s.key()));
            Map<TopicPartition, Long> from = new LinkedHashMap<>();
            for (TopicPartition tp : catalog.dataPartitions(e.getKey())) {
                from.put(tp, e.getValue().stream().mapToLong(s -> StreamCatalog.offsetOf(s.startOffsets(), tp)).min().orElse(0));
            }
            read += LogReplay.replay(kafka, from, record -> {
                if (record.key() != null && keys.contains(record.key())) {
                    writer.resends().landed(record.key(), new TopicPartition(record.topic(), record.partition()), packetId(record));
                }
            });
        }
        return read;
    }

    private static long packetId(LogEntry record) {
        try {
            return Packet.parseFrom(record.value()).getId();
        } catch (InvalidProtocolBufferException e) {
            return 0; // not a packet: nothing a client could resend
        }
    }

    /** @return the number of sessions known */
    public int size() {
        return byKey.size();
    }

    private void persist(String sessionKey, String type, Message content) {
        Packet packet = Packet.newBuilder().setType(type).setSessionKey(sessionKey).setContent(content.toByteString()).build();
        try {
            writer.writeSessionRecord(sessionKey, packet).get(ACK_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the " + type + " record of session " + sessionKey, e);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.error("The {} record of session {} was not written to Kafka: {}", type, sessionKey, cause.toString());
            throw new IllegalStateException("The " + type + " record of session " + sessionKey + " was not written to Kafka topic "
                    + writer.sessionRecordTopic() + ": " + cause.getMessage(), cause);
        }
    }

    private void apply(String key, String type, Message content, long atMillis) {
        switch (type) {
            case NEW_SESSION -> {
                if (byKey.containsKey(key)) {
                    return;
                }
                NewSessionPacket p = (NewSessionPacket) content;
                SessionInfoPacket info = p.getSessionInfo();
                String ds = p.getDataSource();
                Map<String, Long> offsets = p.getTopicPartitionOffsetsMap();
                SessionState state = new SessionState(key, ds, info.getType().isEmpty() ? "Session" : info.getType(),
                        info.getVersion(), info.getIdentifier(), info.getAssociateSessionKeysList(), info.getDetailsMap(),
                        p.hasUtcOffset() ? p.getUtcOffset() : Duration.getDefaultInstance(), offsets,
                        catalog.mainOffset(ds, offsets), catalog.essentialsOffset(ds, offsets), false);
                byKey.put(key, state);
                writer.resends().track(key);
                Set<String> keys = keysByDataSource.computeIfAbsent(ds, d -> new LinkedHashSet<>());
                synchronized (keys) {
                    keys.add(key);
                }
                events.emit(new SessionEvents.Event(key, ds, true));
            }
            case SESSION_INFO -> byKey.computeIfPresent(key, (k, s) -> s.merge((SessionInfoPacket) content));
            case END_OF_SESSION -> {
                SessionState state = byKey.get(key);
                if (state != null && !state.complete()) {
                    byKey.put(key, state.completed());
                    writer.resends().forget(key);
                    String owner = owners.remove(key);
                    if (owner != null) {
                        openSessions.release(owner);
                    }
                    ended.add(key, atMillis);
                    events.emit(new SessionEvents.Event(key, state.dataSource(), false));
                }
            }
            default -> throw new IllegalArgumentException("not a session record type: " + type);
        }
    }
}
