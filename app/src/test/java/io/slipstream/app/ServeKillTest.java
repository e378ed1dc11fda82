package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream serve} killed with SIGKILL mid-session (its broker with it) and started again on the same data
 * folder and ports: a {@code replay --realtime} writing to it without {@code --kafka} carries on, and Kafka holds each
 * of the session's packets exactly once. The server runs in a JVM of its own so that the kill is a real one.
 */
class ServeKillTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Pattern SERVING = Pattern.compile("Serving: kafka=(\\S+) stream-api=(\\S+) key-generator=(\\S+) ");
    private static final String DATA_SOURCE = "ServeKill";
    private static final Map<String, Integer> MAPPINGS = Map.of("Stream1", 1, "Stream2", 2);

    @TempDir
    Path dir;

    /** A {@code slipstream serve} in a JVM of its own, its output collected as it comes. */
    private static final class Served {
        private final Process process;
        private final StringBuffer out = new StringBuffer();
        private final String kafka;

        Served(Path dataDir, int streamApiPort, int keyGeneratorPort) throws Exception {
            List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.slipstream.app.Main", "serve",
                    "--data-dir", dataDir.toString(), "--kafka-port", "0", "--stream-api-port", String.valueOf(streamApiPort),
                    "--key-generator-port", String.valueOf(keyGeneratorPort), "--duration", "10m"));
            process = new ProcessBuilder(java).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> collect(process.getInputStream()), "serve-output");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + START.toNanos();
            Matcher m = SERVING.matcher("");
            while (!m.reset(out).find()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new AssertionError("serve printed no 'Serving:' line within " + START + ":\n" + out);
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
            kafka = m.group(1);
        }

        private void collect(InputStream in) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    out.append(line).append('\n');
                }
            } catch (IOException e) {
                out.append("(output closed: ").append(e.getMessage()).append(")\n");
            }
        }

        /** SIGKILL: no shutdown hook runs, no session is ended, the broker stops where it is. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the killed serve is gone");
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    @Test
    void aSessionWrittenWithoutKafkaAddressSurvivesAKilledServeWithEachPacketOnce() throws Exception {
        Path csv = dir.resolve("stint.csv");
        try (InputStream in = ServeKillTest.class.getResourceAsStream("/replay/stint.csv")) {
            Files.copy(in, csv);
        }
        // Under the @TempDir: the serve JVM is gone (ended or killed) before JUnit removes it.
        Path dataDir = dir.resolve("data");
        int streamApiPort = freePort();
        int keyGeneratorPort = freePort();
        Path summary = dir.resolve("summary.json");

        Served first = new Served(dataDir, streamApiPort, keyGeneratorPort);
        Cli.Background replay;
        try {
            replay = Cli.start("replay", csv.toString(), "--realtime", "--data-source", DATA_SOURCE,
                    "--stream-api", "127.0.0.1:" + streamApiPort, "--key-generator", "127.0.0.1:" + keyGeneratorPort,
                    "--summary-json", summary.toString(), "--plugins", dir.resolve("no-plugins").toString());
            String kafka = first.kafka;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (new KafkaPacketReader().readAll(kafka, DATA_SOURCE, MAPPINGS).size() < 40) {
                assertTrue(System.nanoTime() < deadline, "40 packets on Kafka within 90 s:\n" + first.out);
                first.process.waitFor(200, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException | Error e) {
            first.kill();
            throw e;
        }
        first.kill();

        Served second = new Served(dataDir, streamApiPort, keyGeneratorPort);
        try {
            Cli.Result r = replay.await(Duration.ofMinutes(3));
            assertEquals(0, r.code(), r::toString);
            String session = SummaryJson.text(Files.readString(summary), "sessionKey");
            List<LandedPacket> landed = new KafkaPacketReader().readAll(second.kafka, DATA_SOURCE, MAPPINGS);
            for (String stream : List.of("Stream1", "")) {
                List<Long> ids = landed.stream().filter(p -> session.equals(p.key()) && stream.equals(p.stream()))
                        .map(p -> p.packet().getId()).toList();
                assertEquals(ids.size(), new HashSet<>(ids).size(), "no packet twice on stream '" + stream + "': " + ids);
                assertEquals(ids.stream().sorted().toList(), ids, "in order on stream '" + stream + "'");
                if (stream.equals("Stream1")) {
                    assertEquals(LongStream.rangeClosed(1, ids.size()).boxed().toList(), ids,
                            "every packet of the session is on the data stream, none lost");
                }
            }
            Cli.Result check = Cli.run("inspect", "--bootstrap", second.kafka, "--data-source", DATA_SOURCE,
                    "--session", session, "--check");
            assertEquals(0, check.code(), check::toString);
        } finally {
            second.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
