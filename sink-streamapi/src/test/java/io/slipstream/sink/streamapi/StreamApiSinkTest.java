package io.slipstream.sink.streamapi;

import static io.slipstream.sink.streamapi.Events.FAST;
import static io.slipstream.sink.streamapi.Events.MS;
import static io.slipstream.sink.streamapi.Events.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.spi.SampleStatus;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataStatus;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

class StreamApiSinkTest {

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        closing.add(0, c);
        return c;
    }

    private static SinkSettings settings(String address) {
        return SinkSettings.defaults().withStreamApi(address).withKeyGenerator(address)
                .withRetry(new RetrySettings(10, Duration.ofMillis(50), Duration.ofMillis(200)));
    }

    @Test
    void writesOneSessionInProtocolOrderWithIdsTypesAndEncoding() throws Exception {
        RecordingStreamApi api = closeLater(new RecordingStreamApi());
        StreamApiSink sink = closeLater(new StreamApiSink(settings(api.address())));
        byte[] status = new byte[100];
        status[3] = (byte) SampleStatus.MISSING.ordinal();
        status[4] = (byte) SampleStatus.ERROR.ordinal();
        Block withStatus = new Block(FAST, T0 + 200 * MS, MS, 100,
                new double[][] {Events.fast(2).values(0), Events.fast(2).values(1)}, new byte[][] {status, null});
        List<PipelineEvent> events = List.of(Events.config1(), Events.fast(0), Events.fast(1), withStatus,
                new Marker(T0 + 150 * MS, "Lap 2", "Lap Trigger", "", "Lap:iRacing", 2),
                Events.config2(), Events.fast(3));

        SinkResult result = sink.write(Flux.fromIterable(events)).block(Duration.ofSeconds(30));

        assertEquals(api.sessionKeys, List.of(result.sessionKey()), "the result names the one session created");
        assertEquals(List.of(), result.unconfirmedPacketIds(), "confirmation is off: nothing is listed unconfirmed");
        assertEquals(List.of("CreateSession", "GenerateUniqueKey", "GetParameterDataFormatId", "GenerateUniqueKey",
                "GetParameterDataFormatId", "EndSession"), api.calls);
        assertEquals("Spa - MX-5 - 2026-05-01 10:00:00", api.creates.get(0).getIdentifier());
        assertEquals("Spa", api.creates.get(0).getDetailsMap().get("track"));
        List<Packet> data = api.on("Stream1");
        List<Packet> main = api.on("");
        assertEquals(List.of("NewSession", "Configuration", "PeriodicData", "PeriodicData", "PeriodicData", "Marker",
                "Configuration", "PeriodicData", "EndOfSession"), data.stream().map(Packet::getType).toList());
        assertEquals(List.of("NewSession", "Configuration", "Marker", "Configuration", "EndOfSession"),
                main.stream().map(Packet::getType).toList());
        // ids: one per packet, a dual packet has the same id on both streams, gapless over the session
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), data.stream().map(Packet::getId).toList());
        assertEquals(List.of(1L, 2L, 6L, 7L, 9L), main.stream().map(Packet::getId).toList());
        for (Packet p : api.packets.stream().map(d -> d.getMessage()).toList()) {
            assertEquals(result.sessionKey(), p.getSessionKey());
            assertEquals(p.getType().equals("Configuration") || p.getType().equals("Marker"), p.getIsEssential(),
                    p.getType());
        }
        api.packets.forEach(d -> assertEquals(result.sessionKey(), d.getSessionKey()));

        ConfigurationPacket c1 = ConfigurationPacket.parseFrom(data.get(1).getContent());
        ConfigurationPacket c2 = ConfigurationPacket.parseFrom(data.get(6).getContent());
        assertEquals(1, c1.getGroupDefinitionsCount());
        assertEquals(1, c2.getGroupDefinitionsCount());
        assertEquals(0, c1.getGroupDefinitions(0).getGroupsCount());
        assertFalse(c1.getConfigId().equals(c2.getConfigId()), "config ids must be unique");
        assertEquals(List.of("Speed:iRacing", "RPM:iRacing", "Lap:iRacing"),
                c2.getParameterDefinitionsList().stream().map(p -> p.getIdentifier()).toList());
        var speed = c1.getParameterDefinitions(0);
        assertEquals("Speed", speed.getName());
        assertEquals("iRacing", speed.getApplicationName());
        assertEquals("m/s", speed.getUnits());
        assertEquals(100, speed.getMaxValue());
        assertEquals(List.of(1000.0), speed.getFrequenciesList());
        assertEquals(ma.streaming.open_data.v1.DataType.DATA_TYPE_FLOAT64, speed.getDataType());

        PeriodicDataPacket p0 = PeriodicDataPacket.parseFrom(data.get(2).getContent());
        PeriodicDataPacket p2 = PeriodicDataPacket.parseFrom(data.get(4).getContent());
        PeriodicDataPacket p3 = PeriodicDataPacket.parseFrom(data.get(7).getContent());
        assertEquals(T0, p0.getStartTime());
        assertEquals(1_000_000, p0.getInterval());
        assertEquals(2, p0.getColumnsCount());
        assertEquals(100, p0.getColumns(0).getDoubleSamples().getSamplesCount());
        assertEquals(7.0, p0.getColumns(0).getDoubleSamples().getSamples(7).getValue());
        assertEquals(1007.0, p0.getColumns(1).getDoubleSamples().getSamples(7).getValue());
        assertEquals(DataStatus.DATA_STATUS_MISSING, p2.getColumns(0).getDoubleSamples().getSamples(3).getStatus());
        assertEquals(DataStatus.DATA_STATUS_ERROR, p2.getColumns(0).getDoubleSamples().getSamples(4).getStatus());
        assertEquals(DataStatus.DATA_STATUS_VALID, p2.getColumns(1).getDoubleSamples().getSamples(4).getStatus());
        assertEquals(p0.getDataFormat().getDataFormatIdentifier(), p3.getDataFormat().getDataFormatIdentifier(),
                "the same group keeps its data format after a new configuration");
        assertEquals(1001, p0.getDataFormat().getDataFormatIdentifier(), "the first id the recording server hands out");

        MarkerPacket m = MarkerPacket.parseFrom(data.get(5).getContent());
        assertEquals(T0 + 150 * MS, m.getTimestamp());
        assertEquals("Lap 2", m.getLabel());
        assertEquals("0", m.getSource(), "lap triggers carry a numeric source");

        SinkSnapshot s = result.counters();
        assertEquals(ConnectionState.ENDED, s.state());
        assertEquals(4, s.blocks());
        assertEquals(1, s.markers());
        assertEquals(2, s.configurations());
        assertEquals(14, s.packetsSent());
        assertEquals(0, s.droppedTotal());
        assertEquals(0, s.resends());
    }

    @Test
    void aSourceFailingBeforeItsFirstEventCreatesNoSessionAndSendsNothing() throws Exception {
        RecordingStreamApi api = closeLater(new RecordingStreamApi());
        StreamApiSink sink = closeLater(new StreamApiSink(settings(api.address())));
        IllegalStateException corrupt = new IllegalStateException("bad.ibt at offset 0: header version is 1635021600");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sink.write(Flux.error(corrupt)).block(Duration.ofSeconds(30)));
        assertEquals(corrupt.getMessage(), e.getMessage());
        assertEquals(List.of(), api.creates, "no session for a source that never produced anything");
        assertEquals(List.of(), api.packets);
        assertEquals(null, sink.counters().snapshot().sessionKey());
        assertEquals(0, sink.counters().snapshot().samplesSent());
    }

    @Test
    void aBlockAsTheFirstEventIsAnErrorAndCreatesNoSession() throws Exception {
        RecordingStreamApi api = closeLater(new RecordingStreamApi());
        StreamApiSink sink = closeLater(new StreamApiSink(settings(api.address())));
        Block first = Events.fast(0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sink.write(Flux.just(first)).block(Duration.ofSeconds(30)));
        assertEquals("the first pipeline event must be a Configuration, got " + first, e.getMessage());
        assertEquals(List.of(), api.calls, "no session for events that do not start with a configuration");
        assertEquals(List.of(), api.packets);
        assertEquals(ConnectionState.FAILED, sink.counters().state());
    }

    @Test
    void aBlockOfAGroupNoConfigurationAnnouncedIsAnErrorAndTheSessionStillEnds() throws Exception {
        RecordingStreamApi api = closeLater(new RecordingStreamApi());
        StreamApiSink sink = closeLater(new StreamApiSink(settings(api.address())));
        // config1 announces only the fast group (id 1); a block of the slow group (id 2) has no data format.
        Block slow = new Block(Events.SLOW, T0 + 300 * MS, 100 * MS, 1, new double[][] {{1}}, null);
        Flux<PipelineEvent> events = Flux.just(Events.config1(), Events.fast(0), slow, Events.fast(1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sink.write(events).block(Duration.ofSeconds(30)));
        assertEquals("block of rate group 2 at " + (T0 + 300 * MS) + " ns arrived before a configuration announced "
                + "its channels", e.getMessage());
        // The session still ends: EndOfSession on both streams, then EndSession; nothing after the bad block.
        assertEquals(List.of("CreateSession", "GenerateUniqueKey", "GetParameterDataFormatId", "EndSession"),
                api.calls);
        assertEquals(List.of("NewSession", "Configuration", "PeriodicData", "EndOfSession"),
                api.on("Stream1").stream().map(Packet::getType).toList());
        assertEquals(List.of("NewSession", "Configuration", "EndOfSession"),
                api.on("").stream().map(Packet::getType).toList());
        SinkSnapshot s = sink.counters().snapshot();
        assertEquals(ConnectionState.FAILED, s.state());
        assertEquals(1, s.blocks(), "the block before the bad one was sent, none after it");
    }

    @Test
    void retriesUntilTheStreamApiComesUp() throws Exception {
        int port;
        AtomicInteger refused = new AtomicInteger();
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
            // Nothing speaks gRPC here yet: the sink's first attempts are accepted and dropped.
            Thread t = new Thread(() -> {
                while (!probe.isClosed()) {
                    try (Socket s = probe.accept()) {
                        refused.incrementAndGet();
                    } catch (Exception ignored) {
                        return;
                    }
                }
            });
            t.start();
            StreamApiSink sink = closeLater(new StreamApiSink(settings("127.0.0.1:" + port)));
            var pending = sink.write(Flux.just(Events.config1(), Events.fast(0))).toFuture();
            await("the sink's first connection attempt").atMost(Duration.ofSeconds(10))
                    .until(() -> refused.get() > 0);
            assertEquals(ConnectionState.CONNECTING, sink.counters().state());
            probe.close();
            t.join(5000);
            RecordingStreamApi api = closeLater(new RecordingStreamApi(port, null));
            SinkResult r = pending.get(30, TimeUnit.SECONDS);
            assertEquals(ConnectionState.ENDED, r.counters().state());
            assertEquals(List.of("NewSession", "Configuration", "PeriodicData", "EndOfSession"),
                    api.on("Stream1").stream().map(Packet::getType).toList());
        }
    }

    @Test
    void givesUpAfterTheConfiguredRetriesNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StreamApiSink sink = closeLater(new StreamApiSink(settings("127.0.0.1:" + port)
                .withRetry(new RetrySettings(2, Duration.ofMillis(20), Duration.ofMillis(40)))));
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> sink.write(Flux.just(Events.config1())).block(Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("CreateSession on 127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("UNAVAILABLE"), e.getMessage());
        assertEquals(ConnectionState.FAILED, sink.counters().state());
    }

    @Test
    void aStalledServerHoldsBackDemandInsteadOfBufferingWithoutBound() throws Exception {
        RecordingStreamApi api = closeLater(new RecordingStreamApi());
        int buffer = 20;
        StreamApiSink sink = closeLater(new StreamApiSink(settings(api.address()).withResendBuffer(buffer, 1 << 30)));
        api.stall();
        AtomicLong requested = new AtomicLong();
        int total = 5_000;
        Flux<PipelineEvent> events = Flux.concat(Flux.just(Events.config1()),
                Flux.range(0, total).map(Events::fast)).doOnRequest(n -> requested.addAndGet(Math.min(n, total)));
        var pending = sink.write(events).toFuture();
        // The send queue fills only once gRPC stops being ready (the server reads nothing). Then what the sink has
        // asked for is exactly what it holds: the configuration, the blocks handed to gRPC, the full queue, the one
        // offer that waits for room and the one event concatMap(prefetch 1) keeps. Read consistently: the blocks
        // handed to gRPC (packets sent less NewSession and Configuration on both streams) before and after.
        AtomicLong sentBlocks = new AtomicLong();
        AtomicLong asked = new AtomicLong();
        await("the sink's demand to stop at what it holds").atMost(Duration.ofSeconds(20)).until(() -> {
            long before = sink.counters().snapshot().packetsSent() - 4;
            asked.set(requested.get());
            sentBlocks.set(before);
            return before > 0 && before == sink.counters().snapshot().packetsSent() - 4
                    && asked.get() == 1 + before + buffer + 1 + 1;
        });
        assertFalse(pending.isDone());
        assertTrue(asked.get() < total / 2, "requested " + asked + " of " + total + ", " + sentBlocks + " blocks sent");
        api.release();
        SinkResult r = pending.get(60, TimeUnit.SECONDS);
        assertEquals(total, r.counters().blocks());
        assertEquals(total + 3, api.on("Stream1").size(), "every block arrives after the stall, none dropped");
    }

    @Test
    void aServerRestartMidSessionResendsTheBufferWithoutKafkaAtLeastOnce() throws Exception {
        RecordingStreamApi first = new RecordingStreamApi();
        int port = first.port();
        StreamApiSink sink = closeLater(new StreamApiSink(settings(first.address())));
        Sinks.Many<PipelineEvent> events = Sinks.many().unicast()
                .onBackpressureBuffer();
        var pending = sink.write(events.asFlux()).toFuture();
        events.tryEmitNext(Events.config1());
        for (int i = 0; i < 10; i++) {
            events.tryEmitNext(Events.fast(i));
        }
        await("NewSession, Configuration and 10 blocks on the first server").atMost(Duration.ofSeconds(20))
                .until(() -> first.on("Stream1").size() == 12);
        first.close();
        RecordingStreamApi second = closeLater(new RecordingStreamApi(port, null));
        // Both streams' calls die with the first server; each reconnects once. The next blocks follow only then,
        // so what is resent is exactly the two resend buffers: 12 packets of Stream1 and 2 of the main stream.
        await("both streams reconnected").atMost(Duration.ofSeconds(20))
                .until(() -> sink.counters().snapshot().reconnects() == 2);
        for (int i = 10; i < 20; i++) {
            events.tryEmitNext(Events.fast(i));
        }
        events.tryEmitComplete();
        SinkResult r = pending.get(60, TimeUnit.SECONDS);

        // Nothing lost, resends first and in order: every id of the session reaches the second server once.
        assertEquals(LongStream.rangeClosed(1, 23).boxed().toList(),
                second.on("Stream1").stream().map(Packet::getId).toList(),
                "the 12 packets of the first server again, then blocks 10-19 and EndOfSession");
        assertEquals(List.of(1L, 2L, 23L), second.on("").stream().map(Packet::getId).toList());
        assertEquals(2, r.counters().reconnects());
        assertEquals(12 + 2, r.counters().resends(), "without Kafka the whole buffer is resent: " + r.counters());
        assertEquals(20 * 100 * 2, r.counters().samplesSent(), "each block's 100 rows x 2 columns counted once, resends not");
        assertEquals(ConnectionState.ENDED, r.counters().state());
    }
}
