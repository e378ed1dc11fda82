package io.slipstream.streamapi;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.Server;
import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.streamapi.connection.ConnectionService;
import io.slipstream.streamapi.connection.Connections;
import io.slipstream.streamapi.dataformat.DataFormatService;
import io.slipstream.streamapi.dataformat.DataFormats;
import io.slipstream.streamapi.grpc.GrpcServers;
import io.slipstream.streamapi.kafka.DataSources;
import io.slipstream.streamapi.kafka.KafkaAdmin;
import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.streamapi.kafka.LogReplay;
import io.slipstream.streamapi.kafka.RecordWriter;
import io.slipstream.streamapi.kafka.StreamCatalog;
import io.slipstream.streamapi.keys.KeyGenerator;
import io.slipstream.streamapi.limits.CallLimits;
import io.slipstream.streamapi.limits.ClientIdentity;
import io.slipstream.streamapi.names.NameRules;
import io.slipstream.streamapi.reader.PacketReaderService;
import io.slipstream.streamapi.session.SessionEvents;
import io.slipstream.streamapi.session.SessionService;
import io.slipstream.streamapi.session.Sessions;
import io.slipstream.streamapi.writer.PacketWriter;
import io.slipstream.streamapi.writer.PacketWriterService;
import io.slipstream.streamapi.writer.WriteCounters;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A wire-compatible Stream API (all five {@code ma.streaming.api.v1} services) over Kafka in the
 * official v1.3 layout (spec §2). At start it waits for Kafka, creates the {@code SessionInfo} topic,
 * replays the data formats of every {@code *_essential} topic and the sessions of {@code SessionInfo},
 * and only then opens its port, so a server started again on the same broker answers as before.
 */
