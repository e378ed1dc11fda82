package io.slipstream.sink.streamapi;

import static io.slipstream.sink.streamapi.Events.T0;
import static io.slipstream.sink.streamapi.Events.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.Configuration;
import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.RowGroup;
import io.slipstream.pipeline.Rows;
import io.slipstream.pipeline.SessionDetails;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SessionMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.CreateSessionResponse;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The session protocol against recording fakes of its calls and streams: what is sent when, with which ids. */
class SessionProtocolTest {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<OutboundPacket> offered = new CopyOnWriteArrayList<>();
    private final SinkCounters counters = new SinkCounters();
    private final FakeCalls calls = new FakeCalls();

    /** Records each call when it is made (subscribed), as a real call would reach the server. */
    private final class FakeCalls implements SessionCalls {
        private final AtomicLong formats = new AtomicLong(100);
        boolean refuseSession;
        boolean detailsFail;

        @Override
        public Mono<CreateSessionResponse> createSession(CreateSessionRequest request) {
            return Mono.fromCallable(() -> {
                log.add("CreateSession " + request.getDataSource() + " '" + request.getIdentifier() + "'");
                return CreateSessionResponse.newBuilder().setSuccess(!refuseSession).setSessionKey("key-1").build();
            });
        }

        @Override
        public Mono<String> configId() {
            return Mono.fromCallable(() -> {
                log.add("GenerateUniqueKey");
                return "config-" + log.size();
            });
        }

        @Override
        public Mono<Long> dataFormatId(List<String> parameters) {
            return Mono.fromCallable(() -> {
                log.add("GetParameterDataFormatId " + parameters);
                return formats.incrementAndGet();
            });
        }

        @Override
        public Mono<Long> eventDataFormatId(String event) {
            return Mono.fromCallable(() -> {
                log.add("GetEventDataFormatId " + event);
                return formats.incrementAndGet();
            });
        }

        @Override
        public Mono<Boolean> updateDetails(String sessionKey, Map<String, String> details) {
            return Mono.defer(() -> {
                log.add("UpdateSessionDetails " + sessionKey + " " + details.get(SessionMetadata.SESSION_TYPE));
                return detailsFail ? Mono.error(Status.UNAVAILABLE.asRuntimeException()) : Mono.just(true);
            });
        }

        @Override
        public Mono<Boolean> endSession(String sessionKey) {
            return Mono.fromCallable(() -> {
                log.add("EndSession " + sessionKey);
                return true;
            });
        }

        @Override
        public Mono<Void> reachable() {
            return Mono.empty();
        }
    }

    /** Records each packet when it is offered, which is when a real writer queues it. */
    private class FakeStream implements PacketStream {
        private final String name;
        private final String label;

        FakeStream(String name, String sessionKey) {
            this.name = name;
            this.label = name.isEmpty() ? "main" : name;
            log.add("open " + label + " " + sessionKey);
        }

        @Override
        public String stream() {
            return name;
        }

        @Override
        public Mono<Void> offer(OutboundPacket p) {
            try {
                DataPacketDetails d = DataPacketDetails.parseFrom(p.details());
                assertEquals(name, d.getStream());
                assertEquals("key-1", d.getSessionKey());
                assertEquals("key-1", d.getMessage().getSessionKey());
                assertEquals(p.id(), d.getMessage().getId());
                assertEquals(p.type(), d.getMessage().getType());
                log.add(label + " " + p.type() + " #" + p.id() + (d.getMessage().getIsEssential() ? " essential" : ""));
                offered.add(p);
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("packet " + p.id() + " is not a DataPacketDetails", e);
            }
            return Mono.empty();
        }

        @Override
        public long[] ids() {
            return new long[0];
        }

        @Override
        public Mono<Void> close(Duration grace) {
            return Mono.fromRunnable(() -> log.add("close " + label));
        }

        @Override
        public void dispose() {
        }
    }

    private SessionProtocol protocol() {
        return protocol(SinkSettings.defaults());
    }

    private SessionProtocol protocol(SinkSettings settings) {
        return new SessionProtocol(settings, calls, FakeStream::new, counters);
    }

