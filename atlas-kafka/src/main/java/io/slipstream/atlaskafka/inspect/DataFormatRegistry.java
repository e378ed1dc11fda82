package io.slipstream.atlaskafka.inspect;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import ma.streaming.open_data.v1.DataFormatDefinitionPacket;
import ma.streaming.open_data.v1.Packet;

/**
 * Data-format ids of one data source as read back from Kafka: the Stream API writes each id it hands out
 * (GetParameterDataFormatId, GetEventDataFormatId) as a {@code DataFormatDefinition} record before answering, so
 * whoever reads the topics can turn an id in a data or event packet back into parameter identifiers or an event
 * identifier. Fed record by record, so that a live reader learns ids as they land.
 */
public final class DataFormatRegistry {

    /** The packet type the Stream API writes its definitions under. */
    public static final String DEFINITION = "DataFormatDefinition";

    private final Map<Long, List<String>> parameters = new ConcurrentHashMap<>();
    private final Map<Long, String> events = new ConcurrentHashMap<>();

    /**
     * @param packets records of a data source's topics, in any order
     * @return the ids their definitions name
     */
    public static DataFormatRegistry of(List<LandedPacket> packets) {
        DataFormatRegistry registry = new DataFormatRegistry();
        packets.forEach(p -> registry.observe(p.packet()));
        return registry;
    }

    /**
     * Learns the id a definition record names; any other packet (or null) is ignored.
     *
     * @param packet a packet read from Kafka, may be null
     * @return whether it was a definition that decoded
     */
    public boolean observe(Packet packet) {
        if (packet == null || !DEFINITION.equals(packet.getType())) {
            return false;
        }
        try {
            DataFormatDefinitionPacket d = DataFormatDefinitionPacket.parseFrom(packet.getContent());
            if (d.hasParameterIdentifiers()) {
                parameters.put(d.getIdentifier(), List.copyOf(d.getParameterIdentifiers().getParameterIdentifiersList()));
            } else if (d.hasEventIdentifier()) {
                events.put(d.getIdentifier(), d.getEventIdentifier());
            }
            return true;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    /** @param id a data-format id @return its parameter identifiers, in order, when a definition named them */
    public Optional<List<String>> parameters(long id) {
        return Optional.ofNullable(parameters.get(id));
    }

    /** @param id a data-format id @return its event identifier, when a definition named it */
    public Optional<String> event(long id) {
        return Optional.ofNullable(events.get(id));
    }

    /** @return whether no definition was seen (ids cannot be checked then: the definitions were not read) */
    public boolean isEmpty() {
        return parameters.isEmpty() && events.isEmpty();
    }
}
