package io.slipstream.streamapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;

import ma.streaming.api.v1.ConnectionDetails;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.CreateSessionResponse;
import ma.streaming.api.v1.DataPacketRequest;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.api.v1.EndSessionResponse;
import ma.streaming.api.v1.GetParameterDataFormatIdRequest;
import ma.streaming.api.v1.GetParametersListRequest;
import ma.streaming.api.v1.GetSessionInfoRequest;
import ma.streaming.api.v1.GetSessionInfoResponse;
import ma.streaming.api.v1.NewConnectionRequest;
import ma.streaming.api.v1.PacketResponse;
import ma.streaming.api.v1.ReadDataPacketsRequest;
import ma.streaming.api.v1.ReadDataPacketsResponse;
import ma.streaming.api.v1.ReadEssentialsRequest;
import ma.streaming.api.v1.ReadEssentialsResponse;
import ma.streaming.api.v1.ReadPacketsRequest;
import ma.streaming.api.v1.ReadPacketsResponse;
import ma.streaming.api.v1.UpdateSessionIdentifierRequest;
import ma.streaming.key_generator.v1.GenerateUniqueKeyRequest;
import ma.streaming.key_generator.v1.KeyType;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataFormatDefinitionPacket;
import ma.streaming.open_data.v1.DataStatus;
import ma.streaming.open_data.v1.DataType;
import ma.streaming.open_data.v1.DoubleSample;
import ma.streaming.open_data.v1.DoubleSampleList;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.GroupDefinition;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.MetadataPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.ParameterDefinition;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import ma.streaming.open_data.v1.SampleColumn;
import ma.streaming.open_data.v1.SampleDataFormat;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The official Python sample writer's sequence (spec §7), done with our generated Java stubs against the
 * embedded stack, then read back through ReadPackets, ReadDataPackets, ReadEssentials and straight from
 * Kafka, byte for byte. One sequence is written once for the class; each test checks one way back.
 */
class PythonSampleSequenceTest {

    private static final String DS = "Default";
    private static final String STREAM = "Stream1";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** A live read ends after this long without a new packet: nothing more is expected by then. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    @TempDir
    static Path dir;

    private static EmbeddedStack stack;
    private static StackClient client;
    private static String sessionKey;
    private static CreateSessionResponse created;
    private static GetSessionInfoResponse infoAfterUpdate;
    private static EndSessionResponse ended;
    private static long formatId;
    private static final List<Packet> sentToStream1 = new ArrayList<>();
    private static final List<Packet> sentToMain = new ArrayList<>();
    private static final List<Packet> sentEssential = new ArrayList<>();
    private static long writtenBefore;

    @BeforeAll
    static void runTheSampleSequence() {
        stack = EmbeddedStack.start(StackOptions.ephemeral(dir));
        client = new StackClient(stack.streamApiAddress(), stack.keyGeneratorAddress());
        writtenBefore = stack.streamApi().packetsWritten();

        created = client.sessions.createSession(CreateSessionRequest.newBuilder()
                .setDataSource(DS).setIdentifier("TEST SESSION 1").setType("Session").setVersion(1).build());
        sessionKey = created.getSessionKey();

        Packet newSession = packet("NewSession", NewSessionPacket.newBuilder().setDataSource(DS).build(), false);
        send(STREAM, newSession);
        send("", newSession);

        client.sessions.updateSessionIdentifier(UpdateSessionIdentifierRequest.newBuilder()
                .setSessionKey(sessionKey).setIdentifier("TEST SESSION 2").build());
        infoAfterUpdate = client.sessions.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(sessionKey).build());

        String configId = client.keys.generateUniqueKey(GenerateUniqueKeyRequest.newBuilder().setType(KeyType.KEY_TYPE_STRING).build()).getStringKey();
        ConfigurationPacket.Builder config = ConfigurationPacket.newBuilder().setConfigId(configId)
                .addGroupDefinitions(GroupDefinition.newBuilder().setIdentifier("MyApp").setName("MyApp").setApplicationName("MyApp").setDescription("MyApp"));
        for (String name : List.of("Sin", "Cos")) {
            config.addParameterDefinitions(ParameterDefinition.newBuilder().setIdentifier(name + ":MyApp").setName(name)
                    .setApplicationName("MyApp").setUnits("m").setDataType(DataType.DATA_TYPE_FLOAT64).setFormatString("%6.3f")
                    .addFrequencies(1000).setMinValue(-1).setMaxValue(1));
        }
        send("", packet("Configuration", config.build(), true));
        send("", packet("Metadata", MetadataPacket.newBuilder()
                .putMetadata("Driver", Any.pack(StringValue.of("Tom"))).build(), true));