public final class StreamApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamApiServer.class);
    private static final long KAFKA_WAIT_MS = 30_000;

    private final Server server;
    private final ServerSecurity security;
    private final KafkaAdmin admin;
    private final RecordWriter records;
    private final SessionEvents events;
    private final Scheduler readers;
    private final WriteCounters counters;
    private final CallLimits callLimits;
    private final int port;
    private volatile boolean closed;

    private StreamApiServer(Server server, ServerSecurity security, KafkaAdmin admin, RecordWriter records, SessionEvents events,
                            Scheduler readers, WriteCounters counters, CallLimits callLimits) {
        this.server = server;
        this.security = security;
        this.admin = admin;
        this.records = records;
        this.events = events;
        this.readers = readers;
        this.counters = counters;
        this.callLimits = callLimits;
        this.port = server.getPort();
    }

    /**
     * Starts the Stream API and blocks until it is ready.
     *
     * @param bootstrapServers the Kafka to write to
     * @param port             the gRPC port, 0 = a free one
     * @param options          partition mappings, topic-based mode, limits, bind address and TLS are taken from here
     * @return the running server
     * @throws IllegalStateException when Kafka does not answer, the replay fails or the port cannot be bound
     */
    public static StreamApiServer start(String bootstrapServers, int port, StackOptions options) {
        long started = System.nanoTime();
        KafkaConnection kafka = options.kafka().connection(bootstrapServers);
        KafkaAdmin admin = new KafkaAdmin(kafka);
        RecordWriter records = null;
        Scheduler readers = null;
        try {
            awaitKafka(admin, kafka);
            admin.useReplication(options.kafka());
            KafkaLayout layout = KafkaLayout.legacy(options.partitionMappings(), options.topicBased());
            admin.ensureTopics(Map.of(layout.sessionInfoTopic(), 1));
            records = new RecordWriter(kafka);
            WriteCounters counters = new WriteCounters();
            ServerLimits limits = options.limits();
            DataSources dataSources = new DataSources(layout, admin, limits.maxDataSources());
            PacketWriter writer = new PacketWriter(layout, dataSources, records, counters);
            KeyGenerator keys = new KeyGenerator();
            SessionEvents events = new SessionEvents(ServerLimits.NOTIFICATION_BUFFER);
            Sessions sessions = new Sessions(dataSources, new StreamCatalog(layout, admin), writer, keys, events, limits, Clock.systemUTC());
            DataFormats formats = new DataFormats(writer, keys);
            AtomicLong definitions = new AtomicLong();
            dataSources.onFirstUse(ds -> LogReplay.replay(kafka, List.of(layout.essentials(ds)),
                    r -> {
                        if (formats.replay(ds, r)) {
                            definitions.incrementAndGet();
                        }
                    }));
            List<String> replayedSources = new ArrayList<>();
            for (String topic : admin.listTopics()) {
                layout.dataSourceOfEssentialTopic(topic).ifPresent(ds -> {
                    Optional<String> refused = NameRules.problemWithDataSource(ds);
                    if (refused.isPresent()) {
                        // Written before names were checked, or by another program: never replayed as a data source.
                        LOG.warn("Topic {} is not replayed: data source \"{}\" is refused ({})", topic, ds, refused.get());
                        return;
                    }
                    dataSources.ensureExisting(ds);
                    replayedSources.add(ds);
                });
            }
            int sessionPartitions = admin.describePartitions(layout.sessionInfoTopic());
            List<TopicPartition> sessionLog = new ArrayList<>();
            for (int p = 0; p < sessionPartitions; p++) {
                sessionLog.add(new TopicPartition(layout.sessionInfoTopic(), p));
            }
            LogReplay.replay(kafka, sessionLog, sessions::replay);
            long resendRecords = sessions.rebuildResendMarks(kafka);
            LOG.info("Stream API replayed {} session(s) and {} data format(s) of {} data source(s) {}; read {} record(s) of open sessions",
                    sessions.size(), definitions.get(), replayedSources.size(), replayedSources, resendRecords);

            readers = Schedulers.newBoundedElastic(ServerLimits.MAX_READERS, 10_000, "stream-api-reader");
            Connections connections = new Connections(limits.maxConnectionsPerClient());
            CallLimits callLimits = new CallLimits(limits.maxStreamsPerClient(), limits.maxSubscribersPerClient(), ServerLimits.MAX_READERS);
            Server server = GrpcServers.start("Stream API", options.security(), port, List.of(
                    new PacketWriterService(writer),
                    new SessionService(sessions, events),
                    new DataFormatService(formats, dataSources),
                    new ConnectionService(connections),
                    new PacketReaderService(kafka, layout, dataSources, connections, sessions, formats, readers)),
                    List.of(callLimits, new ClientIdentity()));
            LOG.info("Stream API listening on {} port {} (kafka {}, {} layout) in {} ms", options.security().describe(), server.getPort(),
                    kafka,
                    options.topicBased() ? "topic-based" : "partition-based " + options.partitionMappings(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new StreamApiServer(server, options.security(), admin, records, events, readers, counters, callLimits);
        } catch (RuntimeException e) {
            if (readers != null) {
                readers.dispose();
            }
            if (records != null) {
                records.close();
            }
            admin.close();
            throw e;
        }
    }

    /** @return the gRPC port */
    public int port() {
        return port;
    }

    /** @return where a client on this machine reaches it: {@code 127.0.0.1:port} unless bound to another address */
    public String address() {
        return security.clientAddress(port);
    }

    /** @return client packets (data and info) acknowledged by Kafka */
    public long packetsWritten() {
        return counters.packetsWritten();
    }

    /** @return client packets that could not be written to Kafka (each logged with session key and id) */
    public long packetsFailed() {
        return counters.packetsFailed();
    }

    /** @return resent client packets dropped because their session already had them on Kafka */
    public long packetsDuplicate() {
        return counters.packetsDuplicate();
    }

    /** @return streaming calls refused because a client or the server had the most open (RESOURCE_EXHAUSTED) */
    public long callsRefused() {
        return callLimits.refused();
    }

    /** @return notification streams closed because their subscriber fell too far behind */
    public long notificationsOverflowed() {
        return events.overflowed();
    }

    /** @return how many session start/stop notification streams are open */
    public int notificationSubscribers() {
        return events.subscribers();
    }

    /** Stops the gRPC server (cancelling live readers), flushes the producer and releases Kafka clients. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        events.close();
        GrpcServers.stop(server);
        readers.dispose();
        records.close();
        admin.close();
        LOG.info("Stream API on port {} stopped ({} packets written, {} failed, {} resends dropped as already written)", port,
                counters.packetsWritten(), counters.packetsFailed(), counters.packetsDuplicate());
    }

    private static void awaitKafka(KafkaAdmin admin, KafkaConnection kafka) {
        long deadline = System.currentTimeMillis() + KAFKA_WAIT_MS;
        while (true) {
            try {
                admin.listTopics();
                return;
            } catch (RuntimeException e) {
                if (e.getCause() instanceof AuthenticationException || e.getCause() instanceof AuthorizationException) {
                    // Waiting does not mend wrong credentials: say so at once.
                    throw new IllegalStateException("Kafka at " + kafka + " refused this client: " + e.getMessage()
                            + " (check the security settings: --kafka-config or the SLIPSTREAM_KAFKA_* variables)", e);
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Kafka at " + kafka + " did not answer within "
                            + KAFKA_WAIT_MS / 1000 + " s: " + e.getMessage(), e);
                }
                LOG.warn("Kafka at {} not answering yet ({}); retrying", kafka, e.getMessage());
            }
        }
    }
}
