package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.pipeline.Configuration;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.pipeline.RowGroup;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.EventPriority;
import java.util.ArrayList;
import java.util.List;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataType;
import ma.streaming.open_data.v1.ParameterDefinition;
import org.junit.jupiter.api.Test;

class ConfigurationEncoderTest {

    private static final int CAP = SessionProtocol.MAX_PACKET_BYTES;

    @Test
    void aConfigurationThatFitsIsOnePacketWithRowParametersMarkedAndEventsDefined() {
        List<ConfigurationPacket> parts = ConfigurationEncoder.encode("cfg-1", Events.configWithRowsAndEvents(),
                "Slipstream", CAP);

        assertEquals(1, parts.size());
        ConfigurationPacket c = parts.get(0);
        assertEquals("cfg-1", c.getConfigId());
        assertFalse(c.getPartialPacket());
        assertEquals(0, c.getPacketNumber());
        assertEquals(0, c.getTotalPacketNumber());
        assertEquals(1, c.getGroupDefinitionsCount());
        assertEquals(List.of("Speed:iRacing", "RPM:iRacing", "Latitude:GPS", "Longitude:GPS"),
                c.getParameterDefinitionsList().stream().map(ParameterDefinition::getIdentifier).toList());
        assertEquals(List.of(false, false, true, true),
                c.getParameterDefinitionsList().stream().map(ParameterDefinition::getIncludesRowData).toList());
        assertEquals("deg", c.getParameterDefinitions(2).getUnits());
        assertEquals(0, c.getParameterDefinitions(2).getFrequenciesCount(), "a row channel has no rate");

        assertEquals(1, c.getEventDefinitionsCount());
        var e = c.getEventDefinitions(0);
        assertEquals("Incident:iRacing", e.getIdentifier());
        assertEquals("Incident", e.getName());
        assertEquals(1, e.getDefinitionId());
        assertEquals("iRacing", e.getApplicationName());
        assertEquals("the player's incident count rose (values: Increase, Total)", e.getDescription());
        assertEquals(ma.streaming.open_data.v1.EventPriority.EVENT_PRIORITY_HIGH, e.getPriority());
        assertEquals(List.of("iRacing"), e.getGroupsList());
        assertEquals(List.of(DataType.DATA_TYPE_FLOAT64, DataType.DATA_TYPE_FLOAT64), e.getDataTypesList());
        assertEquals(List.of("x", "x"), e.getUnitsList());
        assertEquals(List.of("%.3f", "%.3f"), e.getFormatStringsList());
    }

    @Test
    void everyPriorityHasItsWireNameAndAValuelessEventKeepsItsDescription() {
        List<EventDefinition> events = new ArrayList<>();
        for (EventPriority p : EventPriority.values()) {
            events.add(EventDefinition.builder(p.name() + ":Test").priority(p).description("plain").build());
        }
        // an event's own channel, listed by mistake among the channels, is no parameter
        ConfigurationPacket c = ConfigurationEncoder.encode("cfg", new Configuration(1,
                List.of(events.get(0).channel()), List.of(), List.of(), events, null), "Slipstream", CAP).get(0);

        assertEquals(0, c.getParameterDefinitionsCount());

        for (int i = 0; i < events.size(); i++) {
            assertEquals("EVENT_PRIORITY_" + EventPriority.values()[i].name(),
                    c.getEventDefinitions(i).getPriority().name());
            assertEquals(i + 1, c.getEventDefinitions(i).getDefinitionId());
            assertEquals("plain", c.getEventDefinitions(i).getDescription());
        }
        assertEquals("Slipstream", c.getGroupDefinitions(0).getIdentifier(), "no channel: the data source names it");
    }

    @Test
    void thousandsOfParametersAreSplitIntoNumberedPartsWithinTheCapSharingTheConfigId() {
        int n = 20_000;
        List<ChannelDefinition> channels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            channels.add(ChannelDefinition.builder("Logger.Channel.Number." + i + ":LongApplicationName")
                    .units("m/s").description("channel " + i + " of a wide logger export").frequencyHz(100).build());
        }
        RateGroup rates = new RateGroup(1, 10_000_000L, channels.subList(0, n / 2));
        RowGroup rows = new RowGroup(2, channels.subList(n / 2, n));
        Configuration config = new Configuration(3, channels, List.of(rates), List.of(rows),
                List.of(Events.INCIDENT), null);

        List<ConfigurationPacket> parts = ConfigurationEncoder.encode("cfg-big", config, "Slipstream", CAP);

        assertTrue(parts.size() >= 3, parts.size() + " parts");
        List<String> identifiers = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            ConfigurationPacket p = parts.get(i);
            String where = "part " + (i + 1) + " of " + parts.size();
            assertTrue(p.getSerializedSize() <= CAP, where + ": " + p.getSerializedSize() + " bytes");
            assertTrue(p.getSerializedSize() > CAP - 1_000 || i == parts.size() - 1, where + " is not full");
            assertEquals("cfg-big", p.getConfigId(), where);
            assertTrue(p.getPartialPacket(), where);
            assertEquals(i + 1, p.getPacketNumber(), where);
            assertEquals(parts.size(), p.getTotalPacketNumber(), where);
            assertEquals(1, p.getGroupDefinitionsCount(), where + ": exactly one group");
            p.getParameterDefinitionsList().forEach(d -> {
                identifiers.add(d.getIdentifier());
                assertEquals(identifiers.size() > n / 2, d.getIncludesRowData(), d.getIdentifier());
            });
            p.getEventDefinitionsList().forEach(d -> events.add(d.getIdentifier()));
        }
        assertEquals(channels.stream().map(ChannelDefinition::identifier).toList(), identifiers,
                "every parameter once, in order");
        assertEquals(List.of("Incident:iRacing"), events);
    }

    @Test
    void aDefinitionLargerThanTheCapAloneIsRefusedNamingIt() {
        ChannelDefinition huge = ChannelDefinition.builder("Huge:Test").description("d".repeat(5_000)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigurationEncoder.encode(
                "cfg", new Configuration(1, List.of(huge), List.of(), null), "Slipstream", 4_000));
        assertTrue(e.getMessage().startsWith("parameter Huge:Test alone needs "), e.getMessage());
        assertTrue(e.getMessage().endsWith("the cap is 4000"), e.getMessage());
    }
}
