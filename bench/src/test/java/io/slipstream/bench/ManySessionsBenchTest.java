package io.slipstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.streamapi.ServerLimits;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Several bridges at once into one Stream API, through every real part: embedded KRaft broker, Stream API and Key
 * Generator on loopback sockets, one synthetic source, pipeline and sink per session in real time, read back from
 * Kafka and checked with the rules of {@code inspect --check}. Checks the counting, not the speed.
 */
class ManySessionsBenchTest {

    private static final int SESSIONS = 5;

    @Test
    void theEmbeddedStackLetsEverySessionFromOneAddressOpenItsStreams() {
        // Every bench session comes from 127.0.0.1; 50 of them need 100 write streams, beyond the default 64.
        ServerLimits fifty = ManySessionsBench.limitsFor(50);
        ServerLimits one = ManySessionsBench.limitsFor(1);

        assertTrue(fifty.maxStreamsPerClient() >= 2 * 50, fifty.toString());
        assertTrue(fifty.maxSessionsPerClient() >= 50 + 1, "the sessions and the warm-up: " + fifty);
        assertEquals(ServerLimits.defaults(), one, "a few sessions need no more than the defaults");
    }

    @Test
    void everyConcurrentSessionLandsWholeOnceAndPassesTheRuleCheck() {
        BenchOptions options = BenchOptions.defaults().withChannels(BenchCommand.IRACING_CHANNELS)
                .withRateHz(BenchCommand.IRACING_RATE_HZ).withDuration(Duration.ofSeconds(4))
                .withWarmup(Duration.ofSeconds(1));

        ManySessionsResult r = ManySessionsBench.run(options, SESSIONS, ServerCpu.thisJvm());

        String table = r.table();
        List<SessionOutcome> sessions = r.sessions();
        assertEquals(SESSIONS, sessions.size(), table);
        Set<String> keys = sessions.stream().map(SessionOutcome::sessionKey).collect(Collectors.toSet());
        assertEquals(SESSIONS, keys.size(), "every bridge has a session of its own\n" + table);
        long perSession = 120L * 240; // 240 ticks of 60 Hz in 4 s
        for (SessionOutcome s : sessions) {
            assertEquals(perSession, s.expectedSamples(), table);
            assertEquals(perSession, s.generatedSamples(), table);
            assertEquals(0, s.lostSamples(), table);
            assertEquals(0, s.duplicatePackets(), table);
            assertEquals(0, s.droppedTotal(), table);
            assertTrue(s.readBackComplete(), table);
            assertEquals(List.of(), s.violations(), table);
            assertEquals(s.pipelineBlocks(), s.readBack().dataPackets(), table);
            assertEquals(s.readBack().samples(), s.readBack().sampleLatency().count(), "one latency per sample\n" + table);
            assertEquals(s.readBack().dataPackets(), s.readBack().blockLatency().count(), "one per block\n" + table);
            assertFalse(s.failed(), table);
        }
        // The figures over all sessions are the sessions' together.
        assertEquals(SESSIONS * perSession, r.sampleLatency().count(), table);
        assertEquals(sessions.stream().mapToLong(s -> s.readBack().dataPackets()).sum(), r.blockLatency().count(), table);
        assertTrue(r.blockLatency().p99Micros() <= r.blockLatency().maxMicros(), table);
        assertTrue(r.blockLatency().maxMicros() >= sessions.stream()
                .mapToLong(s -> s.readBack().blockLatency().maxMicros()).max().orElseThrow(), table);
        assertFalse(r.anythingLost(), table);
        assertTrue(r.serverCpuSeconds() > 0, table);
        assertTrue(r.serverCpuSeconds() <= r.resources().wallSeconds() * Runtime.getRuntime().availableProcessors() + 0.5,
                table);
        assertTrue(table.contains("every session passes the check"), table);
    }
}