    /** @return a configuration of one group of {@code channels} channels at 1 kHz, and a block of it */
    private static List<PipelineEvent> wide(int channels, int length) {
        List<ChannelDefinition> defs = new ArrayList<>();
        double[][] values = new double[channels][length];
        for (int c = 0; c < channels; c++) {
            defs.add(ChannelDefinition.builder("C" + c + ":Wide").frequencyHz(1000).build());
            for (int i = 0; i < length; i++) {
                values[c][i] = c * 1_000 + i + 0.5;
            }
        }
        RateGroup group = new RateGroup(1, MS, defs);
        return List.of(new Configuration(1, defs, List.of(group), Events.META),
                new Block(group, T0, MS, length, values, null));
    }

    @Test
    void aBlockOverThePacketCapGoesAsConsecutivePacketsEachWithinTheCap() throws Exception {
        // 500 channels x 100 samples of 13 bytes each is 650 KB; at a 64 KiB cap one packet holds 9 samples a column:
        // (65,536 - 15 header - 4 format - 500 x 12 column framing) / (500 x 13) = 9.16, so 11 packets of 9 and 1.
        protocol(SinkSettings.defaults().withMaxPacketBytes(64 << 10)).run(Flux.fromIterable(wide(500, 100)))
                .block(Duration.ofSeconds(10));

        List<PeriodicDataPacket> parts = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (OutboundPacket p : offered) {
            if (p.type().equals(PeriodicEncoder.TYPE)) {
                Packet m = DataPacketDetails.parseFrom(p.details()).getMessage();
                assertTrue(m.getContent().size() <= 64 << 10, "packet " + m.getId() + " has " + m.getContent().size());
                parts.add(PeriodicDataPacket.parseFrom(m.getContent()));
                ids.add(m.getId());
            }
        }
        assertEquals(12, parts.size());
        assertEquals(LongStream.rangeClosed(3, 14).boxed().toList(), ids, "one id each, consecutive");
        long samples = 0;
        for (int k = 0; k < parts.size(); k++) {
            PeriodicDataPacket part = parts.get(k);
            int length = k < 11 ? 9 : 1;
            assertEquals(T0 + 9L * k * MS, part.getStartTime(), "part " + k + " starts where the previous ended");
            assertEquals(500, part.getColumnsCount());
            assertEquals(length, part.getColumns(7).getDoubleSamples().getSamplesCount());
            assertEquals(7_000 + 9 * k + 0.5, part.getColumns(7).getDoubleSamples().getSamples(0).getValue());
            samples += (long) length * part.getColumnsCount();
        }
        assertEquals(50_000, samples);
        SinkSnapshot s = counters.snapshot();
        assertEquals(1, s.blocks(), "one block of the pipeline");
        assertEquals(Map.of(), s.dropped());
    }

    @Test
    void aBlockWhoseSingleRowPassesTheCapIsCountedAsDroppedAndFailsTheRunOnce() {
        // 400 channels: one sample each needs 400 x (13 + 12) bytes, more than the 4 KiB cap
        List<PipelineEvent> events = wide(400, 3);
        PacketTooLargeException e = assertThrows(PacketTooLargeException.class,
                () -> protocol(SinkSettings.defaults().withMaxPacketBytes(4 << 10)).run(Flux.fromIterable(events))
                        .block(Duration.ofSeconds(10)));

        assertTrue(e.getMessage().startsWith("block of group 1 at " + T0 + " ns: one sample of each of its 400"
                + " channels needs up to 10019 bytes; a data packet is capped at 4096 (sink max-packet-bytes)"),
                e.getMessage());
        SinkSnapshot s = counters.snapshot();
        assertEquals(Map.of("packet-too-large", 1L), s.dropped());
        assertEquals(Map.of("packet-too-large", 1_200L), s.droppedSamples());
        assertEquals(Map.of("packet-too-large", PeriodicEncoder.contentBytes((Block) events.get(1), 101)),
                s.droppedBytes());
        assertEquals(0, offered.stream().filter(p -> p.type().equals(PeriodicEncoder.TYPE)).count(),
                "nothing of it was sent");
        assertEquals(List.of("EndSession key-1"), log.subList(log.size() - 1, log.size()),
                "the session was ended, once, after the error");
    }

