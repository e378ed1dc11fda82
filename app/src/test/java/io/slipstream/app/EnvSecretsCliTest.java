package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} and {@code run} print the key and the variable of a bad environment value, never the value. */
class EnvSecretsCliTest {

    private static final String SECRET = "s3cr3t-seed-0451";

    @TempDir
    Path dir;

    @Test
    void aBadValueFromTheEnvironmentIsNeverPrinted() throws IOException {
        Path cfg = Files.writeString(dir.resolve("secret.yaml"), """
                pipelines:
                  - name: car
                    source: { provider: synthetic, preset: demo, seed: "${SEED}" }
                """);
        for (String command : new String[] {"validate", "run"}) {
            Cli.Result r = Cli.run(Map.of("SEED", SECRET), command, cfg.toString(), "--plugins",
                    dir.resolve("none").toString());
            assertEquals(2, r.code(), r::toString);
            assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET), r::toString);
            assertTrue(r.err().contains(cfg + ":3: pipelines[0].source.seed: expected a whole number, found '${SEED}'"
                    + " (the value comes from environment variable SEED and is not shown)"), r::toString);
        }
    }

    @Test
    void aGoodValueFromTheEnvironmentIsShownAsItsVariable() throws IOException {
        String host = "streams.secret-team.example:13579";
        Path cfg = Files.writeString(dir.resolve("hidden-host.yaml"), """
                pipelines:
                  - name: car
                    source: { provider: synthetic, preset: demo }
                    sink: { stream-api: "${STREAM_API}" }
                """);
        Cli.Result r = Cli.run(Map.of("STREAM_API", host), "validate", cfg.toString(), "--plugins",
                dir.resolve("none").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("  car: source synthetic -> ${STREAM_API}"), r::toString);
        assertFalse(r.out().contains(host) || r.err().contains(host), r::toString);
    }

    @Test
    void aRunThatFailsOnAnAddressFromTheEnvironmentNeverPrintsIt() throws IOException {
        String address = "127.0.0.1:1";
        Path cfg = Files.writeString(dir.resolve("unreachable-secret.yaml"), """
                pipelines:
                  - name: car
                    source: { provider: synthetic, preset: demo }
                    sink: { stream-api: "${STREAM_API}", key-generator: "${STREAM_API}" }
                """);
        Path json = dir.resolve("summary.json");
        Cli.Result r = Cli.run(Map.of("STREAM_API", address), "run", cfg.toString(), "--duration", "1s",
                "--stop-timeout", "3s", "--summary-json", json.toString(), "--plugins", dir.resolve("none").toString());
        String summary = Files.readString(json);
        assertTrue(summary.contains("\"ok\": false"), summary);
        assertFalse(summary.contains(address), summary);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("${STREAM_API}"), "where it writes, named by its variable: " + r);
        assertTrue(r.out().contains("Pipeline 'car' FAILED: "), r::toString);
        assertFalse(r.out().contains(address) || r.err().contains(address), r::toString);
    }
}
