package io.slipstream.iracing;

import io.slipstream.testkit.RecordingSourceContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.iracing.layout.LayoutException;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.ConfigException;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SampleStatus;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceProvider;
import io.slipstream.spi.TelemetrySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The provider and source end to end over real and written files. */
class IracingSourceTest {

    private static final int ESSENTIAL = 23;
    private static final int DERIVED = 3;

    private static TelemetrySource source(Map<String, ?> options) {
        return new IracingProvider().create(ConfigSection.of(options));
    }

    private static List<SampleValue> of(List<SampleValue> samples, String identifier) {
        return samples.stream().filter(s -> s.channel().identifier().equals(identifier)).toList();
    }

    @Test
    void providerIsFoundByServiceLoaderAndOpensIbt() {
        SourceProvider p = ServiceLoader.load(SourceProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("iracing")).findFirst().orElseThrow();
        assertEquals(List.of(".ibt"), p.fileExtensions());
        assertTrue(p.options().stream().anyMatch(o -> o.name().equals(SourceProvider.FILE_OPTION)));
        assertEquals(Set.of("markers"), p.defaultPipelineSettings().keySet());
        Map<?, ?> markers = (Map<?, ?>) p.defaultPipelineSettings().get("markers");
        assertEquals(true, markers.get("out-lap"));
        List<?> rules = (List<?>) markers.get("rules");
        assertEquals(Map.of("kind", "counter", "channel", "LapMarker:iRacing", "label", "Lap {value}",
                "type", "Lap Trigger"), rules.get(0));
    }

