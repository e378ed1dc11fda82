package io.slipstream.atlaskafka.inspect;

import static io.slipstream.atlaskafka.inspect.SessionRuleCheckerTest.KEY;
import static io.slipstream.atlaskafka.inspect.SessionRuleCheckerTest.assertOnly;
import static io.slipstream.atlaskafka.inspect.SessionRuleCheckerTest.check;
import static io.slipstream.atlaskafka.inspect.SessionRuleCheckerTest.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.atlaskafka.inspect.SessionRuleCheckerTest.SessionBuilder;
import java.util.List;
import java.util.function.Consumer;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataFormatDefinitionPacket;
import ma.streaming.open_data.v1.DataFormatType;
import ma.streaming.open_data.v1.DoubleSample;
import ma.streaming.open_data.v1.DoubleSampleList;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.EventDataFormat;
import ma.streaming.open_data.v1.EventDefinition;
import ma.streaming.open_data.v1.EventPacket;
import ma.streaming.open_data.v1.GroupDefinition;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.ParameterDefinition;
import ma.streaming.open_data.v1.ParameterList;
import ma.streaming.open_data.v1.RowDataPacket;
import ma.streaming.open_data.v1.SampleDataFormat;
import ma.streaming.open_data.v1.SampleRow;
import org.junit.jupiter.api.Test;

/**
 * The rules of rows, events and split configurations on hand-built sessions: a clean session with rows, events
 * by id and by identifier and a split configuration passes, and each rule fires on one breakage, naming where.
 */
class RowAndEventRulesTest {

    private static final long T0 = 1_763_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long ROWS = 50;
    private static final long INCIDENT_ID = 51;
    private static final long UNKNOWN_ID = 77;
    private static final String INCIDENT = "Incident:iRacing";
    private static final String YELLOW = "YellowFlag:iRacing";

    private static void definition(SessionBuilder s, DataFormatDefinitionPacket d) {
        Packet p = packet(d, 0, true);
        s.records.add(new LandedPacket("DS_essential", 0, s.essentialOffset++, "", p, LandedPacket.ESSENTIALS, p.toByteArray()));
    }

    /** The whole configuration: GPS row parameters, the periodic ones, two events, one group. */
    static ConfigurationPacket configuration(String id) {
        ConfigurationPacket.Builder b = ConfigurationPacket.newBuilder().setConfigId(id)
                .addGroupDefinitions(GroupDefinition.newBuilder().setIdentifier("App"));
        for (String p : List.of("Lat:GPS", "Lon:GPS", "Speed:App", "RPM:App")) {
            b.addParameterDefinitions(ParameterDefinition.newBuilder().setIdentifier(p).setIncludesRowData(p.endsWith(":GPS")));
        }
        return b.addEventDefinitions(EventDefinition.newBuilder().setIdentifier(INCIDENT).setName("Incident"))
                .addEventDefinitions(EventDefinition.newBuilder().setIdentifier(YELLOW).setName("Yellow flag")).build();
    }

    static ConfigurationPacket part(ConfigurationPacket whole, int number, int total) {
        ConfigurationPacket.Builder b = whole.toBuilder().setPartialPacket(true).setPacketNumber(number).setTotalPacketNumber(total);
        return number == 1 ? b.clearEventDefinitions().build()
                : b.clearParameterDefinitions().clearGroupDefinitions().build();
    }

    static RowDataPacket rows(SampleDataFormat format, int width, long... times) {
        RowDataPacket.Builder b = RowDataPacket.newBuilder().setDataFormat(format);
        for (long t : times) {
            DoubleSampleList.Builder row = DoubleSampleList.newBuilder();
            for (int v = 0; v < width; v++) {
                row.addSamples(DoubleSample.newBuilder().setValue(v));
            }
            b.addTimestamps(t).addRows(SampleRow.newBuilder().setDoubleSamples(row));
        }
        return b.build();
    }

    static RowDataPacket gps(long... times) {
        return rows(SampleDataFormat.newBuilder().setDataFormatIdentifier(ROWS).build(), 2, times);
    }

