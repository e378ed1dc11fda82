package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.slipstream.app.inspect.PacketSummary;
import io.slipstream.streamapi.EmbeddedStack;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import ma.streaming.api.v1.GetCurrentSessionsRequest;
import ma.streaming.api.v1.SessionManagementServiceGrpc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command end to end against one real embedded stack (Kafka broker, Stream API, Key Generator on free
 * ports, shared with the other end-to-end classes): the demo run, replays of a CSV and a real .ibt, and a
 * pipeline from a plug-in jar; everything read back from Kafka and checked against the session rules.
 */
class EndToEndTest {

    @TempDir
    static Path dir;

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    private static EmbeddedStack stack;

    @BeforeAll
    static void stack() {
        stack = STACK.get();
    }

    private static String[] withStack(String... args) {
        return STACK.with(dir.resolve("no-plugins"), args);
    }

    private static List<LandedPacket> landed(String dataSource, String session) {
        return new KafkaPacketReader().readAll(stack.kafkaBootstrap(), dataSource, Map.of("Stream1", 1, "Stream2", 2))
                .stream().filter(p -> p.packet() != null && session.equals(p.packet().getSessionKey())).toList();
    }

    private static long dataSamplesOnStream(List<LandedPacket> packets, String stream) {
        return packets.stream().filter(p -> stream.equals(p.stream()) && "PeriodicData".equals(p.packet().getType()))
                .mapToLong(p -> ((Number) PacketSummary.of(p.packet()).get("samples")).longValue()).sum();
    }

