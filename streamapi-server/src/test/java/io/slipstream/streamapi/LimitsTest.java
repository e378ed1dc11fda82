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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
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
import ma.streaming.api.v1.GetCurrentSessionsRequest;
import ma.streaming.api.v1.GetSessionInfoRequest;
import ma.streaming.api.v1.GetSessionStartNotificationRequest;
import ma.streaming.api.v1.NewConnectionRequest;
import ma.streaming.api.v1.ReadPacketsRequest;
import ma.streaming.api.v1.UpdateSessionDetailsRequest;
import ma.streaming.api.v1.WriteDataPacketsRequest;
import ma.streaming.open_data.v1.Packet;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Nothing a client does makes the server grow without bound: ended sessions are forgotten (and stay on Kafka), and
 * each client's open sessions, streaming calls, notification streams, connections and the server's data sources are
 * capped with RESOURCE_EXHAUSTED naming the limit. One stack with small limits, over a real socket; each test gives
 * back what it took, since all of them are the same client (127.0.0.1).
 */
class LimitsTest {

    private static final ServerLimits LIMITS = new ServerLimits(Duration.ZERO, 10_000, 3, 2, 2, 3, 8);

    @TempDir
    static Path dir;

    private static RunningStack running;
    private static EmbeddedStack stack;
    private static StackClient client;

    @BeforeAll
    static void start() {
        running = RunningStack.start(StackOptions.ephemeral(dir).withLimits(LIMITS));
        stack = running.stack();
        client = running.client();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        RunningStack.stop(running);
    }

