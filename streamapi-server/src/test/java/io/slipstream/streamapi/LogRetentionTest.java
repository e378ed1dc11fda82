package io.slipstream.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ma.streaming.api.v1.CreateSessionRequest;

/**
 * The embedded broker keeps records until the user removes them: its default retention is forever, the topics the
 * Stream API creates inherit it (no per-topic override that a later setting could not change), and a retention
 * given at start reaches every topic already on the broker. Read back from the broker over its admin API.
 */
class LogRetentionTest {

    @TempDir
    static Path dir;

    private static ConfigEntry retention(String bootstrap, ConfigResource resource) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            return config.get("retention.ms") != null ? config.get("retention.ms") : config.get("log.retention.ms");
        }
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static ConfigResource broker() {
        return new ConfigResource(ConfigResource.Type.BROKER, "1");
    }

    @Test
    void recordsAreKeptForeverByDefaultAndAGivenRetentionReachesTopicsAlreadyThere() throws Exception {
        Path data = dir.resolve("kafka");
        try (KafkaBroker broker = KafkaBroker.start(data, 0);
             KeyGeneratorServer keys = KeyGeneratorServer.start(0);
             StreamApiServer api = StreamApiServer.start(broker.bootstrapServers(), 0, StackOptions.ephemeral(dir));
             StackClient client = new StackClient(api.address(), keys.address())) {
            assertTrue(client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("Kept").build()).getSuccess());
            assertEquals("-1", retention(broker.bootstrapServers(), broker()).value(), "the broker's default");
            ConfigEntry kept = retention(broker.bootstrapServers(), topic("Kept"));
            assertEquals("-1", kept.value(), "the data source's topic keeps its records forever");
            assertEquals("-1", retention(broker.bootstrapServers(), topic("Kept_essential")).value());
            assertEquals(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG, kept.source(), "inherited, not set on the topic");
        }
        try (KafkaBroker broker = KafkaBroker.start(data, 0, LogRetention.of(Duration.ofHours(12)))) {
            assertEquals(String.valueOf(Duration.ofHours(12).toMillis()), retention(broker.bootstrapServers(), topic("Kept")).value(),
                    "started again with a retention, the topic written before follows it");
        }
    }

    @Test
    void aRetentionIsPositiveOrForeverAndSaysSoInWords() {
        assertEquals("forever", LogRetention.forever().describe());
        assertEquals("7d", LogRetention.of(Duration.ofDays(7)).describe());
        assertEquals("36h", LogRetention.of(Duration.ofHours(36)).describe());
        assertEquals("90s", LogRetention.of(Duration.ofSeconds(90)).describe());
        assertEquals("1500ms", LogRetention.of(Duration.ofMillis(1500)).describe());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> LogRetention.of(Duration.ZERO));
        assertEquals("retention is PT0S, expected a positive duration or forever", zero.getMessage());
    }
}
