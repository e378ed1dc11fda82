package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.app.faults.FaultyProxy;
import io.slipstream.app.inspect.PacketSummary;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import io.slipstream.streamapi.KafkaBroker;
import io.slipstream.streamapi.KeyGeneratorServer;
import io.slipstream.streamapi.StackOptions;
import io.slipstream.streamapi.StreamApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on real sockets between the bridge and a real Stream API over a real broker: a TCP proxy of ours that resets
 * or stalls the connection, the Stream API stopped and started again, the broker stopped and started again under the
 * Stream API. Each run is the real {@code run} command with a live synthetic source; afterwards Kafka is read back:
 * every sample the pipeline put in a block is on the data stream once, no packet is there twice, and every rule holds.
 */
class FaultInjectionTest {

    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final Map<String, Integer> STREAMS = Map.of("Stream1", 1, "Stream2", 2);

    @TempDir
    static Path dir;

    /** Not under the @TempDir: deleting a running broker's folder would make Kafka halt the JVM. */
    private static Path data;
    private static KafkaBroker broker;
    private static KeyGeneratorServer keys;
    private static StreamApiServer api;
    private static int apiPort;

    @BeforeAll
    static void start() throws IOException {
        data = Files.createTempDirectory("slipstream-faults");
        broker = KafkaBroker.start(data.resolve("kafka"), 0);
        keys = KeyGeneratorServer.start(0);
        api = StreamApiServer.start(broker.bootstrapServers(), 0, StackOptions.ephemeral(data));
        apiPort = api.port();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (keys != null) {
            keys.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aConnectionResetMidSessionLosesNothingAndDuplicatesNothingWhenTheSinkReadsKafka() throws IOException {
        resetMidSession("FaultReset", true);
    }

    @Test
    void aConnectionResetMidSessionLosesNothingAndDuplicatesNothing() throws IOException {
        resetMidSession("FaultResetNoKafka", false);
    }

    private static void resetMidSession(String dataSource, boolean viaKafka) throws IOException {
        try (FaultyProxy proxy = FaultyProxy.start(api.address())) {
            Path json = dir.resolve(dataSource + ".json");
            Cli.Background run = run(dataSource, proxy.address(), viaKafka, json);
            awaitDataPackets(run, dataSource, 5);
            // Reset, then refuse the sink's next two connections (accepted and closed at once) before letting one through.
            proxy.dropNewConnections(true);
            int connections = proxy.accepted();
            assertTrue(proxy.reset() > 0, "the sink's connection was open");
            run.awaitUntil("two connections dropped", WITHIN, () -> proxy.accepted() >= connections + 2);
            proxy.dropNewConnections(false);
            int dropped = proxy.accepted();
            long before = dataPackets(dataSource);
            run.awaitUntil("a new connection carrying data", WITHIN,
                    () -> proxy.accepted() > dropped && dataPackets(dataSource) >= before + 10);
            assertLandedOnceEach(stop(run), dataSource, json);
        }
    }

    @Test
    void aStalledConnectionThatResumesLosesNothingAndDuplicatesNothing() throws IOException {
        try (FaultyProxy proxy = FaultyProxy.start(api.address())) {
            Path json = dir.resolve("stall.json");
            Cli.Background run = run("FaultStall", proxy.address(), false, json);
            awaitDataPackets(run, "FaultStall", 5);
            proxy.stall();
            // The bridge goes on writing into the stalled connection: about 2.5 s of this source's data held.
            run.awaitUntil("64 KB held by the stall", WITHIN, () -> proxy.held() >= 64 * 1024);
            long before = dataPackets("FaultStall");
            proxy.resume();
            run.awaitUntil("data after the stall", WITHIN, () -> dataPackets("FaultStall") >= before + 30);
            assertLandedOnceEach(stop(run), "FaultStall", json);
        }
    }

    @Test
    void aStreamApiStoppedAndStartedAgainMidSessionLosesNothingAndDuplicatesNothing() throws IOException {
        restartMidSession("FaultRestart", () -> {
            api.close();
            api = StreamApiServer.start(broker.bootstrapServers(), apiPort, StackOptions.ephemeral(data));
        });
    }

    @Test
    void aBrokerStoppedAndStartedAgainUnderTheStreamApiLosesNothingAndDuplicatesNothing() throws IOException {
        restartMidSession("FaultBroker", () -> {
            int port = broker.port();
            broker.close();
            broker = KafkaBroker.start(data.resolve("kafka"), port);
        });
    }

    /** A run with {@code --kafka} straight to the Stream API, through {@code restart} part way. */
    private static void restartMidSession(String dataSource, Runnable restart) throws IOException {
        Path json = dir.resolve(dataSource + ".json");
        Cli.Background run = run(dataSource, api.address(), true, json);
        awaitDataPackets(run, dataSource, 5);
        restart.run();
        long before = dataPackets(dataSource);
        run.awaitUntil("data after the restart", WITHIN, () -> dataPackets(dataSource) >= before + 10);
        assertLandedOnceEach(stop(run), dataSource, json);
    }

    /** A live source of 4 channels at 500 Hz (2,000 samples/s), with a buffer that holds more than a minute of it. */
    private static Cli.Background run(String dataSource, String streamApi, boolean viaKafka, Path json) throws IOException {
        Path cfg = Files.writeString(dir.resolve(dataSource + ".yaml"), """
                pipelines:
                  - name: faults
                    source:
                      provider: synthetic
                      channels:
                        - { name: A, kind: sine, rate: 500 }
                        - { name: B, kind: ramp, rate: 500 }
                        - { name: C, kind: square, rate: 500 }
                        - { name: D, kind: noise, rate: 500 }
                    block: { span: 100ms, linger: 200ms }
                    overflow: { policy: drop-oldest, buffer: 262144 }
                    sink: { data-source: %s }
                """.formatted(dataSource));
        List<String> args = new ArrayList<>(List.of("run", cfg.toString(), "--stream-api", streamApi,
                "--key-generator", keys.address(), "--summary-json", json.toString(), "--plugins", dir.resolve("none").toString()));
        if (viaKafka) {
            args.addAll(List.of("--kafka", broker.bootstrapServers()));
        }
        return Cli.start(args.toArray(String[]::new));
    }

    private static void awaitDataPackets(Cli.Background run, String dataSource, long count) {
        run.awaitUntil(count + " data packets on Kafka", WITHIN, () -> dataPackets(dataSource) >= count);
    }

    private static Cli.Result stop(Cli.Background run) {
        run.requestStop();
        Cli.Result r = run.await(WITHIN);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Pipeline 'faults' ended cleanly"), r::toString);
        return r;
    }

    private static List<LandedPacket> landed(String dataSource) {
        return new KafkaPacketReader().readAll(broker.bootstrapServers(), dataSource, STREAMS);
    }

    private static long dataPackets(String dataSource) {
        return landed(dataSource).stream().filter(p -> p.packet() != null && "PeriodicData".equals(p.packet().getType())).count();
    }

    /** Every sample put in a block is on the data stream, no packet id twice on a stream, every rule holds, none dropped. */
    private static void assertLandedOnceEach(Cli.Result result, String dataSource, Path json) throws IOException {
        String summary = Files.readString(json);
        String session = SummaryJson.text(summary, "sessionKey");
        List<LandedPacket> packets = landed(dataSource).stream()
                .filter(p -> p.packet() != null && session.equals(p.packet().getSessionKey())).toList();
        // The essentials topic holds one copy per stream of each configuration and marker, by design: left to the rules.
        Map<String, Long> copies = packets.stream().filter(p -> !p.essentialsTopic()).collect(Collectors.groupingBy(
                p -> p.stream() + " #" + p.packet().getId() + " " + p.packet().getType(), Collectors.counting()));
        assertEquals(Map.of(), copies.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "packets on Kafka more than once");
        assertEquals(0, SummaryJson.number(summary, "dropped"), "the buffer held the fault's backlog: " + summary);
        long onKafka = packets.stream().filter(p -> "Stream1".equals(p.stream()) && "PeriodicData".equals(p.packet().getType()))
                .mapToLong(p -> ((Number) PacketSummary.of(p.packet()).get("samples")).longValue()).sum();
        assertEquals(SummaryJson.number(summary, "emitted") + SummaryJson.number(summary, "filled"), onKafka,
                "every sample put in a block landed, once: " + result);
        assertEquals(List.of(), new SessionRuleChecker().check(packets, session), "the session keeps the rules");
    }
}