        formatId = client.formats.getParameterDataFormatId(GetParameterDataFormatIdRequest.newBuilder()
                .setDataSource(DS).addParameters("Sin:MyApp").addParameters("Cos:MyApp").build()).getDataFormatIdentifier();

        long t0 = 1_763_000_000_000_000_000L;
        for (int i = 0; i < 100; i++) {
            PeriodicDataPacket.Builder data = PeriodicDataPacket.newBuilder()
                    .setDataFormat(SampleDataFormat.newBuilder().setDataFormatIdentifier(formatId))
                    .setStartTime(t0 + i * 1_000_000_000L).setInterval(1_000_000);
            DoubleSampleList.Builder sin = DoubleSampleList.newBuilder();
            DoubleSampleList.Builder cos = DoubleSampleList.newBuilder();
            for (int s = 0; s < 1000; s++) {
                double x = (i * 1000 + s) / 1000.0;
                sin.addSamples(DoubleSample.newBuilder().setValue(Math.sin(x)).setStatus(DataStatus.DATA_STATUS_VALID));
                cos.addSamples(DoubleSample.newBuilder().setValue(Math.cos(x)).setStatus(DataStatus.DATA_STATUS_VALID));
            }
            data.addColumns(SampleColumn.newBuilder().setDoubleSamples(sin)).addColumns(SampleColumn.newBuilder().setDoubleSamples(cos));
            send(STREAM, packet("PeriodicData", data.build(), false));
            if (i % 20 == 0) {
                int lap = i / 20 + 1;
                send(STREAM, packet("Marker", MarkerPacket.newBuilder().setTimestamp(t0 + (i + 1) * 1_000_000_000L)
                        .setLabel("Lap " + lap).setType("Lap Trigger").setValue(lap).setDescription("Lap " + lap).setSource("0").build(), false));
            }
        }
        Packet end = packet("EndOfSession", EndOfSessionPacket.newBuilder().setDataSource(DS).build(), false);
        send(STREAM, end);
        send("", end);
        ended = client.sessions.endSession(EndSessionRequest.newBuilder().setDataSource(DS).setSessionKey(sessionKey).build());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static Packet packet(String type, Message content, boolean essential) {
        return Packet.newBuilder().setType(type).setSessionKey(sessionKey).setIsEssential(essential).setContent(content.toByteString()).build();
    }

    private static void send(String stream, Packet packet) {
        client.write(DS, stream, sessionKey, packet);
        (stream.isEmpty() ? sentToMain : sentToStream1).add(packet);
        if (packet.getIsEssential()) {
            sentEssential.add(packet);
        }
    }

    @Test
    void sessionIsCreatedUpdatedAndEndedAsTheSpecSays() {
        assertTrue(created.getSuccess());
        assertTrue(Pattern.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", sessionKey), sessionKey);
        assertEquals(DS, created.getNewSession().getDataSource());
        assertEquals("TEST SESSION 1", created.getNewSession().getSessionInfo().getIdentifier());
        assertEquals(Map.of("Default:0", 0L, "Default_essential:0", 0L, "Default:1", 0L, "Default:2", 0L),
                created.getNewSession().getTopicPartitionOffsetsMap());

        assertTrue(infoAfterUpdate.getSuccess());
        assertEquals("TEST SESSION 2", infoAfterUpdate.getIdentifier());
        assertEquals("Session", infoAfterUpdate.getType());
        assertEquals(1, infoAfterUpdate.getVersion());
        assertFalse(infoAfterUpdate.getIsComplete());
        assertEquals(List.of("Stream1", "Stream2"), infoAfterUpdate.getStreamsList());
        assertTrue(infoAfterUpdate.hasUtcOffset());
        // The official readers look up "{ds}.{stream}:0" only; the partition-based layout answers it too.
        assertEquals(Map.of("Default:0", 0L, "Default_essential:0", 0L, "Default:1", 0L, "Default:2", 0L,
                "Default.Stream1:0", 0L, "Default.Stream2:0", 0L), infoAfterUpdate.getTopicPartitionOffsetsMap());

        assertTrue(ended.getSuccess());
        assertEquals(DS, ended.getEndSession().getDataSource());
        // Stream1: NewSession + 100 data + 5 markers + EndOfSession; main: NewSession, 2 essentials, 1 data-format definition, EndOfSession.
        assertEquals(Map.of("Default:0", 5L, "Default_essential:0", 3L, "Default:1", 107L, "Default:2", 0L),
                ended.getEndSession().getTopicPartitionOffsetsMap());
        GetSessionInfoResponse after = client.sessions.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(sessionKey).build());
        assertTrue(after.getIsComplete());

        assertEquals(List.of("Sin:MyApp", "Cos:MyApp"), client.formats.getParametersList(GetParametersListRequest.newBuilder()
                .setDataSource(DS).setDataFormatIdentifier(formatId).build()).getParametersList());
        assertNotEquals(0L, formatId);
        assertEquals(sentToMain.size() + sentToStream1.size(), stack.streamApi().packetsWritten() - writtenBefore);
        assertEquals(0, stack.streamApi().packetsFailed());
    }

