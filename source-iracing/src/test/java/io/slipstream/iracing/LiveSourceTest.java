package io.slipstream.iracing;

import io.slipstream.testkit.RecordingSourceContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.iracing.live.DataValidSignal;
import io.slipstream.iracing.live.LiveSettings;
import io.slipstream.iracing.live.SharedMemory;
import io.slipstream.iracing.live.SimLink;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceProblem;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The source in live mode over a scripted sim: declares on connect, stamps rows with the read time, ends with the sim. */
class LiveSourceTest {

    /** @return the source over a scripted sim that writes one row per tick of {@code ticks}, then disconnects */
    private static IracingSource scripted(List<Integer> tickList) {
        IrsdkWriter w = IrsdkWriter.playerCar();
        IrsdkWriter.LiveMap map = w.live(IrsdkWriter.yaml(), 3);
        Deque<Integer> ticks = new ArrayDeque<>(tickList);
        DataValidSignal signal = new DataValidSignal() {
            @Override
            public boolean await(Duration timeout) {
                Integer t = ticks.poll();
                if (t == null) {
                    map.status(0);
                    return false;
                }
                map.write(t, w.row(Map.of("Speed", t * 10.0, "RPM", 5000.0)));
                return true;
            }

            @Override
            public void close() {
            }
        };
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
}
