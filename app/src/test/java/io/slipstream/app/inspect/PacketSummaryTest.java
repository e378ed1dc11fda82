package io.slipstream.app.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.slipstream.atlaskafka.inspect.DataFormatRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataFormatDefinitionPacket;
import ma.streaming.open_data.v1.DataFormatType;
import ma.streaming.open_data.v1.DoubleSample;
import ma.streaming.open_data.v1.DoubleSampleList;
import ma.streaming.open_data.v1.EventDataFormat;
import ma.streaming.open_data.v1.EventDefinition;
import ma.streaming.open_data.v1.EventPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.ParameterList;
import ma.streaming.open_data.v1.RowDataPacket;
import ma.streaming.open_data.v1.SampleDataFormat;
import ma.streaming.open_data.v1.SampleRow;
import org.junit.jupiter.api.Test;

/** What {@code inspect} shows of row and event packets, with and without the data-format definitions read. */
class PacketSummaryTest {

    /** 2025-11-13T02:13:20Z. */
    private static final long T0 = 1_763_000_000_000_000_000L;

    private static Packet packet(String type, Message content) {
        return Packet.newBuilder().setType(type).setContent(content.toByteString()).build();
    }

    private static DataFormatRegistry registry() {
        DataFormatRegistry r = new DataFormatRegistry();
        r.observe(packet("DataFormatDefinition", DataFormatDefinitionPacket.newBuilder().setIdentifier(42)
                .setType(DataFormatType.DATA_FORMAT_TYPE_PARAMETER)
                .setParameterIdentifiers(ParameterList.newBuilder().addParameterIdentifiers("Lat:GPS").addParameterIdentifiers("Lon:GPS"))
                .build()));
        r.observe(packet("DataFormatDefinition", DataFormatDefinitionPacket.newBuilder().setIdentifier(43)
                .setType(DataFormatType.DATA_FORMAT_TYPE_EVENT).setEventIdentifier("Incident:iRacing").build()));
        return r;
    }

    private static RowDataPacket rows(SampleDataFormat format, int rows, long... times) {
        RowDataPacket.Builder b = RowDataPacket.newBuilder().setDataFormat(format);
        for (long t : times) {
            b.addTimestamps(t);
        }
        for (int i = 0; i < rows; i++) {
            b.addRows(SampleRow.newBuilder().setDoubleSamples(DoubleSampleList.newBuilder()
                    .addSamples(DoubleSample.newBuilder().setValue(i)).addSamples(DoubleSample.newBuilder().setValue(-i))));
        }
        return b.build();
    }

    private static Map<String, Object> expected(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void rowsByIdShowTheirCountTimeRangeAndTheParametersTheIdNames() {
        Packet p = packet("RowData", rows(SampleDataFormat.newBuilder().setDataFormatIdentifier(42).build(), 3,
                T0, T0 + 13_000_000L, T0 + 41_500_000L));
        Map<String, Object> summary = PacketSummary.of(p, registry());
        assertEquals(expected("dataFormat", 42L, "rows", 3, "from", "2025-11-13T02:13:20Z", "to", "2025-11-13T02:13:20.041500Z",
                "parameters", List.of("Lat:GPS", "Lon:GPS")), summary);
        assertEquals("dataFormat=42 rows=3 from=2025-11-13T02:13:20Z to=2025-11-13T02:13:20.041500Z parameters=[Lat:GPS, Lon:GPS]",
                PacketSummary.text(summary));
        assertEquals(expected("dataFormat", 42L, "rows", 3, "from", "2025-11-13T02:13:20Z", "to", "2025-11-13T02:13:20.041500Z"),
                PacketSummary.of(p), "without the definitions the id stays an id");
    }

    @Test
    void rowsNamingTheirParametersAndMalformedRowsSayWhat() {
        SampleDataFormat named = SampleDataFormat.newBuilder().setParameterIdentifiers(ParameterList.newBuilder()
                .addParameterIdentifiers("Lat:GPS").addParameterIdentifiers("Lon:GPS")).build();
        assertEquals(expected("rows", 2, "from", "2025-11-13T02:13:20Z", "to", "2025-11-13T02:13:20.000000001Z",
                "parameters", List.of("Lat:GPS", "Lon:GPS"), "malformed", "2 timestamps for 1 rows"),
                PacketSummary.of(packet("RowData", rows(named, 1, T0, T0 + 1)), registry()));
        assertEquals(expected("rows", 0, "parameters", List.of("Lat:GPS", "Lon:GPS")),
                PacketSummary.of(packet("RowData", rows(named, 0)), registry()));
    }

    @Test
    void eventsShowTheirEventTimeAndValuesByIdOrByIdentifier() {
        EventPacket byId = EventPacket.newBuilder().setDataFormat(EventDataFormat.newBuilder().setDataFormatIdentifier(43))
                .setTimestamp(T0 + 20_000_000L).addRawValues(2).addRawValues(5).build();
        Map<String, Object> summary = PacketSummary.of(packet("Event", byId), registry());
        assertEquals(expected("dataFormat", 43L, "event", "Incident:iRacing", "time", "2025-11-13T02:13:20.020Z",
                "values", List.of(2.0, 5.0)), summary);
        assertEquals("dataFormat=43 event=Incident:iRacing time=2025-11-13T02:13:20.020Z values=[2.0, 5.0]", PacketSummary.text(summary));

        EventPacket byName = EventPacket.newBuilder().setDataFormat(EventDataFormat.newBuilder().setEventIdentifier("YellowFlag:iRacing"))
                .setTimestamp(T0).build();
        assertEquals(expected("event", "YellowFlag:iRacing", "time", "2025-11-13T02:13:20Z", "values", List.of()),
                PacketSummary.of(packet("Event", byName)));
    }

    @Test
    void configurationsCountTheirEventsAndSayWhichPartTheyAre() {
        ConfigurationPacket part = ConfigurationPacket.newBuilder().setConfigId("c1")
                .addEventDefinitions(EventDefinition.newBuilder().setIdentifier("Incident:iRacing"))
                .setPartialPacket(true).setPacketNumber(2).setTotalPacketNumber(3).build();
        assertEquals(expected("configId", "c1", "parameters", 0, "events", 1, "groups", 0, "part", "2/3"),
                PacketSummary.of(packet("Configuration", part)));
        assertEquals(expected("dataFormat", 43L, "event", "Incident:iRacing"), PacketSummary.of(packet("DataFormatDefinition",
                DataFormatDefinitionPacket.newBuilder().setIdentifier(43).setEventIdentifier("Incident:iRacing").build())));
    }

    @Test
    void contentThatDoesNotDecodeIsNamed() {
        Packet broken = Packet.newBuilder().setType("Event").setContent(ByteString.copyFrom(new byte[] {(byte) 0xff, 1})).build();
        assertEquals(List.of("error"), List.copyOf(PacketSummary.of(broken).keySet()));
    }
}
