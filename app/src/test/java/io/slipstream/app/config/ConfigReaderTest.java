package io.slipstream.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    private static final Map<String, String> ENV = Map.of("STREAM_API", "10.0.0.5:13579", "LAP_CHANNEL", "Lap:iRacing");

    private static SlipstreamConfig read(String yaml) {
        return ConfigReader.read(new YamlConfigLoader(ENV::get).parse(yaml, "p.yaml", Path.of("/cfg")));
    }

    @Test
    void keysKeepTheirLinesAndEnvironmentVariablesAreSubstituted() {
        SlipstreamConfig cfg = read("""
                pipelines:
                  - name: car
                    source:
                      provider: synthetic
                      rate: ${RATE:-250}
                    sink:
                      stream-api: ${STREAM_API}
                      stream: Stream2
                """);
        assertEquals(List.of(), cfg.problems());
        PipelineSpec p = cfg.pipelines().get(0);
        assertEquals("car", p.name());
        assertEquals("synthetic", p.provider());
        assertEquals(250, p.source().getInt("rate", 0));
        assertFalse(p.source().has("provider"), "the provider name is not passed on as an option");
        assertEquals("10.0.0.5:13579", p.sink().requireString("stream-api"));
        assertFalse(p.embedded());
        assertEquals("p.yaml:8", cfg.document().locate("pipelines[0].sink.stream"));
        ConfigException e = p.source().error("rate", "too fast");
        assertEquals("p.yaml:5: pipelines[0].source.rate: too fast", e.getMessage());
    }

    @Test
    void aSinkWithoutAddressOrSayingEmbeddedMeansTheEmbeddedStack() {
        SlipstreamConfig cfg = read("""
                pipelines:
                  - { name: a, source: { provider: x } }
                  - { name: b, source: { provider: x }, sink: { stream-api: embedded } }
                """);
        assertTrue(cfg.pipelines().get(0).embedded());
        assertTrue(cfg.pipelines().get(1).embedded());
    }

    @Test
    void everyStructuralProblemIsCollectedWithFileLineAndKey() {
        SlipstreamConfig cfg = read("""
                pipelines:
                  - name: a
                    sorce: { provider: x }
                    sink:
                      stream: ${NOT_SET}
                  - name: a
                    source: { rate: 5 }
                colour: blue
                """);
        List<String> messages = cfg.problems().stream().map(Throwable::getMessage).toList();
        // Each problem once, at its own line: the missing source of pipelines[0] at line 2, where its map starts.
        assertEquals(List.of(
                "p.yaml:5: pipelines[0].sink.stream: environment variable NOT_SET is not set"
                        + " (write ${NOT_SET:-default} to give a default)",
                "p.yaml:8: colour: unknown key; known: metrics, pipelines",
                "p.yaml:3: pipelines[0].sorce: unknown key; did you mean 'source'? known: block, markers, name,"
                        + " overflow, sink, source",
                "p.yaml:2: pipelines[0].source: is required: a map with 'provider:' and the provider's options",
                "p.yaml:7: pipelines[1].source.provider: is required: the name of a source provider"
                        + " (see 'slipstream sources')",
                "p.yaml:6: pipelines[1].name: 'a' is used by another pipeline; names must be unique"), messages);
    }

    @Test
    void duplicateKeysAndBadYamlNameTheLine() {
        SlipstreamConfig cfg = read("""
                pipelines:
                  - name: a
                    name: b
                    source: { provider: x }
                """);
        assertEquals(List.of("p.yaml:3: pipelines[0].name: is given twice (first on line 2)"),
                cfg.problems().stream().map(Throwable::getMessage).toList());
        ConfigException bad = assertThrows(ConfigException.class, () -> read("pipelines:\n  - name: [a\n"));
        assertTrue(bad.getMessage().startsWith("p.yaml:"), bad.getMessage());
        assertTrue(bad.getMessage().contains("not valid YAML"), bad.getMessage());
    }

    @Test
    void aDollarDollarBraceIsALiteral() {
        SlipstreamConfig cfg = read("""
                pipelines:
                  - name: a
                    source: { provider: x, label: "$${LAP} at ${LAP_CHANNEL}" }
                """);
        assertEquals("${LAP} at Lap:iRacing", cfg.pipelines().get(0).source().requireString("label"));
    }

    @Test
    void aKeyWithNothingAfterItIsAProblemNotACrash() {
        SlipstreamConfig cfg = read("pipelines:\n");
        assertEquals(List.of("p.yaml:1: pipelines: is required: a list of pipelines, each with a name and a source"),
                cfg.problems().stream().map(ConfigException::getMessage).toList());
    }

    @Test
    void nestingAndAliasExpansionAreBounded() {
        ConfigException deep = assertThrows(ConfigException.class, () -> read("pipelines: " + "[".repeat(100)
                + "]".repeat(100) + "\n"));
        assertEquals("p.yaml:1: (yaml): nested more than 64 levels deep; a config needs a few", deep.getMessage());
        ConfigException self = assertThrows(ConfigException.class, () -> read("a: &a [*a]\npipelines: *a\n"));
        assertTrue(self.getMessage().startsWith("p.yaml:1: a"), self.getMessage());
        assertTrue(self.getMessage().endsWith(": nested more than 64 levels deep (an alias that contains itself?);"
                + " a config needs a few"), self.getMessage());
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 5; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        ConfigException wide = assertThrows(ConfigException.class, () -> read(bomb + "pipelines: []\n"));
        assertTrue(wide.getMessage().endsWith(": the file expands to more than 100000 values (aliases of aliases);"
                + " a config needs a few hundred"), wide.getMessage());
    }
}