    @Test
    void sendsEachStepInProtocolOrderWithOneIdPerPacket() {
        List<PipelineEvent> events = List.of(Events.config1(), Events.fast(0),
                new Marker(T0 + 50 * MS, "Lap 2", "Lap Trigger", "", "Lap:iRacing", 2),
                new SessionDetails(Events.META.with(SessionMetadata.SESSION_TYPE, "Race")),
                Events.config2(), Events.fast(1));

        protocol().run(Flux.fromIterable(events)).block(Duration.ofSeconds(5));

        assertEquals(List.of(
                "CreateSession Slipstream 'Spa - MX-5 - 2026-05-01 10:00:00'",
                "open Stream1 key-1", "open main key-1",
                "Stream1 NewSession #1", "main NewSession #1",
                "GenerateUniqueKey",
                "Stream1 Configuration #2 essential", "main Configuration #2 essential",
                "GetParameterDataFormatId [Speed:iRacing, RPM:iRacing]",
                "Stream1 PeriodicData #3",
                "Stream1 Marker #4 essential", "main Marker #4 essential",
                "UpdateSessionDetails key-1 Race",
                "GenerateUniqueKey",
                "Stream1 Configuration #5 essential", "main Configuration #5 essential",
                "GetParameterDataFormatId [Lap:iRacing]",
                "Stream1 PeriodicData #6",
                "Stream1 EndOfSession #7", "main EndOfSession #7",
                "close Stream1", "close main",
                "EndSession key-1"), log);
        SinkSnapshot s = counters.snapshot();
        assertEquals("key-1", s.sessionKey());
        assertEquals(ConnectionState.CONNECTED, s.state());
        assertEquals(2, s.blocks());
        assertEquals(1, s.markers());
        assertEquals(2, s.configurations());
    }

    @Test
    void rowsAndEventsGoOnTheDataStreamAfterTheConfigurationThatDefinesThemInPipelineOrder() {
        List<PipelineEvent> events = List.of(Events.configWithRowsAndEvents(), Events.fast(0),
                Events.gps(T0 + 3 * MS, T0 + 40 * MS), Events.incident(T0 + 60 * MS, 2, 4), Events.fast(1),
                Events.gps(T0 + 120 * MS));

        protocol().run(Flux.fromIterable(events)).block(Duration.ofSeconds(5));

        assertEquals(List.of(
                "GenerateUniqueKey",
                "Stream1 Configuration #2 essential", "main Configuration #2 essential",
                "GetParameterDataFormatId [Speed:iRacing, RPM:iRacing]",
                "GetParameterDataFormatId [Latitude:GPS, Longitude:GPS]",
                "GetEventDataFormatId Incident:iRacing",
                "Stream1 PeriodicData #3", "Stream1 RowData #4", "Stream1 Event #5", "Stream1 PeriodicData #6",
                "Stream1 RowData #7",
                "Stream1 EndOfSession #8", "main EndOfSession #8"), log.subList(5, 18));
        SinkSnapshot s = counters.snapshot();
        assertEquals(3, s.rows());
        assertEquals(2, s.rowPackets());
        assertEquals(1, s.events());
        assertEquals(2, s.blocks());
    }

    @Test
    void aRowBatchOverThePacketCapGoesAsSeveralPacketsWithConsecutiveIds() {
        int columns = 100;
        int n = 300; // 300 rows of 1,314 bytes (100 samples of 13, time, tags): 394 KB, over the 256 KiB cap
        List<ChannelDefinition> channels = new ArrayList<>();
        double[][] values = new double[columns][n];
        for (int c = 0; c < columns; c++) {
            channels.add(ChannelDefinition.builder("C" + c + ":Log").build());
            Arrays.fill(values[c], 1.0 + c);
        }
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = T0 + i * 7 * MS;
        }
        var group = new RowGroup(9, channels);
        var config = new Configuration(1, channels, List.of(), List.of(group), List.of(),
                Events.META);

        protocol().run(Flux.just(config, new Rows(group, n, times, values, null)))
                .block(Duration.ofSeconds(5));