    @Test
    void kafkaHoldsTheOfficialLayoutByteForByte() {
        String bootstrap = stack.kafkaBootstrap();
        List<ConsumerRecord<String, byte[]>> stream1 = StackClient.readKafka(bootstrap, new TopicPartition(DS, 1), 0);
        assertRecords(sentToStream1, stream1);

        List<ConsumerRecord<String, byte[]>> main = StackClient.readKafka(bootstrap, new TopicPartition(DS, 0), 0);
        // The data-format definition (key "") is on the main partition too, between Metadata and EndOfSession.
        List<ConsumerRecord<String, byte[]>> definitions = main.stream().filter(r -> r.key().isEmpty()).toList();
        assertEquals(1, definitions.size());
        assertDataFormatDefinition(definitions.get(0));
        assertRecords(sentToMain, main.stream().filter(r -> !r.key().isEmpty()).toList());

        List<ConsumerRecord<String, byte[]>> essential = StackClient.readKafka(bootstrap, new TopicPartition(DS + "_essential", 0), 0);
        assertRecords(sentEssential, essential.stream().filter(r -> !r.key().isEmpty()).toList());
        assertEquals(1, essential.stream().filter(r -> r.key().isEmpty()).count());

        List<ConsumerRecord<String, byte[]>> sessionLog = StackClient.readKafka(bootstrap, new TopicPartition("SessionInfo", 0), 0).stream()
                .filter(r -> r.key().equals(sessionKey)).toList();
        assertEquals(List.of("NewSession", "SessionInfo", "EndOfSession"), sessionLog.stream().map(r -> parse(r.value()).getType()).toList());
        assertTrue(StackClient.readKafka(bootstrap, new TopicPartition(DS, 2), 0).isEmpty(), "Stream2 got nothing");
    }

    @Test
    void readPacketsDeliversBothStreamsInOrderAndThenStaysOpen() {
        ConnectionDetails details = ConnectionDetails.newBuilder().setDataSource(DS).setSessionKey(sessionKey)
                .addStreams(STREAM).addStreamOffsets(infoAfterUpdate.getTopicPartitionOffsetsOrThrow("Default:1"))
                .setMainOffset(infoAfterUpdate.getMainOffset()).setEssentialsOffset(infoAfterUpdate.getEssentialsOffset()).build();
        long connection = client.connections.newConnection(NewConnectionRequest.newBuilder().setDetails(details).build()).getConnection().getId();
        assertNotEquals(0L, connection);

        int expected = sentToMain.size() + sentToStream1.size();
        List<PacketResponse> read = new ArrayList<>();
        StepVerifier.create(client.reader.readPackets(ReadPacketsRequest.newBuilder()
                        .setConnection(ma.streaming.api.v1.Connection.newBuilder().setId(connection)).build())
                        .flatMapIterable(ReadPacketsResponse::getResponseList))
                .recordWith(() -> read)
                .expectNextCount(expected)
                // A live read neither completes nor sends more once the session's packets are all out.
                .expectNoEvent(QUIET)
                .thenCancel()
                .verify(READ_TIMEOUT);

        assertEquals(expected, read.size(), "exactly the session's packets");
        assertEquals(sentToStream1, read.stream().filter(r -> r.getStream().equals(STREAM)).map(PacketResponse::getPacket).toList());
        assertEquals(sentToMain, read.stream().filter(r -> r.getStream().isEmpty()).map(PacketResponse::getPacket).toList());
        assertTrue(read.stream().allMatch(r -> r.getSubmitTime().getSeconds() > 1_700_000_000L));
    }

