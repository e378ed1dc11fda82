package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.slipstream.app.faults.FaultyProxy;
import io.slipstream.app.faults.JavaProcess;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.streamapi.KafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.storage.internals.checkpoint.CleanShutdownFileHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C as a person presses it: a real SIGINT sent with {@code kill} to {@code slipstream replay}, {@code run} and
 * {@code serve}, each in a JVM of its own. The first ends every session by the rules (read back from Kafka and
 * checked by {@code inspect --check}), stops an embedded broker before the JVM exits (Kafka's clean-shutdown marker
 * is in its data folder, so the next start recovers no log) and exits 0; a second, while packets still wait for an
 * unreachable Stream API, says what is lost and stops at once with 130. SIGTERM to {@code run} ends it the same way.
 */
class CtrlCSignalTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(90);
    private static final Pattern SERVING = Pattern.compile("Serving: kafka=(\\S+) stream-api=(\\S+) key-generator=(\\S+) ");
    private static final Map<String, Integer> STREAMS = Map.of("Stream1", 1, "Stream2", 2);

    @TempDir
    static Path dir;

    @BeforeAll
    static void signalsReachChildren() {
        assumeTrue(JavaProcess.sigintIsDelivered(), "this JVM was started with SIGINT ignored, so would the command be");
    }

    @Test
    void ctrlCToReplayEndsTheSessionAndCtrlCToServeStopsTheBrokerCleanlyBothExitingZero() throws Exception {
        Path data = Files.createTempDirectory("slipstream-ctrlc-serve");
        try (JavaProcess serve = JavaProcess.start(dir.resolve("serve.log"), "serve", "--data-dir", data.toString(),
                "--kafka-port", "0", "--stream-api-port", "0", "--key-generator-port", "0")) {
            Matcher served = serve.awaitOutput(SERVING, START);
            String kafka = served.group(1);
            Path summary = dir.resolve("replay.json");
            try (JavaProcess replay = JavaProcess.start(dir.resolve("replay.log"), "replay", lap().toString(), "--realtime",
                    "--data-source", "CtrlCReplay", "--stream-api", served.group(2), "--key-generator", served.group(3),
                    "--kafka", kafka, "--summary-json", summary.toString(), "--plugins", dir.resolve("none").toString())) {
                // The source has started on the file's 6.5 s of rows, in real time.
                replay.awaitOutput(Pattern.compile("Configuration 1: "), START);
                replay.interrupt();
                assertEquals(0, replay.awaitExit(STOP), replay::output);
                assertTrue(replay.output().contains("Ctrl-C: ending the session cleanly, "), replay::output);
                assertTrue(replay.output().contains("Pipeline 'lap.ibt' ended cleanly"), replay::output);
                Matcher received = Pattern.compile("samples: ([\\d,]+) received").matcher(replay.output());
                assertTrue(received.find(), replay::output);
                long samples = Long.parseLong(received.group(1).replace(",", ""));
                assertTrue(samples < 390 * 26, "stopped part way through the file's 390 rows: " + samples);
            }
            String session = SummaryJson.text(Files.readString(summary), "sessionKey");
            assertEndedByTheRules(kafka, "CtrlCReplay", session);

            serve.interrupt();
            assertEquals(0, serve.awaitExit(STOP), serve::output);
            assertTrue(serve.output().contains("Stopping the embedded stack."), serve::output);
            assertTrue(serve.output().contains("Kafka broker on " + kafka + " stopped"), serve::output);
        }
        assertStoppedCleanly(data.resolve("kafka"));
    }

    @Test
    void ctrlCToRunEndsItsSessionAndStopsItsEmbeddedBrokerBeforeTheJvmExits() throws Exception {
        runOnItsOwnStackThenSignal("CtrlCRun", JavaProcess::interrupt);
    }

    @Test
    void sigtermToRunEndsItsSessionAndStopsItsEmbeddedBrokerBeforeTheJvmExits() throws Exception {
        // SIGTERM (a service manager's or a container's stop) goes through the shutdown hook, not the Ctrl-C handler.
        runOnItsOwnStackThenSignal("SigtermRun", run -> run.signal("TERM"));
    }

    @Test
    void sigtermToReplayOnItsOwnStackStopsItsEmbeddedBrokerBeforeTheJvmExits() throws Exception {
        Path data = Files.createTempDirectory("slipstream-sigterm-replay");
        try (JavaProcess replay = JavaProcess.start(dir.resolve("term-replay.log"), "replay", lap().toString(), "--realtime",
                "--data-source", "SigtermReplay", "--data-dir", data.toString(), "--kafka-port", "0", "--stream-api-port", "0",
                "--key-generator-port", "0", "--plugins", dir.resolve("none").toString())) {
            replay.awaitOutput(Pattern.compile("Configuration 1: "), START);
            replay.signal("TERM");
            assertEquals(0, replay.awaitExit(STOP), replay::output);
            assertTrue(replay.output().contains("Pipeline 'lap.ibt' ended cleanly"), replay::output);
            assertTrue(replay.output().contains("Embedded stack stopped"), replay::output);
        }
        assertStoppedCleanly(data.resolve("kafka"));
    }

    /** A run on its own stack (free ports) gets the signal once it sends; it ends cleanly and so does its broker. */
    private static void runOnItsOwnStackThenSignal(String dataSource, Consumer<JavaProcess> signal) throws Exception {
        Path data = Files.createTempDirectory("slipstream-signal-run");
        Path config = dir.resolve(dataSource + ".yaml");
        Files.writeString(config, """
                pipelines:
                  - name: car
                    source: { provider: synthetic, preset: demo }
                    block: { span: 100ms, linger: 200ms }
                    overflow: { policy: drop-oldest }
                    sink: { stream-api: embedded, data-source: %s }
                """.formatted(dataSource));
        Path summary = dir.resolve(dataSource + ".json");
        try (JavaProcess run = JavaProcess.start(dir.resolve(dataSource + ".log"), "run", config.toString(), "--data-dir",
                data.toString(), "--kafka-port", "0", "--stream-api-port", "0", "--key-generator-port", "0",
                "--summary-json", summary.toString(), "--plugins", dir.resolve("none").toString())) {
            run.awaitOutput(Pattern.compile("car: .* [1-9][\\d,]* packets sent"), START);
            signal.accept(run);
            assertEquals(0, run.awaitExit(STOP), run::output);
            assertTrue(run.output().contains("Pipeline 'car' ended cleanly"), run::output);
            assertTrue(run.output().contains("Embedded stack stopped"), run::output);
        }
        assertStoppedCleanly(data.resolve("kafka"));
        String session = SummaryJson.text(Files.readString(summary), "sessionKey");
        try (KafkaBroker again = KafkaBroker.start(data.resolve("kafka"), 0)) {
            assertEndedByTheRules(again.bootstrapServers(), dataSource, session);
        }
    }

    @Test
    void aSecondCtrlCWhilePacketsWaitForTheStreamApiSaysWhatIsLostAndStops() throws Exception {
        // A Stream API that takes the connection and never answers: every packet the replay makes stays queued.
        try (FaultyProxy nowhere = FaultyProxy.start("127.0.0.1:1")) {
            nowhere.stall();
            try (JavaProcess replay = JavaProcess.start(dir.resolve("stuck.log"), "replay", lap().toString(), "--realtime",
                    "--data-source", "CtrlCLost", "--stream-api", nowhere.address(), "--key-generator", nowhere.address(),
                    "--plugins", dir.resolve("none").toString())) {
                // The whole file read: its blocks wait for a session that cannot be created.
                replay.awaitOutput(Pattern.compile("lap\\.ibt: 0:06 of 0:06 \\(100%\\)"), START);
                replay.interrupt();
                Matcher ending = replay.awaitOutput(Pattern.compile(
                        "Ctrl-C: ending the session cleanly, ([\\d,]+) packets and ([\\d,]+) buffered samples still to send"), STOP);
                replay.interrupt();
                assertEquals(130, replay.awaitExit(STOP), replay::output);
                Matcher lost = Pattern.compile("Second Ctrl-C: stopping now\\. Lost: ([\\d,]+) packets and ([\\d,]+) buffered samples"
                        + " not sent; the session left without an end").matcher(replay.output());
                assertTrue(lost.find(), replay::output);
                long packets = Long.parseLong(lost.group(1).replace(",", ""));
                assertTrue(packets > 0, "the blocks of the file were still to send: " + lost.group());
                assertEquals(ending.group(1), lost.group(1), "nothing was sent in between, so what was pending is what is lost");
                assertFalse(replay.output().contains("ended cleanly"), replay::output);
            }
        }
    }

    /** The session's records on Kafka: NewSession and EndOfSession on each of its streams, and every rule holds. */
    private static void assertEndedByTheRules(String kafka, String dataSource, String session) {
        List<LandedPacket> landed = new KafkaPacketReader().readAll(kafka, dataSource, STREAMS).stream()
                .filter(p -> session.equals(p.key()) || (p.packet() != null && session.equals(p.packet().getSessionKey()))).toList();
        List<String> ended = landed.stream().filter(p -> p.packet() != null && "EndOfSession".equals(p.packet().getType()))
                .map(LandedPacket::stream).distinct().sorted().toList();
        assertTrue(ended.containsAll(List.of("", "Stream1")), "EndOfSession on the main and the data stream: " + ended);
        Cli.Result check = Cli.run("inspect", "--bootstrap", kafka, "--data-source", dataSource, "--session", session, "--check");
        assertEquals(0, check.code(), check::toString);
        assertTrue(check.out().contains("check: every rule holds"), check::toString);
    }

    /** Kafka writes its clean-shutdown marker last when it stops, and deletes it when it starts. */
    private static void assertStoppedCleanly(Path kafkaDir) {
        assertTrue(Files.exists(kafkaDir.resolve(CleanShutdownFileHandler.CLEAN_SHUTDOWN_FILE_NAME)),
                "the broker stopped cleanly, so its next start recovers no log: " + kafkaDir);
    }

    private static Path lap() throws IOException {
        Path ibt = dir.resolve("lap.ibt");
        if (!Files.exists(ibt)) {
            try (InputStream in = CtrlCSignalTest.class.getResourceAsStream("/ibt/teamjorge_valid_test_file.ibt")) {
                Files.copy(in, ibt);
            }
        }
        return ibt;
    }
}
