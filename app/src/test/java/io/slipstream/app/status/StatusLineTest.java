package io.slipstream.app.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.app.run.PipelineStatus;
import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.sink.streamapi.ConnectionState;
import io.slipstream.sink.streamapi.SinkSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static PipelineStatus status(long received, long blocks, Map<String, Long> problems) {
        CountersSnapshot c = new CountersSnapshot(received, received - 5, Map.of("overflow-oldest", 5L), 2, 0, 0, 0,
                blocks, 3, 0, 10, 100, problems, List.of(), 120, 4, 7, 0);
        // One packet of 100 samples (2,600 bytes) lost from the resend buffer; 3,000 bytes queued, 20,000 retained
        SinkSnapshot s = new SinkSnapshot("k", ConnectionState.CONNECTED, 40, blocks, 3, 1, 1000, 0, 0,
                Map.of("resend-buffer-overflow", 1L), 0, 0, 0, 0, 0, 0, Map.of("resend-buffer-overflow", 2_600L),
                Map.of("resend-buffer-overflow", 100L), 3_000, 20_000);
        // 10 samples in the buffer (480 bytes) and 1,000,000 bytes of blocks waiting for the sink
        return new PipelineStatus("demo", "Slipstream", "Stream1", c, s, null, 0, 1_000_000);
    }

    @Test
    void theFirstReadingCountsFromTheStartAndLaterOnesFromThePrevious() {
        assertEquals("demo: live 0:00, 5,000 samples/s, 20.0 blocks/s, 120 rows, 7 events, 3 markers, 105 dropped (1 packets"
                + " lost, 2.5 KiB), 2 filled, buffer 999.5 KiB (samples 10%), CONNECTED, 40 packets sent",
                StatusLine.format(status(10_000, 40, Map.of()), null, 2_000_000_000L));
        assertEquals("demo: live 0:00, 2,500 samples/s, 5.0 blocks/s, 120 rows, 7 events, 3 markers, 105 dropped (1 packets"
                        + " lost, 2.5 KiB), 2 filled, buffer 999.5 KiB (samples 10%), CONNECTED, 40 packets sent",
                StatusLine.format(status(15_000, 50, Map.of()), status(10_000, 40, Map.of()), 2_000_000_000L));
    }

    @Test
    void droppedEventsAreShownBesideTheEvents() {
        CountersSnapshot c = new CountersSnapshot(10, 9, Map.of("undeclared-event", 1L), 0, 0, 0, 0, 0, 0, 0, 0, 0,
                Map.of(), List.of(), 5, 1, 2, 1);
        SinkSnapshot s = new SinkSnapshot("k", ConnectionState.CONNECTED, 4, 1, 0, 1, 100, 0, 0, Map.of(), 0, 0, 0);
        assertEquals("demo: live 0:00, 10 samples/s, 0.0 blocks/s, 5 rows, 2 events (1 dropped), 0 markers, 1 dropped, 0 filled,"
                        + " buffer 0 B (samples 0%), CONNECTED, 4 packets sent",
                StatusLine.format(new PipelineStatus("demo", "Slipstream", "Stream1", c, s), null, 1_000_000_000L));
    }

    @Test
    void sourceProblemsShowAsTheyHappen() {
        String line = StatusLine.format(status(10, 1, Map.of("bad-cell", 4L, "overrun", 1L)), null, 1_000_000_000L);
        assertEquals(true, line.endsWith(", source problems {bad-cell=4, overrun=1}"), line);
    }

    @Test
    void aNarrowLineKeepsWholeFactsInOrderAndLeavesTheLastColumnFree() {
        List<StatusLine.Fact> facts = StatusLine.facts(status(10_000, 40, Map.of()), null, 2_000_000_000L);
        assertEquals("demo: live 0:00, 5,000 samples/s", StatusLine.line("demo", facts, 40));
        assertEquals("demo: li", StatusLine.line("demo", facts, 5));
    }

    @Test
    void theJsonFormHasTheSameFactsAsNumbers() {
        Map<String, Object> json = StatusLine.json("demo", StatusLine.facts(status(10_000, 40, Map.of()), null,
                2_000_000_000L));
        assertEquals("status", json.get("type"));
        assertEquals(5000L, json.get("samplesPerSecond"));
        assertEquals(20.0, json.get("blocksPerSecond"));
        assertEquals(105L, json.get("dropped"), "5 samples dropped by the buffer, 100 in the packet lost");
        assertEquals(1L, json.get("packetsDropped"));
        assertEquals(2_600L, json.get("packetsDroppedBytes"));
        assertEquals(480L + 1_000_000 + 3_000 + 20_000, json.get("bufferBytes"));
        assertEquals(10, json.get("bufferSamples"));
        assertEquals(1_000_000L, json.get("eventQueueBytes"));
        assertEquals(3_000L, json.get("sendQueueBytes"));
        assertEquals(20_000L, json.get("resendBufferBytes"));
        assertEquals("CONNECTED", json.get("connection"));
        assertEquals("live 0:00", json.get("progress"));
    }
}
