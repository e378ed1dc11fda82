package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ma.streaming.open_data.v1.DataStatus;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code block.gap: fill} as a user configures it, read back from Kafka: the missed slots land as MISSING samples. */
class GapFillReadBackTest {

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    private static final String DATA_SOURCE = "GapFill";

    @TempDir
    Path dir;

    @Test
    void theMissedSlotsOfAGapLandAsMissingSamplesCountedAsFilled() throws IOException {
        // 200 rows at 100 Hz of two channels, rows 100 to 104 missing: a gap of five slots, well after the first
        // 16 intervals, so the channels are judged regular and go out in blocks.
        StringBuilder csv = new StringBuilder("Time,a,b\n");
        for (int i = 0; i < 200; i++) {
            if (i < 100 || i > 104) {
                csv.append(String.format(Locale.ROOT, "%.2f,%d,%d%n", i / 100.0, i, -i));
            }
        }
        Path file = Files.writeString(dir.resolve("gap.csv"), csv);
        Path cfg = Files.writeString(dir.resolve("fill.yaml"), """
                pipelines:
                  - name: fill
                    source: { provider: csv, file: "%s" }
                    block: { gap: fill }
                    overflow: { policy: block }
                    sink: { data-source: %s }
                """.formatted(file.toString().replace("\\", "/"), DATA_SOURCE));
        Path json = dir.resolve("summary.json");
        Cli.Result r = Cli.run(STACK.with(dir.resolve("no-plugins"), "run", cfg.toString(), "--summary-json", json.toString()));
        assertEquals(0, r.code(), r::toString);

        JsonNode p = new ObjectMapper().readTree(Files.readString(json)).get("pipelines").get(0);
        String key = p.get("sessionKey").asText();
        JsonNode samples = p.get("samples");
        assertEquals(195 * 2, samples.get("received").asLong(), p::toString);
        assertEquals(5 * 2, samples.get("filled").asLong(), "five slots of two channels: " + p);

        List<LandedPacket> landed = new KafkaPacketReader().readAll(STACK.get().kafkaBootstrap(), DATA_SOURCE,
                Map.of("Stream1", 1, "Stream2", 2)).stream()
                .filter(l -> l.packet() != null && key.equals(l.packet().getSessionKey())).toList();
        assertEquals(List.of(), new SessionRuleChecker().check(landed, key));
        long good = 0;
        long missing = 0;
        for (LandedPacket l : landed) {
            if ("PeriodicData".equals(l.packet().getType())) {
                PeriodicDataPacket d = PeriodicDataPacket.parseFrom(l.packet().getContent());
                for (var column : d.getColumnsList()) {
                    for (var s : column.getDoubleSamples().getSamplesList()) {
                        if (s.getStatus() == DataStatus.DATA_STATUS_MISSING) {
                            missing++;
                        } else {
                            good++;
                        }
                    }
                }
            }
        }
        assertEquals(195 * 2, good, "every sample read landed");
        assertEquals(5 * 2, missing, "the filled slots landed as MISSING");
    }
}
