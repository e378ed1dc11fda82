package io.slipstream.atlaskafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.slipstream.atlaskafka.read.ConsumerProperties;

/** Security settings from a file and the environment become the Kafka client properties, and never show a secret. */
class KafkaSecurityTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("client.properties");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void saslPlainUsernameAndPasswordBecomeTheJaasLineAndAreHiddenInText() throws IOException {
        Path f = file("security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.username=team\nsasl.password=s3cret\n"
                + "ssl.truststore.location=/etc/kafka/truststore.jks\nssl.truststore.password=trust-me\n");
        KafkaSecurity security = KafkaSecurity.load(f, name -> null);
        Map<String, String> p = security.properties();
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("PLAIN", p.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"team\" password=\"s3cret\";",
                p.get("sasl.jaas.config"));
        assertFalse(p.containsKey("sasl.username"), "the shorthand is not a Kafka setting");
        assertEquals("/etc/kafka/truststore.jks", p.get("ssl.truststore.location"));

        KafkaConnection connection = new KafkaConnection("k1:9092,k2:9092", security);
        for (String text : new String[] {security.toString(), connection.toString()}) {
            assertFalse(text.contains("s3cret"), text);
            assertFalse(text.contains("trust-me"), text);
            assertFalse(text.contains("team"), text);
        }
        assertTrue(connection.toString().startsWith("k1:9092,k2:9092 (SASL_SSL PLAIN"), connection.toString());
    }

    @Test
    void scramUsesTheScramLoginModuleAndTheEnvironmentOverridesTheFile() throws IOException {
        Path f = file("security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nsasl.username=team\nsasl.password=old\n");
        Map<String, String> env = Map.of("SLIPSTREAM_KAFKA_SASL_PASSWORD", "new \"quoted\"", "SLIPSTREAM_KAFKA_SASL_MECHANISM", "scram-sha-256");
        Map<String, String> p = KafkaSecurity.load(f, env::get).properties();
        assertEquals("SCRAM-SHA-256", p.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"team\" password=\"new \\\"quoted\\\"\";",
                p.get("sasl.jaas.config"));
    }

    @Test
    void theEnvironmentAloneIsEnough() {
        Map<String, String> env = Map.of("SLIPSTREAM_KAFKA_SECURITY_PROTOCOL", "ssl", "SLIPSTREAM_KAFKA_SSL_TRUSTSTORE_LOCATION", "/t.jks");
        KafkaSecurity security = KafkaSecurity.load(null, env::get);
        assertEquals(Map.of("security.protocol", "SSL", "ssl.truststore.location", "/t.jks"), security.properties());
        assertEquals("SLIPSTREAM_KAFKA_SSL_TRUSTSTORE_LOCATION", KafkaSecurity.envName("ssl.truststore.location"));
        assertTrue(KafkaSecurity.load(null, name -> null).isEmpty());
    }

    @Test
    void theSettingsReachEveryClientsProperties() {
        KafkaSecurity security = KafkaSecurity.of(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.username", "u", "sasl.password", "p"));
        KafkaConnection connection = new KafkaConnection("k:9092", security);
        Map<String, Object> client = connection.clientProperties("slipstream-test");
        assertEquals("k:9092", client.get("bootstrap.servers"));
        assertEquals("slipstream-test", client.get("client.id"));
        assertEquals("SASL_PLAINTEXT", client.get("security.protocol"));
        assertEquals("PLAIN", client.get("sasl.mechanism"), "PLAIN when no mechanism is given");
        assertEquals("k:9092", ConsumerProperties.assignOnly(connection, "test").bootstrapServers());
    }

    @Test
    void badSettingsNameWhereTheyCameFromAndWhatIsExpected() throws IOException {
        Path f = file("security.protocol=SASL_SSL\nbootstrap.servers=elsewhere:9092\n");
        IllegalArgumentException notSecurity = assertThrows(IllegalArgumentException.class, () -> KafkaSecurity.load(f, name -> null));
        assertEquals(f + ": key bootstrap.servers: \"bootstrap.servers\" is not a Kafka client security setting"
                + " (allowed: security.protocol, ssl.*, sasl.*)", notSecurity.getMessage());

        IllegalArgumentException protocol = assertThrows(IllegalArgumentException.class,
                () -> KafkaSecurity.load(null, Map.of("SLIPSTREAM_KAFKA_SECURITY_PROTOCOL", "TLS")::get));
        assertEquals("environment variable SLIPSTREAM_KAFKA_SECURITY_PROTOCOL: \"TLS\" is not a security protocol,"
                + " expected one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL", protocol.getMessage());

        IllegalArgumentException saslWithoutProtocol = assertThrows(IllegalArgumentException.class,
                () -> KafkaSecurity.of(Map.of("sasl.username", "u", "sasl.password", "p")));
        assertTrue(saslWithoutProtocol.getMessage().contains("security.protocol is PLAINTEXT: set it to SASL_SSL"),
                saslWithoutProtocol.getMessage());

        IllegalArgumentException noPassword = assertThrows(IllegalArgumentException.class,
                () -> KafkaSecurity.of(Map.of("security.protocol", "SASL_SSL", "sasl.username", "u")));
        assertTrue(noPassword.getMessage().startsWith("sasl.password is missing"), noPassword.getMessage());

        IllegalArgumentException noCredentials = assertThrows(IllegalArgumentException.class,
                () -> KafkaSecurity.of(Map.of("security.protocol", "SASL_SSL")));
        assertTrue(noCredentials.getMessage().contains("needs credentials"), noCredentials.getMessage());

        IllegalArgumentException missingFile = assertThrows(IllegalArgumentException.class,
                () -> KafkaSecurity.load(dir.resolve("nope.properties"), name -> null));
        assertEquals("Kafka client settings file " + dir.resolve("nope.properties") + " does not exist", missingFile.getMessage());

        IllegalArgumentException secretInMessage = assertThrows(IllegalArgumentException.class,
                () -> KafkaSecurity.of(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "GSSAPI", "sasl.username", "u",
                        "sasl.password", "hunter2")));
        assertFalse(secretInMessage.getMessage().contains("hunter2"), secretInMessage.getMessage());
    }
}
