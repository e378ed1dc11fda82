package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.streamapi.EmbeddedStack;
import io.slipstream.streamapi.ServerSecurity;
import io.slipstream.streamapi.StackOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * The sink's own TLS settings against our embedded stack served with mutual TLS ({@code serve --tls-cert --tls-key
 * --client-ca}): the Stream API and the Key Generator both take a client with a certificate the CA signed, and refuse
 * one without a certificate and one in cleartext. The certificates are {@link TlsTest}'s, made by openssl at test time.
 */
class EmbeddedStackTlsTest {

    @TempDir
    static Path dir;
    static EmbeddedStack stack;

    @BeforeAll
    static void start() throws Exception {
        TlsTest.dir = dir;
        TlsTest.certificates();
        ServerSecurity mutual = new ServerSecurity("127.0.0.1", dir.resolve("server.pem"), dir.resolve("server.key"), dir.resolve("ca.pem"));
        stack = EmbeddedStack.start(StackOptions.ephemeral(dir.resolve("stack")).withSecurity(mutual));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static SinkSettings settings(String dataSource, TlsSettings tls) {
        return SinkSettings.defaults().withStreamApi(stack.streamApiAddress()).withKeyGenerator(stack.keyGeneratorAddress())
                .withDataSource(dataSource).withTls(tls)
                .withRetry(new RetrySettings(1, Duration.ofMillis(50), Duration.ofMillis(50)));
    }

    private static SinkResult session(StreamApiSink sink) {
        return sink.write(Flux.just(Events.config1(), Events.fast(0))).block(Duration.ofSeconds(60));
    }

    @Test
    void aSinkWithItsClientCertificateWritesASessionThatLandsOnKafka() {
        TlsSettings tls = new TlsSettings(dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("client.key"));
        try (StreamApiSink sink = new StreamApiSink(settings("TlsSession", tls))) {
            SinkResult result = session(sink);
            List<String> stream1 = new KafkaPacketReader().readAll(stack.kafkaBootstrap(), "TlsSession", StackOptions.ephemeral(dir).partitionMappings())
                    .stream().filter(p -> result.sessionKey().equals(p.key()) && p.stream().equals("Stream1"))
                    .map(LandedPacket::packet).map(p -> p.getType()).toList();
            assertEquals(List.of("NewSession", "Configuration", "PeriodicData", "EndOfSession"), stream1);
        }
    }

    @Test
    void aSinkWithoutAClientCertificateIsRefused() {
        long written = stack.streamApi().packetsWritten();
        try (StreamApiSink sink = new StreamApiSink(settings("TlsNoCert", new TlsSettings(dir.resolve("ca.pem"), null, null)))) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> session(sink));
            assertTrue(e.getMessage().contains("CreateSession"), e.getMessage());
        }
        assertEquals(written, stack.streamApi().packetsWritten(), "nothing of it was written");
    }

    @Test
    void aCleartextSinkIsRefused() {
        try (StreamApiSink sink = new StreamApiSink(settings("TlsCleartext", null))) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> session(sink));
            assertTrue(e.getMessage().contains("UNAVAILABLE") || e.getMessage().contains("INTERNAL"), e.getMessage());
        }
    }
}
