package io.slipstream.streamapi;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import ma.streaming.api.v1.CloseConnectionRequest;
import ma.streaming.api.v1.Connection;
import ma.streaming.api.v1.ConnectionDetails;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.api.v1.GetConnectionRequest;
import ma.streaming.api.v1.GetCurrentSessionsRequest;
import ma.streaming.api.v1.GetEventDataFormatIdRequest;
import ma.streaming.api.v1.GetEventRequest;
import ma.streaming.api.v1.GetParametersListRequest;
import ma.streaming.api.v1.GetSessionInfoRequest;
import ma.streaming.api.v1.GetSessionStartNotificationRequest;
import ma.streaming.api.v1.GetSessionStartNotificationResponse;
import ma.streaming.api.v1.GetSessionStopNotificationRequest;
import ma.streaming.api.v1.GetSessionStopNotificationResponse;
import ma.streaming.api.v1.NewConnectionRequest;
import ma.streaming.api.v1.ReadPacketsRequest;
import ma.streaming.api.v1.UpdateSessionDetailsRequest;
import ma.streaming.api.v1.UpdateSessionIdentifierRequest;
import ma.streaming.api.v1.AddAssociateSessionRequest;
import ma.streaming.api.v1.WriteDataPacketsRequest;
import ma.streaming.api.v1.WriteInfoPacketRequest;
import ma.streaming.key_generator.v1.GenerateUniqueKeyRequest;
import ma.streaming.key_generator.v1.KeyType;
import ma.streaming.open_data.v1.Packet;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import reactor.core.publisher.Sinks;

/** The Stream API's behaviour around the sample sequence, against one embedded stack for the class. */
class StreamApiBehaviourTest {

    @TempDir
    static Path dir;

    private static EmbeddedStack stack;
    private static StackClient client;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(StackOptions.ephemeral(dir));
        client = new StackClient(stack.streamApiAddress(), stack.keyGeneratorAddress());
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