    static RowDataPacket named(List<String> parameters, long... times) {
        return rows(SampleDataFormat.newBuilder().setParameterIdentifiers(ParameterList.newBuilder().addAllParameterIdentifiers(parameters))
                .build(), parameters.size(), times);
    }

    static EventPacket eventById(long id, long time) {
        return EventPacket.newBuilder().setDataFormat(EventDataFormat.newBuilder().setDataFormatIdentifier(id)).setTimestamp(time)
                .addRawValues(1).addRawValues(3).build();
    }

    static EventPacket eventByName(String identifier, long time) {
        return EventPacket.newBuilder().setDataFormat(EventDataFormat.newBuilder().setEventIdentifier(identifier)).setTimestamp(time).build();
    }

    /** A clean session of rows and events after a configuration split in two parts; {@code middle} breaks it. */
    static List<LandedPacket> session(Consumer<SessionBuilder> configure, Consumer<SessionBuilder> middle) {
        SessionBuilder s = new SessionBuilder().format();
        definition(s, DataFormatDefinitionPacket.newBuilder().setIdentifier(ROWS).setType(DataFormatType.DATA_FORMAT_TYPE_PARAMETER)
                .setParameterIdentifiers(ParameterList.newBuilder().addParameterIdentifiers("Lat:GPS").addParameterIdentifiers("Lon:GPS"))
                .build());
        definition(s, DataFormatDefinitionPacket.newBuilder().setIdentifier(INCIDENT_ID).setType(DataFormatType.DATA_FORMAT_TYPE_EVENT)
                .setEventIdentifier(INCIDENT).build());
        s.both(NewSessionPacket.newBuilder().setDataSource("DS").build(), false);
        configure.accept(s);
        s.data(gps(T0, T0 + 13 * MS, T0 + 41 * MS));
        s.data(eventById(INCIDENT_ID, T0 + 20 * MS));
        s.data(named(List.of("Speed:App", "RPM:App"), T0 + 5 * MS, T0 + 30 * MS)); // another row group, interleaved in time
        s.data(gps(T0 + 50 * MS, T0 + 77 * MS));
        s.data(eventByName(YELLOW, T0 + 60 * MS));
        s.both(MarkerPacket.newBuilder().setTimestamp(T0 + 70 * MS).setLabel("Lap 1").setType("Lap Trigger").build(), true);
        middle.accept(s);
        s.both(EndOfSessionPacket.newBuilder().setDataSource("DS").build(), false);
        return s.build();
    }

    static List<LandedPacket> session(Consumer<SessionBuilder> middle) {
        ConfigurationPacket whole = configuration("c1");
        return session(s -> {
            s.both(part(whole, 1, 2), true);
            s.both(part(whole, 2, 2), true);
        }, middle);
    }

    @Test
    void aCleanSessionOfRowsEventsAndASplitConfigurationPasses() {
        assertEquals(List.of(), check(session(s -> { })));
        assertEquals(List.of(), check(session(s -> s.both(configuration("c2"), true), s -> { })), "one whole configuration");
        assertEquals(List.of(), new SessionRuleChecker().check(session(s -> { }), null));
    }

    @Test
    void aRowWithFewerValuesThanParametersSaysWhichRowAndWhen() {
        List<Violation> v = check(session(s -> s.data(rows(SampleDataFormat.newBuilder().setDataFormatIdentifier(ROWS).build(), 1,
                T0 + 80 * MS, T0 + 81 * MS))));
        assertOnly(SessionRuleChecker.ROW_VALUES, v);
        assertEquals(1, v.size(), v::toString);
        assertEquals("Stream1", v.get(0).stream());
        assertEquals(10, v.get(0).packetId());
        assertEquals("session " + KEY + ": row 0 at 2025-11-13T02:13:20.080Z (1763000000080000000 ns) has 1 values for 2 parameters "
                + "[Lat:GPS, Lon:GPS] (2 rows of this packet are so); expected one value per parameter", v.get(0).message());
    }

