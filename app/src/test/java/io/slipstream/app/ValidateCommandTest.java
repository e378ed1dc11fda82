package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void aGoodConfigIsValidAndSaysWhatItWouldRun() throws IOException {
        Path cfg = write("good.yaml", """
                pipelines:
                  - name: car
                    source: { provider: synthetic, preset: demo, pacing: fast }
                    block: { size: 500, span: 100ms }
                    sink: { stream-api: "${API:-localhost:13579}", stream: Stream2 }
                """);
        Cli.Result r = Cli.run("validate", cfg.toString(), "--plugins", dir.resolve("none").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("car: source synthetic -> localhost:13579"), r::toString);
    }

    @Test
    void everyKindOfErrorIsReportedWithFileLineAndKey() throws IOException {
        Path cfg = write("bad.yaml", """
                pipelines:
                  - name: demo
                    source:
                      provider: synthetic
                      preset: demo
                      seed: forty-two
                      colour: red
                    block: { span: soon }
                    sink: { data-source: Slipstream, stream: "${MISSING_STREAM}" }
                  - name: second
                    source: { provider: telepathy }
                  - source: { provider: csv }
                """);
        Cli.Result r = Cli.run(Map.of(), "validate", cfg.toString(), "--plugins", dir.resolve("none").toString());
        assertEquals(2, r.code(), r::toString);
        List<String> lines = Arrays.asList(r.err().split("\\R"));
        String f = cfg.toString();
        assertHas(lines, f + ":6: pipelines[0].source.seed: expected a whole number, found 'forty-two'");
        assertHas(lines, f + ":7: pipelines[0].source.colour: unknown option for provider 'synthetic'");
        assertHas(lines, f + ":8: pipelines[0].block.span: ");
        assertHas(lines, f + ":9: pipelines[0].sink.stream: environment variable MISSING_STREAM is not set");
        assertHas(lines, f + ":11: pipelines[1].source.provider: unknown source provider 'telepathy'; known providers: csv, iracing, synthetic");
        assertHas(lines, f + ":12: pipelines[2].name: is required");
        assertHas(lines, f + ":12: pipelines[2].source.file: is required");
        assertTrue(r.err().contains("7 problem(s) in " + f), r::toString);
    }

    @Test
    void policyBlockIsRefusedForALiveSourceNamingTheKeyAndWhatToUseInstead() throws IOException {
        Path cfg = write("live-block.yaml", """
                pipelines:
                  - name: live
                    source: { provider: synthetic, preset: demo, pacing: realtime }
                    overflow: { policy: block }
                    sink: { stream-api: "localhost:13579" }
                  - name: sim
                    source: { provider: iracing }
                    overflow:
                      policy: block
                    sink: { stream-api: "localhost:13579" }
                  - name: replay
                    source: { provider: synthetic, preset: demo, pacing: fast }
                    overflow: { policy: block }
                    sink: { stream-api: "localhost:13579" }
                """);
        Cli.Result r = Cli.run(Map.of(), "validate", cfg.toString(), "--plugins", dir.resolve("none").toString());
        assertEquals(2, r.code(), r::toString);
        List<String> lines = Arrays.asList(r.err().split("\\R"));
        String f = cfg.toString();
        assertHas(lines, f + ":4: pipelines[0].overflow.policy: 'block' makes the source wait for the sink, but this"
                + " synthetic source is live and does not wait; use drop-oldest, drop-newest or fail");
        assertHas(lines, f + ":9: pipelines[1].overflow.policy: 'block' makes the source wait for the sink, but this"
                + " iracing source is live");
        assertTrue(r.err().contains("2 problem(s) in " + f), r::toString);
    }

    @Test
    void aLiveSourceRunIsRefusedBeforeAnythingStarts() throws IOException {
        Path cfg = write("live-run.yaml", """
                pipelines:
                  - name: live
                    source: { provider: synthetic, preset: demo }
                    overflow: { policy: block }
                    sink: { stream-api: "localhost:1" }
                """);
        Cli.Result r = Cli.run(Map.of(), "run", cfg.toString(), "--plugins", dir.resolve("none").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(cfg + ":4: pipelines[0].overflow.policy: 'block'"), r::toString);
    }

    @Test
    void everyAnnotatedExampleIsValid() throws IOException {
        try (var files = Files.list(Path.of("..", "examples"))) {
            List<Path> examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertEquals(3, examples.size(), examples::toString);
            for (Path f : examples) {
                Cli.Result r = Cli.run(Map.of(), "validate", f.toString(), "--plugins", dir.resolve("none").toString());
                assertEquals(0, r.code(), r::toString);
            }
        }
    }

    @Test
    void aMissingFileIsAUsageError() {
        Cli.Result r = Cli.run("validate", dir.resolve("nope.yaml").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("nope.yaml: (file): no such file"), r::toString);
    }

    private static void assertHas(List<String> lines, String prefix) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix)), () -> "no line starting with\n  " + prefix
                + "\nin\n  " + String.join("\n  ", lines));
    }
}
