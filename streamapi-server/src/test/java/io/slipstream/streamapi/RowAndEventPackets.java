package io.slipstream.streamapi;

import java.util.List;

import com.google.protobuf.Message;

import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataType;
import ma.streaming.open_data.v1.DoubleSample;
import ma.streaming.open_data.v1.DoubleSampleList;
import ma.streaming.open_data.v1.EventDataFormat;
import ma.streaming.open_data.v1.EventDefinition;
import ma.streaming.open_data.v1.EventPacket;
import ma.streaming.open_data.v1.EventPriority;
import ma.streaming.open_data.v1.GroupDefinition;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.ParameterDefinition;
import ma.streaming.open_data.v1.ParameterList;
import ma.streaming.open_data.v1.RowDataPacket;
import ma.streaming.open_data.v1.SampleDataFormat;
import ma.streaming.open_data.v1.SampleRow;

/** Hand-built row and event packets, as the sink sends them, built with the generated protobuf classes only. */
final class RowAndEventPackets {

    static final String LAT = "Lat:GPS";
    static final String LON = "Lon:GPS";
    static final String INCIDENT = "Incident:iRacing";
    static final String YELLOW = "YellowFlag:iRacing";

    private RowAndEventPackets() {
    }

    /** A configuration defining the two GPS row parameters and the two events, one group. */
    static ConfigurationPacket configuration(String configId) {
        ConfigurationPacket.Builder b = ConfigurationPacket.newBuilder().setConfigId(configId)
                .addGroupDefinitions(GroupDefinition.newBuilder().setIdentifier("GPS").setName("GPS").setApplicationName("GPS"));
        for (String id : List.of(LAT, LON)) {
            b.addParameterDefinitions(ParameterDefinition.newBuilder().setIdentifier(id).setName(id.substring(0, 3))
                    .setApplicationName("GPS").setUnits("deg").setDataType(DataType.DATA_TYPE_FLOAT64).setFormatString("%9.6f")
                    .setMinValue(-180).setMaxValue(180).setIncludesRowData(true));
        }
        b.addEventDefinitions(EventDefinition.newBuilder().setIdentifier(INCIDENT).setName("Incident").setApplicationName("iRacing")
                .setDescription("the player's incident count rose").setPriority(EventPriority.EVENT_PRIORITY_HIGH)
                .addDataTypes(DataType.DATA_TYPE_FLOAT64).addDataTypes(DataType.DATA_TYPE_FLOAT64)
                .addFormatStrings("%.0f").addFormatStrings("%.0f").addUnits("x").addUnits("x"));
        b.addEventDefinitions(EventDefinition.newBuilder().setIdentifier(YELLOW).setName("Yellow flag").setApplicationName("iRacing")
                .setPriority(EventPriority.EVENT_PRIORITY_MEDIUM));
        return b.build();
    }

    /** Rows at the given times (ns), each row {@code [lat, lon]} derived from its index, by data-format id. */
    static RowDataPacket rows(long formatId, long... times) {
        return rows(SampleDataFormat.newBuilder().setDataFormatIdentifier(formatId).build(), times);
    }

    /** The same, naming the parameters in the packet instead of by id. */
    static RowDataPacket rowsNamed(long... times) {
        return rows(SampleDataFormat.newBuilder().setParameterIdentifiers(ParameterList.newBuilder()
                .addParameterIdentifiers(LAT).addParameterIdentifiers(LON)).build(), times);
    }

    private static RowDataPacket rows(SampleDataFormat format, long... times) {
        RowDataPacket.Builder b = RowDataPacket.newBuilder().setDataFormat(format);
        for (int i = 0; i < times.length; i++) {
            b.addTimestamps(times[i]);
            b.addRows(SampleRow.newBuilder().setDoubleSamples(DoubleSampleList.newBuilder()
                    .addSamples(DoubleSample.newBuilder().setValue(52.0 + i * 1e-5))
                    .addSamples(DoubleSample.newBuilder().setValue(-1.0 - i * 1e-5))));
        }
        return b.build();
    }

    static EventPacket eventById(long formatId, long time, double... values) {
        return event(EventDataFormat.newBuilder().setDataFormatIdentifier(formatId).build(), time, values);
    }

    static EventPacket eventByName(String identifier, long time, double... values) {
        return event(EventDataFormat.newBuilder().setEventIdentifier(identifier).build(), time, values);
    }

    private static EventPacket event(EventDataFormat format, long time, double... values) {
        EventPacket.Builder b = EventPacket.newBuilder().setDataFormat(format).setTimestamp(time);
        for (double v : values) {
            b.addRawValues(v);
        }
        return b.build();
    }

    /** The envelope: type is the message name without "Packet". */
    static Packet packet(String sessionKey, long id, Message content, boolean essential) {
        String name = content.getDescriptorForType().getName();
        return Packet.newBuilder().setType(name.substring(0, name.length() - "Packet".length())).setSessionKey(sessionKey)
                .setId(id).setIsEssential(essential).setContent(content.toByteString()).build();
    }
}
