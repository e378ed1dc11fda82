package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.atlaskafka.client.KafkaSecurity;
import io.slipstream.streamapi.KafkaSettings;
import io.slipstream.streamapi.KeyGeneratorServer;
import io.slipstream.streamapi.StackOptions;
import io.slipstream.streamapi.StreamApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --kafka} against a Kafka that wants SASL (PLAIN over SASL_PLAINTEXT, Kafka's own test cluster): the
 * sink's delivery confirmation reads the session back with the settings of {@code --kafka-config} and the password
 * of {@code SLIPSTREAM_KAFKA_SASL_PASSWORD}, confirms every packet, and prints the password nowhere.
 */
class SaslConfirmationTest {

    private static final String PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;

    @TempDir
    static Path dir;

    private static KafkaClusterTestKit cluster;
    private static KeyGeneratorServer keyGenerator;
    private static StreamApiServer streamApi;

    @BeforeAll
    static void start() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        keyGenerator = KeyGeneratorServer.start(0);
        KafkaSecurity security = KafkaSecurity.of(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.username", JaasUtils.KAFKA_PLAIN_ADMIN, "sasl.password", PASSWORD));
        streamApi = StreamApiServer.start(cluster.bootstrapServers(), 0,
                StackOptions.ephemeral(dir.resolve("server")).withKafka(new KafkaSettings(security, 0, 0)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (streamApi != null) {
            streamApi.close();
        }
        if (keyGenerator != null) {
            keyGenerator.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void runConfirmsEveryPacketByReadingASaslKafkaWithTheGivenSettings() throws Exception {
        Path config = Files.writeString(dir.resolve("run.yaml"), """
                pipelines:
                  - name: car
                    source: { provider: synthetic, preset: demo }
                    block: { span: 100ms, linger: 200ms }
                    sink: { data-source: SaslRun, confirm: true, confirm-timeout: 20s }
                """);
        Path client = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.username=" + JaasUtils.KAFKA_PLAIN_ADMIN + "\n");
        Path summary = dir.resolve("summary.json");
        Cli.Result r = Cli.run(Map.of("SLIPSTREAM_KAFKA_SASL_PASSWORD", PASSWORD), "run", config.toString(),
                "--duration", "2s", "--stream-api", streamApi.address(), "--key-generator", keyGenerator.address(),
                "--kafka", cluster.bootstrapServers(), "--kafka-config", client.toString(),
                "--summary-json", summary.toString(), "--plugins", dir.resolve("none").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Pipeline 'car' ended cleanly"), r::toString);
        String json = Files.readString(summary);
        long sent = SummaryJson.number(json, "sent");
        assertTrue(sent > 0, json);
        assertEquals(0, SummaryJson.number(json, "unconfirmed"), json);
        assertEquals(sent, SummaryJson.number(json, "confirmed"), "every packet sent was read back from Kafka: " + json);
        assertFalse(r.toString().contains(PASSWORD), "the password is printed:\n" + r);
    }
}
