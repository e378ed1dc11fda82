package io.slipstream.pipeline.config;

import io.slipstream.spi.ConfigException;
import io.slipstream.spi.SourceConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSectionTest {

    private static ConfigSection config(Map<String, ?> values) {
        return new ConfigSection(values, "pipelines[0].source", k -> "demo.yaml:" + (k.length() % 10 + 1),
                Path.of("/configs"));
    }

    @Test
    void typedValuesAndDefaults() {
        ConfigSection c = config(Map.of("rate", 100, "span", "250ms", "on", "yes", "name", "x"));
        assertEquals(100, c.getInt("rate", 1));
        assertEquals(7, c.getInt("absent", 7));
        assertEquals(Duration.ofMillis(250), c.getDuration("span", Duration.ZERO));
        assertEquals(true, c.getBoolean("on", false));
        assertEquals("x", c.requireString("name"));
    }

    @Test
    void errorsNameFileLineAndFullKey() {
        ConfigSection c = config(Map.of("rate", "fast", "span", "soon"));
        ConfigException e = assertThrows(ConfigException.class, () -> c.getInt("rate", 1));
        assertEquals("pipelines[0].source.rate", e.key());
        assertEquals("demo.yaml:5", e.location());
        assertEquals("demo.yaml:5: pipelines[0].source.rate: expected a whole number, found 'fast'", e.getMessage());
        ConfigException d = assertThrows(ConfigException.class, () -> c.getDuration("span", Duration.ZERO));
        assertEquals(true, d.getMessage().contains("is not a duration"), d.getMessage());
        assertThrows(ConfigException.class, () -> c.requireString("file"));
    }

    @Test
    void pathsResolveAgainstTheConfigFolderSingleOrList() {
        assertEquals(List.of(Path.of("/configs/a.csv"), Path.of("/data/b.csv")),
                config(Map.of("file", List.of("a.csv", "/data/b.csv"))).getPaths("file"));
        assertEquals(List.of(Path.of("/configs/a.csv")), config(Map.of("file", "a.csv")).getPaths("file"));
        assertEquals(Path.of("/configs/a.csv"), config(Map.of("file", "a.csv")).getPath("file", null));
    }

    @Test
    void nestedConfigsCarryTheirPath() {
        ConfigSection c = config(Map.of("channels", List.of(Map.of("name", "vCar", "rate", "x"))));
        SourceConfig ch = c.getConfigList("channels").get(0);
        ConfigException e = assertThrows(ConfigException.class, () -> ch.getDouble("rate", 1));
        assertEquals("pipelines[0].source.channels[0].rate", e.key());
    }

    @Test
    void durationsInEveryDocumentedForm() {
        assertEquals(Duration.ofNanos(500_000), Durations.parse("500us"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofSeconds(2), Durations.parse("PT2S"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("fortnight"));
    }
}
