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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The source in live mode over a scripted sim: declares on connect, stamps rows with the read time, ends with the sim. */
class LiveSourceTest {

    @Test
    void liveRowsBecomeSamplesStampedWithTheReadTime() {
        IrsdkWriter w = IrsdkWriter.playerCar();
        IrsdkWriter.LiveMap map = w.live(IrsdkWriter.yaml(), 3);
        Deque<Integer> ticks = new ArrayDeque<>(List.of(1, 2, 3));
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
        IracingSource source = new IracingSource(options, () -> () -> Optional.of(new SimLink(memory, signal)),
                LiveSettings.defaults());
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();
        List<SampleValue> samples = source.samples(ctx).collectList().block(Duration.ofSeconds(20));

        List<SampleValue> speeds = samples.stream().filter(s -> s.channel().identifier().equals("Speed:iRacing")).toList();
        assertEquals(List.of(10.0, 20.0, 30.0), speeds.stream().map(SampleValue::value).toList());
        assertEquals(3 * 5, samples.size(), "Speed, RPM and the three derived counters per tick");
        assertTrue(speeds.get(0).timeNanos() < speeds.get(1).timeNanos());
        assertEquals("Test Track", ctx.lastMetadata().get(SessionMetadata.TRACK));
        assertEquals(1, ctx.count("disconnected"));
    }
}