    @Test
    void rowsWithoutTimesOrWithoutRowsAreMalformed() {
        RowDataPacket twoTimesOneRow = gps(T0 + 80 * MS).toBuilder().addTimestamps(T0 + 81 * MS).build();
        List<Violation> v = check(session(s -> s.data(twoTimesOneRow)));
        assertOnly(SessionRuleChecker.ROW_VALUES, v);
        assertTrue(v.get(0).message().contains("2 timestamps for 1 rows"), v::toString);
        assertOnly(SessionRuleChecker.ROW_VALUES, check(session(s -> s.data(gps()))));
    }

    @Test
    void rowTimesGoingBackwardsOrRepeatingWithinARowGroupAreCaught() {
        List<Violation> within = check(session(s -> s.data(gps(T0 + 90 * MS, T0 + 85 * MS))));
        assertOnly(SessionRuleChecker.ROW_TIME, within);
        assertTrue(within.get(0).message().contains("row 1 at 2025-11-13T02:13:20.085Z (1763000000085000000 ns) goes back before the "
                + "previous row at 2025-11-13T02:13:20.090Z (1763000000090000000 ns) of data format 50"), within::toString);

        List<Violation> across = check(session(s -> s.data(gps(T0 + 60 * MS))));
        assertOnly(SessionRuleChecker.ROW_TIME, across);
        assertTrue(across.get(0).message().contains("goes back before the previous row at 2025-11-13T02:13:20.077Z"), across::toString);

        List<Violation> repeated = check(session(s -> s.data(gps(T0 + 77 * MS))));
        assertOnly(SessionRuleChecker.ROW_TIME, repeated);
        assertTrue(repeated.get(0).message().contains(" repeats the previous row"), repeated::toString);
    }

    @Test
    void aRowParameterNoConfigurationDefinedIsCaught() {
        List<Violation> v = check(session(s -> s.data(named(List.of("Lat:GPS", "Alt:GPS"), T0 + 80 * MS))));
        assertOnly(SessionRuleChecker.CONFIG_FIRST, v);
        assertTrue(v.get(0).message().contains("row parameters [Alt:GPS] have data before a configuration defines them"), v::toString);

        List<Violation> noConfig = check(session(s -> { }, s -> { }));
        assertOnly(SessionRuleChecker.CONFIG_FIRST, noConfig.stream().filter(x -> !x.rule().equals(SessionRuleChecker.EVENT_DEFINED))
                .toList());
        assertEquals(3, noConfig.stream().filter(x -> x.message().contains("RowData before any Configuration")).count(), noConfig::toString);
    }

    @Test
    void anEventNoEarlierConfigurationDefinedIsCaughtByIdentifierOrById() {
        List<Violation> byName = check(session(s -> s.data(eventByName("Debris:iRacing", T0 + 75 * MS))));
        assertOnly(SessionRuleChecker.EVENT_DEFINED, byName);
        assertEquals("session " + KEY + ": event 'Debris:iRacing' at 2025-11-13T02:13:20.075Z (1763000000075000000 ns) has no "
                + "EventDefinition in a configuration sent before it on this stream; defined: [" + INCIDENT + ", " + YELLOW + "]",
                byName.get(0).message());

        List<Violation> unknownId = check(session(s -> s.data(eventById(UNKNOWN_ID, T0 + 75 * MS))));
        assertOnly(SessionRuleChecker.EVENT_DEFINED, unknownId);
        assertTrue(unknownId.get(0).message().contains("event data format 77 at 2025-11-13T02:13:20.075Z (1763000000075000000 ns) was "
                + "never defined on this data source"), unknownId::toString);

        List<Violation> parametersId = check(session(s -> s.data(eventById(ROWS, T0 + 75 * MS))));
        assertOnly(SessionRuleChecker.EVENT_DEFINED, parametersId);
        assertTrue(parametersId.get(0).message().contains("names parameters [Lat:GPS, Lon:GPS], not an event"), parametersId::toString);

        // The incident by id, before the configuration's second part (which holds the event definitions).
        ConfigurationPacket whole = configuration("c1");
        List<Violation> early = check(session(s -> {
            s.both(part(whole, 1, 2), true);
            s.data(eventById(INCIDENT_ID, T0 + 1));
            s.both(part(whole, 2, 2), true);
        }, s -> { }));
        assertOnly(SessionRuleChecker.EVENT_DEFINED, early);
        assertTrue(early.get(0).message().contains("event data format 51 ('" + INCIDENT + "') at"), early::toString);
        assertTrue(early.get(0).message().endsWith("(none defines an event)"), early::toString);
    }

