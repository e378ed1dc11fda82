package io.slipstream.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import ma.streaming.api.v1.Connection;
import ma.streaming.api.v1.ConnectionDetails;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.api.v1.GetParameterDataFormatIdRequest;
import ma.streaming.api.v1.GetSessionInfoRequest;
import ma.streaming.api.v1.NewConnectionRequest;
import ma.streaming.api.v1.ReadPacketsRequest;
import ma.streaming.api.v1.WriteDataPacketRequest;
import ma.streaming.api.v1.WriteInfoPacketRequest;
import ma.streaming.open_data.v1.Packet;

/**
 * A careless or hostile client against a real server on a real socket, with the generated stubs: names that
 * collide with the server's or Kafka's own topics, streams that are not in the layout, the server's own record
 * types. Each is refused with INVALID_ARGUMENT saying what is allowed, well within a short deadline, and nothing
 * reaches Kafka.
 */
class HostileNamesTest {

    /** Much shorter than any Kafka timeout of the server: a call that waits on Kafka instead of refusing fails it. */
    private static final long DEADLINE_S = 5;

    @TempDir
    static Path dir;

    private static RunningStack running;
    private static EmbeddedStack stack;
    private static StackClient client;

    @BeforeAll
    static void start() {
        running = RunningStack.start(StackOptions.ephemeral(dir));
        stack = running.stack();
        client = running.client();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        RunningStack.stop(running);
    }

    private static Packet packet(String type, String sessionKey, long id) {
        return Packet.newBuilder().setType(type).setSessionKey(sessionKey).setId(id).setContent(ByteString.copyFromUtf8("p" + id)).build();
    }

    private static Status refused(Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e::toString);
        assertTrue(e.getStatus().getDescription().contains("allowed:"), "says what is allowed: " + e.getStatus().getDescription());
        return e.getStatus();
    }

    private static Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void dataSourcesThatNameTheServersOrKafkasOwnTopicsAreRefusedWithinTheDeadline() throws Exception {
        List<String> hostile = List.of("SessionInfo", "SystemStatus", "sessioninfo", "Info", "Sys.SessionInfo", "Data.Victim",
                "Essential.Victim", "__consumer_offsets", "Victim_essential", "Victim_ESSENTIAL", "Victim.Stream1", "a/b", "../x",
                "x".repeat(300), "");
        Set<String> before = topics();
        for (String ds : hostile) {
            Status status = refused(() -> client.sessions.withDeadlineAfter(DEADLINE_S, TimeUnit.SECONDS)
                    .createSession(CreateSessionRequest.newBuilder().setDataSource(ds).setIdentifier("hostile").build()));
            assertTrue(status.getDescription().startsWith("data source \""), status.getDescription());
            refused(() -> client.writer.withDeadlineAfter(DEADLINE_S, TimeUnit.SECONDS).writeDataPacket(WriteDataPacketRequest.newBuilder()
                    .setDetail(DataPacketDetails.newBuilder().setDataSource(ds).setSessionKey("k").setMessage(packet("PeriodicData", "k", 1)))
                    .build()));
            refused(() -> client.formats.withDeadlineAfter(DEADLINE_S, TimeUnit.SECONDS).getParameterDataFormatId(
                    GetParameterDataFormatIdRequest.newBuilder().setDataSource(ds).addParameters("Speed:App").build()));
            refused(() -> client.connections.withDeadlineAfter(DEADLINE_S, TimeUnit.SECONDS).newConnection(NewConnectionRequest.newBuilder()
                    .setDetails(ConnectionDetails.newBuilder().setDataSource(ds)).build()));
        }
        assertEquals(before, topics(), "no topic was created for a refused name");
    }

    @Test
    void theMessageNamesTheRuleThatWasBroken() {
        assertTrue(refused(() -> client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("SessionInfo").build()))
                .getDescription().contains("the server's own topic SessionInfo"));
        assertTrue(refused(() -> client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("Victim_essential").build()))
                .getDescription().contains("another data source's essentials"));
        assertTrue(refused(() -> client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("x".repeat(300)).build()))
                .getDescription().contains("300 characters long"));
        assertTrue(refused(() -> client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("a/b").build()))
                .getDescription().contains("it contains \"/\""));
    }

    @Test
    void streamsTheLayoutDoesNotKnowAreRefusedNotRoutedToTheMainStream() {
        String key = client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("Target").build()).getSessionKey();
        long failed = stack.streamApi().packetsFailed();
        List<String> hostile = List.of("../x", "a/b", "s".repeat(300), "Unmapped", "__x", "x_essential");
        for (String stream : hostile) {
            Status status = refused(() -> client.writer.withDeadlineAfter(DEADLINE_S, TimeUnit.SECONDS).writeDataPacket(
                    WriteDataPacketRequest.newBuilder().setDetail(DataPacketDetails.newBuilder().setDataSource("Target").setStream(stream)
                            .setSessionKey(key).setMessage(packet("PeriodicData", key, 1))).build()));
            assertTrue(status.getDescription().startsWith("stream \""), status.getDescription());
        }
        assertTrue(refused(() -> client.write("Target", "Unmapped", key, packet("PeriodicData", key, 2)))
                .getDescription().contains("[Stream1, Stream2]"), "names the mapped streams");
        assertEquals(failed + hostile.size() + 1, stack.streamApi().packetsFailed(), "every refused packet is counted");
        assertEquals(List.of(), StackClient.readKafka(stack.kafkaBootstrap(), new TopicPartition("Target", 0), 0), "nothing on the main stream");

        client.write("Target", "Stream1", key, packet("PeriodicData", key, 3));
        assertEquals(1, StackClient.readKafka(stack.kafkaBootstrap(), new TopicPartition("Target", 1), 0).size(), "a mapped stream still works");
    }

    @Test
    void aReaderAskingForAStreamTheLayoutDoesNotKnowIsRefused() {
        long id = client.connections.newConnection(NewConnectionRequest.newBuilder().setDetails(ConnectionDetails.newBuilder()
                .setDataSource("Readable").addStreams("Unmapped").addStreamOffsets(0)).build()).getConnection().getId();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.reader
                .readPackets(ReadPacketsRequest.newBuilder().setConnection(Connection.newBuilder().setId(id)).build())
                .blockLast(Duration.ofSeconds(DEADLINE_S)));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e::toString);
        assertTrue(e.getStatus().getDescription().contains("has no partition mapping"), e.getStatus().getDescription());
    }

    @Test
    void theServersOwnRecordTypesAreRefusedFromClients() {
        String victim = client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("Victim").build()).getSessionKey();
        for (String type : List.of("NewSession", "SessionInfo", "EndOfSession")) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.writer.withDeadlineAfter(DEADLINE_S, TimeUnit.SECONDS)
                    .writeInfoPacket(WriteInfoPacketRequest.newBuilder().setMessage(packet(type, victim, 1)).build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("the server writes the session records"), e.getStatus().getDescription());
        }
        StatusRuntimeException forged = assertThrows(StatusRuntimeException.class, () -> client.write("Victim", "", "",
                packet("DataFormatDefinition", "", 1).toBuilder().setIsEssential(true).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, forged.getStatus().getCode());
        assertFalse(client.sessions.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(victim).build()).getIsComplete());
        assertEquals(List.of(), StackClient.readKafka(stack.kafkaBootstrap(), new TopicPartition("Victim_essential", 0), 0));
    }
}
