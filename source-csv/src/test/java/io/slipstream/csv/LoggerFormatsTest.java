package io.slipstream.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.ConfigException;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.testkit.RecordingSourceContext;
import io.slipstream.spi.SampleStatus;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Each logger format's own test file, replayed with no config: channels, units, ranges, counts, laps, details. */
class LoggerFormatsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final RecordingSourceContext<VirtualTimeScheduler> context =
            new RecordingSourceContext<>(VirtualTimeScheduler.create(), RecordingSourceContext.TEST_EPOCH);

    private Map<String, List<SampleValue>> replay(String file, Object... options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", CsvSourceTest.resource("formats/" + file).toString());
        for (int i = 0; i < options.length; i += 2) {
            m.put((String) options[i], options[i + 1]);
        }
        List<SampleValue> out = new CsvSourceProvider().create(ConfigSection.of(m)).samples(context)
                .collectList().block(Duration.ofSeconds(20));
        return out.stream().collect(Collectors.groupingBy(v -> v.channel().name(), LinkedHashMap::new,
                Collectors.toList()));
    }

    private ChannelDefinition declared(String name) {
        return context.channels().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private SessionMetadata meta() {
        return context.metadata().get(0);
    }

    private static List<Double> values(List<SampleValue> samples) {
        return samples.stream().map(SampleValue::value).toList();
    }

    private List<String> problems(String kind) {
        return context.problems().stream().filter(p -> p.kind().equals(kind)).map(SourceProblem::where).toList();
    }

    @Test
    void raceChronoV3() {
        Map<String, List<SampleValue>> ch = replay("racechrono.csv");
        assertEquals(List.of("fragment_id", "Lap", "elapsed_time", "distance_traveled", "speed", "altitude",
                "speed_2", "lateral_acc"), List.copyOf(ch.keySet()));
        assertEquals(List.of(1.0, 1.0, 1.0, 2.0, 2.0, 3.0), values(ch.get("Lap")));
        assertEquals(4, ch.get("altitude").size(), "empty cells are no sample");
        assertEquals(5, ch.get("lateral_acc").size());
        assertEquals(1714831380L * SECOND + 100 * MS, ch.get("speed").get(1).timeNanos());
        assertEquals("m/s", declared("speed").units());
        assertEquals("G", declared("lateral_acc").units());
        assertEquals(30.1, declared("speed").min());
        assertEquals(30.6, declared("speed").max());
        assertEquals(10.0, declared("speed").frequencyHz());
        assertEquals("Brands Hatch Indy", meta().get(SessionMetadata.TRACK));
        assertEquals("Alex Example", meta().get(SessionMetadata.DRIVER));
        assertEquals("Lap timing", meta().get(SessionMetadata.SESSION_TYPE));
        assertEquals("Saturday practice", meta().get("title"));
        assertEquals("dry track", meta().get("note"));
        assertEquals("04/05/2024 14:03", meta().get("created"));
        assertEquals("RaceChrono", meta().get("logger"));
        assertEquals("v8.1.2", meta().get("loggerVersion"));
        assertEquals("racechrono", meta().get("format"));
        assertEquals(Instant.ofEpochSecond(1714831380L), meta().start());
        assertEquals(List.of(), problems("bad-cell"));
    }

    @Test
    void aimRaceStudioWithBeaconMarkersAsLaps() {
        Map<String, List<SampleValue>> ch = replay("aim.csv");
        assertEquals(List.of("RPM", "Speed", "Water Temp", "Lap"), List.copyOf(ch.keySet()));
        assertEquals(11, ch.get("RPM").size());
        assertEquals(10, ch.get("Water Temp").size(), "the last row's blank cell is no sample");
        assertEquals(List.of(1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0), values(ch.get("Lap")));
        assertEquals("rpm", declared("RPM").units());
        assertEquals("km/h", declared("Speed").units());
        assertEquals(5000.0, declared("RPM").min());
        assertEquals(6000.0, declared("RPM").max());
        assertEquals("Circuit d'Ar\u00e9", meta().get(SessionMetadata.TRACK), "read as Latin-1");
        assertEquals("Radical SR3", meta().get(SessionMetadata.CAR));
        assertEquals("Chris Demo", meta().get(SessionMetadata.DRIVER));
        assertEquals("AiM Race Studio", meta().get("logger"));
        Instant start = Instant.parse("2024-05-04T14:05:00Z");
        assertEquals(start, meta().start());
        long t0 = start.getEpochSecond() * SECOND;
        assertEquals(t0 + 300 * MS, ch.get("RPM").get(3).timeNanos());
        assertTrue(context.problems().isEmpty(), context.problems().toString());
    }

    @Test
    void motecI2Export() {
        Map<String, List<SampleValue>> ch = replay("motec.csv");
        assertEquals(List.of("Ground Speed", "Throttle Pos", "Lap"), List.copyOf(ch.keySet()));
        assertEquals(List.of(1.0, 1.0, 2.0, 2.0, 2.0, 2.0), values(ch.get("Lap")));
        assertEquals("%", declared("Throttle Pos").units());
        assertEquals(SampleStatus.MISSING, ch.get("Throttle Pos").get(5).status());
        assertEquals(List.of("motec.csv:21:3"), problems("bad-cell"));
        assertEquals("Snetterton 300", meta().get(SessionMetadata.TRACK));
        assertEquals("Formula Demo", meta().get(SessionMetadata.CAR));
        assertEquals("Sam Sample", meta().get(SessionMetadata.DRIVER));
        assertEquals("MoTeC i2", meta().get("logger"));
        assertEquals(Instant.parse("2024-05-04T09:30:00Z"), meta().start());
        assertEquals(20.0, declared("Ground Speed").frequencyHz());
    }

    @Test
    void raceCaptureRatesRangesAndARestart() {
        Map<String, List<SampleValue>> ch = replay("racecapture.csv");
        assertEquals(List.of("Interval", "Battery", "AccelX", "RPM", "Lap"), List.copyOf(ch.keySet()));
        assertEquals(List.of(12.5, 12.4), values(ch.get("Battery")));
        assertEquals(6, ch.get("AccelX").size());
        assertEquals(3, ch.get("RPM").size());
        assertEquals(List.of(0.0, 1.0), values(ch.get("Lap")));
        assertEquals("Volts", declared("Battery").units());
        assertEquals(0.0, declared("Battery").min());
        assertEquals(20.0, declared("Battery").max());
        assertEquals(-3.0, declared("AccelX").min());
        assertEquals(25.0, declared("AccelX").frequencyHz());
        assertEquals(10.0, declared("RPM").frequencyHz());
        assertEquals(1714831380100L * MS, ch.get("RPM").get(1).timeNanos());
        assertEquals(List.of("racecapture.csv:8"), problems("time-backwards"));
        assertEquals(1714831380500L * MS, ch.get("AccelX").get(5).timeNanos(), "a time is never moved");
        assertEquals("RaceCapture", meta().get("logger"));
    }

    @Test
    void torqueProBomBracketUnitsDashesAndDeviceTime() {
        Map<String, List<SampleValue>> ch = replay("torque.csv");
        assertEquals(List.of("Longitude", "Latitude", "GPS Speed", "Engine RPM", "G(x)", "G(y)", "G(x)_2"),
                context.channels().stream().map(ChannelDefinition::name).toList());
        assertEquals("rpm", declared("Engine RPM").units());
        assertEquals("Meters/second", declared("GPS Speed").units());
        assertNull(declared("G(x)").units());
        assertEquals(2, ch.get("Longitude").size(), "'-' is no sample");
        assertEquals(2, ch.get("G(y)").size());
        assertEquals(3, ch.get("Engine RPM").size());
        long t0 = Instant.parse("2014-09-27T13:40:39.474Z").getEpochSecond() * SECOND + 474 * MS;
        assertEquals(t0, ch.get("Engine RPM").get(0).timeNanos());
        assertEquals(t0 + SECOND, ch.get("Engine RPM").get(1).timeNanos());
        assertEquals(List.of("torque.csv:1"), problems("text-column"), "GPS Time is text");
        assertEquals(List.of(), problems("bad-cell"));
        assertEquals("Torque Pro", meta().get("logger"));
    }

    @Test
    void vcdsTimePerChannelAndTextInAValueCell() {
        Map<String, List<SampleValue>> ch = replay("vcds.csv");
        assertEquals(List.of("Engine speed", "Boost pressure", "NOx sensor"), List.copyOf(ch.keySet()));
        assertEquals("/min", declared("Engine speed").units());
        assertEquals("mbar", declared("Boost pressure").units());
        Instant start = Instant.parse("2024-05-04T14:03:22Z");
        long t0 = start.getEpochSecond() * SECOND;
        assertEquals(List.of(t0 + 350 * MS, t0 + 1350 * MS, t0 + 2350 * MS),
                ch.get("Boost pressure").stream().map(SampleValue::timeNanos).toList());
        assertEquals(t0 + 600 * MS, ch.get("NOx sensor").get(0).timeNanos());
        assertEquals(SampleStatus.MISSING, ch.get("NOx sensor").get(1).status());
        assertEquals(44.0, ch.get("NOx sensor").get(2).value(), "the column goes on after text");
        assertEquals(List.of("vcds.csv:9:7"), problems("bad-cell"));
        assertEquals(start.plusMillis(100), meta().start(), "the first sample's time");
        assertEquals("VCDS", meta().get("logger"));
        assertEquals("Release 23.11.0 (x64)", meta().get("loggerVersion"));
        assertTrue(meta().get("ecu").startsWith("Address 01: Engine"), meta().get("ecu"));
    }

    @Test
    void carScannerLongFormatPivotedPerChannel() {
        Map<String, List<SampleValue>> ch = replay("carscanner.csv", "start", "2024-05-04T08:00:00Z");
        assertEquals(List.of("Engine RPM", "Vehicle speed", "Coolant temperature"), List.copyOf(ch.keySet()));
        assertEquals(List.of(812.0, 845.0), values(ch.get("Engine RPM")).subList(0, 2));
        assertEquals(3, ch.get("Engine RPM").size());
        assertEquals(SampleStatus.MISSING, ch.get("Engine RPM").get(2).status());
        assertEquals(List.of("carscanner.csv:6:3"), problems("bad-cell"));
        assertEquals("rpm", declared("Engine RPM").units());
        assertEquals("\u00b0C", declared("Coolant temperature").units());
        long midnight = Instant.parse("2024-05-04T00:00:00Z").getEpochSecond() * SECOND;
        assertEquals(midnight + 50400L * SECOND + 125 * MS, ch.get("Engine RPM").get(0).timeNanos());
        assertEquals("Car Scanner", meta().get("logger"));
    }

    @Test
    void trackAddictKeepsWorkingAndItsLapColumnGivesLaps() {
        Map<String, List<SampleValue>> ch = replay("trackaddict.csv", "start", "2024-05-04T14:03:00Z");
        assertEquals(List.of("UTC Time", "Lap", "Predicted Lap Time", "Speed", "Accel X"), List.copyOf(ch.keySet()));
        assertEquals("MPH", declared("Speed").units());
        assertEquals("plain", meta().get("format"));
        assertEquals("Demo Hatch", meta().get("vehicle"));
    }

    @Test
    void edgeTxHexSwitchesAreIntegers() {
        Map<String, List<SampleValue>> ch = replay("edgetx.csv", "start", "2024-05-04T00:00:00Z");
        assertEquals(List.of(3.0, 1.0, 9.223372036854775808E18), values(ch.get("LSW")));
        assertEquals("dB", declared("1RSS").units());
        long t0 = Instant.parse("2024-05-04T14:03:22.100Z").getEpochSecond() * SECOND + 100 * MS;
        assertEquals(t0, ch.get("RxBt").get(0).timeNanos());
    }

    @Test
    void aFormatCanBeForcedAndEveryFormatIsListed() {
        assertEquals(List.of("racechrono", "aim", "motec", "racecapture", "torque", "vcds", "carscanner",
                "plain"), LogFormat.names());
        assertTrue(new CsvSourceProvider().options().stream().anyMatch(o -> o.name().equals("format")
                && o.allowed().containsAll(LogFormat.names())));
        replay("trackaddict.csv", "format", "plain");
        assertEquals("plain", meta().get("format"));
        CsvFileException e = assertThrows(CsvFileException.class, () -> replay("motec.csv", "format", "vcds"));
        assertTrue(e.getMessage().endsWith("motec.csv: a VCDS log has a header row starting with 'Marker' within "
                + "its first 80 lines; none found"), e.getMessage());
        ConfigException c = assertThrows(ConfigException.class, () -> replay("motec.csv", "format", "ibt"));
        assertTrue(c.getMessage().contains("format"), c.getMessage());
    }
}