    private static String createSession(String dataSource, String identifier) {
        return client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource(dataSource).setIdentifier(identifier).build())
                .getSessionKey();
    }

    private static Packet packet(String type, String sessionKey, long id) {
        return Packet.newBuilder().setType(type).setSessionKey(sessionKey).setId(id).setContent(ByteString.copyFromUtf8("p" + id)).build();
    }

    @Test
    void sessionInfoGivesTheOfficialReadersTheirStreamKeyInThePartitionLayout() {
        String earlier = createSession("Readers", "earlier");
        for (long id = 0; id < 3; id++) {
            client.write("Readers", "Stream1", earlier, packet("PeriodicData", earlier, id));
        }
        client.write("Readers", "Stream2", earlier, packet("PeriodicData", earlier, 3));
        String key = createSession("Readers", "later");

        Map<String, Long> offsets = client.sessions.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(key).build())
                .getTopicPartitionOffsetsMap();
        assertEquals(3L, offsets.get("Readers:1"), offsets::toString);
        assertEquals(1L, offsets.get("Readers:2"), offsets::toString);
        assertEquals(3L, offsets.get("Readers.Stream1:0"), "the key the Python and C# readers look up: " + offsets);
        assertEquals(1L, offsets.get("Readers.Stream2:0"), offsets::toString);
        assertEquals(Set.of("Readers:0", "Readers_essential:0", "Readers:1", "Readers:2"),
                client.sessions.endSession(EndSessionRequest.newBuilder().setSessionKey(key).build())
                        .getEndSession().getTopicPartitionOffsetsMap().keySet(), "the session records keep the official keys");
    }

    @Test
    void twoDataSourcesKeepTheirOwnTopicsAndSessions() {
        String a1 = createSession("Alpha", "a1");
        String b1 = createSession("Beta", "b1");
        String a2 = createSession("Alpha", "a2");
        client.write("Alpha", "Stream1", a1, packet("PeriodicData", a1, 1));
        client.write("Beta", "Stream1", b1, packet("PeriodicData", b1, 2));
        client.write("Beta", "Stream2", b1, packet("PeriodicData", b1, 3));

        assertEquals(List.of(a1, a2), client.sessions.getCurrentSessions(GetCurrentSessionsRequest.newBuilder().setDataSource("Alpha").build()).getSessionKeysList());
        assertEquals(List.of(b1), client.sessions.getCurrentSessions(GetCurrentSessionsRequest.newBuilder().setDataSource("Beta").build()).getSessionKeysList());

        String bootstrap = stack.kafkaBootstrap();
        assertEquals(List.of(1L), ids(StackClient.readKafka(bootstrap, new TopicPartition("Alpha", 1), 0)));
        assertEquals(List.of(2L), ids(StackClient.readKafka(bootstrap, new TopicPartition("Beta", 1), 0)));
        assertEquals(List.of(3L), ids(StackClient.readKafka(bootstrap, new TopicPartition("Beta", 2), 0)));
        assertEquals("Beta", client.sessions.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(b1).build()).getDataSource());
    }

    @Test
    void unknownKeysAndDataSourcesAnswerAsTheOfficialServer() {
        String unknown = "00000000-0000-0000-0000-000000000000";
        assertFalse(client.sessions.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(unknown).build()).getSuccess());
        assertFalse(client.sessions.endSession(EndSessionRequest.newBuilder().setSessionKey(unknown).build()).getSuccess());
        assertFalse(client.sessions.updateSessionIdentifier(UpdateSessionIdentifierRequest.newBuilder().setSessionKey(unknown).setIdentifier("x").build()).getSuccess());
        assertFalse(client.sessions.updateSessionDetails(UpdateSessionDetailsRequest.newBuilder().setSessionKey(unknown).putDetails("k", "v").build()).getSuccess());
        assertFalse(client.sessions.addAssociateSession(AddAssociateSessionRequest.newBuilder().setSessionKey(unknown).setAssociateSessionKey("y").build()).getSuccess());
        var none = client.sessions.getCurrentSessions(GetCurrentSessionsRequest.newBuilder().setDataSource("NeverSeen").build());
        assertTrue(none.getSuccess());
        assertEquals(0, none.getSessionKeysCount());

        assertEquals(0, client.formats.getParametersList(GetParametersListRequest.newBuilder().setDataSource("Gamma").setDataFormatIdentifier(42).build()).getParametersCount());
        assertEquals("", client.formats.getEvent(GetEventRequest.newBuilder().setDataSource("Gamma").setDataFormatIdentifier(42).build()).getEvent());
        assertFalse(client.connections.getConnection(GetConnectionRequest.newBuilder().setConnection(Connection.newBuilder().setId(7)).build()).hasDetails());
        assertFalse(client.connections.closeConnection(CloseConnectionRequest.newBuilder().setConnection(Connection.newBuilder().setId(7)).build()).getSuccess());
        List<?> nothing = client.reader.readPackets(ReadPacketsRequest.newBuilder().setConnection(Connection.newBuilder().setId(7)).build())
                .collectList().block(Duration.ofSeconds(10));
        assertEquals(List.of(), nothing, "an unknown connection ends at once");

        // Writes are not validated: a session key the server never issued lands on Kafka all the same.
        long written = stack.streamApi().packetsWritten();
        client.write("Gamma", "", "not-a-session", packet("PeriodicData", "inner-differs", 9));
        List<ConsumerRecord<String, byte[]>> records = StackClient.readKafka(stack.kafkaBootstrap(), new TopicPartition("Gamma", 0), 0);
        assertEquals(List.of("not-a-session"), records.stream().map(ConsumerRecord::key).toList());
        assertEquals(written + 1, stack.streamApi().packetsWritten());

        long eventId = client.formats.getEventDataFormatId(GetEventDataFormatIdRequest.newBuilder().setDataSource("Gamma").setEvent("1A:App").build()).getDataFormatIdentifier();
        assertEquals("1A:App", client.formats.getEvent(GetEventRequest.newBuilder().setDataSource("Gamma").setDataFormatIdentifier(eventId).build()).getEvent());
        assertEquals("", client.formats.getEvent(GetEventRequest.newBuilder().setDataSource("Delta").setDataFormatIdentifier(eventId).build()).getEvent(),
                "ids are scoped per data source");

        StatusRuntimeException badKey = assertThrows(StatusRuntimeException.class,
                () -> client.keys.generateUniqueKey(GenerateUniqueKeyRequest.newBuilder().setType(KeyType.KEY_TYPE_UNSPECIFIED).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, badKey.getStatus().getCode());
        long k1 = client.keys.generateUniqueKey(GenerateUniqueKeyRequest.newBuilder().setType(KeyType.KEY_TYPE_ULONG).build()).getUlongKey();
        long k2 = client.keys.generateUniqueKey(GenerateUniqueKeyRequest.newBuilder().setType(KeyType.KEY_TYPE_ULONG).build()).getUlongKey();
        assertTrue(k1 > 600_000_000_000_000_000L && k2 > k1, k1 + " then " + k2);
    }

    @Test
    void aPacketKafkaCannotTakeIsAnErrorStatusCountedAndLogged() throws Exception {
        // An external Kafka may hold the data source's topic with fewer partitions than the mapping needs.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic("Legacy", Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        }
        long failed = stack.streamApi().packetsFailed();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> client.write("Legacy", "Stream1", "s", packet("PeriodicData", "s", 77)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("partition 1 of topic Legacy"), e.getStatus().getDescription());
        assertEquals(failed + 1, stack.streamApi().packetsFailed());

        StatusRuntimeException badName = assertThrows(StatusRuntimeException.class,
                () -> client.write("bad/name", "", "s", packet("PeriodicData", "s", 78)));
        assertEquals(Status.Code.INVALID_ARGUMENT, badName.getStatus().getCode());
        assertEquals(failed + 2, stack.streamApi().packetsFailed());

        client.write("Legacy", "", "s", packet("PeriodicData", "s", 79));
        assertEquals(List.of(79L), ids(StackClient.readKafka(stack.kafkaBootstrap(), new TopicPartition("Legacy", 0), 0)), "the main stream still works");
    }

    @Test
    void clientStreamingWriteOfAHundredThousandPacketsArrivesCompleteAndInOrder() {
        int total = 100_000;
        int perRequest = 100;
        long written = stack.streamApi().packetsWritten();
        Flux<WriteDataPacketsRequest> requests = Flux.range(0, total / perRequest).map(r -> {
            WriteDataPacketsRequest.Builder b = WriteDataPacketsRequest.newBuilder();
            for (int i = r * perRequest; i < (r + 1) * perRequest; i++) {
                b.addDetails(DataPacketDetails.newBuilder().setDataSource("Bulk").setStream("Stream1").setSessionKey("bulk")
                        .setMessage(packet("PeriodicData", "bulk", i)));
            }
            return b.build();
        });
        client.reactiveWriter.writeDataPackets(requests).block(Duration.ofSeconds(90));
        assertEquals(written + total, stack.streamApi().packetsWritten());

        List<Long> ids = ids(StackClient.readKafka(stack.kafkaBootstrap(), new TopicPartition("Bulk", 1), 0));
        assertEquals(total, ids.size());
        for (int i = 0; i < total; i++) {
            if (ids.get(i) != i) {
                throw new AssertionError("record " + i + " holds packet " + ids.get(i));
            }
        }
    }

    @Test
    void startAndStopNotificationsReachSubscribersOfThatDataSourceOnly() throws Exception {
        Sinks.Many<String> seen = Sinks.many().replay().all();
        int before = stack.streamApi().notificationSubscribers();
        Disposable starts = client.reactiveSessions.getSessionStartNotification(GetSessionStartNotificationRequest.newBuilder().setDataSource("Notify").build())
                .map(GetSessionStartNotificationResponse::getSessionKey).subscribe(k -> seen.tryEmitNext("start " + k));
        Disposable stops = client.reactiveSessions.getSessionStopNotification(GetSessionStopNotificationRequest.newBuilder().setDataSource("Notify").build())
                .map(GetSessionStopNotificationResponse::getSessionKey).subscribe(k -> seen.tryEmitNext("stop " + k));
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> stack.streamApi().notificationSubscribers() == before + 2);
            createSession("Elsewhere", "not for us");
            String key = createSession("Notify", "n1");
            client.sessions.endSession(EndSessionRequest.newBuilder().setSessionKey(key).build());
            client.sessions.endSession(EndSessionRequest.newBuilder().setSessionKey(key).build());
            // A second session is the barrier: a duplicate stop of the first would come before the second's stop.
            String second = createSession("Notify", "n2");
            client.sessions.endSession(EndSessionRequest.newBuilder().setSessionKey(second).build());
            List<String> events = seen.asFlux().takeUntil(e -> e.equals("stop " + second)).collectList()
                    .block(Duration.ofSeconds(10));
            assertEquals(List.of("start " + key, "start " + second),
                    events.stream().filter(e -> e.startsWith("start ")).toList(), "starts of Notify only");
            assertEquals(List.of("stop " + key, "stop " + second),
                    events.stream().filter(e -> e.startsWith("stop ")).toList(), "a second end sends no second stop");
        } finally {
            starts.dispose();
            stops.dispose();
        }
    }

    @Test
    void connectionsAreStoredVerbatimAndSessionUpdatesMerge() {
        ConnectionDetails details = ConnectionDetails.newBuilder().setDataSource("Omega").setSessionKey("k").addStreams("Stream1")
                .addStreamOffsets(-1).setMainOffset(3).setEssentialsOffset(4).build();
        long id = client.connections.newConnection(NewConnectionRequest.newBuilder().setDetails(details).build()).getConnection().getId();
        assertTrue(id > 0);
        assertEquals(details, client.connections.getConnection(GetConnectionRequest.newBuilder().setConnection(Connection.newBuilder().setId(id)).build()).getDetails());
        assertTrue(client.connections.closeConnection(CloseConnectionRequest.newBuilder().setConnection(Connection.newBuilder().setId(id)).build()).getSuccess());

        String key = client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("Omega").setIdentifier("first")
                .putDetails("a", "1").build()).getSessionKey();
        assertTrue(client.sessions.updateSessionDetails(UpdateSessionDetailsRequest.newBuilder().setSessionKey(key).putDetails("b", "2").build()).getSuccess());
        assertTrue(client.sessions.updateSessionIdentifier(UpdateSessionIdentifierRequest.newBuilder().setSessionKey(key).setIdentifier("").build()).getSuccess());
        assertTrue(client.sessions.addAssociateSession(AddAssociateSessionRequest.newBuilder().setSessionKey(key).setAssociateSessionKey("x").build()).getSuccess());
        assertTrue(client.sessions.addAssociateSession(AddAssociateSessionRequest.newBuilder().setSessionKey(key).setAssociateSessionKey("x").build()).getSuccess());
        var info = client.sessions.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(key).build());
        assertEquals("first", info.getIdentifier(), "an empty identifier changes nothing");
        assertEquals(Map.of("a", "1", "b", "2"), info.getDetailsMap());
        assertEquals(List.of("x", "x"), info.getAssociateSessionKeysList());
        assertEquals("Session", info.getType());

        long written = stack.streamApi().packetsWritten();
        client.writer.writeInfoPacket(WriteInfoPacketRequest.newBuilder().setMessage(packet("SystemStatusMessage", key, 5)).build());
        assertEquals(written + 1, stack.streamApi().packetsWritten());
        List<ConsumerRecord<String, byte[]>> infos = StackClient.readKafka(stack.kafkaBootstrap(), new TopicPartition("SessionInfo", 0), 0);
        assertEquals(key, infos.get(infos.size() - 1).key(), "info packets go to SessionInfo keyed by the inner session key");
    }

    @Test
    void readPacketsFollowsNewPacketsLiveUntilCancelled() {
        String key = createSession("Live", "live");
        long connection = client.connections.newConnection(NewConnectionRequest.newBuilder().setDetails(ConnectionDetails.newBuilder()
                .setDataSource("Live").setSessionKey(key).addStreams("Stream1").addStreamOffsets(0)).build()).getConnection().getId();
        Sinks.Many<Long> seen = Sinks.many().replay().all();
        Disposable reading = client.reader.readPackets(ReadPacketsRequest.newBuilder().setConnection(Connection.newBuilder().setId(connection)).build())
                .flatMapIterable(ma.streaming.api.v1.ReadPacketsResponse::getResponseList)
                .subscribe(r -> seen.tryEmitNext(r.getPacket().getId()));
        try {
            for (long id = 1; id <= 3; id++) {
                client.write("Live", "Stream1", key, packet("PeriodicData", key, id));
                long expected = id;
                assertEquals(expected, seen.asFlux().skip(expected - 1).next().block(Duration.ofSeconds(20)),
                        "packet " + id + " arrives while the reader stays open");
            }
            client.write("Live", "Stream1", "another-session", packet("PeriodicData", "another-session", 99));
            client.write("Live", "Stream1", key, packet("PeriodicData", key, 4));
            assertEquals(List.of(1L, 2L, 3L, 4L), seen.asFlux().take(4).collectList().block(Duration.ofSeconds(20)),
                    "another session's packet is filtered out by the Kafka key");
        } finally {
            reading.dispose();
        }
    }

    private static List<Long> ids(List<ConsumerRecord<String, byte[]>> records) {
        List<Long> ids = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                ids.add(Packet.parseFrom(r.value()).getId());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
        return ids;
    }

}
