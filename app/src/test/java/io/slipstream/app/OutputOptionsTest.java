package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.app.cli.AppEnvironment;
import io.slipstream.app.cli.SlipstreamCommand;
import io.slipstream.app.logging.ConsoleLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --quiet} and {@code --log-format}: what a real replay into the shared stack prints with each. */
class OutputOptionsTest {

    @TempDir
    static Path dir;

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    private static Path csv() throws IOException {
        Path out = dir.resolve("stint.csv");
        if (!Files.exists(out)) {
            try (InputStream in = OutputOptionsTest.class.getResourceAsStream("/replay/stint.csv")) {
                Files.copy(in, out);
            }
        }
        return out;
    }

    @Test
    void quietPrintsOnlyTheSummary() throws IOException {
        Cli.Result r = Cli.run(STACK.with(dir.resolve("no-plugins"), "--quiet", "replay", csv().toString(),
                "--data-source", "QuietReplay"));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("Pipeline 'stint.csv' ended cleanly"), r::toString);
        assertFalse(r.out().contains("source:"), "no start-up text: " + r);
        assertFalse(r.out().contains("Replaying"), "no start-up text: " + r);
    }

    @Test
    void jsonMakesEveryLineOfOutputOneObject() throws IOException {
        Cli.Result r = Cli.run(STACK.with(dir.resolve("no-plugins"), "replay", csv().toString(),
                "--data-source", "JsonReplay", "--log-format", "json"));
        assertEquals(0, r.code(), r::toString);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().split("\\R")) {
            lines.add(mapper.readTree(line));
        }
        assertEquals("message", lines.get(0).get("type").asText(), r::toString);
        assertTrue(lines.stream().anyMatch(l -> l.path("text").asText().startsWith("  block: size ")), r::toString);
        List<JsonNode> summaries = lines.stream().filter(l -> l.get("type").asText().equals("summary")).toList();
        assertEquals(1, summaries.size(), r::toString);
        JsonNode summary = summaries.get(0);
        assertTrue(summary.get("ok").asBoolean());
        assertEquals(600 * 5, summary.get("pipelines").get(0).get("samples").get("received").asLong());
    }

    @Test
    void theOptionsWorkBeforeOrAfterTheSubcommand() {
        AppEnvironment env = new AppEnvironment(k -> null, false, false);
        SlipstreamCommand.commandLine(env).parseArgs("replay", "x.csv", "--quiet", "--log-format", "json");
        assertTrue(ConsoleLog.isQuiet());
        assertEquals("json", ConsoleLog.format());
        SlipstreamCommand.commandLine(env).parseArgs("--log-format", "plain", "replay", "x.csv");
        assertFalse(ConsoleLog.isQuiet(), "a new command line starts from the defaults");
        assertEquals("plain", ConsoleLog.format());
        SlipstreamCommand.commandLine(env).parseArgs("replay", "x.csv");
        assertEquals(null, ConsoleLog.format());
    }

    @Test
    void anUnknownLogFormatIsAUsageErrorNamingTheChoices() {
        Cli.Result r = Cli.run("replay", "x.csv", "--log-format", "xml");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--log-format must be plain or json, got 'xml'"), r::toString);
    }
}
