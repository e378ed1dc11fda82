package io.slipstream.sink.streamapi;

import com.google.protobuf.MessageLite;
import io.slipstream.pipeline.Configuration;
import io.slipstream.pipeline.Marker;
import io.slipstream.spi.ChannelDefinition;
import java.util.List;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataType;
import ma.streaming.open_data.v1.GroupDefinition;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.ParameterDefinition;

/**
 * Turns configurations and markers into Open Streaming messages and wraps them in the envelope; stateless. Periodic
 * data, by far the most packets, is written without messages by {@link PeriodicEncoder}.
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
     * @param configId   the key from the Key Generator
     * @param config     every channel known so far
     * @param dataSource the data source, the group's fallback name
     * @return one parameter definition per channel and exactly one group
     */
    static ConfigurationPacket configuration(String configId, Configuration config, String dataSource) {
        List<ChannelDefinition> channels = config.channels();
        String group = channels.isEmpty() || channels.get(0).application().isEmpty()
                ? dataSource : channels.get(0).application();
        ConfigurationPacket.Builder b = ConfigurationPacket.newBuilder().setConfigId(configId);
        for (ChannelDefinition c : channels) {
            ParameterDefinition.Builder p = ParameterDefinition.newBuilder()
                    .setIdentifier(c.identifier())
                    .setName(c.name())
                    .setApplicationName(c.application().isEmpty() ? group : c.application())
                    .setDescription(orEmpty(c.description()))
                    .addGroups(group)
                    .setUnits(orEmpty(c.units()))
                    .setDataType(DataType.valueOf("DATA_TYPE_" + c.dataType().name()))
                    .setFormatString(c.formatString() != null ? c.formatString() : "%.3f")
                    .setMinValue(c.min())
                    .setMaxValue(c.max())
                    .setWarningMinValue(c.warningMin())
                    .setWarningMaxValue(c.warningMax());
            if (c.frequencyHz() > 0) {
                p.addFrequencies(c.frequencyHz());
            }
            b.addParameterDefinitions(p);
        }
        b.addGroupDefinitions(GroupDefinition.newBuilder()
                .setIdentifier(group).setName(group).setApplicationName(group).setDescription(group));
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