    @Test
    void readDataPacketsFiltersByParameterAndKeepsMarkersWhenAsked() {
        long connection = client.connections.newConnection(NewConnectionRequest.newBuilder().setDetails(ConnectionDetails.newBuilder()
                .setDataSource(DS).setSessionKey(sessionKey).addStreams(STREAM).addStreamOffsets(0).setExcludeMainStream(true)).build())
                .getConnection().getId();
        List<Packet> withMarkers = readData(connection, DataPacketRequest.newBuilder().addIncludeParameters("^Sin:").setIncludeMarkers(true), 105);
        assertEquals(100, withMarkers.stream().filter(p -> p.getType().equals("PeriodicData")).count());
        assertEquals(5, withMarkers.stream().filter(p -> p.getType().equals("Marker")).count());

        List<Packet> excluded = readData(connection, DataPacketRequest.newBuilder().addExcludeParameters("MyApp").setIncludeMarkers(true), 5);
        assertEquals(List.of("Marker", "Marker", "Marker", "Marker", "Marker"),
                excluded.stream().map(Packet::getType).toList(), "exclude wins over the default include");
    }

    private static List<Packet> readData(long connection, DataPacketRequest.Builder request, int expected) {
        return client.reader.readDataPackets(ReadDataPacketsRequest.newBuilder()
                        .setRequest(request.setConnection(ma.streaming.api.v1.Connection.newBuilder().setId(connection))).build())
                .flatMapIterable(ReadDataPacketsResponse::getResponseList)
                .map(PacketResponse::getPacket)
                .take(expected + 1)
                .timeout(Mono.delay(READ_TIMEOUT), item -> Mono.delay(QUIET), Flux.empty())
                .collectList()
                .block(READ_TIMEOUT);
    }

    @Test
    void readEssentialsStartsAtTheEssentialsOffsetAndCompletes() {
        long connection = client.connections.newConnection(NewConnectionRequest.newBuilder().setDetails(ConnectionDetails.newBuilder()
                .setDataSource(DS).setSessionKey(sessionKey).setEssentialsOffset(infoAfterUpdate.getEssentialsOffset())
                .setMainOffset(4)).build()).getConnection().getId();
        List<Packet> essentials = client.reader.readEssentials(ReadEssentialsRequest.newBuilder()
                        .setConnection(ma.streaming.api.v1.Connection.newBuilder().setId(connection)).build())
                .flatMapIterable(ReadEssentialsResponse::getResponseList)
                .map(PacketResponse::getPacket)
                .collectList()
                .block(READ_TIMEOUT);
        assertEquals(sentEssential, essentials);
    }

    private static void assertRecords(List<Packet> sent, List<ConsumerRecord<String, byte[]>> records) {
        assertEquals(sent.size(), records.size(), "record count");
        for (int i = 0; i < sent.size(); i++) {
            ConsumerRecord<String, byte[]> r = records.get(i);
            assertEquals(sessionKey, r.key());
            assertEquals(0, r.headers().toArray().length, "no headers");
            assertArrayEquals(sent.get(i).toByteArray(), r.value(), "record " + i + " is the serialised Packet");
        }
    }

    private static void assertDataFormatDefinition(ConsumerRecord<String, byte[]> record) {
        Packet packet = parse(record.value());
        assertEquals("DataFormatDefinition", packet.getType());
        assertTrue(packet.getIsEssential());
        try {
            DataFormatDefinitionPacket def = DataFormatDefinitionPacket.parseFrom(packet.getContent());
            assertEquals(formatId, def.getIdentifier());
            assertEquals(List.of("Sin:MyApp", "Cos:MyApp"), def.getParameterIdentifiers().getParameterIdentifiersList());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static Packet parse(byte[] value) {
        try {
            return Packet.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
