package io.slipstream.sink.streamapi;

import static io.slipstream.sink.streamapi.Events.FAST;
import static io.slipstream.sink.streamapi.Events.MS;
import static io.slipstream.sink.streamapi.Events.SLOW;
import static io.slipstream.sink.streamapi.Events.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.SessionDetails;
import io.slipstream.spi.SessionMetadata;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.slipstream.streamapi.EmbeddedStack;
import io.slipstream.streamapi.StackOptions;
import io.slipstream.streamapi.StreamApiServer;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import io.slipstream.atlaskafka.inspect.Violation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ma.streaming.api.v1.GetSessionInfoRequest;
import ma.streaming.api.v1.SessionManagementServiceGrpc;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The sink against the embedded stack with its real KRaft broker: every session is read back from Kafka and
 * checked by {@link SessionRuleChecker}, the same oracle as {@code slipstream inspect --check}.
 */
class StreamApiSinkEndToEndTest {

    @TempDir
    static Path dir;
    static EmbeddedStack stack;
    static StackOptions options;
    static StreamApiServer current;
    static int port;
    static String streamApi;
    static String keyGenerator;

    @BeforeAll
    static void start() {
        options = StackOptions.ephemeral(dir);
        stack = EmbeddedStack.start(options);
        current = stack.streamApi();
        port = stack.streamApiPort();
        streamApi = stack.streamApiAddress();
        keyGenerator = stack.keyGeneratorAddress();
    }

    @AfterAll
    static void stop() {
        stopStreamApi();
        stack.close();
    }

    /** Stops the current Stream API (closing one that is stopped already does nothing). */
    private static void stopStreamApi() {
        current.close();
    }

    private static void restartStreamApi() {
        current = StreamApiServer.start(stack.kafkaBootstrap(), port, options);
    }

