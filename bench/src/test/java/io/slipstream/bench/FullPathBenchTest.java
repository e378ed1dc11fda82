package io.slipstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One small real run through every part: embedded KRaft broker, Stream API and Key Generator on loopback sockets,
 * the synthetic source in real time, read back from Kafka. Checks the counting, not the speed.
 */
class FullPathBenchTest {

    @Test
    void everySampleIsFoundOnKafkaWithItsLatencyFromTheBrokersAppendTime() {
        BenchOptions options = BenchOptions.defaults().withChannels(20).withRateHz(100)
                .withDuration(Duration.ofSeconds(3)).withWarmup(Duration.ofSeconds(1));

        BenchResult r = FullPathBench.run(options);

        String table = r.table();
        assertEquals(6000, r.expectedSamples(), table);
        assertEquals(6000, r.generatedSamples(), table);
        assertEquals(6000, r.readBack().samples(), "only the measured session is counted, not the warm-up\n" + table);
        assertEquals(0, r.lostSamples(), table);
        assertTrue(r.readBackComplete(), table);
        assertFalse(r.anythingLost(), table);
        assertEquals(r.pipelineBlocks(), r.readBack().dataPackets(), table);
        assertEquals(0, r.readBack().duplicatePackets(), table);
        assertEquals("LogAppendTime", r.readBack().timestampType(), table);
        assertTrue(r.latencyMeasured(), table);
        assertEquals(6000, r.readBack().sampleLatency().count(), "one latency per sample\n" + table);
        assertEquals(r.readBack().dataPackets(), r.readBack().blockLatency().count(), "one per block\n" + table);
        // A sample cannot reach Kafka before the block holding it is complete.
        assertTrue(r.readBack().sampleLatency().maxMicros() >= r.readBack().blockLatency().maxMicros(), table);
        // The last block starts at 2.99 s of source time and cannot land before it is complete.
        assertTrue(r.measuredSeconds() >= 2.99, table);
        assertEquals(6000 / r.measuredSeconds(), r.samplesPerSecond(), 1e-9, table);
        ResourceUsage res = r.resources();
        // The heap figures come from different beans; they must still nest: live <= peak <= max.
        assertTrue(res.liveHeapBytes() <= res.peakHeapBytes(), table);
        assertTrue(res.peakHeapBytes() <= res.maxHeapBytes(), table);
        assertEquals(Runtime.getRuntime().maxMemory(), res.maxHeapBytes(), table);
        // The process cannot use more CPU than its cores give it over the wall time measured.
        assertTrue(res.cpuSeconds() <= res.wallSeconds() * Runtime.getRuntime().availableProcessors() + 0.1, table);
        assertTrue(res.wallSeconds() >= r.measuredSeconds() - 1.0, table);
        assertTrue(table.contains("nothing lost"), table);
    }
}