    @Test
    void aSplitConfigurationMissingAPartIsCaught() {
        ConfigurationPacket whole = configuration("c1");
        List<Violation> lastMissing = check(session(s -> {
            s.both(part(whole, 1, 3), true);
            s.both(part(whole, 2, 3), true);
        }, s -> { }));
        assertOnly(SessionRuleChecker.SPLIT_CONFIG, lastMissing);
        assertEquals(2, lastMissing.size(), "once per stream: " + lastMissing);
        assertTrue(lastMissing.get(0).message().contains("the stream ends while split configuration 'c1' (first part in packet 2) lacks "
                + "part 3 of 3"), lastMissing::toString);

        List<Violation> middleMissing = check(session(s -> {
            s.both(part(whole, 1, 3), true);
            s.both(part(whole, 3, 3), true);
        }, s -> { }));
        assertOnly(SessionRuleChecker.SPLIT_CONFIG, middleMissing);
        assertTrue(middleMissing.get(0).message().contains("part 3 of 3 follows part 1 of split configuration 'c1' (first part in "
                + "packet 2); parts 2..2 are missing; expected part 2"), middleMissing::toString);

        List<Violation> firstMissing = check(session(s -> s.both(part(whole, 2, 2), true).both(configuration("c0"), true), s -> { }));
        assertOnly(SessionRuleChecker.SPLIT_CONFIG, firstMissing);
        assertTrue(firstMissing.get(0).message().contains("starts at part 2 of 2; parts 1..1 are missing"), firstMissing::toString);
    }

    @Test
    void aSplitConfigurationInterruptedOrMisnumberedIsCaught() {
        ConfigurationPacket whole = configuration("c1");
        List<Violation> interrupted = check(session(s -> {
            s.both(part(whole, 1, 2), true);
            s.both(configuration("c2"), true);
        }, s -> { }));
        assertOnly(SessionRuleChecker.SPLIT_CONFIG, interrupted);
        assertTrue(interrupted.get(0).message().contains("configuration 'c2' arrived while split configuration 'c1'"), interrupted::toString);

        assertOnly(SessionRuleChecker.SPLIT_CONFIG, check(session(s -> {
            s.both(part(whole, 1, 2), true);
            s.both(part(whole, 2, 3), true);
            s.both(part(whole, 3, 3), true);
        }, s -> { })));
        assertOnly(SessionRuleChecker.SPLIT_CONFIG, check(session(s -> {
            s.both(configuration("c0"), true);
            s.both(part(whole, 3, 2), true);
        }, s -> { })));
        assertOnly(SessionRuleChecker.ONE_GROUP, check(session(s -> {
            s.both(part(whole, 1, 2).toBuilder().clearGroupDefinitions().build(), true);
            s.both(part(whole, 2, 2), true);
        }, s -> { })));
    }

    @Test
    void partsMayShareTheirConfigIdButAnotherConfigurationMayNot() {
        assertOnly(SessionRuleChecker.UNIQUE_CONFIG, check(session(s -> s.both(configuration("c1"), true))));
    }

    @Test
    void markersMustFallInsideTheRowsSentBeforeThem() {
        List<Violation> v = check(session(s -> s.both(MarkerPacket.newBuilder().setTimestamp(T0 + 78 * MS).setLabel("Lap 2").build(), true)));
        assertOnly(SessionRuleChecker.MARKERS, v);
        assertTrue(v.get(0).message().contains("[1763000000000000000 .. 1763000000077000000]"), v::toString);
    }
}