    private static SinkSettings settings(String dataSource) {
        return SinkSettings.defaults().withStreamApi(streamApi)
                .withKeyGenerator(keyGenerator).withKafkaBootstrap(stack.kafkaBootstrap())
                .withDataSource(dataSource)
                .withRetry(new RetrySettings(0, Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    private static List<LandedPacket> landed(String dataSource) {
        return new KafkaPacketReader().readAll(stack.kafkaBootstrap(), dataSource, options.partitionMappings());
    }

    private static List<String> types(List<LandedPacket> l, String key, String stream) {
        return l.stream().filter(p -> key.equals(p.key()) && p.stream().equals(stream))
                .map(p -> p.packet().getType()).toList();
    }

    private static Block slow(int n) {
        return new Block(SLOW, T0 + n * 100 * MS, 100 * MS, 1, new double[][] {{n}}, null);
    }

    @Test
    void aSessionLandsOnKafkaKeepingEveryRuleAndIsConfirmed() {
        List<PipelineEvent> events = new ArrayList<>();
        events.add(Events.config1());
        for (int i = 0; i < 30; i++) {
            events.add(Events.fast(i));
        }
        events.add(new Marker(T0 + 1500 * MS, "Lap 2", "Lap Trigger", "", "Lap:iRacing", 2));
        events.add(new SessionDetails(Events.META.with(SessionMetadata.SESSION_TYPE, "Race")));
        events.add(Events.config2());
        for (int i = 30; i < 40; i++) {
            events.add(Events.fast(i));
            events.add(slow(i));
        }
        events.add(new Marker(T0 + 3950 * MS, "Pit In", "Pit", "", "OnPitRoad:iRacing", 0));
        try (StreamApiSink sink = new StreamApiSink(settings("E2eHappy").withConfirm(true, Duration.ofSeconds(20)))) {
            SinkResult r = sink.write(Flux.fromIterable(events)).block(Duration.ofSeconds(60));

            assertEquals(List.of(), r.unconfirmedPacketIds());
            // NewSession, 2 configurations, 2 markers, EndOfSession on both streams; 50 blocks on Stream1
            assertEquals(2 * 6 + 50, r.counters().confirmed());
            assertEquals(0, r.counters().unconfirmed());
            List<LandedPacket> l = landed("E2eHappy");
            List<Violation> v = new SessionRuleChecker().check(l, r.sessionKey());
            assertEquals(List.of(), v);
            List<String> data = types(l, r.sessionKey(), "Stream1");
            assertEquals(50, data.stream().filter("PeriodicData"::equals).count(), "shutdown flushed every block");
            assertEquals("EndOfSession", data.get(data.size() - 1));
            assertEquals(List.of("NewSession", "Configuration", "Marker", "Configuration", "Marker", "EndOfSession"),
                    types(l, r.sessionKey(), ""));
            // each essential write (one per stream) is copied to {ds}_essential by the Stream API
            assertEquals(4, types(l, r.sessionKey(), LandedPacket.ESSENTIALS).stream()
                    .filter("Configuration"::equals).count(), "configuration is essential");
            ManagedChannel channel = ManagedChannelBuilder.forTarget(streamApi).usePlaintext().build();
            try {
                Map<String, String> details = SessionManagementServiceGrpc.newBlockingStub(channel).getSessionInfo(
                        GetSessionInfoRequest.newBuilder().setSessionKey(r.sessionKey()).build()).getDetailsMap();
                assertEquals("Race", details.get(SessionMetadata.SESSION_TYPE), "the details changed mid-session: " + details);
                assertEquals("Spa", details.get(SessionMetadata.TRACK), details::toString);
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void aStreamApiRestartMidSessionLosesAndDuplicatesNothing() throws Exception {
        Sinks.Many<PipelineEvent> events = Sinks.many().unicast().onBackpressureBuffer();
        try (StreamApiSink sink = new StreamApiSink(settings("E2eRestart"))) {
            var pending = sink.write(events.asFlux()).toFuture();
            events.tryEmitNext(Events.config1());
            for (int i = 0; i < 40; i++) {
                events.tryEmitNext(Events.fast(i));
            }
            // NewSession and Configuration on both streams, 40 blocks on Stream1.
            await("the first 44 packets handed to gRPC").atMost(Duration.ofSeconds(30))
                    .until(() -> sink.counters().snapshot().packetsSent() == 44);
            stopStreamApi();
            // The restart happens mid-session: the sink has seen the loss before the server comes back.
            await("the sink noticing the stopped Stream API").atMost(Duration.ofSeconds(30))
                    .until(() -> sink.counters().state() == ConnectionState.RECONNECTING);
            for (int i = 40; i < 60; i++) {
                events.tryEmitNext(Events.fast(i));
            }
            restartStreamApi();
            for (int i = 60; i < 80; i++) {
                events.tryEmitNext(Events.fast(i));
            }
            events.tryEmitComplete();
            SinkResult r = pending.get(90, TimeUnit.SECONDS);

            assertEquals(2, r.counters().reconnects(), "each stream's call died once: " + r.counters());
            List<LandedPacket> l = landed("E2eRestart");
            assertEquals(List.of(), new SessionRuleChecker().check(l, r.sessionKey()));
            // Exact resume from Kafka: every packet id of Stream1 lands once, in order: NewSession 1, Configuration 2,
            // the 80 blocks 3-82 and EndOfSession 83.
            assertEquals(LongStream.rangeClosed(1, 83).boxed().toList(), l.stream()
                    .filter(p -> r.sessionKey().equals(p.key()) && p.stream().equals("Stream1"))
                    .map(p -> p.packet().getId()).toList());
            assertEquals(80, types(l, r.sessionKey(), "Stream1").stream().filter("PeriodicData"::equals).count());
            assertEquals(0, r.counters().droppedTotal());
        }
    }

    @Test
    void aStalledStreamApiDoesNotSlowALiveSourceAndEveryDropIsCounted() throws Exception {
        // The live source ticks every 2 ms whatever happens downstream; like the pipeline's drop-newest
        // policy, what the sink cannot take is dropped and counted.
        AtomicLong produced = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        Sinks.One<Void> stop = Sinks.one();
        Flux<PipelineEvent> live = Flux.interval(Duration.ofMillis(2))
                .doOnNext(t -> produced.incrementAndGet())
                .onBackpressureDrop(t -> dropped.incrementAndGet())
                .map(t -> (PipelineEvent) new Block(FAST, T0 + t * 100 * MS, MS, 100,
                        new double[][] {new double[100], new double[100]}, null))
                .takeUntilOther(stop.asMono());
        Flux<PipelineEvent> events = Flux.concat(Flux.just(Events.config1()), live);
        try (StreamApiSink sink = new StreamApiSink(settings("E2eStall").withResendBuffer(50, 64 << 20))) {
            var pending = sink.write(events).toFuture();
            await("50 blocks encoded").atMost(Duration.ofSeconds(30))
                    .until(() -> sink.counters().snapshot().blocks() >= 50);
            stopStreamApi();
            long droppedAtStall = dropped.get();
            // While the Stream API is gone, the source keeps ticking and what the sink cannot take is dropped: the
            // source was not slowed, and 100 ticks dropped during the stall count that (no wall-clock rate).
            await("100 ticks dropped while the Stream API is gone").atMost(Duration.ofSeconds(30))
                    .until(() -> dropped.get() - droppedAtStall >= 100);
            restartStreamApi();
            stop.tryEmitEmpty();
            SinkResult r = pending.get(90, TimeUnit.SECONDS);

            List<LandedPacket> l = landed("E2eStall");
            long blocksLanded = types(l, r.sessionKey(), "Stream1").stream().filter("PeriodicData"::equals).count();
            // The sink's own drops: blocks that left its bounded resend buffer before Kafka had them.
            long sinkDropped = r.counters().droppedTotal();
            assertTrue(Set.of("resend-buffer-overflow").containsAll(r.counters().dropped().keySet()),
                    "the sink drops for no other reason: " + r.counters().dropped());
            assertEquals(produced.get(), blocksLanded + dropped.get() + sinkDropped, "every produced block landed, "
                    + "or was counted as dropped by the source (" + dropped.get() + ") or by the sink ("
                    + r.counters().dropped() + ")");
            assertEquals(r.counters().blocks(), blocksLanded + sinkDropped, "every encoded block landed or was "
                    + "counted as dropped by the sink");
            // A block the sink dropped from its resend buffer had its packet id already: each such drop leaves a
            // hole in the ids, and the only holes are those, exactly as many as were counted.
            List<Violation> v = new SessionRuleChecker().check(l, r.sessionKey());
            long missingIds = 0;
            List<Violation> others = new ArrayList<>();
            for (Violation violation : v) {
                Matcher gap = ID_GAP.matcher(violation.message());
                if (gap.find()) {
                    missingIds += Long.parseLong(gap.group(1));
                } else {
                    others.add(violation);
                }
            }
            assertEquals(List.of(), others, others.stream().map(Violation::toString).collect(Collectors.joining("\n")));
            assertEquals(sinkDropped, missingIds, "the packet-id holes are the blocks the sink counted as dropped: " + v);
        }
    }

    private static final Pattern ID_GAP = Pattern.compile("packet ids jump from \\d+ to \\d+ over all streams: (\\d+) packets missing");
}
