package io.slipstream.sink.streamapi;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.slipstream.pipeline.Configuration;
import io.slipstream.pipeline.RowGroup;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataType;
import ma.streaming.open_data.v1.EventDefinition;
import ma.streaming.open_data.v1.EventPriority;
import ma.streaming.open_data.v1.GroupDefinition;
import ma.streaming.open_data.v1.ParameterDefinition;

/**
 * Turns a pipeline {@link Configuration} into its {@code ConfigurationPacket}s: one {@code ParameterDefinition} per
 * channel (those sent as rows marked {@code includes_row_data}), one {@code EventDefinition} per event, and exactly
 * one {@code GroupDefinition} in every packet (the ATLAS recorder shows no parameters otherwise).
 *
 * <p>A configuration whose packet would pass the byte cap (thousands of parameters) is split between definitions
 * into parts that share the one {@code config_id}: every part has {@code partial_packet} set, {@code packet_number}
 * 1 to N and {@code total_packet_number} N, and they go out in that order. A configuration that fits stays one
 * packet with {@code partial_packet} false and both numbers 0, as before the fields existed, so readers that do not
 * know them see nothing new.
 */
final class ConfigurationEncoder {

    /** What a part adds besides its definitions: partial_packet and the two numbers, at most 2 + 6 + 6 bytes. */
    private static final int PART_FIELDS = 14;
    /** Display format of a value that declares none. */
    private static final String DEFAULT_FORMAT = "%.3f";

    static { // the priority written is the wire enum of the same name
        for (io.slipstream.spi.EventPriority p : io.slipstream.spi.EventPriority.values()) {
            priority(p);
        }
    }

    private ConfigurationEncoder() {
    }

    /**
     * @param configId   the key from the Key Generator, shared by every part
     * @param config     every channel, row group and event known so far
     * @param dataSource the data source, the group's fallback name
     * @param maxBytes   the cap of one packet's serialised size
     * @return the packets, in sending order: one, or the parts of a split configuration
     * @throws IllegalArgumentException when a single definition alone passes the cap
     */
    static List<ConfigurationPacket> encode(String configId, Configuration config, String dataSource, int maxBytes) {
        List<ChannelDefinition> channels = parameters(config);
        String group = channels.isEmpty() || channels.get(0).application().isEmpty()
                ? dataSource : channels.get(0).application();
        Set<ChannelDefinition> rowChannels = new HashSet<>();
        config.rowGroups().forEach(g -> rowChannels.addAll(g.channels()));
        List<MessageLite> definitions = new ArrayList<>();
        for (ChannelDefinition c : channels) {
            definitions.add(parameter(c, group, rowChannels.contains(c)));
        }
        List<io.slipstream.spi.EventDefinition> events = config.events();
        for (int i = 0; i < events.size(); i++) {
            definitions.add(event(events.get(i), i + 1, group));
        }
        GroupDefinition groupDefinition = GroupDefinition.newBuilder()
                .setIdentifier(group).setName(group).setApplicationName(group).setDescription(group).build();
        ConfigurationPacket.Builder whole = part(configId, groupDefinition, definitions);
        if (whole.build().getSerializedSize() <= maxBytes) {
            return List.of(whole.build());
        }
        return split(configId, groupDefinition, definitions, maxBytes);
    }

