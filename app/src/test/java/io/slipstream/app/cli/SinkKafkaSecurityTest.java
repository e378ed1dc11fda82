package io.slipstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.app.run.Endpoints;
import io.slipstream.app.run.PipelineFactory;
import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.sink.streamapi.SinkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run} and {@code replay} take the Kafka security settings of {@code inspect} and {@code view}, and carry them
 * with {@code --kafka} into the sink, whose read-back consumer connects with them; no secret shows in a toString.
 */
class SinkKafkaSecurityTest {

    private static final String SECRET = "pa55-w0rd";

    @TempDir
    Path dir;

    @Test
    void runAndReplayCarryTheSecuritySettingsWithKafkaIntoTheSinksConnection() throws IOException {
        Path config = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nsasl.username=team\n");
        Map<String, String> env = Map.of("SLIPSTREAM_KAFKA_SASL_PASSWORD", SECRET);
        String[] options = {"--kafka", "k1:9093,k2:9093", "--kafka-config", config.toString(), "--stream-api", "api:13579"};

        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(options);
        ReplayCommand replay = new ReplayCommand();
        new CommandLine(replay).parseArgs(concat(new String[] {"lap.ibt"}, options));

        for (SessionOptions session : new SessionOptions[] {run.session, replay.session}) {
            Endpoints endpoints = session.addresses.endpoints(env::get);
            SinkSettings sink = PipelineFactory.resolve(SinkSettings.defaults(), true, endpoints, null);
            KafkaConnection connection = sink.kafkaConnection();
            assertEquals("k1:9093,k2:9093", connection.bootstrapServers());
            Map<String, Object> properties = connection.clientProperties("readback");
            assertEquals("SASL_SSL", properties.get("security.protocol"));
            assertEquals("SCRAM-SHA-512", properties.get("sasl.mechanism"));
            assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"team\" password=\""
                    + SECRET + "\";", properties.get("sasl.jaas.config"));
            for (Object shown : new Object[] {sink, endpoints, connection}) {
                assertFalse(shown.toString().contains(SECRET), shown::toString);
                assertTrue(shown.toString().contains("SASL_SSL SCRAM-SHA-512"), shown::toString);
            }
        }
    }

    @Test
    void theSecuritySettingsAlsoReachAKafkaGivenInTheConfigButNeverTheEmbeddedOne() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs();
        Map<String, String> env = Map.of("SLIPSTREAM_KAFKA_SECURITY_PROTOCOL", "SSL",
                "SLIPSTREAM_KAFKA_SSL_TRUSTSTORE_PASSWORD", SECRET);
        Endpoints overrides = run.session.addresses.endpoints(env::get);
        SinkSettings configured = SinkSettings.defaults().withKafkaBootstrap("broker:9093");

        SinkSettings external = PipelineFactory.resolve(configured, false, overrides, null);
        assertEquals("SSL", external.kafkaConnection().security().protocol());
        assertEquals(SECRET, external.kafkaConnection().clientProperties("x").get("ssl.truststore.password"));

        Endpoints embedded = new Endpoints("localhost:1", "localhost:2", "localhost:3");
        SinkSettings local = PipelineFactory.resolve(configured, true, overrides, embedded);
        assertEquals("localhost:3", local.kafkaConnection().bootstrapServers());
        assertTrue(local.kafkaConnection().security().isEmpty(), "the embedded broker speaks PLAINTEXT");
    }

    @Test
    void withoutKafkaTheSinkHasNoConnectionAndABadSettingNamesWhereItCameFrom() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs();
        assertNull(PipelineFactory.resolve(SinkSettings.defaults(), false, run.session.addresses.endpoints(k -> null), null)
                .kafkaConnection());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.session.addresses.endpoints(
                Map.of("SLIPSTREAM_KAFKA_SASL_USERNAME", "team", "SLIPSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")::get));
        assertTrue(e.getMessage().startsWith("sasl.password is missing"), e.getMessage());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
