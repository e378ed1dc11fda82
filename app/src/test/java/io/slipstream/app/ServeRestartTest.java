package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ma.streaming.api.v1.GetCurrentSessionsRequest;
import ma.streaming.api.v1.GetSessionInfoRequest;
import ma.streaming.api.v1.GetSessionInfoResponse;
import ma.streaming.api.v1.SessionManagementServiceGrpc;
import ma.streaming.api.v1.SessionManagementServiceGrpc.SessionManagementServiceBlockingStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream serve}, stopped and started again on the same data folder, carries on where it stopped: the
 * sessions written before are still known to its Stream API (over gRPC) and their packets still read back
 * from its Kafka; a new session lands after them. Both runs are the real command on free ports.
 */
class ServeRestartTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Pattern SERVING = Pattern.compile("Serving: kafka=(\\S+) stream-api=(\\S+) key-generator=(\\S+) ");
    private static final String DATA_SOURCE = "ServeRestart";

    @TempDir
    static Path dir;

    /** Not under the @TempDir: deleting a running broker's folder would make Kafka halt the JVM. */
    private static Path dataDir;

    private static boolean stoppedCleanly;

    @BeforeAll
    static void dataDir() throws IOException {
        dataDir = Files.createTempDirectory("slipstream-serve");
    }

    @AfterAll
    static void removeDataDir() throws IOException {
        if (!stoppedCleanly) {
            return; // a broker may still hold it; the folder is left for the OS to clean up
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** A serve run and the addresses it printed. */
    private record Served(Cli.Background command, String kafka, String streamApi, String keyGenerator) {

        static Served start(Path dataDir) {
            Cli.Background serve = Cli.start("serve", "--data-dir", dataDir.toString(), "--kafka-port", "0",
                    "--stream-api-port", "0", "--key-generator-port", "0", "--duration", "10m");
            serve.awaitUntil("the 'Serving:' line", START, () -> SERVING.matcher(serve.out()).find());
            Matcher m = SERVING.matcher(serve.out());
            assertTrue(m.find());
            return new Served(serve, m.group(1), m.group(2), m.group(3));
        }

        String replay(Path csv, Path summary) throws IOException {
            Cli.Result r = Cli.run("replay", csv.toString(), "--data-source", DATA_SOURCE, "--stream-api", streamApi,
                    "--key-generator", keyGenerator, "--kafka", kafka, "--summary-json", summary.toString(),
                    "--plugins", dir.resolve("no-plugins").toString());
            assertEquals(0, r.code(), r::toString);
            return SummaryJson.text(Files.readString(summary), "sessionKey");
        }

        List<LandedPacket> landed() {
            return new KafkaPacketReader().readAll(kafka, DATA_SOURCE, Map.of("Stream1", 1, "Stream2", 2));
        }

        Cli.Result stop() {
            command.requestStop();
            Cli.Result r = command.await(Duration.ofSeconds(60));
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("Stopping the embedded stack."), r::toString);
            return r;
        }
    }

    @Test
    void aRestartedServeStillHasTheSessionsAndPacketsWrittenBeforeAndCarriesOn() throws Exception {
        Path csv = dir.resolve("stint.csv");
        try (InputStream in = ServeRestartTest.class.getResourceAsStream("/replay/stint.csv")) {
            Files.copy(in, csv);
        }

        Served first = Served.start(dataDir);
        String before;
        GetSessionInfoResponse infoBefore;
        List<LandedPacket> landedBefore;
        try {
            before = first.replay(csv, dir.resolve("before.json"));
            infoBefore = sessionInfo(first.streamApi(), before);
            landedBefore = first.landed();
        } finally {
            first.stop();
        }
        assertTrue(infoBefore.getSuccess() && infoBefore.getIsComplete(), infoBefore::toString);
        long blocks = SummaryJson.number(Files.readString(dir.resolve("before.json")), "blocks");
        assertEquals(blocks, landedBefore.stream()
                .filter(p -> p.packet() != null && "PeriodicData".equals(p.packet().getType())).count(),
                "every block the replay made landed before the restart");

        Served second = Served.start(dataDir);
        try {
            assertEquals(List.of(before), currentSessions(second.streamApi()), "the session written before the restart");
            GetSessionInfoResponse infoAfter = sessionInfo(second.streamApi(), before);
            assertEquals(infoBefore, infoAfter, "the session's info survives the restart unchanged");
            List<LandedPacket> landedAfter = second.landed();
            assertEquals(offsets(landedBefore), offsets(landedAfter), "the same packets at the same offsets");

            Cli.Result check = Cli.run("inspect", "--bootstrap", second.kafka(), "--data-source", DATA_SOURCE,
                    "--session", before, "--check");
            assertEquals(0, check.code(), check::toString);
            assertTrue(check.out().contains("check: every rule holds"), check::toString);

            String after = second.replay(csv, dir.resolve("after.json"));
            assertEquals(List.of(before, after), currentSessions(second.streamApi()), "a new session after the old one");
            List<LandedPacket> all = second.landed();
            assertTrue(offsets(all).containsAll(offsets(landedBefore)), "the old packets are all still there");
            assertTrue(all.stream().anyMatch(p -> isOf(p, after)), "the new session's packets landed");
            assertTrue(all.stream().filter(p -> isOf(p, after))
                            .allMatch(p -> p.offset() >= endOffset(landedBefore, p.topic(), p.partition())),
                    "the new session's packets follow the old ones on every partition");
            Cli.Result checkAfter = Cli.run("inspect", "--bootstrap", second.kafka(), "--data-source", DATA_SOURCE,
                    "--session", after, "--check");
            assertEquals(0, checkAfter.code(), checkAfter::toString);
        } finally {
            second.stop();
        }
        stoppedCleanly = true;
    }

    private static boolean isOf(LandedPacket p, String session) {
        return session.equals(p.key()) || (p.packet() != null && session.equals(p.packet().getSessionKey()));
    }

    private static long endOffset(List<LandedPacket> packets, String topic, int partition) {
        return packets.stream().filter(p -> p.topic().equals(topic) && p.partition() == partition)
                .mapToLong(LandedPacket::offset).max().orElse(-1) + 1;
    }

    private static List<String> offsets(List<LandedPacket> packets) {
        return packets.stream().map(p -> p.topic() + "/" + p.partition() + "@" + p.offset()).toList();
    }

    private static List<String> currentSessions(String streamApi) throws InterruptedException {
        return sessions(streamApi, stub -> stub.getCurrentSessions(
                GetCurrentSessionsRequest.newBuilder().setDataSource(DATA_SOURCE).build()).getSessionKeysList());
    }

    private static GetSessionInfoResponse sessionInfo(String streamApi, String session) throws InterruptedException {
        return sessions(streamApi, stub -> stub.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(session).build()));
    }

    /** One call to the Session Management service of the Stream API, over a real loopback gRPC connection. */
    private static <T> T sessions(String streamApi, Function<SessionManagementServiceBlockingStub, T> call)
            throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(streamApi).usePlaintext().build();
        try {
            return call.apply(SessionManagementServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS));
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
