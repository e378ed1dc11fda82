package io.slipstream.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.client.KafkaSecurity;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.open_data.v1.Packet;

/**
 * The Stream API in front of a Kafka that wants SASL (PLAIN over SASL_PLAINTEXT, Kafka's own test cluster): with the
 * right credentials it creates its topics, writes a session and reads it back; with a wrong password it refuses to
 * start at once, naming the settings; the password appears in no log line.
 */
class SaslKafkaTest {

    private static final String PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;

    @TempDir
    static Path dir;

    private static KafkaClusterTestKit cluster;
    private static KeyGeneratorServer keyGenerator;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

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
    }

    @AfterAll
    static void stop() throws Exception {
        if (keyGenerator != null) {
            keyGenerator.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private static KafkaSecurity plain(String password) {
        return KafkaSecurity.of(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.username", JaasUtils.KAFKA_PLAIN_ADMIN, "sasl.password", password));
    }

    private void assertNoLogLineHas(String secret) {
        assertFalse(logs.list.isEmpty(), "the start was logged");
        for (ILoggingEvent e : logs.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertFalse(line.contains(secret), () -> "a log line shows the password: " + line);
        }
    }

    @Test
    void withTheRightCredentialsASessionIsWrittenAndReadBack() throws Exception {
        KafkaSettings kafka = new KafkaSettings(plain(PASSWORD), 0, 0);
        StackOptions options = StackOptions.ephemeral(dir).withKafka(kafka);
        String session;
        try (StreamApiServer server = StreamApiServer.start(cluster.bootstrapServers(), 0, options);
             StackClient client = new StackClient(server.address(), keyGenerator.address())) {
            session = client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("Secure").build()).getSessionKey();
            for (int i = 0; i < 20; i++) {
                client.write("Secure", "Stream1", session, Packet.newBuilder().setType("PeriodicData").setSessionKey(session)
                        .setContent(ByteString.copyFromUtf8("secure " + i)).build());
            }
            client.sessions.endSession(EndSessionRequest.newBuilder().setDataSource("Secure").setSessionKey(session).build());
            assertEquals(20, server.packetsWritten());
        }
        KafkaConnection connection = kafka.connection(cluster.bootstrapServers());
        List<String> landed = new KafkaPacketReader().readAll(connection, "Secure", Map.of("Stream1", 1)).stream()
                .filter(p -> p.partition() == 1)
                .map(LandedPacket::packet)
                .map(p -> p.getContent().toStringUtf8())
                .toList();
        assertEquals(IntStream.range(0, 20).mapToObj(i -> "secure " + i).toList(), landed);
        assertNoLogLineHas(PASSWORD);
    }

    @Test
    void aWrongPasswordStopsTheStartAtOnceNamingTheSettings() {
        String wrong = "not-the-" + PASSWORD;
        StackOptions options = StackOptions.ephemeral(dir).withKafka(new KafkaSettings(plain(wrong), 0, 0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StreamApiServer.start(cluster.bootstrapServers(), 0, options));
        assertTrue(e.getMessage().contains("refused this client"), e.getMessage());
        assertTrue(e.getMessage().contains("--kafka-config or the SLIPSTREAM_KAFKA_* variables"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertNoLogLineHas(wrong);
    }
}
