package io.slipstream.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import ma.streaming.api.v1.ConnectionDetails;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.DataPacketRequest;
import ma.streaming.api.v1.GetEventDataFormatIdRequest;
import ma.streaming.api.v1.GetEventRequest;
import ma.streaming.api.v1.NewConnectionRequest;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.api.v1.GetCurrentSessionsRequest;
import ma.streaming.api.v1.GetParameterDataFormatIdRequest;
import ma.streaming.api.v1.GetParametersListRequest;
import ma.streaming.api.v1.GetSessionInfoRequest;
import ma.streaming.api.v1.GetSessionInfoResponse;
import ma.streaming.api.v1.UpdateSessionDetailsRequest;
import ma.streaming.api.v1.UpdateSessionIdentifierRequest;
import ma.streaming.open_data.v1.Packet;

/**
 * Session, data-format and key state lives in Kafka: a Stream API stopped and started again on the same
 * broker and port answers as before, and serves and filters the row and event packets written before the restart.
 * Also the topic-based layout, on the same broker.
 */
class StreamApiRestartTest {

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static KeyGeneratorServer keyGenerator;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start(dir.resolve("kafka"), 0);
        keyGenerator = KeyGeneratorServer.start(0);
    }

    @AfterAll
    static void stop() {
        if (keyGenerator != null) {
            keyGenerator.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aRestartedServerRebuildsSessionsAndDataFormatsFromKafka() throws Exception {
        StackOptions options = StackOptions.ephemeral(dir);
        String done;
        String open;
        long sinCos;
        GetSessionInfoResponse doneBefore;
        GetSessionInfoResponse openBefore;
        int port;
        try (StreamApiServer first = StreamApiServer.start(broker.bootstrapServers(), 0, options);
             StackClient client = new StackClient(first.address(), keyGenerator.address())) {
            port = first.port();
            done = client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("Restart").setIdentifier("one").setVersion(3).build()).getSessionKey();
            open = client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("Restart").setIdentifier("two").build()).getSessionKey();
            client.write("Restart", "Stream1", open, Packet.newBuilder().setType("PeriodicData").setSessionKey(open).setContent(ByteString.copyFromUtf8("x")).build());
            client.sessions.updateSessionIdentifier(UpdateSessionIdentifierRequest.newBuilder().setSessionKey(done).setIdentifier("one, renamed").build());
            client.sessions.updateSessionDetails(UpdateSessionDetailsRequest.newBuilder().setSessionKey(done).putDetails("Driver", "Tom").build());
            client.sessions.endSession(EndSessionRequest.newBuilder().setSessionKey(done).build());
            sinCos = formatId(client, "Sin:MyApp", "Cos:MyApp");
            doneBefore = info(client, done);
            openBefore = info(client, open);
        }

        try (StreamApiServer second = StreamApiServer.start(broker.bootstrapServers(), port, options);
             StackClient client = new StackClient(second.address(), keyGenerator.address())) {
            assertEquals(port, second.port());
            assertEquals(List.of(done, open), client.sessions.getCurrentSessions(GetCurrentSessionsRequest.newBuilder().setDataSource("Restart").build()).getSessionKeysList());
            assertEquals(doneBefore, info(client, done));
            assertEquals(openBefore, info(client, open));
            assertTrue(doneBefore.getIsComplete());
            assertEquals("one, renamed", doneBefore.getIdentifier());
            assertEquals(Map.of("Driver", "Tom"), doneBefore.getDetailsMap());

            assertEquals(List.of("Sin:MyApp", "Cos:MyApp"), client.formats.getParametersList(GetParametersListRequest.newBuilder()
                    .setDataSource("Restart").setDataFormatIdentifier(sinCos).build()).getParametersList());
            assertEquals(sinCos, formatId(client, "Sin:MyApp", "Cos:MyApp"), "the same list keeps its id");
            long newer = formatId(client, "Tan:MyApp");
            assertTrue(newer > sinCos, "a new id never collides with old ones: " + newer + " after " + sinCos);

            String third = client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("Restart").setIdentifier("three").build()).getSessionKey();
            assertEquals(List.of(done, open, third), client.sessions.getCurrentSessions(GetCurrentSessionsRequest.newBuilder().setDataSource("Restart").build()).getSessionKeysList());
        }
    }

    @Test
    void rowAndEventPacketsWrittenBeforeARestartAreServedAndFilteredAfterIt() throws Exception {
        StackOptions options = StackOptions.ephemeral(dir);
        String key;
        long rowFormat;
        long incidentFormat;
        List<Packet> written = new ArrayList<>();
        try (StreamApiServer first = StreamApiServer.start(broker.bootstrapServers(), 0, options);
             StackClient client = new StackClient(first.address(), keyGenerator.address())) {
            key = client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("RestartRows").setIdentifier("r").build()).getSessionKey();
            rowFormat = client.formats.getParameterDataFormatId(GetParameterDataFormatIdRequest.newBuilder().setDataSource("RestartRows")
                    .addParameters(RowAndEventPackets.LAT).addParameters(RowAndEventPackets.LON).build()).getDataFormatIdentifier();
            incidentFormat = client.formats.getEventDataFormatId(GetEventDataFormatIdRequest.newBuilder().setDataSource("RestartRows")
                    .setEvent(RowAndEventPackets.INCIDENT).build()).getDataFormatIdentifier();
            long t0 = 1_763_000_000_000_000_000L;
            written.add(RowAndEventPackets.packet(key, 1, RowAndEventPackets.configuration("cfg-restart"), true));
            written.add(RowAndEventPackets.packet(key, 2, RowAndEventPackets.rows(rowFormat, t0, t0 + 7_000_000L), false));
            written.add(RowAndEventPackets.packet(key, 3, RowAndEventPackets.eventById(incidentFormat, t0 + 5_000_000L, 1, 1), false));
            written.add(RowAndEventPackets.packet(key, 4, RowAndEventPackets.eventByName(RowAndEventPackets.YELLOW, t0 + 6_000_000L), false));
            for (Packet p : written) {
                client.write("RestartRows", "Stream1", key, p);
            }
        }

        try (StreamApiServer second = StreamApiServer.start(broker.bootstrapServers(), 0, options);
             StackClient client = new StackClient(second.address(), keyGenerator.address())) {
            assertEquals(RowAndEventPackets.INCIDENT, client.formats.getEvent(GetEventRequest.newBuilder().setDataSource("RestartRows")
                    .setDataFormatIdentifier(incidentFormat).build()).getEvent(), "the event's data format was rebuilt from Kafka");
            assertEquals(incidentFormat, client.formats.getEventDataFormatId(GetEventDataFormatIdRequest.newBuilder().setDataSource("RestartRows")
                    .setEvent(RowAndEventPackets.INCIDENT).build()).getDataFormatIdentifier());
            long connection = client.connections.newConnection(NewConnectionRequest.newBuilder().setDetails(ConnectionDetails.newBuilder()
                    .setDataSource("RestartRows").setSessionKey(key).addStreams("Stream1").addStreamOffsets(0).setExcludeMainStream(true))
                    .build()).getConnection().getId();
            // The filter resolves the old packets' data-format ids through the replayed registry.
            assertEquals(List.of(written.get(2)), client.readData(connection, DataPacketRequest.newBuilder()
                    .addIncludeEvents("^Incident:").addExcludeParameters("."), 1));
            assertEquals(List.of(written.get(1)), client.readData(connection, DataPacketRequest.newBuilder()
                    .addIncludeParameters("^Lon:").addExcludeEvents("."), 1));
            assertEquals(written.subList(1, 4), client.readData(connection, DataPacketRequest.newBuilder(), 3));
        }
    }

    @Test
    void topicBasedLayoutPutsEachStreamOnItsOwnTopic() throws Exception {
        StackOptions options = StackOptions.ephemeral(dir).withTopicBased(true);
        try (StreamApiServer server = StreamApiServer.start(broker.bootstrapServers(), 0, options);
             StackClient client = new StackClient(server.address(), keyGenerator.address())) {
            String key = client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("Topical").setIdentifier("t").build()).getSessionKey();
            Packet packet = Packet.newBuilder().setType("PeriodicData").setSessionKey(key).setIsEssential(true).setContent(ByteString.copyFromUtf8("y")).build();
            client.write("Topical", "Lap", key, packet);

            assertEquals(1, StackClient.readKafka(broker.bootstrapServers(), new TopicPartition("Topical.Lap", 0), 0).size());
            assertEquals(1, StackClient.readKafka(broker.bootstrapServers(), new TopicPartition("Topical_essential", 0), 0).size());
            assertTrue(StackClient.readKafka(broker.bootstrapServers(), new TopicPartition("Topical", 0), 0).isEmpty());
            assertEquals(List.of("Lap"), info(client, key).getStreamsList());
            var end = client.sessions.endSession(EndSessionRequest.newBuilder().setSessionKey(key).build());
            assertEquals(Map.of("Topical:0", 0L, "Topical_essential:0", 1L, "Topical.Lap:0", 1L), end.getEndSession().getTopicPartitionOffsetsMap());
        }
    }

    private static long formatId(StackClient client, String... parameters) {
        return client.formats.getParameterDataFormatId(GetParameterDataFormatIdRequest.newBuilder().setDataSource("Restart")
                .addAllParameters(List.of(parameters)).build()).getDataFormatIdentifier();
    }

    private static GetSessionInfoResponse info(StackClient client, String key) {
        return client.sessions.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(key).build());
    }
}
