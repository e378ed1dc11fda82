package io.slipstream.csv;

import reactor.test.scheduler.VirtualTimeScheduler;
import io.slipstream.testkit.RecordingSourceContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.ConfigException;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SampleStatus;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceProblem;
import io.slipstream.spi.SourceProvider;
import io.slipstream.spi.TelemetrySource;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

class CsvSourceTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final RecordingSourceContext<VirtualTimeScheduler> context = new RecordingSourceContext<>(VirtualTimeScheduler.create(), RecordingSourceContext.TEST_EPOCH);

    static Path resource(String name) {
        try {
            return Path.of(CsvSourceTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TelemetrySource source(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return new CsvSourceProvider().create(ConfigSection.of(m));
    }

    private List<SampleValue> all(TelemetrySource s) {
        return s.samples(context).collectList().block(Duration.ofSeconds(20));
    }

    private static Map<String, List<SampleValue>> byChannel(List<SampleValue> samples) {
        return samples.stream().collect(Collectors.groupingBy(v -> v.channel().name(), LinkedHashMap::new,
                Collectors.toList()));
    }

    private ChannelDefinition declared(String name) {
        return context.channels().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private List<String> problems(String kind) {
        return context.problems().stream().filter(p -> p.kind().equals(kind)).map(SourceProblem::where).toList();
    }

    @Test
    void providerIsRegisteredWithItsExtensions() {
        SourceProvider p = ServiceLoader.load(SourceProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("csv")).findFirst().orElseThrow();
        assertTrue(p.fileExtensions().containsAll(List.of(".csv", ".csv.gz")));
        assertTrue(p.options().stream().anyMatch(o -> o.name().equals("file") && o.required()));
    }

    @Test
    void loggerExportWithSemicolonsDecimalCommasUnitsRowAndPreamble() {
        List<SampleValue> out = all(source("file", resource("logger-export.csv").toString()));
        Map<String, List<SampleValue>> ch = byChannel(out);
        assertEquals(List.of("vCar", "nEngine", "NGear"), List.copyOf(ch.keySet()), "the text column is left out");
        long start = Instant.parse("2024-05-01T14:00:00Z").getEpochSecond() * SECOND;
        List<SampleValue> v = ch.get("vCar");
        assertEquals(20, v.size());
        assertEquals(start, v.get(0).timeNanos());
        assertEquals(start + 10 * MS, v.get(1).timeNanos());
        assertEquals(120.5, v.get(1).value());
        assertEquals("km/h", declared("vCar").units());
        assertEquals("rpm", declared("nEngine").units());
        assertNull(declared("NGear").units());
        assertEquals(100.0, declared("vCar").frequencyHz(), "rate inferred from the time deltas");
        assertEquals(120.0, declared("vCar").min());
        assertEquals(129.5, declared("vCar").max());
        assertEquals("vCar:CSV", declared("vCar").identifier());
        SessionMetadata meta = context.metadata().get(0);
        assertEquals("Spa-Francorchamps", meta.get(SessionMetadata.TRACK));
        assertEquals("GT3 Demo", meta.get(SessionMetadata.CAR));
        assertEquals("logger-export.csv", meta.get(SessionMetadata.ORIGIN));
        assertEquals(Instant.parse("2024-05-01T14:00:00Z"), meta.start());
        assertEquals(List.of("logger-export.csv:1"), problems("text-column"));
        assertEquals(1, context.problems().size(), context.problems().toString());
    }

    @Test
    void tabSeparatedEpochMilliseconds() {
        Map<String, List<SampleValue>> ch = byChannel(all(source("file", resource("rig-tab.csv").toString())));
        assertEquals(List.of("gLat", "gLong", "Steer"), List.copyOf(ch.keySet()));
        assertEquals(1714572000000L * MS + 5 * MS, ch.get("gLat").get(1).timeNanos());
        assertEquals(1.5, ch.get("Steer").get(1).value());
        assertEquals("deg", declared("Steer").units());
        assertEquals(200.0, declared("gLat").frequencyHz());
        assertTrue(context.problems().isEmpty(), context.problems().toString());
    }

    @Test
    void isoTimestampsAreAbsolute() {
        List<SampleValue> speed = byChannel(all(source("file", resource("iso-times.csv").toString()))).get("Speed");
        assertEquals(5, speed.size());
        long t0 = Instant.parse("2024-05-01T14:00:00.500Z").getEpochSecond() * SECOND + 500 * MS;
        assertEquals(t0, speed.get(0).timeNanos());
        assertEquals(t0 + 4 * SECOND, speed.get(4).timeNanos());
        assertEquals(1.0, declared("Speed").frequencyHz());
    }

    @Test
    void timesOfDayCountFromTheStartsDayAndGoOnPastMidnight() {
        List<SampleValue> oil = byChannel(all(source("file", resource("wall-clock.csv").toString(),
                "start", "2024-05-01T23:00:00Z"))).get("Oil Temp");
        long day = Instant.parse("2024-05-01T00:00:00Z").getEpochSecond() * SECOND;
        assertEquals(5, oil.size());
        assertEquals(day + 86_399 * SECOND + 800 * MS, oil.get(0).timeNanos(), "23:59:59,800 on the start's day");
        assertEquals(day + 86_400 * SECOND, oil.get(2).timeNanos(), "00:00:00,000 is the next day, not 24 h back");
        assertEquals(day + 86_400 * SECOND + 200 * MS, oil.get(4).timeNanos());
        assertEquals(101.7, oil.get(2).value());
        assertEquals("degC", declared("Oil Temp").units());
        assertEquals(10.0, declared("Oil Temp").frequencyHz(), "rate inferred from the times of day");
        assertEquals(Instant.parse("2024-05-01T23:59:59.800Z"), context.metadata().get(0).start());
        assertTrue(context.problems().isEmpty(), "crossing midnight is no time going backwards: " + context.problems());
    }

    @Test
    void timesOfDayWithoutAStartAreOnTodaysDateAndABadOneIsReportedWithItsLine(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("clock.csv"), "time,Speed\n14:00:00.000,10\n14:00:00.5,11\n25:00:00,12\n14:00:01.000,13\n");
        List<SampleValue> speed = all(source("file", f.toString(), "time-unit", "clock"));
        long today = RecordingSourceContext.TEST_EPOCH - Math.floorMod(RecordingSourceContext.TEST_EPOCH, 86_400 * SECOND);
        assertEquals(List.of(today + 50_400 * SECOND, today + 50_400 * SECOND + 500 * MS, today + 50_401 * SECOND),
                speed.stream().map(SampleValue::timeNanos).toList());
        assertEquals(List.of("clock.csv:4:1"), problems("bad-time"));
        assertTrue(context.problems().get(0).message().contains("'25:00:00' is not a time in time of day (hh:mm:ss)"),
                context.problems().toString());
    }

    @Test
    void aRepeatedColumnNameIsRenamedReportedAndReplayed(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("dup.csv"), "t,Temp,Temp,Temp_2,Temp\n0,1,2,3,4\n0.1,5,6,7,8\n");
        Map<String, List<SampleValue>> ch = byChannel(all(source("file", f.toString())));
        assertEquals(List.of("Temp", "Temp_2_2", "Temp_2", "Temp_3"), List.copyOf(ch.keySet()), "file order, every column kept");
        assertEquals(List.of(2.0, 6.0), ch.get("Temp_2_2").stream().map(SampleValue::value).toList());
        assertEquals(List.of(3.0, 7.0), ch.get("Temp_2").stream().map(SampleValue::value).toList());
        assertEquals(List.of(4.0, 8.0), ch.get("Temp_3").stream().map(SampleValue::value).toList());
        assertEquals(List.of("dup.csv:1", "dup.csv:1"), problems("duplicate-column"));
        assertEquals("column 3 is named 'Temp' like column 2; replayed as 'Temp_2_2'", context.problems().get(0).message());
    }

    @Test
    void noTimeColumnUsesRateAndStart() {
        List<SampleValue> out = all(source("file", resource("no-time.csv").toString(), "rate", 50,
                "start", "2024-05-01T10:00:00Z"));
        List<SampleValue> rpm = byChannel(out).get("RPM");
        long start = Instant.parse("2024-05-01T10:00:00Z").getEpochSecond() * SECOND;
        assertEquals(8, rpm.size());
        assertEquals(start + 7 * 20 * MS, rpm.get(7).timeNanos());
        assertEquals(3700.0, rpm.get(7).value());
        assertEquals(50.0, declared("RPM").frequencyHz());
    }

    @Test
    void gzipIsReadCompressed() {
        List<SampleValue> out = all(source("file", resource("compressed.csv.gz").toString(),
                "start", "2024-05-01T10:00:00Z"));
        assertEquals(80, out.size());
        assertEquals(20.0, declared("Speed").frequencyHz());
        assertEquals(99.0, byChannel(out).get("Speed").get(39).value());
    }

    @Test
    void bomCrlfAndQuotedFields() {
        Map<String, List<SampleValue>> ch = byChannel(all(source("file", resource("bom-crlf.csv").toString())));
        assertEquals(List.of("Brake Pressure"), List.copyOf(ch.keySet()), "BOM stripped from 'Time'; text Note left out");
        assertEquals("bar", declared("Brake Pressure").units());
        assertEquals(List.of(12.5, 13.0, 14.5), ch.get("Brake Pressure").stream().map(SampleValue::value).toList());
        assertEquals(100 * MS, ch.get("Brake Pressure").get(1).timeNanos() - ch.get("Brake Pressure").get(0).timeNanos());
    }

    @Test
    void badInputIsMissingCountedAndReportedWithLine() {
        List<SampleValue> out = all(source("file", resource("bad-input.csv").toString()));
        assertEquals(8 * 3, out.size(), "rows 2-7, 9 and 10; row 8 has no time");
        long missing = out.stream().filter(v -> v.status() == SampleStatus.MISSING).count();
        assertEquals(7, missing);
        assertEquals(List.of("bad-input.csv:3:2", "bad-input.csv:4:3", "bad-input.csv:10:2"), problems("bad-cell"));
        assertEquals(List.of("bad-input.csv:5"), problems("short-row"));
        assertEquals(List.of("bad-input.csv:6"), problems("long-row"));
        assertEquals(List.of("bad-input.csv:8:1"), problems("bad-time"));
        assertEquals(List.of("bad-input.csv:9"), problems("time-backwards"));
        int lost = context.problems().stream().filter(p -> !p.kind().equals("time-backwards")).mapToInt(SourceProblem::samples).sum();
        assertEquals(7 + 3, lost, "every missing sample and the 3 of the dropped row are counted");
        SourceProblem abc = context.problems().stream().filter(p -> p.where().endsWith(":3:2")).findFirst().orElseThrow();
        assertEquals("column 'Speed': 'abc' is not a number", abc.message());
        Map<String, List<SampleValue>> ch = byChannel(out);
        assertEquals(107.0, ch.get("Speed").get(6).value(), "the row after time went back is kept");
        assertTrue(ch.get("Speed").get(6).timeNanos() < ch.get("Speed").get(5).timeNanos());
        assertEquals(83.0, ch.get("Temp").get(5).value(), "a trailing empty field is no long row");
    }

    @Test
    void manyProblemsAreReportedInFullUpToTheLimitThenCounted(@TempDir Path dir) throws Exception {
        StringBuilder b = new StringBuilder("t,a,b\n");
        for (int i = 0; i < 500; i++) {
            b.append(i).append(i == 0 ? ",1," : ",x,").append(i).append('\n'); // one number: not a text column
        }
        Path f = Files.writeString(dir.resolve("noisy.csv"), b);
        List<SampleValue> out = all(source("file", f.toString(), "report-limit", 5));
        assertEquals(1000, out.size());
        assertEquals(6, context.problems().size());
        SourceProblem summary = context.problems().get(5);
        assertEquals("noisy.csv:8-501", summary.where());
        assertEquals(494, summary.samples());
        assertEquals(499, context.problems().stream().mapToInt(SourceProblem::samples).sum());
    }

    @Test
    void fatalProblemsFailBeforeAnythingIsSent() {
        assertFatal(source("file", resource("empty.csv").toString()), "empty.csv: the file is empty");
        assertFatal(source("file", resource("header-only.csv").toString()), "no data rows");
        assertFatal(source("file", resource("logger-export.csv").getParent().resolve("nope.csv").toString()),
                "nope.csv: no such file");
        assertFatal(source("file", resource("bad-input.csv").toString(), "time-column", "Zeit"),
                "bad-input.csv:1: no time column 'Zeit' in the header (columns: time, Speed, RPM, Temp)");
        assertFatal(source("file", resource("no-time.csv").toString()), "no-time.csv:1: no time column found");
        assertFatal(source("file", List.of(resource("iso-times.csv").toString(), resource("empty.csv").toString())),
                "empty.csv");
    }

    private void assertFatal(TelemetrySource s, String expected) {
        RecordingSourceContext<VirtualTimeScheduler> ctx = new RecordingSourceContext<>(VirtualTimeScheduler.create(), RecordingSourceContext.TEST_EPOCH);
        StepVerifier.create(s.samples(ctx))
                .expectErrorSatisfies(e -> {
                    assertTrue(e instanceof CsvFileException, e.toString());
                    assertTrue(e.getMessage().contains(expected), e.getMessage());
                })
                .verify(Duration.ofSeconds(10));
        assertTrue(ctx.channels().isEmpty(), "nothing declared");
    }

    @Test
    void configErrorsNameTheKey() {
        ConfigException none = assertThrows(ConfigException.class, () -> source("pacing", "fast"));
        assertEquals("file", none.key());
        ConfigException pacing = assertThrows(ConfigException.class, () -> source("file", "a.csv", "pacing", "slow"));
        assertEquals("pacing", pacing.key());
        ConfigException start = assertThrows(ConfigException.class, () -> source("file", "a.csv", "start", "noon"));
        assertEquals("start", start.key());
        ConfigException rate = assertThrows(ConfigException.class, () -> source("file", "a.csv", "time-column", "none"));
        assertEquals("rate", rate.key());
        ConfigException unit = assertThrows(ConfigException.class, () -> source("file", "a.csv", "time-unit", "hours"));
        assertEquals("time-unit", unit.key());
    }

    @Test
    void fileAloneIsEnoughAndSidecarAddsMetadata() {
        List<SampleValue> out = all(source("file", resource("lap.csv").toString(),
                "sidecar", resource("lap-sidecar.yaml").toString()));
        assertEquals(1800 * 7, out.size());
        assertEquals(20.0, declared("Speed").frequencyHz());
        assertEquals("km/h", declared("Speed").units());
        assertEquals("Chassis", declared("Speed").group());
        assertEquals("%5.1f", declared("Speed").formatString());
        assertEquals(0.0, declared("Speed").min());
        assertEquals(300.0, declared("Speed").max());
        assertEquals("rpm", declared("RPM").units(), "units from the header when the sidecar gives none");
        assertEquals(1.0, declared("Lap").min(), "range from the data");
        assertEquals(3.0, declared("Lap").max());
        assertEquals("Demo Ring", context.metadata().get(0).get(SessionMetadata.TRACK));
        assertEquals("Test Driver", context.metadata().get(0).get(SessionMetadata.DRIVER));
        assertEquals(RecordingSourceContext.TEST_EPOCH, out.get(0).timeNanos(), "relative times start at the clock");
        assertTrue(context.problems().isEmpty(), context.problems().toString());
    }

    @Test
    void filesAreReplayedOneAfterAnother() {
        List<SampleValue> out = all(source("file", List.of(resource("no-time.csv").toString(),
                resource("no-time.csv").toString()), "rate", 10));
        List<SampleValue> speed = byChannel(out).get("Speed");
        assertEquals(16, speed.size());
        for (int i = 0; i < speed.size(); i++) {
            assertEquals(RecordingSourceContext.TEST_EPOCH + i * 100 * MS, speed.get(i).timeNanos(), "sample " + i);
        }
        assertEquals(2, context.channels().size(), "the same channels are declared once");
    }

    @Test
    void fastPacingReadsOnlyWhatIsRequested() {
        TelemetrySource s = source("file", resource("lap.csv").toString(), "scan-range", false);
        StepVerifier.withVirtualTime(() -> s.samples(context), () -> context.scheduler(), 0)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(1))
                .thenRequest(3)
                .expectNextCount(3)
                .expectNoEvent(Duration.ofSeconds(1))
                .thenRequest(4)
                .expectNextCount(4)
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertEquals(0.0, declared("Speed").min(), "no scan: default range");
        assertEquals(1.0, declared("Speed").max());
    }

    @Test
    void realTimePacingEmitsEachRowAtNowPlusItsOffset() {
        TelemetrySource s = source("file", resource("iso-times.csv").toString(), "pacing", "realtime");
        List<SampleValue> out = new ArrayList<>();
        StepVerifier.withVirtualTime(() -> s.samples(context).doOnNext(out::add), () -> context.scheduler(), Long.MAX_VALUE)
                .expectNextCount(2)
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectNextCount(2)
                .thenAwait(Duration.ofSeconds(3))
                .expectNextCount(6)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        List<Long> stamps = byChannel(out).get("Speed").stream().map(SampleValue::timeNanos).toList();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(RecordingSourceContext.TEST_EPOCH + i * SECOND);
        }
        assertEquals(expected, stamps);
    }
}
