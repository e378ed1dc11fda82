package io.slipstream.sink.streamapi;

import static io.slipstream.sink.streamapi.Events.MS;
import static io.slipstream.sink.streamapi.Events.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import io.slipstream.pipeline.Configuration;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.streamapi.EmbeddedStack;
import io.slipstream.streamapi.StackOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ma.streaming.api.v1.DataFormatManagerServiceGrpc;
import ma.streaming.api.v1.GetEventRequest;
import ma.streaming.api.v1.GetParametersListRequest;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataStatus;
import ma.streaming.open_data.v1.DoubleSample;
import ma.streaming.open_data.v1.EventPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.ParameterDefinition;
import ma.streaming.open_data.v1.RowDataPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * Rows, events and a configuration too large for one packet, built by hand, through the real sink to the embedded
 * Stream API and its real KRaft broker; read back from Kafka and decoded with the generated protobuf classes.
 */
class RowsAndEventsEndToEndTest {

    @TempDir
    static Path dir;
    static EmbeddedStack stack;
    static StackOptions options;

    @BeforeAll
    static void start() {
        options = StackOptions.ephemeral(dir);
        stack = EmbeddedStack.start(options);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static SinkSettings settings(String dataSource) {
        return SinkSettings.defaults().withStreamApi(stack.streamApiAddress())
                .withKeyGenerator(stack.keyGeneratorAddress()).withKafkaBootstrap(stack.kafkaBootstrap())
                .withDataSource(dataSource).withConfirm(true, Duration.ofSeconds(20))
                .withRetry(new RetrySettings(0, Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    private static List<Packet> on(List<LandedPacket> landed, String key, String stream) {
        return landed.stream().filter(p -> key.equals(p.key()) && p.stream().equals(stream))
                .map(LandedPacket::packet).toList();
    }

    @Test
    void rowsAndEventsLandBetweenTheBlocksWithExactTimesValuesAndDataFormats() throws Exception {
        List<PipelineEvent> events = List.of(Events.configWithRowsAndEvents(),
                Events.fast(0),
                Events.gps(T0 + 3 * MS, T0 + 40 * MS, T0 + 41 * MS + 500), // irregular times, kept to the ns
                Events.incident(T0 + 60 * MS, 2, 4),
                Events.fast(1),
                Events.gps(T0 + 120 * MS),
                Events.incident(T0 + 150 * MS, 1, 5));
        SinkResult r;
        try (StreamApiSink sink = new StreamApiSink(settings("E2eRows"))) {
            r = sink.write(Flux.fromIterable(events)).block(Duration.ofSeconds(60));
        }

        assertEquals(List.of(), r.unconfirmedPacketIds());
        assertEquals(4, r.counters().rows());
        assertEquals(2, r.counters().rowPackets());
        assertEquals(2, r.counters().events());
        assertEquals(2, r.counters().blocks());
        List<LandedPacket> landed = new KafkaPacketReader().readAll(stack.kafkaBootstrap(), "E2eRows",
                options.partitionMappings());
        assertEquals(List.of(), new SessionRuleChecker().check(landed, r.sessionKey()));
        List<Packet> data = on(landed, r.sessionKey(), "Stream1");
        assertEquals(List.of("NewSession", "Configuration", "PeriodicData", "RowData", "Event", "PeriodicData",
                "RowData", "Event", "EndOfSession"), data.stream().map(Packet::getType).toList());
        assertEquals(List.of("NewSession", "Configuration", "EndOfSession"),
                on(landed, r.sessionKey(), "").stream().map(Packet::getType).toList());

        ConfigurationPacket config = ConfigurationPacket.parseFrom(data.get(1).getContent());
        assertEquals(List.of("Speed:iRacing/false", "RPM:iRacing/false", "Latitude:GPS/true", "Longitude:GPS/true"),
                config.getParameterDefinitionsList().stream()
                        .map(p -> p.getIdentifier() + "/" + p.getIncludesRowData()).toList());
        assertEquals("Incident:iRacing", config.getEventDefinitions(0).getIdentifier());
        assertEquals(List.of("x", "x"), config.getEventDefinitions(0).getUnitsList());

        RowDataPacket rows1 = RowDataPacket.parseFrom(data.get(3).getContent());
        assertEquals(List.of(T0 + 3 * MS, T0 + 40 * MS, T0 + 41 * MS + 500), rows1.getTimestampsList());
        assertEquals(List.of("50.0 VALID, 5.0 VALID", "50.001 VALID, 0.0 MISSING", "50.002 VALID, 5.002 VALID"),
                rows1.getRowsList().stream().map(row -> cells(row.getDoubleSamples().getSamplesList())).toList());
        RowDataPacket rows2 = RowDataPacket.parseFrom(data.get(6).getContent());
        assertEquals(List.of(T0 + 120 * MS), rows2.getTimestampsList());
        assertEquals("50.0 VALID, 5.0 VALID", cells(rows2.getRows(0).getDoubleSamples().getSamplesList()));

        EventPacket incident1 = EventPacket.parseFrom(data.get(4).getContent());
        EventPacket incident2 = EventPacket.parseFrom(data.get(7).getContent());
        assertEquals(T0 + 60 * MS, incident1.getTimestamp());
        assertEquals(List.of(2.0, 4.0), incident1.getRawValuesList());
        assertEquals(T0 + 150 * MS, incident2.getTimestamp());
        assertEquals(List.of(1.0, 5.0), incident2.getRawValuesList());

        ManagedChannel channel = ManagedChannelBuilder.forTarget(stack.streamApiAddress()).usePlaintext().build();
        try {
            var formats = DataFormatManagerServiceGrpc.newBlockingStub(channel);
            long eventFormat = incident1.getDataFormat().getDataFormatIdentifier();
            assertTrue(eventFormat != 0, "an event data-format id");
            assertEquals(eventFormat, incident2.getDataFormat().getDataFormatIdentifier());
            assertEquals("Incident:iRacing", formats.getEvent(GetEventRequest.newBuilder().setDataSource("E2eRows")
                    .setDataFormatIdentifier(eventFormat).build()).getEvent());
            assertEquals(List.of("Latitude:GPS", "Longitude:GPS"), formats.getParametersList(
                    GetParametersListRequest.newBuilder().setDataSource("E2eRows")
                            .setDataFormatIdentifier(rows1.getDataFormat().getDataFormatIdentifier()).build())
                    .getParametersList());
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aConfigurationOfTwentyThousandParametersLandsInNumberedPartsOnBothStreams()
            throws InvalidProtocolBufferException {
        int n = 20_000;
        List<ChannelDefinition> channels = new ArrayList<>(List.of(Events.SPEED, Events.RPM));
        for (int i = 0; i < n; i++) {
            channels.add(ChannelDefinition.builder("Logger.Channel." + i + ":WideLog").units("V")
                    .description("channel " + i + " of a wide logger export").frequencyHz(10).build());
        }
        RateGroup wide = new RateGroup(7, 100 * MS, channels.subList(2, channels.size()));
        Configuration config = new Configuration(1, channels, List.of(Events.FAST, wide), List.of(),
                List.of(Events.INCIDENT), Events.META);
        SinkResult r;
        try (StreamApiSink sink = new StreamApiSink(settings("E2eWideConfig"))) {
            r = sink.write(Flux.just(config, Events.fast(0), Events.incident(T0 + 10 * MS, 1, 1)))
                    .block(Duration.ofSeconds(60));
        }

        assertEquals(List.of(), r.unconfirmedPacketIds());
        List<LandedPacket> landed = new KafkaPacketReader().readAll(stack.kafkaBootstrap(), "E2eWideConfig",
                options.partitionMappings());
        for (String stream : List.of("Stream1", "")) {
            List<ConfigurationPacket> parts = new ArrayList<>();
            long lastId = 0;
            for (Packet p : on(landed, r.sessionKey(), stream)) {
                if (p.getType().equals("Configuration")) {
                    assertTrue(p.getIsEssential());
                    assertTrue(lastId == 0 || p.getId() == lastId + 1, "parts go one after another");
                    lastId = p.getId();
                    parts.add(ConfigurationPacket.parseFrom(p.getContent()));
                }
            }
            assertTrue(parts.size() > 5, stream + ": " + parts.size() + " parts");
            List<String> identifiers = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                ConfigurationPacket c = parts.get(i);
                assertTrue(c.getPartialPacket());
                assertEquals(i + 1, c.getPacketNumber());
                assertEquals(parts.size(), c.getTotalPacketNumber());
                assertEquals(parts.get(0).getConfigId(), c.getConfigId());
                assertEquals(1, c.getGroupDefinitionsCount());
                assertTrue(c.getSerializedSize() <= SessionProtocol.MAX_PACKET_BYTES);
                c.getParameterDefinitionsList().stream().map(ParameterDefinition::getIdentifier)
                        .forEach(identifiers::add);
                if (i == parts.size() - 1) {
                    assertEquals("Incident:iRacing", c.getEventDefinitions(0).getIdentifier());
                }
            }
            assertEquals(channels.stream().map(ChannelDefinition::identifier).toList(), identifiers, stream);
        }
        assertEquals(List.of("NewSession", "PeriodicData", "Event", "EndOfSession"),
                on(landed, r.sessionKey(), "Stream1").stream().map(Packet::getType)
                        .filter(t -> !t.equals("Configuration")).toList());
        // The parts of one split configuration share its config_id; the checker knows them as one.
        assertEquals(List.of(), new SessionRuleChecker().check(landed, r.sessionKey()));
    }

    private static String cells(List<DoubleSample> samples) {
        List<String> out = new ArrayList<>();
        for (DoubleSample s : samples) {
            out.add(s.getValue() + " " + s.getStatus().name().substring("DATA_STATUS_".length()));
        }
        assertTrue(samples.stream().noneMatch(s -> s.getStatus() == DataStatus.DATA_STATUS_UNSPECIFIED));
        return String.join(", ", out);
    }
}
