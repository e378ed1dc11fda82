package io.slipstream.app.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.slipstream.app.plugins.PluginLoader;
import io.slipstream.app.plugins.ProviderRegistry;
import io.slipstream.spi.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzz test of the YAML config loader, reader and validator: whatever the text, the result is a list of problems
 * (or one ConfigException) each naming the file, and none shows the value of an environment variable; never
 * another exception, a hang or an OutOfMemoryError. {@code ./mvnw verify} runs it over the inputs under
 * {@code src/test/resources/io/slipstream/app/config/ConfigFuzzTestInputs/configFile}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ConfigFuzzTest {

    /** What the fuzzer's configs may reference; the values must never appear in a message. */
    private static final Map<String, String> ENV = Map.of("SECRET", "hunter2-secret", "API", "10.9.8.7:4242",
            "RATE", "fast-as-light", "FILE", "/secret/dir/x.csv");
    private static final String NAME = "fuzz.yaml";

    private static ProviderRegistry registry;

    @BeforeAll
    static void providers() {
        registry = PluginLoader.load(Path.of("target", "no-plugins"));
    }

    @AfterAll
    static void close() throws IOException {
        registry.close();
    }

    @FuzzTest
    void configFile(byte[] bytes) {
        check(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The shipped demo and the examples hold the property too (and are the seeds). */
    @Test
    void theShippedConfigsHoldTheFuzzProperty() throws IOException {
        for (String f : List.of("synthetic.yaml", "csv.yaml", "iracing.yaml")) {
            check(Files.readString(Path.of("..", "examples", f)));
        }
    }

    static void check(String text) {
        List<ConfigException> problems;
        try {
            SlipstreamConfig cfg = ConfigReader.read(new YamlConfigLoader(ENV::get).parse(text, NAME, Path.of("target")));
            problems = ConfigValidator.validate(cfg, registry);
        } catch (ConfigException e) {
            problems = List.of(e);
        }
        for (ConfigException p : problems) {
            assertTrue(p.getMessage().startsWith(NAME), p.getMessage());
            for (String secret : ENV.values()) {
                assertFalse(p.getMessage().contains(secret) && !text.contains(secret),
                        "an environment value is shown: " + p.getMessage());
            }
        }
    }
}
