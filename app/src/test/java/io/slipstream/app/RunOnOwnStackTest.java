package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.app.cli.ExitCodes;
import io.slipstream.app.inspect.PacketSummary;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import io.slipstream.streamapi.EmbeddedStack;
import io.slipstream.streamapi.StackOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream run CONFIG} as the README gives it, with no {@code --stream-api}: the run starts its own
 * embedded stack (here on free ports, so that it runs beside anything else on the machine), writes into it and
 * stops it; the stack started again on the same data folder, as {@code serve} would, holds the session. And a
 * taken port stops {@code run}, {@code replay} and {@code serve} before they start anything, naming the option that
 * picks another.
 */
class RunOnOwnStackTest {

    private static final String DATA_SOURCE = "OwnStack";
    private static final int ROWS = 500;

    @TempDir
    Path dir;

    @Test
    void runStartsItsOwnStackOnTheChosenPortsAndEverySampleLandsInItsKafka() throws IOException {
        Path cfg = config();
        Path data = Files.createTempDirectory("slipstream-own-stack"); // not under @TempDir: see SharedStack
        Path json = dir.resolve("summary.json");
        Cli.Result r = Cli.run("run", cfg.toString(), "--data-dir", data.toString(), "--kafka-port", "0",
                "--stream-api-port", "0", "--key-generator-port", "0", "--plugins", dir.resolve("no-plugins").toString(),
                "--summary-json", json.toString());
        assertEquals(ExitCodes.OK, r.code(), r::toString);
        assertTrue(r.out().contains(data.toString()), () -> "the start-up text names the stack's data folder:\n" + r);
        assertTrue(r.out().contains("slipstream serve --data-dir " + data + " --kafka-port 0 "),
                () -> "the hint serves the folder with the run's Kafka port option:\n" + r);
        String summary = Files.readString(json);
        String key = SummaryJson.text(summary, "sessionKey");
        assertEquals(ROWS * 2L, SummaryJson.number(summary, "received"), summary);

        // The run stopped its stack; what it wrote is in the data folder, read through a stack started on it again.
        try (EmbeddedStack again = EmbeddedStack.start(StackOptions.ephemeral(data))) {
            List<LandedPacket> landed = new KafkaPacketReader().readAll(again.kafkaBootstrap(), DATA_SOURCE,
                    Map.of("Stream1", 1, "Stream2", 2)).stream()
                    .filter(l -> l.packet() != null && key.equals(l.packet().getSessionKey())).toList();
            assertEquals(List.of(), new SessionRuleChecker().check(landed, key));
            assertEquals(ROWS * 2L, landed.stream()
                    .filter(l -> "PeriodicData".equals(l.packet().getType()))
                    .mapToLong(l -> ((Number) PacketSummary.of(l.packet()).get("samples")).longValue())
                    .sum(), "every sample of both channels landed in the run's own Kafka");
        }
    }

    @Test
    void aTakenStreamApiPortStopsTheRunBeforeItStartsAndNamesTheOptionThatPicksAnother() throws IOException {
        Path cfg = config();
        Path data = dir.resolve("data");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Cli.Result r = Cli.run("run", cfg.toString(), "--data-dir", data.toString(), "--kafka-port", "0",
                    "--stream-api-port", String.valueOf(port), "--key-generator-port", "0",
                    "--plugins", dir.resolve("no-plugins").toString());
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertEquals("error: port " + port + " is in use; choose another with --stream-api-port (0 = any free port);"
                    + " nothing was started.", r.err().strip(), r::toString);
        }
        assertFalse(Files.exists(data), "no broker was started, so no data folder was made");
    }

    @Test
    void replayWithTheDefaultStreamApiPortTakenSaysWhichOptionToGive() throws IOException {
        Path csv = Files.writeString(dir.resolve("one.csv"), "Time,a\n0.00,1\n0.01,2\n");
        // The official default port: taken by this socket, or already by something else on the machine; either way
        // taken while the replay starts.
        try (ServerSocket holder = new ServerSocket()) {
            try {
                holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), StackOptions.DEFAULT_STREAM_API_PORT));
            } catch (IOException alreadyTaken) {
                // someone else holds it: the case under test all the same
            }
            Cli.Result r = Cli.run("replay", csv.toString(), "--data-dir", dir.resolve("data").toString(),
                    "--kafka-port", "0", "--key-generator-port", "0", "--plugins", dir.resolve("no-plugins").toString());
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertEquals("error: port " + StackOptions.DEFAULT_STREAM_API_PORT + " is in use; choose another with"
                    + " --stream-api-port (0 = any free port); nothing was started.", r.err().strip(), r::toString);
        }
    }

    @Test
    void serveWithATakenKafkaPortNamesTheKafkaPortOption() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Cli.Result r = Cli.run("serve", "--data-dir", dir.resolve("data").toString(), "--kafka-port",
                    String.valueOf(port), "--stream-api-port", "0", "--key-generator-port", "0", "--duration", "1s");
            assertEquals(ExitCodes.USAGE, r.code(), r::toString);
            assertEquals("error: port " + port + " is in use; choose another with --kafka-port (0 = any free port);"
                    + " nothing was started.", r.err().strip(), r::toString);
        }
        assertFalse(Files.exists(dir.resolve("data")), "no broker was started, so no data folder was made");
    }

    private Path config() throws IOException {
        StringBuilder csv = new StringBuilder("Time,a,b\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(String.format(Locale.ROOT, "%.2f,%d,%d%n", i / 100.0, i, -i));
        }
        Path file = Files.writeString(dir.resolve("rows.csv"), csv);
        return Files.writeString(dir.resolve("own.yaml"), """
                pipelines:
                  - name: own
                    source: { provider: csv, file: "%s" }
                    overflow: { policy: block }
                    sink: { data-source: %s }
                """.formatted(file.toString().replace("\\", "/"), DATA_SOURCE));
    }
}
