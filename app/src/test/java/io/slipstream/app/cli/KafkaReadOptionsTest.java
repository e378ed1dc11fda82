package io.slipstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.atlaskafka.client.KafkaConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code inspect} and {@code view} share one set of Kafka options: address list, stream partitions, security. */
class KafkaReadOptionsTest {

    @TempDir
    Path dir;

    @Test
    void inspectAndViewReadTheSameOptionsIntoTheSameConnection() throws IOException {
        Path config = Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_SSL\nsasl.username=team\n");
        Map<String, String> env = Map.of("SLIPSTREAM_KAFKA_SASL_PASSWORD", "pa55-w0rd");
        String[] args = {"--bootstrap", "k1:9092,k2:9092", "--stream-partition", "Laps=3", "--kafka-config", config.toString()};

        InspectCommand inspect = new InspectCommand();
        new CommandLine(inspect).parseArgs(args);
        ViewCommand view = new ViewCommand();
        new CommandLine(view).parseArgs(args);

        for (KafkaReadOptions options : new KafkaReadOptions[] {inspect.kafka, view.kafka}) {
            KafkaConnection connection = options.connection(env::get);
            assertEquals("k1:9092,k2:9092", connection.bootstrapServers());
            assertEquals(Map.of("Laps", 3), options.mappings());
            assertEquals("SASL_SSL", connection.security().protocol());
            assertTrue(connection.security().properties().get("sasl.jaas.config").contains("password=\"pa55-w0rd\""));
            assertFalse(connection.toString().contains("pa55-w0rd"), connection.toString());
        }
    }

    @Test
    void theDefaultsAreTheLocalBrokerInCleartextWithTheOfficialMappings() {
        InspectCommand inspect = new InspectCommand();
        new CommandLine(inspect).parseArgs();
        KafkaConnection connection = inspect.kafka.connection(name -> null);
        assertEquals("localhost:9092", connection.bootstrapServers());
        assertTrue(connection.security().isEmpty());
        assertEquals(Map.of("Stream1", 1, "Stream2", 2), inspect.kafka.mappings());
    }
}
