package io.slipstream.iracing;

import io.slipstream.testkit.RecordingSourceContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.iracing.live.DataValidSignal;
import io.slipstream.iracing.live.LiveSettings;
import io.slipstream.iracing.live.SharedMemory;
import io.slipstream.iracing.live.LiveState;
import io.slipstream.iracing.live.SimLink;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceProblem;
import io.slipstream.spi.SourceProgress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The source in live mode over a scripted sim: declares on connect, stamps rows with the read time, ends with the sim. */
class LiveSourceTest {

    /** @return the source over a scripted sim that writes one row per tick of {@code ticks}, then disconnects */
    private static IracingSource scripted(List<Integer> tickList) {
        IrsdkWriter w = IrsdkWriter.playerCar();
        IrsdkWriter.LiveMap map = w.live(IrsdkWriter.yaml(), 3);
        Deque<Runnable> steps = new ArrayDeque<>();
        tickList.forEach(t -> steps.add(() -> map.write(t, w.row(Map.of("Speed", t * 10.0, "RPM", 5000.0)))));
        DataValidSignal signal = new ScriptedSignal(steps, map);
        SharedMemory memory = map.memory(() -> { });
        IracingOptions options = IracingOptions.from(ConfigSection.of(Map.of("channels", List.of("Speed", "RPM"))));
        return new IracingSource(options, () -> () -> Optional.of(new SimLink(memory, signal)), LiveSettings.defaults());
    }

    @Test
    void liveRowsBecomeSamplesStampedWithTheReadTime() {
        IracingSource source = scripted(List.of(1, 2, 3));
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();
        List<SampleValue> samples = source.samples(ctx).collectList().block(Duration.ofSeconds(20));

        List<SampleValue> speeds = samples.stream().filter(s -> s.channel().identifier().equals("Speed:iRacing")).toList();
        assertEquals(List.of(10.0, 20.0, 30.0), speeds.stream().map(SampleValue::value).toList());
        assertEquals(3 * 5, samples.size(), "Speed, RPM and the three derived counters per tick");
        assertTrue(speeds.get(0).timeNanos() < speeds.get(1).timeNanos());
        assertEquals("Test Track", ctx.lastMetadata().get(SessionMetadata.TRACK));
        assertEquals(1, ctx.count("disconnected"));
        assertEquals(0, ctx.count("row-dropped"));
    }

    @Test
    void aRowThePipelineHasNoRoomForIsDroppedWholeAndCountedNeverQueued() {
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();
        // Room for one row of 5 samples and no more: the sim's next two rows find none. The old unbounded buffer
        // held them (and would have held a whole stall), so the flux could not complete without more demand.
        StepVerifier.create(scripted(List.of(1, 2, 3)).samples(ctx), 5)
                .expectNextCount(5)
                .expectComplete()
                .verify(Duration.ofSeconds(20));
        assertEquals(2, ctx.count("row-dropped"));
        assertEquals(List.of(5, 5), ctx.problems().stream().filter(p -> p.kind().equals("row-dropped"))
                .map(SourceProblem::samples).toList());
    }

    @Test
    void itsProgressIsTheSimsConnectionStateAndHowLongItHasHeld() {
        // On a virtual clock, moved on by the scripted sim itself on the reading thread: absent for 45 s, then in a
        // session whose second row comes 12 minutes after the first. The source's progress is read at each step.
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        RecordingSourceContext<VirtualTimeScheduler> ctx = new RecordingSourceContext<>(clock,
                RecordingSourceContext.TEST_EPOCH);
        IrsdkWriter w = IrsdkWriter.playerCar();
        IrsdkWriter.LiveMap map = w.live(IrsdkWriter.yaml(), 3);
        List<SourceProgress.Live> seen = new ArrayList<>();
        IracingSource[] source = new IracingSource[1];
        Deque<Runnable> steps = new ArrayDeque<>(List.of(
                () -> map.write(1, w.row(Map.of("Speed", 10.0, "RPM", 5000.0))),
                () -> {
                    clock.advanceTimeBy(Duration.ofMinutes(12));
                    seen.add(source[0].progress().orElseThrow().live());
                    map.write(2, w.row(Map.of("Speed", 20.0, "RPM", 5000.0)));
                }));
        DataValidSignal signal = new ScriptedSignal(steps, map);
        int[] opens = {0};
        IracingOptions options = IracingOptions.from(ConfigSection.of(Map.of("channels", List.of("Speed", "RPM"))));
        source[0] = new IracingSource(options, () -> () -> {
            if (opens[0]++ == 0) {
                return Optional.empty(); // iRacing is not running yet
            }
            clock.advanceTimeBy(Duration.ofSeconds(45));
            seen.add(source[0].progress().orElseThrow().live());
            return Optional.of(new SimLink(map.memory(() -> { }), signal));
        }, new LiveSettings(Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(30), true));

        List<SampleValue> samples = source[0].samples(ctx).collectList().block(Duration.ofSeconds(20));
        assertEquals(2 * 5, samples.size(), "both rows were read");
        assertEquals(List.of(new SourceProgress.Live(LiveState.WAITING_FOR_SIM, TimeUnit.SECONDS.toNanos(45)),
                new SourceProgress.Live(LiveState.CONNECTED, TimeUnit.MINUTES.toNanos(12))), seen);
        assertEquals(LiveState.WAITING_FOR_SIM, source[0].progress().orElseThrow().live().state(),
                "after the sim left, the source waits for it again");
    }
}