    private static String runDemo(Path json) throws IOException {
        Cli.Result run = Cli.run(withStack("run", "--duration", "4s", "--summary-json", json.toString()));
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("slipstream inspect --bootstrap"), run::toString);
        assertTrue(run.out().contains("  slipstream view --bootstrap " + stack.kafkaBootstrap() + " --data-source Slipstream"
                + "      (traces, laps and checks in a browser at http://127.0.0.1:8080/)"), run::toString);
        return Files.readString(json);
    }

    @Test
    void theDemoRunsForFourSecondsAndEverySampleLandsWithItsMarkers() throws IOException {
        String summary = runDemo(dir.resolve("demo-summary.json"));
        String session = SummaryJson.text(summary, "sessionKey");
        long received = SummaryJson.number(summary, "received");
        // --duration is wall-clock time from the run's start, and the source's first tick comes a little after it
        // (seen: 50,888 of the 50,920 in 4 s), while the stop that follows takes well under half a second more;
        // the exact count is checked below against what landed.
        assertTrue(received >= 3.5 * 12_730 && received <= 4.5 * 12_730, "about 4 s of 12,730 samples/s, got " + received);
        assertEquals(received, SummaryJson.number(summary, "emitted") + SummaryJson.number(summary, "dropped"), summary);
        assertEquals(1, SummaryJson.number(summary, "markers"), "the out-lap marker; the first lap ends at 30 s: " + summary);
        assertEquals(0, SummaryJson.number(summary, "markersDropped"), "a clean end sends every marker: " + summary);
        assertEquals(SummaryJson.number(summary, "emitted") + SummaryJson.number(summary, "filled"),
                SummaryJson.number(summary, "sentToStreamApi"), summary);
        assertEquals(0, SummaryJson.number(summary, "notSent"), summary);

        Cli.Result inspect = Cli.run("inspect", "--bootstrap", stack.kafkaBootstrap(), "--session", session);
        assertEquals(0, inspect.code(), inspect::toString);
        assertTrue(inspect.out().contains(" PeriodicData session=" + session), inspect::toString);
        assertTrue(inspect.out().contains(" Marker session=" + session + " label=Out Lap"), inspect::toString);
        assertEquals(SummaryJson.number(summary, "emitted") + SummaryJson.number(summary, "filled"),
                dataSamplesOnStream(landed("Slipstream", session), "Stream1"), "every sample put in a block landed on the data stream");
    }

    @Test
    void afterTheDemoInspectCheckFindsEveryRuleHolds() throws IOException {
        String session = SummaryJson.text(runDemo(dir.resolve("demo-check-summary.json")), "sessionKey");
        Cli.Result inspect = Cli.run("inspect", "--bootstrap", stack.kafkaBootstrap(), "--session", session, "--check");
        assertEquals(0, inspect.code(), inspect::toString);
        assertTrue(inspect.out().contains("check: every rule holds"), inspect::toString);
    }

    @Test
    void aStopRequestEndsAnOpenEndedRunCleanlyAsCtrlCDoes() throws IOException {
        Path cfg = Files.writeString(dir.resolve("open-ended.yaml"), """
                pipelines:
                  - name: open-ended
                    source: { provider: synthetic, preset: demo }
                    block: { span: 100ms, linger: 200ms }
                    overflow: { policy: drop-oldest }
                    sink: { data-source: StopTest }
                """);
        Path json = dir.resolve("stopped-summary.json");
        Cli.Background run = Cli.start(withStack("run", cfg.toString(), "--summary-json", json.toString()));
        run.awaitUntil("data on Kafka", Duration.ofSeconds(60), () -> new KafkaPacketReader()
                .readAll(stack.kafkaBootstrap(), "StopTest", Map.of("Stream1", 1)).stream()
                .anyMatch(p -> p.packet() != null && "PeriodicData".equals(p.packet().getType())));
        run.requestStop();
        Cli.Result r = run.await(Duration.ofSeconds(60));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Pipeline 'open-ended' ended cleanly"), r::toString);
        String summary = Files.readString(json);
        String session = SummaryJson.text(summary, "sessionKey");
        assertEquals(0, SummaryJson.number(summary, "unconfirmed"), summary);
        List<LandedPacket> packets = landed("StopTest", session);
        assertEquals(List.of(), new SessionRuleChecker().check(packets, session), "the stopped session ended by the rules");
        assertEquals(SummaryJson.number(summary, "emitted") + SummaryJson.number(summary, "filled"),
                dataSamplesOnStream(packets, "Stream1"), "every sample put in a block before the stop landed");
    }

    @Test
    void replayOfACsvFileWithNoConfigLandsAsOneCleanSession() throws IOException {
        Path csv = copy("/replay/stint.csv", "stint.csv");
        Path json = dir.resolve("csv-summary.json");
        Cli.Result r = Cli.run(withStack("replay", csv.toString(), "--data-source", "CsvReplay", "--summary-json", json.toString()));
        assertEquals(0, r.code(), r::toString);
        String summary = Files.readString(json);
        String session = SummaryJson.text(summary, "sessionKey");
        assertEquals(600 * 5, SummaryJson.number(summary, "received"), "600 rows of 5 channels: " + summary);
        List<LandedPacket> packets = landed("CsvReplay", session);
        assertEquals(List.of(), new SessionRuleChecker().check(packets, session));
        assertEquals(600 * 5, dataSamplesOnStream(packets, "Stream1"));
    }

    @Test
    void replayOfARealIbtFileLandsAsOneCleanSessionWithLapMarkers() throws IOException {
        Path ibt = copy("/ibt/teamjorge_valid_test_file.ibt", "valid.ibt");
        Path json = dir.resolve("ibt-summary.json");
        Cli.Result r = Cli.run(withStack("replay", ibt.toString(), "--fast", "--data-source", "IbtReplay", "--summary-json", json.toString()));
        assertEquals(0, r.code(), r::toString);
        String summary = Files.readString(json);
        String session = SummaryJson.text(summary, "sessionKey");
        List<LandedPacket> packets = landed("IbtReplay", session);
        assertEquals(List.of(), new SessionRuleChecker().check(packets, session));
        long inBlocks = SummaryJson.number(summary, "emitted") + SummaryJson.number(summary, "filled");
        assertEquals(0, SummaryJson.number(summary, "dropped"), "a fast replay waits, it does not drop: " + summary);
        assertEquals(SummaryJson.number(summary, "received"), SummaryJson.number(summary, "emitted"), summary);
        assertEquals(inBlocks, dataSamplesOnStream(packets, "Stream1"));
        assertTrue(packets.stream().anyMatch(p -> "Marker".equals(p.packet().getType())), "an out-lap marker at least");
    }

    @Test
    void aCorruptIbtFailsNamingTheOffsetAndCreatesNoSession() throws Exception {
        Path bad = copy("/ibt/teamjorge_invalid_test_file.ibt", "invalid.ibt");
        Cli.Result r = Cli.run(withStack("replay", bad.toString(), "--fast", "--data-source", "BadIbt"));
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("FAILED: invalid.ibt at offset 0: header version is"), r::toString);
        assertTrue(r.out().contains("no session was created"), r::toString);
        assertFalse(r.out().contains("slipstream inspect"), "nothing was written to look at: " + r);
        ManagedChannel channel = ManagedChannelBuilder.forTarget(stack.streamApiAddress()).usePlaintext().build();
        try {
            assertEquals(List.of(), SessionManagementServiceGrpc.newBlockingStub(channel).getCurrentSessions(
                    GetCurrentSessionsRequest.newBuilder().setDataSource("BadIbt").build()).getSessionKeysList());
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aSourceFromAPluginJarIsListedAndRunsAPipeline() throws IOException {
        Path plugins = dir.resolve("plugins");
        PluginJarBuilder.build(dir.resolve("plugin-build"), plugins);
        Cli.Result sources = Cli.run("sources", "--plugins", plugins.toString());
        assertEquals(0, sources.code(), sources::toString);
        assertTrue(sources.out().contains("tiny - a ramp, from a plug-in jar"), sources::toString);
        assertTrue(sources.out().contains("from: tiny-source.jar"), sources::toString);
        assertTrue(sources.out().contains("synthetic - "), "built-in providers are listed too: " + sources);
        assertTrue(sources.out().endsWith("How each channel is sent (whatever the source):\n"
                + "  as gapless blocks (PeriodicDataPacket): a channel declared at a rate that its read times keep to\n"
                + "  as timestamped rows (RowDataPacket), every sample at its own time: a channel declared without a rate,\n"
                + "    one whose first 16 intervals are irregular (more than a quarter would split a block), or any channel\n"
                + "    of a pipeline with block.gap: rows\n"
                + "  as events (EventPacket), after the configuration that defines them: what a source declares as an event\n"
                + "    (iracing: incidents, flags, engine warnings; synthetic: kind: event)\n"), sources::toString);

        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, """
                pipelines:
                  - name: tiny
                    source: { provider: tiny, samples: 300 }
                    overflow: { policy: block }
                    sink: { data-source: PluginTest }
                """);
        Path json = dir.resolve("tiny-summary.json");
        String[] args = withStack("run", cfg.toString(), "--summary-json", json.toString());
        args[args.length - 1] = plugins.toString();
        Cli.Result run = Cli.run(args);
        assertEquals(0, run.code(), run::toString);
        String session = SummaryJson.text(Files.readString(json), "sessionKey");
        List<LandedPacket> packets = landed("PluginTest", session);
        assertEquals(List.of(), new SessionRuleChecker().check(packets, session));
        assertEquals(300, dataSamplesOnStream(packets, "Stream1"));
    }

    private static Path copy(String resource, String name) throws IOException {
        Path out = dir.resolve(name);
        try (InputStream in = EndToEndTest.class.getResourceAsStream(resource)) {
            Files.copy(in, out);
        }
        return out;
    }
}
