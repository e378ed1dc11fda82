package io.slipstream.app.inspect;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataFormatDefinitionPacket;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import ma.streaming.open_data.v1.SampleColumn;
import ma.streaming.open_data.v1.SampleDataFormat;

/**
 * Decodes a packet's content into a short summary: channels, sample count and time range for data; label and
 * time for markers; config id and parameter count for configuration.
 */
public final class PacketSummary {

    private PacketSummary() {
    }

    /**
     * @param packet a packet read from Kafka
     * @return the summary's fields, in display order; {@code error} when the content does not decode
     */
    public static Map<String, Object> of(Packet packet) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            switch (packet.getType()) {
                case "PeriodicData" -> periodic(PeriodicDataPacket.parseFrom(packet.getContent()), out);
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
                    out.put("groups", c.getGroupDefinitionsCount());
                }
                case "DataFormatDefinition" -> {
                    DataFormatDefinitionPacket d = DataFormatDefinitionPacket.parseFrom(packet.getContent());
                    out.put("dataFormat", d.getIdentifier());
                    out.put("parameters", d.getParameterIdentifiers().getParameterIdentifiersCount());
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
