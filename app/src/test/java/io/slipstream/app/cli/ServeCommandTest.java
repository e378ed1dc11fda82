package io.slipstream.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.streamapi.KafkaSettings;
import io.slipstream.streamapi.LogRetention;
import io.slipstream.streamapi.ServerLimits;
import io.slipstream.streamapi.ServerSecurity;
import io.slipstream.streamapi.StackOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve}'s security and limit options become the stack's options; the defaults are the server's own. */
class ServeCommandTest {

    @TempDir
    Path dir;

    private static StackOptions parse(String... args) {
        CommandLine cli = new CommandLine(new ServeCommand());
        cli.parseArgs(args);
        return ((ServeCommand) cli.getCommand()).stackOptions(k -> null);
    }

    @Test
    void byDefaultItListensOnLoopbackInCleartextWithTheServersDefaultLimits() {
        StackOptions options = parse();
        assertEquals(ServerSecurity.loopback(), options.security());
        assertEquals(ServerLimits.defaults(), options.limits(), "the command line's defaults are the server's");
        assertNull(options.externalBootstrap(), "the embedded broker");
        assertEquals(KafkaSettings.defaults(), options.kafka(), "PLAINTEXT, replication from the cluster's size");
        assertEquals(LogRetention.forever(), options.retention(), "the broker keeps records until the user removes them");
    }

    @Test
    void aKafkaClusterItsSecurityAndReplicationReachTheStackWithoutShowingThePassword() throws IOException {
        Path config = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nsasl.username=team\nssl.truststore.location=/t.jks\n");
        CommandLine cli = new CommandLine(new ServeCommand());
        cli.parseArgs("--kafka", "k1:9092,k2:9093", "--replication-factor", "3", "--min-insync-replicas", "2",
                "--kafka-config", config.toString());
        StackOptions options = ((ServeCommand) cli.getCommand()).stackOptions(Map.of("SLIPSTREAM_KAFKA_SASL_PASSWORD", "pa55-w0rd")::get);
        assertEquals("k1:9092,k2:9093", options.externalBootstrap());
        assertEquals(3, options.kafka().replicationFactor());
        assertEquals(2, options.kafka().minInsyncReplicas());
        Map<String, String> security = options.kafka().security().properties();
        assertEquals("SASL_SSL", security.get("security.protocol"));
        assertEquals("/t.jks", security.get("ssl.truststore.location"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"team\" password=\"pa55-w0rd\";",
                security.get("sasl.jaas.config"));
        assertFalse(options.toString().contains("pa55-w0rd"), options.toString());
    }

    @Test
    void aBadKafkaAddressOrSecuritySettingIsAUsageError() {
        CommandLine.ParameterException address = assertThrows(CommandLine.ParameterException.class, () -> parse("--kafka", "k1:9092,k2"));
        assertTrue(address.getMessage().contains("'k2' is not HOST:PORT"), address.getMessage());
        CommandLine.ParameterException file = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--kafka", "k1:9092", "--kafka-config", dir.resolve("missing.properties").toString()));
        assertEquals("Kafka client settings file " + dir.resolve("missing.properties") + " does not exist", file.getMessage());
        CommandLine.ParameterException isr = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--kafka", "k1:9092", "--replication-factor", "2", "--min-insync-replicas", "3"));
        assertEquals("min.insync.replicas 3 is more than the replication factor 2: no write could ever succeed", isr.getMessage());
    }

    @Test
    void bindTlsAndLimitsReachTheStack() {
        StackOptions options = parse("--bind", "0.0.0.0", "--tls-cert", "server.pem", "--tls-key", "server.key", "--client-ca", "ca.pem",
                "--session-retention", "5m", "--max-ended-sessions", "7", "--max-sessions-per-client", "3", "--max-streams-per-client", "4",
                "--max-subscribers-per-client", "5", "--max-connections-per-client", "6", "--max-data-sources", "8");
        assertEquals(new ServerSecurity("0.0.0.0", Path.of("server.pem"), Path.of("server.key"), Path.of("ca.pem")), options.security());
        assertEquals(new ServerLimits(Duration.ofMinutes(5), 7, 3, 4, 5, 6, 8), options.limits());
        assertTrue(options.security().mutualTls());
    }

    @Test
    void aRetentionInDaysHoursOrForeverReachesTheBroker() {
        assertEquals(LogRetention.of(Duration.ofDays(30)), parse("--retention", "30d").retention());
        assertEquals(LogRetention.of(Duration.ofHours(12)), parse("--retention", "12h").retention());
        assertEquals(LogRetention.forever(), parse("--retention", "forever").retention());
        CommandLine.ParameterException zero = assertThrows(CommandLine.ParameterException.class, () -> parse("--retention", "0s"));
        assertTrue(zero.getMessage().contains("retention is PT0S, expected a positive duration or forever"), zero.getMessage());
        CommandLine.ParameterException word = assertThrows(CommandLine.ParameterException.class, () -> parse("--retention", "always"));
        assertTrue(word.getMessage().contains("--retention") && word.getMessage().contains("such as 30d or 12h"), word.getMessage());
    }

    @Test
    void optionsThatDoNotFitTogetherAreAUsageError() {
        CommandLine.ParameterException onlyCert = assertThrows(CommandLine.ParameterException.class, () -> parse("--tls-cert", "server.pem"));
        assertTrue(onlyCert.getMessage().contains("TLS needs both a certificate (--tls-cert) and its key (--tls-key)"), onlyCert.getMessage());
        CommandLine.ParameterException caAlone = assertThrows(CommandLine.ParameterException.class, () -> parse("--client-ca", "ca.pem"));
        assertTrue(caAlone.getMessage().contains("needs TLS"), caAlone.getMessage());
        CommandLine.ParameterException zero = assertThrows(CommandLine.ParameterException.class, () -> parse("--max-streams-per-client", "0"));
        assertEquals("max streams per client is 0, expected 1 or more", zero.getMessage());
        CommandLine.ParameterException nowhere = assertThrows(CommandLine.ParameterException.class, () -> parse("--bind", "no-such-host.invalid"));
        assertTrue(nowhere.getMessage().startsWith("bind address no-such-host.invalid cannot be resolved"), nowhere.getMessage());
    }
}
