package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ma.streaming.open_data.v1.Packet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/** TLS and mutual TLS against a TLS Netty server, with a CA and certificates made by openssl at test time. */
class TlsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        for (String who : new String[] {"server", "client"}) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + who, "-keyout", who + ".rsa",
                    "-out", who + ".csr");
            java.nio.file.Files.writeString(dir.resolve(who + ".ext"), who.equals("server")
                    ? "subjectAltName=IP:127.0.0.1,DNS:localhost\n" : "extendedKeyUsage=clientAuth\n");
            openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-days", "2", "-extfile", who + ".ext", "-out", who + ".pem");
            openssl("pkcs8", "-topk8", "-nocrypt", "-in", who + ".rsa", "-out", who + ".key");
        }
    }

    private static void openssl(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + args[0] + ": " + out);
    }

    private static RecordingStreamApi server(boolean requireClient) throws Exception {
        TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder()
                .keyManager(dir.resolve("server.pem").toFile(), dir.resolve("server.key").toFile());
        if (requireClient) {
            b.trustManager(dir.resolve("ca.pem").toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
        }
        return new RecordingStreamApi(0, b.build());
    }

    private static SinkSettings settings(RecordingStreamApi api, TlsSettings tls) {
        return SinkSettings.defaults().withStreamApi(api.address()).withKeyGenerator(api.address()).withTls(tls)
                .withRetry(new RetrySettings(1, Duration.ofMillis(50), Duration.ofMillis(50)));
    }

    private static List<String> session(StreamApiSink sink, RecordingStreamApi api) {
        sink.write(Flux.just(Events.config1(), Events.fast(0))).block(Duration.ofSeconds(30));
        return api.on("Stream1").stream().map(Packet::getType).toList();
    }

    @Test
    void tlsWithAPrivateCa() throws Exception {
        try (RecordingStreamApi api = server(false);
             StreamApiSink sink = new StreamApiSink(settings(api, new TlsSettings(dir.resolve("ca.pem"), null, null)))) {
            assertEquals(List.of("NewSession", "Configuration", "PeriodicData", "EndOfSession"), session(sink, api));
        }
    }

    @Test
    void mutualTlsWithAClientCertificate() throws Exception {
        try (RecordingStreamApi api = server(true);
             StreamApiSink sink = new StreamApiSink(settings(api, new TlsSettings(dir.resolve("ca.pem"),
                     dir.resolve("client.pem"), dir.resolve("client.key"))))) {
            assertEquals(List.of("NewSession", "Configuration", "PeriodicData", "EndOfSession"), session(sink, api));
        }
    }

    @Test
    void aServerRequiringAClientCertificateRefusesOneWithout() throws Exception {
        try (RecordingStreamApi api = server(true);
             StreamApiSink sink = new StreamApiSink(settings(api, new TlsSettings(dir.resolve("ca.pem"), null, null)))) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> session(sink, api));
            assertTrue(e.getMessage().contains("CreateSession"), e.getMessage());
            assertEquals(List.of(), api.calls);
        }
    }

    @Test
    void plaintextAgainstATlsServerFailsClearly() throws Exception {
        try (RecordingStreamApi api = server(false);
             StreamApiSink sink = new StreamApiSink(settings(api, null))) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> session(sink, api));
            assertTrue(e.getMessage().contains("UNAVAILABLE") || e.getMessage().contains("INTERNAL"), e.getMessage());
        }
    }
}
