package io.slipstream.streamapi.dataformat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.slipstream.atlaskafka.read.LogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.InvalidProtocolBufferException;

import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.streamapi.keys.KeyGenerator;
import io.slipstream.streamapi.writer.PacketWriter;
import ma.streaming.open_data.v1.DataFormatDefinitionPacket;
import ma.streaming.open_data.v1.DataFormatType;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.ParameterList;

/**
 * Data-format ids per data source (spec §4). A parameter list (order matters) or an event name maps to
 * a stable, non-zero id drawn from the key generator; each new id is first published as an essential
 * {@code DataFormatDefinition} packet (Kafka key "") and registered once Kafka acknowledged it, so that
 * the replay of {@code {dataSource}_essential} at startup restores every id. A list may own several ids
 * (from several servers); the forward lookup answers the first, the reverse lookup knows them all.
 */
public final class DataFormats {

    private static final Logger LOG = LoggerFactory.getLogger(DataFormats.class);
    private static final long ACK_TIMEOUT_S = 35;
    static final String DATA_FORMAT_DEFINITION = "DataFormatDefinition";

    /** Forward key: data source, kind, and the comma-joined list or the event name (as the official server builds it). */
    private record Key(String dataSource, DataFormatType kind, String joined) {
    }

    /** Reverse key: data source and id. */
    private record Id(String dataSource, long id) {
    }

    private final PacketWriter writer;
    private final KeyGenerator keys;
    private final Map<Key, CompletableFuture<Long>> forward = new ConcurrentHashMap<>();
    private final Map<Id, DataFormatDefinitionPacket> reverse = new ConcurrentHashMap<>();

    /** @param writer publishes definitions @param keys draws new ids */
    public DataFormats(PacketWriter writer, KeyGenerator keys) {
        this.writer = writer;
        this.keys = keys;
    }

    /**
     * @param dataSource the data source
     * @param parameters parameter identifiers, in order
     * @return the id of that list, new if never seen
     */
    public long parameterFormatId(String dataSource, List<String> parameters) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("parameters is empty; expected at least one parameter identifier");
        }
        return idOf(new Key(dataSource, DataFormatType.DATA_FORMAT_TYPE_PARAMETER, String.join(",", parameters)),
                b -> b.setParameterIdentifiers(ParameterList.newBuilder().addAllParameterIdentifiers(parameters)));
    }

    /**
     * @param dataSource the data source
     * @param event      the event identifier
     * @return the id of that event, new if never seen
     */
    public long eventFormatId(String dataSource, String event) {
        if (event.isEmpty()) {
            throw new IllegalArgumentException("event is empty; expected an event identifier");
        }
        return idOf(new Key(dataSource, DataFormatType.DATA_FORMAT_TYPE_EVENT, event), b -> b.setEventIdentifier(event));
    }

    /** @param dataSource the data source @param id an id @return its parameters, empty when unknown */
    public List<String> parameters(String dataSource, long id) {
        DataFormatDefinitionPacket def = reverse.get(new Id(dataSource, id));
        return def != null && def.hasParameterIdentifiers() ? def.getParameterIdentifiers().getParameterIdentifiersList() : List.of();
    }

    /** @param dataSource the data source @param id an id @return its event, "" when unknown */
    public String event(String dataSource, long id) {
        DataFormatDefinitionPacket def = reverse.get(new Id(dataSource, id));
        return def != null && def.hasEventIdentifier() ? def.getEventIdentifier() : "";
    }

    /**
     * Applies a record of an essentials topic; records that are not data-format definitions are skipped.
     *
     * @param dataSource the data source whose essentials topic it came from
     * @param record     the record
     * @return {@code true} when it was a definition
     */
    public boolean replay(String dataSource, LogEntry record) {
        try {
            Packet packet = Packet.parseFrom(record.value());
            if (!DATA_FORMAT_DEFINITION.equals(packet.getType())) {
                return false;
            }
            register(dataSource, DataFormatDefinitionPacket.parseFrom(packet.getContent()));
            return true;
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("Skipping {}:{} offset {}: not a packet ({})", record.topic(), record.partition(), record.offset(), e.getMessage());
            return false;
        }
    }

    private long idOf(Key key, Consumer<DataFormatDefinitionPacket.Builder> format) {
        CompletableFuture<Long> mine = new CompletableFuture<>();
        CompletableFuture<Long> existing = forward.putIfAbsent(key, mine);
        if (existing != null) {
            return await(existing, key);
        }
        try {
            long id = keys.newNumericKey();
            DataFormatDefinitionPacket.Builder def = DataFormatDefinitionPacket.newBuilder().setIdentifier(id).setType(key.kind());
            format.accept(def);
            DataFormatDefinitionPacket definition = def.build();
            Packet packet = Packet.newBuilder().setType(DATA_FORMAT_DEFINITION).setIsEssential(true)
                    .setContent(definition.toByteString()).build();
            writer.writeServerPacket(key.dataSource(), KafkaLayout.MAIN_STREAM, "", packet).get(ACK_TIMEOUT_S, TimeUnit.SECONDS);
            reverse.put(new Id(key.dataSource(), id), definition);
            mine.complete(id);
            LOG.debug("Data format {} of data source {} is {}", id, key.dataSource(), key.joined());
            return id;
        } catch (Exception e) {
            forward.remove(key, mine);
            RuntimeException failure = new IllegalStateException("The data-format definition for " + key.joined() + " of data source "
                    + key.dataSource() + " was not written to Kafka: " + (e.getCause() != null ? e.getCause() : e).getMessage(), e);
            mine.completeExceptionally(failure);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw failure;
        }
    }

    private static long await(CompletableFuture<Long> future, Key key) {
        try {
            return future.get(ACK_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the data format of " + key.joined(), e);
        } catch (Exception e) {
            throw new IllegalStateException("The data format of " + key.joined() + " is not available: " + e.getMessage(), e);
        }
    }

    private void register(String dataSource, DataFormatDefinitionPacket def) {
        reverse.put(new Id(dataSource, def.getIdentifier()), def);
        if (!keys.observe(def.getIdentifier())) {
            LOG.warn("Data format id {} of data source {} is not a key this server could have issued; new ids do not follow it",
                    Long.toUnsignedString(def.getIdentifier()), dataSource);
        }
        String joined = def.hasParameterIdentifiers()
                ? String.join(",", def.getParameterIdentifiers().getParameterIdentifiersList())
                : def.getEventIdentifier();
        forward.putIfAbsent(new Key(dataSource, def.getType(), joined), CompletableFuture.completedFuture(def.getIdentifier()));
    }
}
