package io.slipstream.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.slipstream.app.plugins.PluginLoader;
import io.slipstream.app.plugins.ProviderRegistry;
import io.slipstream.spi.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A value substituted from an environment variable never appears in a message: the key and variable do. */
class EnvSecretsTest {

    private static final Map<String, String> ENV = Map.of("SEED", "s3cr3t-seed", "TOKEN", "tok-9f8e7d",
            "HOST", "db.internal.example", "ONE", "7");

    private static List<ConfigException> validate(String yaml) throws IOException {
        try (ProviderRegistry registry = PluginLoader.load(Path.of("target", "no-plugins"))) {
            SlipstreamConfig cfg = ConfigReader.read(new YamlConfigLoader(ENV::get).parse(yaml, "p.yaml", Path.of("/cfg")));
            return ConfigValidator.validate(cfg, registry);
        }
    }

    /** @return the problems of a synthetic pipeline whose {@code seed} (a whole number) is written as given */
    private static List<ConfigException> seeded(String written) throws IOException {
        return validate("pipelines:\n  - name: car\n    source: { provider: synthetic, preset: demo, seed: \""
                + written + "\" }\n");
    }

    @Test
    void aValueThatFailsValidationIsNamedByKeyAndVariableNotShown() throws IOException {
        List<ConfigException> problems = seeded("${SEED}");
        assertEquals(List.of("p.yaml:3: pipelines[0].source.seed: expected a whole number, found '${SEED}' (the value"
                + " comes from environment variable SEED and is not shown)"), messages(problems));
        assertEquals("pipelines[0].source.seed", problems.get(0).key());
    }

    @Test
    void aValueBuiltFromSeveralVariablesShowsEachName() throws IOException {
        assertEquals(List.of("p.yaml:3: pipelines[0].source.seed: expected a whole number, found"
                + " '${HOST}-${TOKEN}-${ONE}' (the value comes from environment variables HOST, TOKEN, ONE and is"
                + " not shown)"), messages(seeded("${HOST}-${TOKEN}-${ONE}")));
    }

    @Test
    void aValueQuotedInAnotherKeysMessageIsHiddenToo() throws IOException {
        // The provider's name comes from the environment; the unknown-provider message quotes it.
        List<ConfigException> problems = validate("""
                pipelines:
                  - name: car
                    source: { provider: "${TOKEN}" }
                """);
        assertEquals(1, problems.size(), problems::toString);
        String m = problems.get(0).getMessage();
        assertFalse(m.contains("tok-9f8e7d"), m);
        assertEquals(true, m.startsWith("p.yaml:3: pipelines[0].source.provider: "), m);
        assertEquals(true, m.contains("${TOKEN}") && m.endsWith("(the value comes from environment variable TOKEN"
                + " and is not shown)"), m);
    }

    @Test
    void aTopLevelValueFromTheEnvironmentIsNotShown() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new YamlConfigLoader(ENV::get).parse("${TOKEN}", "p.yaml", Path.of("/cfg")));
        assertEquals("p.yaml:1: (top level): expected a map with 'pipelines:', found '${TOKEN}' (the value comes from"
                + " environment variable TOKEN and is not shown)", e.getMessage());
    }

    @Test
    void aShortValueIsHiddenInItsOwnKeysMessageOnly() throws IOException {
        List<ConfigException> problems = validate("""
                pipelines:
                  - name: car
                    source: { provider: synthetic, preset: demo, seed: "x${ONE}" }
                    block: { span: soon }
                """);
        assertEquals(List.of("p.yaml:3: pipelines[0].source.seed: expected a whole number, found 'x${ONE}' (the value"
                + " comes from environment variable ONE and is not shown)"), messages(problems.subList(0, 1)));
        assertEquals(true, problems.get(1).getMessage().startsWith("p.yaml:4: pipelines[0].block.span: "),
                problems.get(1).getMessage());
    }

    @Test
    void theVariablesUsedAreListedWithoutTheirValues() {
        ConfigDocument doc = new YamlConfigLoader(ENV::get).parse("pipelines: []\nx: \"${TOKEN}\"\n", "p.yaml",
                Path.of("/cfg"));
        assertEquals(1, doc.env().size());
        assertEquals("a ${TOKEN} b", doc.env().hide("a tok-9f8e7d b"));
        assertFalse(doc.toString().contains("tok-9f8e7d"), doc.toString());
    }

    private static List<String> messages(List<ConfigException> problems) {
        return problems.stream().map(ConfigException::getMessage).toList();
    }
}