    private static List<ConfigurationPacket> split(String configId, GroupDefinition group,
                                                   List<MessageLite> definitions, int maxBytes) {
        int fixed = CodedOutputStream.computeStringSize(1, configId) + CodedOutputStream.computeMessageSize(4, group)
                + PART_FIELDS;
        List<List<MessageLite>> parts = new ArrayList<>();
        List<MessageLite> current = new ArrayList<>();
        long size = fixed;
        for (MessageLite d : definitions) {
            int field = CodedOutputStream.computeMessageSize(2, d); // fields 2 and 3 have one-byte tags alike
            if (fixed + field > maxBytes) {
                throw new IllegalArgumentException(describe(d) + " alone needs " + (fixed + field)
                        + " bytes of a configuration packet; the cap is " + maxBytes);
            }
            if (size + field > maxBytes) {
                parts.add(current);
                current = new ArrayList<>();
                size = fixed;
            }
            current.add(d);
            size += field;
        }
        parts.add(current);
        List<ConfigurationPacket> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            out.add(part(configId, group, parts.get(i))
                    .setPartialPacket(true).setPacketNumber(i + 1).setTotalPacketNumber(parts.size()).build());
        }
        return out;
    }

    private static ConfigurationPacket.Builder part(String configId, GroupDefinition group,
                                                    List<MessageLite> definitions) {
        ConfigurationPacket.Builder b = ConfigurationPacket.newBuilder().setConfigId(configId);
        for (MessageLite d : definitions) {
            if (d instanceof ParameterDefinition p) {
                b.addParameterDefinitions(p);
            } else {
                b.addEventDefinitions((EventDefinition) d);
            }
        }
        return b.addGroupDefinitions(group);
    }

    /**
     * @return the configuration's channels and then any row-group channel it did not list, each once; never an
     *         event's channel, which carries occurrences and is defined as an event instead
     */
    private static List<ChannelDefinition> parameters(Configuration config) {
        Map<String, ChannelDefinition> all = new LinkedHashMap<>();
        config.channels().forEach(c -> all.putIfAbsent(c.identifier(), c));
        for (RowGroup g : config.rowGroups()) {
            g.channels().forEach(c -> all.putIfAbsent(c.identifier(), c));
        }
        all.values().removeIf(ChannelDefinition::isEvent);
        return List.copyOf(all.values());
    }

    private static ParameterDefinition parameter(ChannelDefinition c, String group, boolean rows) {
        ParameterDefinition.Builder p = ParameterDefinition.newBuilder()
                .setIdentifier(c.identifier())
                .setName(c.name())
                .setApplicationName(c.application().isEmpty() ? group : c.application())
                .setDescription(orEmpty(c.description()))
                .addGroups(group)
                .setUnits(orEmpty(c.units()))
                .setDataType(DataType.valueOf("DATA_TYPE_" + c.dataType().name()))
                .setFormatString(c.formatString() != null ? c.formatString() : DEFAULT_FORMAT)
                .setMinValue(c.min())
                .setMaxValue(c.max())
                .setWarningMinValue(c.warningMin())
                .setWarningMaxValue(c.warningMax())
                .setIncludesRowData(rows);
        if (c.frequencyHz() > 0) {
            p.addFrequencies(c.frequencyHz());
        }
        return p.build();
    }

    /**
     * @param definitionId the event's place in the configuration's event list, from 1: stable across
     *                     configurations, as the list only grows
     */
    private static EventDefinition event(io.slipstream.spi.EventDefinition e, int definitionId, String group) {
        EventDefinition.Builder b = EventDefinition.newBuilder()
                .setIdentifier(e.identifier())
                .setName(e.name())
                .setDefinitionId(definitionId)
                .setApplicationName(e.application().isEmpty() ? group : e.application())
                .setDescription(describeValues(e))
                .setPriority(priority(e.priority()))
                .addGroups(group);
        for (EventValue v : e.values()) { // raw values travel as doubles
            b.addDataTypes(DataType.DATA_TYPE_FLOAT64)
                    .addFormatStrings(v.formatString() != null ? v.formatString() : DEFAULT_FORMAT)
                    .addUnits(orEmpty(v.units()));
        }
        return b.build();
    }

    private static EventPriority priority(io.slipstream.spi.EventPriority p) {
        EventPriority wire = EventPriority.forNumber(p.ordinal() + 1);
        if (wire == null || !wire.name().equals("EVENT_PRIORITY_" + p.name())) {
            throw new IllegalStateException("EventPriority." + p + " is no longer wire priority " + (p.ordinal() + 1)
                    + "; update ConfigurationEncoder");
        }
        return wire;
    }

    /**
     * The protocol has units and formats per value but no value names, so the names go at the end of the
     * description, where ATLAS shows them beside the raw values.
     */
    private static String describeValues(io.slipstream.spi.EventDefinition e) {
        String text = orEmpty(e.description());
        if (e.values().isEmpty()) {
            return text;
        }
        StringBuilder names = new StringBuilder(text.isEmpty() ? "" : text + " ").append("(values: ");
        for (int i = 0; i < e.values().size(); i++) {
            names.append(i == 0 ? "" : ", ").append(e.values().get(i).name());
        }
        return names.append(')').toString();
    }

    private static String describe(MessageLite d) {
        return d instanceof ParameterDefinition p ? "parameter " + p.getIdentifier()
                : "event " + ((EventDefinition) d).getIdentifier();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