        assertEquals(List.of("Stream1 RowData #3", "Stream1 RowData #4", "Stream1 EndOfSession #5"),
                log.subList(9, 12));
        assertEquals(n, counters.snapshot().rows());
        assertEquals(2, counters.snapshot().rowPackets());
    }

    @Test
    void anEventNoConfigurationDefinedFailsNamingItAndEndsTheSession() {
        Flux<PipelineEvent> events = Flux.just(Events.config1(), Events.incident(T0 + 5 * MS, 1, 1));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> protocol().run(events).block(Duration.ofSeconds(5)));

        assertEquals("event Incident:iRacing at " + (T0 + 5 * MS) + " ns arrived before a configuration defined it",
                e.getMessage());
        assertEquals("EndSession key-1", log.get(log.size() - 1));
    }

    @Test
    void rowsOfAnUnannouncedGroupFailNamingIt() {
        Flux<PipelineEvent> events = Flux.just(Events.config1(), Events.gps(T0));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> protocol().run(events).block(Duration.ofSeconds(5)));

        assertEquals("rows of row group 3 at " + T0 + " ns arrived before a configuration announced their channels",
                e.getMessage());
    }

    @Test
    void theMainStreamAsDataStreamGetsEachPacketOnce() {
        new SessionProtocol(SinkSettings.defaults().withStream(""), calls, FakeStream::new, counters)
                .run(Flux.just(Events.config1(), Events.fast(0))).block(Duration.ofSeconds(5));

        assertEquals(List.of("CreateSession Slipstream 'Spa - MX-5 - 2026-05-01 10:00:00'", "open main key-1",
                "main NewSession #1", "GenerateUniqueKey", "main Configuration #2 essential",
                "GetParameterDataFormatId [Speed:iRacing, RPM:iRacing]", "main PeriodicData #3",
                "main EndOfSession #4", "close main", "EndSession key-1"), log);
    }

    @Test
    void aFailingSourceStillEndsTheSessionAndThenFails() {
        IllegalStateException broken = new IllegalStateException("live.ibt at offset 4096: truncated");
        Flux<PipelineEvent> events = Flux.concat(Flux.just(Events.config1(), Events.fast(0)), Flux.error(broken));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> protocol().run(events).block(Duration.ofSeconds(5)));

        assertEquals(broken.getMessage(), e.getMessage());
        assertEquals(List.of("Stream1 PeriodicData #3", "Stream1 EndOfSession #4", "main EndOfSession #4",
                "close Stream1", "close main", "EndSession key-1"), log.subList(log.size() - 6, log.size()));
    }

    @Test
    void aBlockOfAnUnannouncedGroupFailsNamingItAndEndsTheSession() {
        Flux<PipelineEvent> events = Flux.just(Events.config1(),
                new Block(Events.SLOW, T0, 100 * MS, 1, new double[][] {{1}}, null));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> protocol().run(events).block(Duration.ofSeconds(5)));

        assertEquals("block of rate group 2 at " + T0 + " ns arrived before a configuration announced its channels",
                e.getMessage());
        assertEquals("EndSession key-1", log.get(log.size() - 1));
    }

    @Test
    void aRefusedSessionSendsNothing() {
        calls.refuseSession = true;

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> protocol().run(Flux.just(Events.config1())).block(Duration.ofSeconds(5)));

        assertEquals("Stream API localhost:13579 refused CreateSession for data source Slipstream", e.getMessage());
        assertEquals(List.of("CreateSession Slipstream 'Spa - MX-5 - 2026-05-01 10:00:00'"), log);
    }

    @Test
    void detailsThatCannotBeSentDoNotStopTheData() {
        calls.detailsFail = true;
        protocol().run(Flux.just(Events.config1(), new SessionDetails(Events.META), Events.fast(0)))
                .block(Duration.ofSeconds(5));

        assertEquals(List.of("UpdateSessionDetails key-1 null", "Stream1 PeriodicData #3"),
                log.subList(9, 11));
    }

    @Test
    void theNextEventWaitsUntilItsPacketIsQueued() {
        Sinks.Empty<Void> room = Sinks.empty();
        AtomicLong requested = new AtomicLong();
        SessionProtocol p = new SessionProtocol(SinkSettings.defaults(), calls, (stream, key) -> new FakeStream(stream,
                key) {
            @Override
            public Mono<Void> offer(OutboundPacket packet) {
                Mono<Void> queued = super.offer(packet);
                return packet.type().equals("PeriodicData") && packet.id() == 3 ? room.asMono() : queued;
            }
        }, counters);
        Flux<PipelineEvent> events = Flux.range(0, 10).map(i -> i == 0 ? Events.config1() : Events.fast(i))
                .doOnRequest(requested::addAndGet);

        var pending = p.run(events).toFuture();

        assertEquals("Stream1 PeriodicData #3", log.get(log.size() - 1), "the first block waits for room");
        assertEquals(3, requested.get(), "demand stops at the Configuration, the waiting block and one prefetched");
        room.tryEmitEmpty();
        pending.join();
        assertEquals("EndSession key-1", log.get(log.size() - 1));
    }
}
