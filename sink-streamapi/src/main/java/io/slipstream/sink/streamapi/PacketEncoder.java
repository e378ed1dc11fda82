package io.slipstream.sink.streamapi;

import com.google.protobuf.MessageLite;
import io.slipstream.pipeline.EventOccurrence;
import io.slipstream.pipeline.Marker;
import ma.streaming.open_data.v1.EventDataFormat;
import ma.streaming.open_data.v1.EventPacket;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.Packet;

/**
 * Turns markers and events into Open Streaming messages and wraps them in the envelope; stateless. Periodic and row
 * data, by far the most packets, are written without messages by {@link PeriodicEncoder} and {@link RowEncoder};
 * configurations are {@link ConfigurationEncoder}'s.
 */
final class PacketEncoder {

    private PacketEncoder() {
    }

    /**
     * Wraps a message in the envelope.
     *
     * @param content    the inner message; its class name without {@code Packet} is the type
     * @param sessionKey the session key
     * @param essential  whether it also goes to the essentials topic
     * @param id         the session packet id
     * @return the envelope
     */
    static Packet envelope(MessageLite content, String sessionKey, boolean essential, long id) {
        return Packet.newBuilder()
                .setType(typeOf(content))
                .setSessionKey(sessionKey)
                .setIsEssential(essential)
                .setContent(content.toByteString())
                .setId(id)
                .build();
    }

    /**
     * @param content a message
     * @return its {@code Packet.type}: the message name without a trailing {@code Packet}
     */
    static String typeOf(MessageLite content) {
        String name = content.getClass().getSimpleName();
        return name.endsWith("Packet") ? name.substring(0, name.length() - "Packet".length()) : name;
    }

    /**
     * The event's data format travels as the id {@code GetEventDataFormatId} gave for its identifier, as periodic and
     * row data carry theirs: a varint instead of the identifier in every packet, and resolvable by {@code GetEvent}
     * as the sample readers do.
     *
     * @param e        an occurrence
     * @param formatId the data format id of its event
     * @return the event packet: time and raw values, in the definition's value order
     */
    static EventPacket event(EventOccurrence e, long formatId) {
        EventPacket.Builder b = EventPacket.newBuilder()
                .setDataFormat(EventDataFormat.newBuilder().setDataFormatIdentifier(formatId))
                .setTimestamp(e.timeNanos());
        for (double v : e.values()) {
            b.addRawValues(v);
        }
        return b.build();
    }

    /**
     * Lap triggers get a numeric source (0 = main), as ATLAS readers parse it as a number.
     *
     * @param m a marker
     * @return the marker packet, a point in time
     */
    static MarkerPacket marker(Marker m) {
        String source = m.source() == null ? "" : m.source();
        if ("Lap Trigger".equals(m.type()) && !source.matches("\\d+")) {
            source = "0";
        }
        return MarkerPacket.newBuilder()
                .setTimestamp(m.timeNanos())
                .setEndTime(m.timeNanos())
                .setLabel(orEmpty(m.label()))
                .setType(orEmpty(m.type()))
                .setDescription(orEmpty(m.description()))
                .setSource(source)
                .setValue(m.value())
                .build();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
