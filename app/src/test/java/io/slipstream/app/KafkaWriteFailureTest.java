package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A packet the Stream API could not write to Kafka fails the run: {@code slipstream replay} against a real
 * {@code slipstream serve} whose data topic takes no record as large as a block ends with exit 1 and says why.
 */
class KafkaWriteFailureTest {

    private static final Pattern SERVING = Pattern.compile("Serving: kafka=(\\S+) stream-api=(\\S+) key-generator=(\\S+) ");

    @TempDir
    Path dir;

    @Test
    void aReplayWhosePacketsTheStreamApiCannotWriteExitsOneWithTheReason() throws Exception {
        Path csv = dir.resolve("stint.csv");
        try (InputStream in = KafkaWriteFailureTest.class.getResourceAsStream("/replay/stint.csv")) {
            Files.copy(in, csv);
        }
        Path dataDir = Files.createTempDirectory("slipstream-write-failure");
        Cli.Background serve = Cli.start("serve", "--data-dir", dataDir.toString(), "--kafka-port", "0",
                "--stream-api-port", "0", "--key-generator-port", "0", "--duration", "10m");
        try {
            serve.awaitUntil("the 'Serving:' line", Duration.ofSeconds(90), () -> SERVING.matcher(serve.out()).find());
            Matcher m = SERVING.matcher(serve.out());
            assertTrue(m.find());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, m.group(1)))) {
                admin.createTopics(List.of(new NewTopic("Unwritable", 3, (short) 1)
                        .configs(Map.of("max.message.bytes", "200")))).all().get(30, TimeUnit.SECONDS);
            }

            Cli.Result r = Cli.run("replay", csv.toString(), "--data-source", "Unwritable", "--stream-api", m.group(2),
                    "--key-generator", m.group(3), "--plugins", dir.resolve("no-plugins").toString());

            assertEquals(1, r.code(), r::toString);
            assertTrue(r.toString().contains("could not write packets") && r.toString().contains("not written to Kafka"),
                    r::toString);
        } finally {
            serve.requestStop();
            serve.await(Duration.ofSeconds(60));
        }
    }
}
