package io.slipstream.app.inspect;

import com.google.protobuf.InvalidProtocolBufferException;
import io.slipstream.atlaskafka.inspect.DataFormatRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataFormatDefinitionPacket;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.EventDataFormat;
import ma.streaming.open_data.v1.EventPacket;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import ma.streaming.open_data.v1.RowDataPacket;
import ma.streaming.open_data.v1.SampleColumn;
import ma.streaming.open_data.v1.SampleDataFormat;

/**
 * Decodes a packet's content into a short summary: channels, sample count and time range for periodic data; row
 * count, time range and parameters for rows; event, time and values for events; label and time for markers;
 * config id, counts and part for configuration. Data-format ids are named through the definitions read so far,
 * because an engineer looks for "Incident", not for 7340032.
 */
public final class PacketSummary {

    private PacketSummary() {
    }

    /**
     * @param packet a packet read from Kafka
     * @return the summary's fields, in display order; {@code error} when the content does not decode
     */
    public static Map<String, Object> of(Packet packet) {
        return of(packet, new DataFormatRegistry());
    }

    /**
     * @param packet  a packet read from Kafka
     * @param formats the data-format definitions read so far, to name the ids of rows and events
     * @return the summary's fields, in display order; {@code error} when the content does not decode
     */
    public static Map<String, Object> of(Packet packet, DataFormatRegistry formats) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            switch (packet.getType()) {
                case "PeriodicData" -> periodic(PeriodicDataPacket.parseFrom(packet.getContent()), out);
                case "RowData" -> rows(RowDataPacket.parseFrom(packet.getContent()), formats, out);
                case "Event" -> event(EventPacket.parseFrom(packet.getContent()), formats, out);
                case "Marker" -> {
                    MarkerPacket m = MarkerPacket.parseFrom(packet.getContent());
                    out.put("label", m.getLabel());
                    out.put("markerType", m.getType());
                    out.put("time", time(m.getTimestamp()));
                    out.put("value", m.getValue());
                }
                case "Configuration" -> {
                    ConfigurationPacket c = ConfigurationPacket.parseFrom(packet.getContent());
                    out.put("configId", c.getConfigId());
                    out.put("parameters", c.getParameterDefinitionsCount());
                    out.put("events", c.getEventDefinitionsCount());
                    out.put("groups", c.getGroupDefinitionsCount());
                    if (c.getPartialPacket()) {
                        out.put("part", c.getPacketNumber() + "/" + c.getTotalPacketNumber());
                    }
                }
                case "DataFormatDefinition" -> {
                    DataFormatDefinitionPacket d = DataFormatDefinitionPacket.parseFrom(packet.getContent());
                    out.put("dataFormat", d.getIdentifier());
                    if (d.hasEventIdentifier()) {
                        out.put("event", d.getEventIdentifier());
                    } else {
                        out.put("parameters", d.getParameterIdentifiers().getParameterIdentifiersCount());
                    }
                }
                case "NewSession" -> out.put("dataSource", NewSessionPacket.parseFrom(packet.getContent()).getDataSource());
                case "EndOfSession" -> out.put("dataSource", EndOfSessionPacket.parseFrom(packet.getContent()).getDataSource());
                default -> out.put("bytes", packet.getContent().size());
            }
        } catch (InvalidProtocolBufferException e) {
            out.put("error", "content does not decode as " + packet.getType() + "Packet: " + e.getMessage());
        }
        return out;
    }

    private static void periodic(PeriodicDataPacket p, Map<String, Object> out) {
        SampleDataFormat f = p.getDataFormat();
        if (f.hasParameterIdentifiers()) {
            out.put("channels", f.getParameterIdentifiers().getParameterIdentifiersCount());
        } else {
            out.put("dataFormat", f.getDataFormatIdentifier());
            out.put("channels", p.getColumnsCount());
        }
        int n = p.getColumnsCount() == 0 ? 0 : length(p.getColumns(0));
        out.put("samples", (long) n * p.getColumnsCount());
        out.put("from", time(p.getStartTime()));
        out.put("to", time(p.getStartTime() + (long) Math.max(n - 1, 0) * p.getInterval()));
        out.put("intervalNs", Integer.toUnsignedLong(p.getInterval()));
    }

    private static void rows(RowDataPacket p, DataFormatRegistry formats, Map<String, Object> out) {
        SampleDataFormat f = p.getDataFormat();
        Optional<List<String>> parameters;
        if (f.hasParameterIdentifiers()) {
            parameters = Optional.of(f.getParameterIdentifiers().getParameterIdentifiersList());
        } else {
            out.put("dataFormat", f.getDataFormatIdentifier());
            parameters = formats.parameters(f.getDataFormatIdentifier());
        }
        int n = p.getTimestampsCount();
        out.put("rows", n);
        if (n > 0) {
            out.put("from", time(p.getTimestamps(0)));
            out.put("to", time(p.getTimestamps(n - 1)));
        }
        parameters.ifPresent(list -> out.put("parameters", List.copyOf(list)));
        if (p.getRowsCount() != n) {
            out.put("malformed", n + " timestamps for " + p.getRowsCount() + " rows");
        }
    }

    private static void event(EventPacket e, DataFormatRegistry formats, Map<String, Object> out) {
        EventDataFormat f = e.getDataFormat();
        if (f.hasEventIdentifier()) {
            out.put("event", f.getEventIdentifier());
        } else {
            out.put("dataFormat", f.getDataFormatIdentifier());
            formats.event(f.getDataFormatIdentifier()).ifPresent(id -> out.put("event", id));
        }
        out.put("time", time(e.getTimestamp()));
        out.put("values", List.copyOf(e.getRawValuesList()));
    }

    private static int length(SampleColumn c) {
        return switch (c.getListCase()) {
            case DOUBLE_SAMPLES -> c.getDoubleSamples().getSamplesCount();
            case INT32_SAMPLES -> c.getInt32Samples().getSamplesCount();
            case BOOL_SAMPLES -> c.getBoolSamples().getSamplesCount();
            case STRING_SAMPLES -> c.getStringSamples().getSamplesCount();
            default -> 0;
        };
    }

    private static String time(long nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }

    /**
     * @param summary fields from {@link #of}
     * @return them as {@code key=value} words
     */
    public static String text(Map<String, Object> summary) {
        StringBuilder sb = new StringBuilder();
        summary.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }
}
