package io.slipstream.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.api.v1.GetCurrentSessionsRequest;
import ma.streaming.api.v1.GetSessionInfoRequest;

/**
 * A server started again does not load back sessions that ended longer than its retention ago (their records stay
 * on Kafka), so a long-running server's memory and GetCurrentSessions answer do not grow with its history. The
 * replay dates each end by its Kafka record.
 */
class RetentionRestartTest {

    @TempDir
    static Path dir;

    private static List<String> current(StackClient client) {
        return client.sessions.getCurrentSessions(GetCurrentSessionsRequest.newBuilder().setDataSource("History").build()).getSessionKeysList();
    }

    @Test
    void sessionsThatEndedBeforeTheRetentionAreNotLoadedBack() throws Exception {
        StackOptions remembering = StackOptions.ephemeral(dir);
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0);
             KeyGeneratorServer keys = KeyGeneratorServer.start(0)) {
            String ended;
            String open;
            try (StreamApiServer first = StreamApiServer.start(broker.bootstrapServers(), 0, remembering);
                 StackClient client = new StackClient(first.address(), keys.address())) {
                ended = client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("History").build()).getSessionKey();
                open = client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("History").build()).getSessionKey();
                assertTrue(client.sessions.endSession(EndSessionRequest.newBuilder().setSessionKey(ended).build()).getSuccess());
                assertEquals(List.of(ended, open), current(client), "within the hour's retention the ended one is still current");
            }
            StackOptions forgetting = remembering.withLimits(ServerLimits.defaults().withSessionRetention(Duration.ZERO));
            try (StreamApiServer second = StreamApiServer.start(broker.bootstrapServers(), 0, forgetting);
                 StackClient client = new StackClient(second.address(), keys.address())) {
                assertEquals(List.of(open), current(client));
                assertFalse(client.sessions.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(ended).build()).getSuccess());
                assertTrue(client.sessions.getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(open).build()).getSuccess());
            }
        }
    }
}
