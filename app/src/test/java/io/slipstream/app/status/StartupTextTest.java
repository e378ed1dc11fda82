package io.slipstream.app.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.CounterRule;
import io.slipstream.pipeline.EdgeRule;
import io.slipstream.pipeline.GapPolicy;
import io.slipstream.pipeline.MarkerSettings;
import io.slipstream.pipeline.OverflowPolicy;
import io.slipstream.pipeline.OverflowSettings;
import io.slipstream.pipeline.PipelineSettings;
import io.slipstream.sink.streamapi.SinkSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupTextTest {

    private static final String NL = System.lineSeparator();

    @Test
    void aPipelineIsDescribedInKeyValueLinesNotToStrings() {
        PipelineSettings settings = new PipelineSettings(
                new BlockSettings(1000, Duration.ofMillis(100), Duration.ofMillis(200), 0.5, GapPolicy.FILL),
                new MarkerSettings(true, List.of(new CounterRule("Lap:iRacing", "Lap", "Lap"),
                        new EdgeRule("OnPitRoad:iRacing", "Pit In", "Pit Out", "Pit"))),
                new OverflowSettings(OverflowPolicy.DROP_OLDEST, 65_536));
        SinkSettings sink = SinkSettings.defaults().withStreamApi("localhost:13579").withDataSource("Team");
        String text = StartupText.pipeline("car1", "iracing, file: lap.ibt, pacing: realtime", settings, sink);
        assertEquals("Pipeline 'car1'" + NL
                + "  source: iracing, file: lap.ibt, pacing: realtime" + NL
                + "  writes to: localhost:13579, data source 'Team', stream '" + streamOf(sink) + "'" + NL
                + "  block: size 1,000 samples, span 100ms, linger 200ms, tolerance 0.5 of an interval, gap fill" + NL
                + "  markers: out-lap on, 'Lap' when Lap:iRacing counts up, 'Pit In' when OnPitRoad:iRacing turns on,"
                + " 'Pit Out' when OnPitRoad:iRacing turns off" + NL
                + "  overflow: drop-oldest, buffer 65,536 samples" + NL, text);
    }

    @Test
    void blockOverflowSaysNothingIsDroppedAndDurationsReadLikeConfig() {
        assertEquals("block (the source waits for the sink; nothing is dropped)",
                StartupText.overflow(OverflowSettings.defaults()));
        assertEquals("1s", StartupText.duration(Duration.ofSeconds(1)));
        assertEquals("1.5s", StartupText.duration(Duration.ofMillis(1500)));
        assertEquals("5m", StartupText.duration(Duration.ofMinutes(5)));
        assertEquals("out-lap off", StartupText.markers(new MarkerSettings(false, List.of())));
    }

    @Test
    void theEmbeddedStackListsItsAddresses() {
        assertEquals("Embedded stack running" + NL + "  stream-api: localhost:13579" + NL
                + "  key-generator: localhost:15379" + NL + "  kafka: localhost:9092" + NL + "  data: slipstream-data" + NL,
                StartupText.stack("localhost:9092", "localhost:13579", "localhost:15379", "slipstream-data"));
    }

    @Test
    void bytesReadInTheirLargestUnit() {
        assertEquals("512 B", StartupText.bytes(512));
        assertEquals("64 KiB", StartupText.bytes(65_536));
        assertEquals("1.5 MiB", StartupText.bytes(1_572_864));
    }

    private static String streamOf(SinkSettings sink) {
        return sink.stream().isEmpty() ? "(main)" : sink.stream();
    }
}
