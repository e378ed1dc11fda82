package io.slipstream.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ConfigException;
import io.slipstream.pipeline.config.ConfigSection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the block, markers and overflow sections, and rejecting what does not belong. */
class PipelineSettingsTest {

    private static ConfigSection pipeline(Map<String, ?> sections) {
        return new ConfigSection(sections, "pipelines[0]", null, null);
    }

    @Test
    void readsEverySectionOfTheDocumentedYaml() {
        PipelineSettings s = PipelineSettings.fromConfig(pipeline(Map.of(
                "name", "demo",
                "block", Map.of("size", 500, "span", "100ms", "linger", "250ms", "tolerance", 0.4, "gap", "fill"),
                "markers", Map.of("out-lap", false, "rules", List.of(
                        Map.of("kind", "counter", "channel", "Lap:iRacing", "label", "Lap {value}", "type", "Lap Trigger"),
                        Map.of("kind", "edge", "channel", "OnPitRoad:iRacing", "rising", "Pit In", "falling", "Pit Out"),
                        Map.of("kind", "threshold", "channel", "Speed:iRacing", "above", 80, "label", "Fast"))),
                "overflow", Map.of("policy", "drop-oldest", "buffer", 1024))));

        assertEquals(new BlockSettings(500, Duration.ofMillis(100), Duration.ofMillis(250), 0.4, GapPolicy.FILL), s.block());
        assertEquals(new OverflowSettings(OverflowPolicy.DROP_OLDEST, 1024), s.overflow());
        assertEquals(List.of(new CounterRule("Lap:iRacing", "Lap {value}", "Lap Trigger"),
                new EdgeRule("OnPitRoad:iRacing", "Pit In", "Pit Out", null),
                new ThresholdRule("Speed:iRacing", 80, true, "Fast", "Threshold")), s.markers().rules());
        assertEquals(false, s.markers().outLap());
    }

    @Test
    void absentSectionsGiveDefaults() {
        assertEquals(PipelineSettings.defaults(), PipelineSettings.fromConfig(pipeline(Map.of("name", "x"))));
        assertEquals(100, PipelineSettings.defaults().block().rowsFor(10_000_000L), "span 1 s at 100 Hz");
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey() {
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> PipelineSettings.fromConfig(pipeline(Map.of("block", Map.of("sise", 10)))));
        assertEquals("pipelines[0].block.sise", unknown.key());
        assertEquals("pipelines[0].block.sise: unknown key; did you mean 'size'? known: gap, linger, size, span,"
                + " tolerance", unknown.getMessage());

        ConfigException gap = assertThrows(ConfigException.class,
                () -> PipelineSettings.fromConfig(pipeline(Map.of("block", Map.of("gap", "bridge")))));
        assertEquals("pipelines[0].block.gap", gap.key());
        assertTrue(gap.getMessage().contains("split, fill, rows"), gap.getMessage());
        assertEquals(GapPolicy.ROWS, PipelineSettings.fromConfig(pipeline(Map.of("block", Map.of("gap", "rows"))))
                .block().gap(), "gap: rows sends every channel as rows");

        ConfigException tolerance = assertThrows(ConfigException.class,
                () -> PipelineSettings.fromConfig(pipeline(Map.of("block", Map.of("tolerance", 0.9)))));
        assertEquals("pipelines[0].block.tolerance", tolerance.key());

        ConfigException policy = assertThrows(ConfigException.class,
                () -> PipelineSettings.fromConfig(pipeline(Map.of("overflow", Map.of("policy", "drop-all")))));
        assertEquals("pipelines[0].overflow.policy", policy.key());

        ConfigException rule = assertThrows(ConfigException.class, () -> PipelineSettings.fromConfig(pipeline(
                Map.of("markers", Map.of("rules", List.of(Map.of("kind", "edge", "channel", "X:Y")))))));
        assertEquals("pipelines[0].markers.rules[0].rising", rule.key());

        ConfigException noChannel = assertThrows(ConfigException.class, () -> PipelineSettings.fromConfig(pipeline(
                Map.of("markers", Map.of("rules", List.of(Map.of("kind", "counter")))))));
        assertEquals("pipelines[0].markers.rules[0].channel", noChannel.key());
    }

    @Test
    void theQueueForTheSinkIsBoundedInBytesWrittenWithAUnitAndABadSizeNamesItsKey() {
        OverflowSettings o = PipelineSettings.fromConfig(pipeline(Map.of("overflow",
                Map.of("policy", "drop-newest", "buffer", 2048, "queue-bytes", "512KB")))).overflow();
        assertEquals(new OverflowSettings(OverflowPolicy.DROP_NEWEST, 2048, 512 * 1024), o);
        assertEquals(16L << 20, OverflowSettings.defaults().queueBytes());

        ConfigException e = assertThrows(ConfigException.class, () -> PipelineSettings.fromConfig(pipeline(Map.of(
                "overflow", Map.of("policy", "drop-newest", "queue-bytes", "lots")))));
        assertEquals("pipelines[0].overflow.queue-bytes", e.key());
        assertTrue(e.getMessage().endsWith("expected a size such as 65536, 512KB or 64MB, found 'lots'"),
                e.getMessage());
        ConfigException zero = assertThrows(ConfigException.class, () -> PipelineSettings.fromConfig(pipeline(Map.of(
                "overflow", Map.of("queue-bytes", "0MB")))));
        assertTrue(zero.getMessage().endsWith("expected a positive size, found '0MB'"), zero.getMessage());
    }
}
