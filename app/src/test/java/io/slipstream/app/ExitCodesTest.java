package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes: 0 clean, 1 runtime failure with the reason, 2 usage or config error. */
class ExitCodesTest {

    @TempDir
    Path dir;

    @Test
    void noCommandPrintsUsageAndExitsZero() {
        Cli.Result r = Cli.run();
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Usage: slipstream"), r::toString);
        assertTrue(r.out().contains("replay"), r::toString);
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Cli.Result fly = Cli.run("fly");
        assertEquals(2, fly.code(), fly::toString);
        assertTrue(fly.err().contains("Unmatched argument at index 0: 'fly'"), fly::toString);
        Cli.Result badAddress = Cli.run("run", "--stream-api", "nowhere");
        assertEquals(2, badAddress.code(), badAddress::toString);
        assertTrue(badAddress.err().contains("'nowhere' is not HOST:PORT"), badAddress::toString);
        Cli.Result badDuration = Cli.run("run", "--duration", "soon");
        assertEquals(2, badDuration.code(), badDuration::toString);
        assertTrue(badDuration.err().contains("'soon' is not a duration"), badDuration::toString);
        Cli.Result missing = Cli.run("run", dir.resolve("missing.yaml").toString());
        assertEquals(2, missing.code(), missing::toString);
        assertTrue(missing.err().contains("missing.yaml: (file): no such file"), missing::toString);
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not telemetry");
        Cli.Result unknownKind = Cli.run("replay", notes.toString(), "--stream-api", "localhost:1");
        assertEquals(2, unknownKind.code(), unknownKind::toString);
        assertTrue(unknownKind.err().contains("no source provider opens this kind of file; known extensions: "), unknownKind::toString);
        assertTrue(unknownKind.err().contains(".ibt (iracing)"), unknownKind::toString);
        Cli.Result both = Cli.run("replay", notes.toString(), "--fast", "--realtime");
        assertEquals(2, both.code(), both::toString);
        assertTrue(both.err().contains("Error: --realtime, --fast are mutually exclusive (specify only one)"), both::toString);
    }

    @Test
    void aConfigWithProblemsRunsNothingAndExitsTwo() throws IOException {
        Path cfg = Files.writeString(dir.resolve("p.yaml"), """
                pipelines:
                  - name: x
                    source: { provider: nope }
                """);
        Cli.Result r = Cli.run("run", cfg.toString(), "--stream-api", "localhost:1");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(cfg + ":3: pipelines[0].source.provider: unknown source provider 'nope'"), r::toString);
        assertTrue(r.err().contains("nothing was run"), r::toString);
    }

    @Test
    void aStreamApiThatCannotBeReachedIsARuntimeFailureWithTheReason() throws IOException {
        Path cfg = Files.writeString(dir.resolve("unreachable.yaml"), """
                pipelines:
                  - name: lonely
                    source: { provider: synthetic, preset: demo }
                """);
        Path json = dir.resolve("summary.json");
        Cli.Result r = Cli.run("run", cfg.toString(), "--stream-api", "127.0.0.1:1", "--key-generator", "127.0.0.1:1",
                "--duration", "1s", "--stop-timeout", "3s", "--summary-json", json.toString());
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("Pipeline 'lonely' FAILED: "), r::toString);
        String summary = Files.readString(json);
        assertTrue(summary.contains("\"ok\": false"), summary);
    }
}