    private static String create(String dataSource) {
        return client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource(dataSource).build()).getSessionKey();
    }

    private static boolean end(String key) {
        return client.sessions.endSession(EndSessionRequest.newBuilder().setSessionKey(key).build()).getSuccess();
    }

    private static List<String> current(String dataSource) {
        return client.sessions.getCurrentSessions(GetCurrentSessionsRequest.newBuilder().setDataSource(dataSource).build()).getSessionKeysList();
    }

    private static Packet packet(String sessionKey, long id) {
        return Packet.newBuilder().setType("PeriodicData").setSessionKey(sessionKey).setId(id).setContent(ByteString.copyFromUtf8("p")).build();
    }

    private static String exhausted(Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e::toString);
        return e.getStatus().getDescription();
    }

    @Test
    void endedSessionsAreForgottenAfterTheRetentionButStayOnKafka() {
        String ended = create("Retained");
        String open = create("Retained");
        try {
            assertEquals(List.of(ended, open), current("Retained"));
            assertTrue(end(ended));
            assertEquals(List.of(open), current("Retained"), "a retention of 0 forgets an ended session at once");
            assertFalse(client.sessions.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(ended).build()).getSuccess());
            assertFalse(end(ended), "a forgotten session is unknown");
            List<String> onKafka = StackClient.readKafka(stack.kafkaBootstrap(), new TopicPartition("SessionInfo", 0), 0).stream()
                    .filter(r -> ended.equals(r.key())).map(r -> parse(r.value()).getType()).toList();
            assertEquals(List.of("NewSession", "EndOfSession"), onKafka);
        } finally {
            end(open);
        }
    }

    @Test
    void eachClientHasAtMostItsOpenSessions() {
        List<String> keys = new ArrayList<>();
        try {
            for (int i = 0; i < LIMITS.maxSessionsPerClient(); i++) {
                keys.add(create("Crowded"));
            }
            String why = exhausted(() -> create("Crowded"));
            assertTrue(why.contains("has 3 open sessions, the most allowed"), why);
            assertEquals(keys, current("Crowded"), "the refused session was not created");
            assertTrue(end(keys.remove(0)));
            keys.add(create("Crowded"));
        } finally {
            keys.forEach(LimitsTest::end);
        }
    }

    @Test
    void eachClientHasAtMostItsStreamingCalls() throws Exception {
        String key = create("Streams");
        client.write("Streams", "", key, packet(key, 1));
        long id = client.connections.newConnection(NewConnectionRequest.newBuilder().setDetails(ConnectionDetails.newBuilder()
                .setDataSource("Streams")).build()).getConnection().getId();
        CountDownLatch reading = new CountDownLatch(LIMITS.maxStreamsPerClient());
        List<Disposable> readers = new ArrayList<>();
        try {
            for (int i = 0; i < LIMITS.maxStreamsPerClient(); i++) {
                readers.add(client.reader.readPackets(ReadPacketsRequest.newBuilder().setConnection(Connection.newBuilder().setId(id)).build())
                        .subscribe(r -> reading.countDown()));
            }
            assertTrue(reading.await(30, TimeUnit.SECONDS), "both readers deliver, so the server counts them");
            long refused = stack.streamApi().callsRefused();
            String why = exhausted(() -> client.reactiveWriter.writeDataPackets(Flux.just(batch(key, 2))).block(Duration.ofSeconds(30)));
            assertTrue(why.contains("has 2 open streaming calls, the most allowed"), why);
            assertEquals(refused + 1, stack.streamApi().callsRefused());
        } finally {
            readers.forEach(Disposable::dispose);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                client.reactiveWriter.writeDataPackets(Flux.just(batch(key, 3))).block(Duration.ofSeconds(30)));
        end(key);
    }

    @Test
    void eachClientHasAtMostItsNotificationSubscribers() throws Exception {
        CountDownLatch notified = new CountDownLatch(LIMITS.maxSubscribersPerClient());
        List<Disposable> subscribers = new ArrayList<>();
        GetSessionStartNotificationRequest request = GetSessionStartNotificationRequest.newBuilder().setDataSource("Watched").build();
        String key = null;
        try {
            for (int i = 0; i < LIMITS.maxSubscribersPerClient(); i++) {
                subscribers.add(client.reactiveSessions.getSessionStartNotification(request).subscribe(r -> notified.countDown()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> stack.streamApi().notificationSubscribers() == LIMITS.maxSubscribersPerClient());
            key = create("Watched");
            assertTrue(notified.await(30, TimeUnit.SECONDS));
            String why = exhausted(() -> client.reactiveSessions.getSessionStartNotification(request).blockFirst(Duration.ofSeconds(30)));
            assertTrue(why.contains("has 2 open session notification streams, the most allowed"), why);
        } finally {
            subscribers.forEach(Disposable::dispose);
            if (key != null) {
                end(key);
            }
        }
    }

    @Test
    void eachClientHoldsAtMostItsConnections() {
        List<Long> ids = new ArrayList<>();
        NewConnectionRequest request = NewConnectionRequest.newBuilder().setDetails(ConnectionDetails.newBuilder().setDataSource("Held")).build();
        try {
            for (int i = 0; i < LIMITS.maxConnectionsPerClient(); i++) {
                ids.add(client.connections.newConnection(request).getConnection().getId());
            }
            String why = exhausted(() -> client.connections.newConnection(request));
            assertTrue(why.contains("has 3 open connections, the most allowed; close some with CloseConnection first"), why);
            assertTrue(close(ids.remove(0)));
            ids.add(client.connections.newConnection(request).getConnection().getId());
        } finally {
            ids.forEach(LimitsTest::close);
        }
    }

    @Test
    void theServerCreatesTopicsForAtMostItsDataSources() {
        List<String> accepted = new ArrayList<>();
        String why = null;
        for (int i = 0; i < LIMITS.maxDataSources() + 1 && why == null; i++) {
            String ds = "Many" + i;
            try {
                client.write(ds, "", "k", packet("k", i));
                accepted.add(ds);
            } catch (StatusRuntimeException e) {
                assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e::toString);
                why = e.getStatus().getDescription();
            }
        }
        assertTrue(why != null && why.contains("the server has 8 data sources, the most it creates topics for"), String.valueOf(why));
        assertFalse(accepted.isEmpty());
        client.write(accepted.get(0), "", "k", packet("k", 99));
    }

    @Test
    void aSessionInfoCannotGrowBeyondItsBound() {
        String key = create("Detailed");
        try {
            String half = "x".repeat(ServerLimits.MAX_SESSION_INFO_BYTES / 2);
            assertTrue(client.sessions.updateSessionDetails(UpdateSessionDetailsRequest.newBuilder().setSessionKey(key)
                    .putDetails("a", half).build()).getSuccess());
            String why = exhausted(() -> client.sessions.updateSessionDetails(UpdateSessionDetailsRequest.newBuilder().setSessionKey(key)
                    .putDetails("b", half).build()));
            assertTrue(why.contains("more than the 262144 allowed"), why);
            assertEquals(List.of("a"), List.copyOf(client.sessions.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(key).build())
                    .getDetailsMap().keySet()), "the refused update was not applied");
            exhausted(() -> client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("Detailed")
                    .setIdentifier("y".repeat(ServerLimits.MAX_SESSION_INFO_BYTES + 1)).build()));
        } finally {
            end(key);
        }
    }

    private static boolean close(long id) {
        return client.connections.closeConnection(CloseConnectionRequest.newBuilder().setConnection(Connection.newBuilder().setId(id)).build())
                .getSuccess();
    }

    private static WriteDataPacketsRequest batch(String key, long id) {
        return WriteDataPacketsRequest.newBuilder().addDetails(DataPacketDetails.newBuilder().setDataSource("Streams").setSessionKey(key)
                .setMessage(packet(key, id))).build();
    }

    private static Packet parse(byte[] value) {
        try {
            return Packet.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
