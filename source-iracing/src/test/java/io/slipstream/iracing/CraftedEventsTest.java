package io.slipstream.iracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.iracing.events.BitEvent;
import io.slipstream.iracing.events.EngineWarning;
import io.slipstream.iracing.events.Incident;
import io.slipstream.iracing.events.RepairsNeeded;
import io.slipstream.iracing.events.SessionFlag;
import io.slipstream.iracing.layout.VarType;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.testkit.RecordingSourceContext;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceContext;
import io.slipstream.spi.SourceProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.scheduler.Scheduler;

/** Events from .ibt files written row by row: each flag and warning, incidents, repairs, baselines, bad rows. */
class CraftedEventsTest {

    private static final IrsdkWriter WRITER = IrsdkWriter.eventsCar();

    @TempDir
    Path dir;

    private final List<byte[]> rows = IrsdkWriter.rows();
    private final RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();

    /** Adds a row at {@code tick}, on track unless the values say otherwise. */
    private CraftedEventsTest row(int tick, Object... keyValues) {
        Map<String, Double> values = new HashMap<>();
        values.put("SessionTime", tick / 60.0);
        values.put("SessionTick", (double) tick);
        values.put("PlayerTrackSurface", 3.0);
        values.put("Speed", (double) tick);
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], ((Number) keyValues[i + 1]).doubleValue());
        }
        rows.add(WRITER.row(values));
        return this;
    }

    private List<SampleValue> replay() {
        return replay(ctx);
    }

    private List<SampleValue> replay(SourceContext context) {
        try {
            Path file = Files.write(dir.resolve("events.ibt"), WRITER.ibt(IrsdkWriter.yaml(), 1_700_000_000L, rows));
            return new IracingProvider().create(ConfigSection.of(Map.of("file", file.toString(),
                    "channels", List.of("Speed")))).samples(context).collectList().block(Duration.ofSeconds(20));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The read time of row {@code r}, as the source stamped its Speed sample. */
    private static long time(List<SampleValue> emitted, int r) {
        return emitted.stream().filter(s -> s.channel().identifier().equals("Speed:iRacing")).toList()
                .get(r).timeNanos();
    }

    private static long bits(SessionFlag flag) {
        return flag.event().bit();
    }

    private static long bits(EngineWarning warning) {
        return warning.event().bit();
    }

    private static List<EventDefinition> everyEvent() {
        List<EventDefinition> all = new ArrayList<>();
        SessionFlag.events().stream().map(BitEvent::definition).forEach(all::add);
        EngineWarning.events().stream().map(BitEvent::definition).forEach(all::add);
        all.add(RepairsNeeded.DEFINITION);
        all.add(Incident.DEFINITION);
        return all;
    }

    @ParameterizedTest
    @EnumSource(SessionFlag.class)
    void eachSessionFlagThatComesOnIsOneEvent(SessionFlag flag) {
        long held = flag == SessionFlag.GREEN ? bits(SessionFlag.YELLOW) : bits(SessionFlag.GREEN);
        row(1, "SessionFlags", held).row(2, "SessionFlags", held | bits(flag)).row(3, "SessionFlags", held | bits(flag))
                .row(4, "SessionFlags", held).row(5, "SessionFlags", bits(flag));
        List<SampleValue> emitted = replay();
        String id = flag.event().definition().identifier();
        assertEquals(List.of(Happening.of(id, time(emitted, 1)), Happening.of(id, time(emitted, 4))),
                Happening.in(emitted), "on at rows 1 and 4; held, or going off, raises nothing");
        assertEquals(List.of(everyEvent()), ctx.eventDeclarations(), "every event declared once, up front");
    }

    @ParameterizedTest
    @EnumSource(EngineWarning.class)
    void eachEngineWarningThatComesOnIsOneEvent(EngineWarning warning) {
        long held = bits(warning == EngineWarning.REV_LIMITER ? EngineWarning.STALLED : EngineWarning.REV_LIMITER);
        row(1, "EngineWarnings", held).row(2, "EngineWarnings", held | bits(warning))
                .row(3, "EngineWarnings", held).row(4, "EngineWarnings", held | bits(warning));
        List<SampleValue> emitted = replay();
        String id = warning.event().definition().identifier();
        assertEquals(List.of(Happening.of(id, time(emitted, 1)), Happening.of(id, time(emitted, 3))),
                Happening.in(emitted));
    }

    @Test
    void theFirstRowIsTheBaselineEvenWithEverythingOn() {
        row(1, "SessionFlags", 0xFFFF_FFFFL, "EngineWarnings", 0xFFFF_FFFFL, "PlayerCarMyIncidentCount", 7,
                "PitRepairLeft", 30.0);
        row(2, "SessionFlags", 0xFFFF_FFFFL, "EngineWarnings", 0xFFFF_FFFFL, "PlayerCarMyIncidentCount", 7,
                "PitRepairLeft", 29.0);
        assertEquals(List.of(), Happening.in(replay()));
    }

    @Test
    void bitsThatNameNoEventRaiseNothing() {
        long known = SessionFlag.events().stream().mapToLong(BitEvent::bit).reduce(0, (a, b) -> a | b);
        long knownWarnings = EngineWarning.events().stream().mapToLong(BitEvent::bit).reduce(0, (a, b) -> a | b);
        row(1).row(2, "SessionFlags", 0xFFFF_FFFFL & ~known, "EngineWarnings", 0xFFFF_FFFFL & ~knownWarnings);
        assertEquals(List.of(), Happening.in(replay()), "servicible, newer flag bits and unnamed warning bits");
    }

    @Test
    void severalThingsInOneRowAreEventsOfThatRowAfterItsSamples() {
        row(1).row(2, "SessionFlags", bits(SessionFlag.YELLOW) | bits(SessionFlag.BLACK),
                "EngineWarnings", bits(EngineWarning.STALLED), "PlayerCarMyIncidentCount", 2);
        List<SampleValue> emitted = replay();
        long t = time(emitted, 1);
        assertEquals(List.of(Happening.of("YellowFlag:iRacing", t), Happening.of("BlackFlag:iRacing", t),
                Happening.of("EngineStalled:iRacing", t), Happening.of("Incident:iRacing", t, 2, 2)),
                Happening.in(emitted));
        int firstEvent = emitted.indexOf(emitted.stream().filter(SampleValue::isEvent).findFirst().orElseThrow());
        assertTrue(emitted.subList(firstEvent - 4, firstEvent).stream().allMatch(s -> s.timeNanos() == t),
                "Speed and the three derived counters of row 1 come just before its events");
    }

    @Test
    void eachIncreaseOfTheIncidentCountGivesTheIncreaseAndTheTotal() {
        int[] counts = {0, 0, 1, 1, 4, 0, 2};
        for (int r = 0; r < counts.length; r++) {
            row(r + 1, "PlayerCarMyIncidentCount", counts[r]);
        }
        List<SampleValue> emitted = replay();
        assertEquals(List.of(Happening.of("Incident:iRacing", time(emitted, 2), 1, 1),
                        Happening.of("Incident:iRacing", time(emitted, 4), 3, 4),
                        Happening.of("Incident:iRacing", time(emitted, 6), 2, 2)),
                Happening.in(emitted), "4 -> 0 is a new session's count, a new baseline");
    }

    @Test
    void repairsNeededWhenTheRepairTimeRisesAboveZero() {
        double[] left = {0, 12.5, 10, 0, 0, 40};
        for (int r = 0; r < left.length; r++) {
            row(r + 1, "PitRepairLeft", left[r]);
        }
        List<SampleValue> emitted = replay();
        assertEquals(List.of(Happening.of("RepairsNeeded:iRacing", time(emitted, 1), 12.5),
                Happening.of("RepairsNeeded:iRacing", time(emitted, 5), 40)), Happening.in(emitted));
    }

    @Test
    void aStaleRowRaisesNothingAndTheNextGoodRowIsANewBaseline() {
        long yellow = bits(SessionFlag.YELLOW);
        row(1, "PlayerTrackSurface", -1)                                      // stale row 0, all zero
                .row(2, "SessionFlags", yellow, "PlayerCarMyIncidentCount", 3) // baseline
                .row(3, "PlayerTrackSurface", -1, "SessionFlags", yellow | bits(SessionFlag.RED))
                .row(4, "SessionFlags", yellow | bits(SessionFlag.RED), "PlayerCarMyIncidentCount", 5)
                .row(5, "SessionFlags", yellow | bits(SessionFlag.RED) | bits(SessionFlag.BLUE),
                        "PlayerCarMyIncidentCount", 5);
        List<SampleValue> emitted = replay();
        assertEquals(List.of(Happening.of("BlueFlag:iRacing", time(emitted, 4))), Happening.in(emitted),
                "what changed while the car was not in the world has no time: row 3 is a new baseline");
    }

    @Test
    void aRepeatedRowRaisesNothingAndTheChangeCountsAtTheNextNewTick() {
        long white = bits(SessionFlag.WHITE);
        row(1).row(1, "SessionFlags", white).row(2, "SessionFlags", white)
                .row(2, "SessionFlags", 0).row(3, "SessionFlags", 0).row(3, "SessionFlags", white);
        List<SampleValue> emitted = replay();
        assertEquals(List.of(Happening.of("WhiteFlag:iRacing", time(emitted, 2))), Happening.in(emitted));
    }

    @Test
    void withoutSessionTickARepeatedSessionTimeIsARepeatedRow() throws IOException {
        IrsdkWriter v1 = new IrsdkWriter(1).add("SessionTime", VarType.DOUBLE, "s")
                .add("SessionFlags", VarType.BIT_FIELD, "irsdk_Flags");
        long yellow = bits(SessionFlag.YELLOW);
        List<byte[]> crafted = List.of(v1.row(Map.of("SessionTime", 0.0)),
                v1.row(Map.of("SessionTime", 0.0, "SessionFlags", (double) yellow)),
                v1.row(Map.of("SessionTime", 1 / 60.0)),
                v1.row(Map.of("SessionTime", 2 / 60.0, "SessionFlags", (double) yellow)));
        Path file = Files.write(dir.resolve("v1.ibt"), v1.ibt(IrsdkWriter.yaml(), 1_700_000_000L, crafted));
        List<SampleValue> emitted = new IracingProvider().create(ConfigSection.of(Map.of("file", file.toString(),
                "channels", List.of("SessionTime")))).samples(ctx).collectList().block(Duration.ofSeconds(20));
        long row3 = emitted.stream().filter(s -> s.channel().identifier().equals("SessionTime:iRacing")).toList()
                .get(3).timeNanos();
        assertEquals(List.of(Happening.of("YellowFlag:iRacing", row3)), Happening.in(emitted));
    }

    @Test
    void onlyTheEventsWhoseVariablesExistAreDeclared() throws IOException {
        IrsdkWriter w = IrsdkWriter.playerCar(); // SessionFlags, but no warnings, incident count or repair time
        List<byte[]> crafted = List.of(w.row(Map.of("SessionFlags", 0.0)),
                w.row(Map.of("SessionFlags", (double) bits(SessionFlag.GREEN), "SessionTime", 1 / 60.0)));
        Path file = Files.write(dir.resolve("flags.ibt"), w.ibt(IrsdkWriter.yaml(), 1_700_000_000L, crafted));
        List<SampleValue> emitted = new IracingProvider().create(ConfigSection.of(Map.of("file", file.toString())))
                .samples(ctx).collectList().block(Duration.ofSeconds(20));
        assertEquals(List.of(SessionFlag.events().stream().map(BitEvent::definition).toList()),
                ctx.eventDeclarations());
        assertEquals(List.of("GreenFlag:iRacing"), Happening.in(emitted).stream().map(Happening::identifier).toList());

        IrsdkWriter bare = new IrsdkWriter(2).add("Speed", VarType.FLOAT, "m/s");
        Path none = Files.write(dir.resolve("bare.ibt"), bare.ibt(IrsdkWriter.yaml(), 1_700_000_000L,
                List.of(bare.row(Map.of("Speed", 1.0)))));
        RecordingSourceContext<?> plain = RecordingSourceContext.realTime();
        new IracingProvider().create(ConfigSection.of(Map.of("file", none.toString()))).samples(plain)
                .collectList().block(Duration.ofSeconds(20));
        assertEquals(List.of(), plain.eventDeclarations(), "no variable, no event declared");
    }

    @Test
    void anEngineThatTakesNoEventsStillGetsEverySample() {
        row(1).row(2, "SessionFlags", bits(SessionFlag.YELLOW));
        SourceContext old = new SourceContext() { // one written before events: declareEvents is the SPI's default
            @Override public void declareChannels(List<ChannelDefinition> channels) { ctx.declareChannels(channels); }
            @Override public void sessionMetadata(SessionMetadata metadata) { ctx.sessionMetadata(metadata); }
            @Override public long nowNanos() { return ctx.nowNanos(); }
            @Override public Scheduler scheduler() { return ctx.scheduler(); }
            @Override public void report(SourceProblem problem) { ctx.report(problem); }
        };
        List<SampleValue> emitted = replay(old);
        assertEquals(2 * 4, emitted.size(), "Speed and the three derived counters of both rows, no event");
        assertEquals(List.of(), ctx.eventDeclarations());
        assertEquals(1, ctx.declarations().size(), "the channels are declared as before");
    }
}
