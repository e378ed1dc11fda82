package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.app.inspect.PacketSummary;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipstream replay a.csv b.csv}, as the README gives it: one clean session per file, every sample landed. */
class ReplaySeveralFilesTest {

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    private static final String DATA_SOURCE = "SeveralFiles";

    @TempDir
    Path dir;

    @Test
    void eachFileIsItsOwnCleanSession() throws IOException {
        Path first = copy("first.csv");
        Path second = copy("second.csv");
        Path json = dir.resolve("summary.json");
        Cli.Result r = Cli.run(STACK.with(dir.resolve("no-plugins"), "replay", first.toString(), second.toString(),
                "--data-source", DATA_SOURCE, "--summary-json", json.toString()));
        assertEquals(0, r.code(), r::toString);

        JsonNode pipelines = new ObjectMapper().readTree(Files.readString(json)).get("pipelines");
        assertEquals(2, pipelines.size(), pipelines::toString);
        assertEquals(List.of("first.csv", "second.csv"), List.of(pipelines.get(0).get("name").asText(),
                pipelines.get(1).get("name").asText()));
        String a = pipelines.get(0).get("sessionKey").asText();
        String b = pipelines.get(1).get("sessionKey").asText();
        assertNotEquals(a, b, "one session per file");

        List<LandedPacket> landed = new KafkaPacketReader().readAll(STACK.get().kafkaBootstrap(), DATA_SOURCE,
                Map.of("Stream1", 1, "Stream2", 2));
        for (int i = 0; i < 2; i++) {
            String key = pipelines.get(i).get("sessionKey").asText();
            assertEquals(List.of(), new SessionRuleChecker().check(landed, key), "session of file " + (i + 1));
            // 600 rows of 5 channels in the file; every one in a block on the data stream.
            assertEquals(600 * 5, pipelines.get(i).get("samples").get("received").asLong(), pipelines::toString);
            assertEquals(600 * 5, landed.stream()
                    .filter(p -> p.packet() != null && key.equals(p.packet().getSessionKey()))
                    .filter(p -> "Stream1".equals(p.stream()) && "PeriodicData".equals(p.packet().getType()))
                    .mapToLong(p -> ((Number) PacketSummary.of(p.packet()).get("samples")).longValue())
                    .sum(), "every sample of file " + (i + 1) + " landed");
        }
        assertTrue(r.out().contains("Replaying file 1 of 2: " + first), r::toString);
        assertTrue(r.out().contains("Replaying file 2 of 2: " + second), r::toString);
    }

    private Path copy(String name) throws IOException {
        Path to = dir.resolve(name);
        try (InputStream in = ReplaySeveralFilesTest.class.getResourceAsStream("/replay/stint.csv")) {
            Files.copy(in, to);
        }
        return to;
    }
}
