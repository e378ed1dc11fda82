package io.slipstream.streamapi.writer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.slipstream.streamapi.kafka.DataSources;
import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.streamapi.kafka.RecordWriter;
import ma.streaming.open_data.v1.Packet;

/**
 * Routes packets to their Kafka records (spec §2.2, §2.4): the whole {@link Packet} re-serialised as
 * value, the session key as key. An essential packet goes to {@code {dataSource}_essential} first and
 * then to its stream. The content is never parsed. A returned future completes when Kafka
 * acknowledged every record of the packet; a client packet that fails is logged with its session key
 * and id and counted.
 */
public final class PacketWriter {

    private static final Logger LOG = LoggerFactory.getLogger(PacketWriter.class);

    /**
     * Types of the server's own records on {@code SessionInfo}, replayed at start-up: an info packet of one of these
     * types from a client would create, rename or end another client's session after a restart.
     */
    static final List<String> SESSION_RECORD_TYPES = List.of("NewSession", "SessionInfo", "EndOfSession");

    /** Types of the server's own records on {@code {ds}_essential}, replayed at start-up as data-format ids. */
    static final List<String> SERVER_DATA_TYPES = List.of("DataFormatDefinition");

    private final KafkaLayout layout;
    private final DataSources dataSources;
    private final RecordWriter records;
    private final WriteCounters counters;
    private final ResendFilter resends;

    /**
     * @param layout      the Kafka layout
     * @param dataSources topic creation per data source
     * @param records     the producer
     * @param counters    where client packets are counted
     */
    public PacketWriter(KafkaLayout layout, DataSources dataSources, RecordWriter records, WriteCounters counters) {
        this.layout = layout;
        this.dataSources = dataSources;
        this.records = records;
        this.counters = counters;
        this.resends = new ResendFilter(layout);
    }

    /** @return the filter of packets a client sends again, per open session */
    public ResendFilter resends() {
        return resends;
    }

    /**
     * Writes a client's data packet. Never throws: bad names and Kafka failures fail the future. A resend of a
     * packet this open session already wrote to the same partition is dropped, counted, and answered as written
     * ({@link ResendFilter}).
     *
     * @param dataSource the data source
     * @param stream     the stream, "" for main
     * @param sessionKey the outer session key, used as the Kafka key
     * @param packet     the packet
     * @return completes when Kafka acknowledged it
     */
    public CompletableFuture<Void> writeData(String dataSource, String stream, String sessionKey, Packet packet) {
        if (SERVER_DATA_TYPES.contains(packet.getType())) {
            return reject(new IllegalArgumentException("packet type " + packet.getType() + " is refused on data source " + dataSource
                    + ": the server writes its own data-format definitions (ask GetParameterDataFormatId or GetEventDataFormatId)"));
        }
        TopicPartition target;
        try {
            target = dataSources.route(dataSource, stream);
        } catch (RuntimeException e) {
            return count(CompletableFuture.failedFuture(e), "data source " + dataSource + ", stream \"" + stream + "\"", sessionKey, packet);
        }
        if (!resends.admit(sessionKey, target, packet.getId())) {
            counters.duplicate();
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = write(target, dataSource, sessionKey, packet).whenComplete((ok, error) -> {
            if (error != null) {
                resends.failed(sessionKey, target, packet.getId());
            }
        });
        return count(done, "data source " + dataSource + ", stream \"" + stream + "\"", sessionKey, packet);
    }

    /**
     * Writes a client's info packet to the session-info topic with the inner session key as Kafka key.
     * The official server also registers a data source called "Info" (creating empty {@code Info} and
     * {@code Info_essential} topics); that side effect is not reproduced.
     *
     * @param packet the packet
     * @return completes when Kafka acknowledged it
     */
    public CompletableFuture<Void> writeInfo(Packet packet) {
        if (SESSION_RECORD_TYPES.contains(packet.getType())) {
            return reject(new IllegalArgumentException("info packet type " + packet.getType() + " is refused: the server writes the session"
                    + " records " + SESSION_RECORD_TYPES + " itself (use CreateSession, UpdateSessionIdentifier, UpdateSessionDetails, EndSession)"));
        }
        CompletableFuture<Void> done = records.append(layout.sessionInfoTopic(), null, packet.getSessionKey(), packet.toByteArray())
                .thenApply(m -> null);
        return count(done, "topic " + layout.sessionInfoTopic(), packet.getSessionKey(), packet);
    }

    /**
     * Writes one of the server's own packets (e.g. a data-format definition) like a data packet, without counting it.
     *
     * @param dataSource the data source
     * @param stream     the stream
     * @param key        the Kafka key
     * @param packet     the packet
     * @return completes when Kafka acknowledged it
     */
    public CompletableFuture<Void> writeServerPacket(String dataSource, String stream, String key, Packet packet) {
        return route(dataSource, stream, key, packet);
    }

    /** @return the topic the session records go to */
    public String sessionRecordTopic() {
        return layout.sessionInfoTopic();
    }

    /**
     * Writes one of the server's session records to the session-info topic.
     *
     * @param sessionKey the session key (the Kafka key)
     * @param packet     a NewSession, SessionInfo or EndOfSession packet
     * @return completes when Kafka acknowledged it
     */
    public CompletableFuture<Void> writeSessionRecord(String sessionKey, Packet packet) {
        return records.append(layout.sessionInfoTopic(), null, sessionKey, packet.toByteArray()).thenApply(m -> null);
    }

    /**
     * Counts and logs a client packet that is rejected before it reaches Kafka (e.g. a request without a packet).
     *
     * @param error why it is rejected
     * @return a future failed with {@code error}
     */
    public CompletableFuture<Void> reject(RuntimeException error) {
        counters.failed();
        LOG.error("Packet rejected: {}", error.getMessage());
        return CompletableFuture.failedFuture(error);
    }

    private CompletableFuture<Void> route(String dataSource, String stream, String key, Packet packet) {
        try {
            return write(dataSources.route(dataSource, stream), dataSource, key, packet);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Void> write(TopicPartition target, String dataSource, String key, Packet packet) {
        byte[] value = packet.toByteArray();
        if (!packet.getIsEssential()) {
            return records.append(target, key, value).thenApply(m -> null);
        }
        CompletableFuture<?> essential = records.append(layout.essentials(dataSource), key, value);
        CompletableFuture<?> data = records.append(target, key, value);
        return CompletableFuture.allOf(essential, data);
    }

    private CompletableFuture<Void> count(CompletableFuture<Void> done, String where, String sessionKey, Packet packet) {
        return done.whenComplete((ok, error) -> {
            if (error == null) {
                counters.written();
            } else {
                counters.failed();
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                LOG.error("Packet id {} ({}) of session {} for {} was not written to Kafka: {}",
                        packet.getId(), packet.getType(), sessionKey, where, cause.toString());
            }
        });
    }
}
