package io.slipstream.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import ma.streaming.key_generator.v1.GenerateUniqueKeyRequest;
import ma.streaming.key_generator.v1.KeyType;
import ma.streaming.key_generator.v1.UniqueKeyGeneratorServiceGrpc;

/**
 * TLS on a real socket with the generated stubs, on the Key Generator (the Stream API starts through the same code;
 * the sink's own TLS settings against the whole stack are tested in sink-streamapi). The certificates are made at test
 * time with the openssl command line, as the sink's TLS tests do: no private key or certificate is committed, and no
 * test-only crypto library is needed (the JDK's keytool cannot write the PEM PKCS#8 key that gRPC reads).
 */
class ServerTlsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", "server.key", "-out", "server.pem")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl: " + out);
        assertTrue(Files.readString(dir.resolve("server.key")).startsWith("-----BEGIN PRIVATE KEY-----"), "a PKCS#8 key");
    }

    private static long ulongKey(String address, ChannelCredentials credentials) throws InterruptedException {
        ManagedChannel channel = Grpc.newChannelBuilder(address, credentials).build();
        try {
            return UniqueKeyGeneratorServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .generateUniqueKey(GenerateUniqueKeyRequest.newBuilder().setType(KeyType.KEY_TYPE_ULONG).build()).getUlongKey();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTlsClientTrustingTheCertificateIsServedAndACleartextOneIsNot() throws Exception {
        ServerSecurity tls = new ServerSecurity("127.0.0.1", dir.resolve("server.pem"), dir.resolve("server.key"), null);
        try (KeyGeneratorServer server = KeyGeneratorServer.start(0, tls)) {
            ChannelCredentials trusting = TlsChannelCredentials.newBuilder().trustManager(dir.resolve("server.pem").toFile()).build();
            assertTrue(ulongKey(server.address(), trusting) > 0);

            StatusRuntimeException cleartext = assertThrows(StatusRuntimeException.class,
                    () -> ulongKey(server.address(), InsecureChannelCredentials.create()));
            assertEquals(Status.Code.UNAVAILABLE, cleartext.getStatus().getCode(), cleartext::toString);
            StatusRuntimeException untrusted = assertThrows(StatusRuntimeException.class,
                    () -> ulongKey(server.address(), TlsChannelCredentials.create()));
            assertEquals(Status.Code.UNAVAILABLE, untrusted.getStatus().getCode(), "the JDK's CAs did not sign it: " + untrusted);
        }
    }

    @Test
    void aKeyThatIsNotPemIsRefusedNamingTheFilesNotTheirContent() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.key"), "SECRET-NOT-A-KEY");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeyGeneratorServer.start(0,
                new ServerSecurity("127.0.0.1", dir.resolve("server.pem"), garbage, null)));
        assertTrue(e.getMessage().contains("cannot use TLS certificate " + dir.resolve("server.pem") + " with key " + garbage), e.getMessage());
        assertTrue(!e.getMessage().contains("SECRET-NOT-A-KEY"), "the key's content is never shown: " + e.getMessage());
    }
}