    @Test
    void badOptionsNameTheirKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> source(Map.of("file", "x.ibt", "pacing", "slow")));
        assertEquals("pacing", e.key());
        ConfigException live = assertThrows(ConfigException.class,
                () -> source(Map.of("mode", "ibt")));
        assertEquals("file", live.key());
    }

    @Test
    void replaysTheValidIbtWithOnlyTheFileSet() {
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();
        List<SampleValue> samples = source(Map.of("file", TestFiles.path(TestFiles.VALID).toString()))
                .samples(ctx).collectList().block(Duration.ofSeconds(30));
        assertEquals(1, ctx.declarations().size());
        List<ChannelDefinition> channels = ctx.declarations().get(0);
        assertEquals(ESSENTIAL + DERIVED, channels.size());
        assertTrue(ctx.problems().isEmpty(), ctx.problems().toString());
        assertEquals(390 * (ESSENTIAL + DERIVED), samples.size());
        assertTrue(channels.stream().allMatch(c -> c.frequencyHz() == 60.0));
        ChannelDefinition speed = channels.stream().filter(c -> c.identifier().equals("Speed:iRacing")).findFirst()
                .orElseThrow();
        assertEquals("m/s", speed.units());
        assertEquals("GPS vehicle speed", speed.description());
        assertEquals("Motion", speed.group());

        List<SampleValue> speeds = of(samples, "Speed:iRacing");
        assertEquals(390, speeds.size());
        long start = 1_719_258_336L * 1_000_000_000L; // the disk sub-header's sessionStartDate
        assertEquals(start, speeds.get(0).timeNanos());
        assertEquals(0.04754703864455223, speeds.get(0).value(), 1e-9);
        assertEquals(start + Math.round((938.4833339685914 - 932.000000635264) * 1e9), speeds.get(389).timeNanos());
        List<SampleValue> sessionTime = of(samples, "SessionTime:iRacing");
        assertEquals(938.4833339685914, sessionTime.get(389).value(), 1e-9);
        assertEquals(4000.039306640625, of(samples, "RPM:iRacing").get(389).value(), 1e-9);
        assertTrue(of(samples, "Lap:iRacing").stream().allMatch(s -> s.value() == 9.0));

        assertTrue(samples.stream().collect(Collectors.groupingBy(SampleValue::timeNanos)).values().stream()
                .allMatch(row -> row.size() == ESSENTIAL + DERIVED), "samples of one row share one timestamp");
        assertTrue(of(samples, "LapMarker:iRacing").stream().allMatch(s -> s.value() == 8.0),
                "in the stall the whole time: the lap counter holds LapCompleted and never rises");
        assertTrue(of(samples, "PitEntries:iRacing").stream().allMatch(s -> s.value() == 0.0));

        assertEquals(1, ctx.metadata().size(), "one session in the whole file: one metadata call");
        SessionMetadata m = ctx.lastMetadata();
        assertEquals("Red Bull Ring", m.get(SessionMetadata.TRACK));
        assertEquals("Mercedes-AMG W13 E Performance", m.get(SessionMetadata.CAR));
        assertEquals("George v Rensburg", m.get(SessionMetadata.DRIVER));
        assertEquals("Offline Testing", m.get(SessionMetadata.SESSION_TYPE));
        assertEquals(TestFiles.VALID, m.get(SessionMetadata.ORIGIN));
        assertEquals(Instant.ofEpochSecond(1_719_258_336L), m.start());
    }

    @Test
    void realtimePacingFollowsSessionTimeInVirtualTime() {
        int perRow = ESSENTIAL + DERIVED;
        Map<String, String> options = Map.of("file", TestFiles.path(TestFiles.VALID).toString(), "pacing", "realtime");
        StepVerifier.withVirtualTime(() -> source(options).samples(new RecordingSourceContext<>(VirtualTimeScheduler.get(), 0)))
                .expectSubscription()
                .expectNextCount(perRow)                       // row 0 at once
                .expectNoEvent(Duration.ofMillis(16))          // row 1 is due 16.67 ms later
                .thenAwait(Duration.ofMillis(1))
                .expectNextCount(perRow)
                .thenAwait(Duration.ofMillis(491))             // 0.508 s: rows 2..30 are due
                .expectNextCount(perRow * 29L)
                .expectNoEvent(Duration.ofMillis(5))
                .thenAwait(Duration.ofSeconds(7))
                .expectNextCount(perRow * 359L)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void realtimeReplayIsRetimedToNow() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        vts.advanceTimeBy(Duration.ofDays(20_000));
        RecordingSourceContext<?> ctx = new RecordingSourceContext<>(vts, 0);
        long now = vts.now(TimeUnit.NANOSECONDS);
        List<SampleValue> got = new ArrayList<>();
        source(Map.of("file", TestFiles.path(TestFiles.VALID).toString(), "pacing", "realtime",
                "channels", List.of("Speed"))).samples(ctx).subscribe(got::add);
        vts.advanceTimeBy(Duration.ofSeconds(7));
        List<SampleValue> speeds = of(got, "Speed:iRacing");
        assertEquals(390, speeds.size());
        assertEquals(now, speeds.get(0).timeNanos());
        assertEquals(now + Math.round((938.4833339685914 - 932.000000635264) * 1e9), speeds.get(389).timeNanos());
    }

    @Test
    void invalidFileFailsNamingTheOffsetAndSendsNothing() {
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();
        StepVerifier.create(source(Map.of("file", TestFiles.path(TestFiles.INVALID).toString(), "mode", "ibt"))
                        .samples(ctx))
                .expectErrorSatisfies(e -> {
                    LayoutException le = assertInstanceOf(LayoutException.class, e);
                    assertEquals(0, le.offset());
                    assertTrue(le.getMessage().contains("header version is 1635021600, expected 1 or 2"));
                })
                .verify(Duration.ofSeconds(10));
        assertTrue(ctx.declarations().isEmpty());
        assertFalse(ctx.lastMetadata() != null);
    }

    @Test
    void missingVariablesAreReportedAndTheRestCarryOn(@TempDir Path dir) throws Exception {
        IrsdkWriter w = IrsdkWriter.playerCar();
        List<byte[]> rows = IrsdkWriter.rows();
        for (int i = 0; i < 5; i++) {
            rows.add(w.row(Map.of("SessionTime", i / 60.0, "Speed", 10.0 + i, "CarIdxRPM[2]", 7000.0)));
        }
        Path file = Files.write(dir.resolve("car.ibt"), w.ibt(IrsdkWriter.yaml(), 1_700_000_000L, rows));
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();
        List<SampleValue> samples = source(Map.of("file", file.toString(),
                "channels", List.of("Speed", "NoSuchVar", "CarIdxRPM", "AlsoMissing"))).samples(ctx).collectList()
                .block(Duration.ofSeconds(10));
        assertEquals(2, ctx.count("missing-variable"));
        assertTrue(ctx.problems().get(0).message().contains("NoSuchVar"));
        assertEquals(List.of("Speed:iRacing", "CarIdxRPM_0:iRacing", "CarIdxRPM_1:iRacing", "CarIdxRPM_2:iRacing",
                        "LapMarker:iRacing", "PitEntries:iRacing", "PitExits:iRacing"),
                ctx.declarations().get(0).stream().map(ChannelDefinition::identifier).toList());
        assertEquals(5 * 7, samples.size());
        assertEquals(14.0, of(samples, "Speed:iRacing").get(4).value(), 1e-6);
        assertEquals(7000.0, of(samples, "CarIdxRPM_2:iRacing").get(0).value());
        assertEquals("Test Track", ctx.lastMetadata().get(SessionMetadata.TRACK));
    }

    @Test
    void theLapCounterIsMissingOnAStaleFirstRow(@TempDir Path dir) throws Exception {
        IrsdkWriter w = IrsdkWriter.playerCar();
        List<byte[]> rows = IrsdkWriter.rows();
        rows.add(w.row(Map.of("PlayerTrackSurface", -1.0)));
        rows.add(w.row(Map.of("PlayerTrackSurface", 3.0, "IsOnTrack", 1.0, "LapCompleted", 169.0, "Lap", 170.0,
                "SessionTime", 1 / 60.0)));
        Path file = Files.write(dir.resolve("stale.ibt"), w.ibt(IrsdkWriter.yaml(), 1_700_000_000L, rows));
        List<SampleValue> laps = of(source(Map.of("file", file.toString())).samples(RecordingSourceContext.realTime())
                .collectList().block(Duration.ofSeconds(10)), "LapMarker:iRacing");
        assertEquals(SampleStatus.MISSING, laps.get(0).status());
        assertEquals(169.0, laps.get(1).value());
    }

    @Test
    void memoryDumpReplaysItsNewestBufferWithEveryVariableInFull() {
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();
        List<SampleValue> samples = source(Map.of("file", TestFiles.path(TestFiles.MEMDUMP).toString(),
                "channels", "full")).samples(ctx).collectList().block(Duration.ofSeconds(30));
        List<ChannelDefinition> channels = ctx.declarations().get(0);
        assertEquals(2204 + DERIVED, channels.size(), "323 variables, arrays expanded");
        assertEquals(channels.size(), samples.size(), "one row: the newest buffer");
        assertEquals(3443.0, of(samples, "SessionTick:iRacing").get(0).value());
        assertEquals(300.0, of(samples, "RPM:iRacing").get(0).value());
        assertTrue(channels.stream().anyMatch(c -> c.identifier().equals("CarIdxRPM_63:iRacing")));
        ChannelDefinition tyre = channels.stream().filter(c -> c.identifier().equals("LFtempCL:iRacing"))
                .findFirst().orElseThrow();
        assertEquals("Tyres/LF", tyre.group());
        assertEquals("C", tyre.units());
        assertEquals("Suspension/Heave and roll", channels.stream()
                .filter(c -> c.identifier().startsWith("ROLLFshockDefl_"))
                .findFirst().orElseThrow().group());
        assertEquals("Autodromo Nazionale Monza", ctx.lastMetadata().get(SessionMetadata.TRACK));
        assertEquals("Tyres/RR", channels.stream().filter(c -> c.identifier().equals("dpRRTireColdPress:iRacing"))
                .findFirst().orElseThrow().group());
    }
}
