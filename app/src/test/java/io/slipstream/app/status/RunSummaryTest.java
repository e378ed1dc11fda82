package io.slipstream.app.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.app.run.PipelineOutcome;
import io.slipstream.app.run.PipelineStatus;
import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.sink.streamapi.ConnectionState;
import io.slipstream.sink.streamapi.SinkSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    /** A pipeline that put 1,000 samples (and 20 filled slots) in blocks, of which the sink handed {@code sent} to gRPC. */
    private static PipelineOutcome outcome(String error, String sessionKey, long sent) {
        CountersSnapshot c = new CountersSnapshot(1_000, 1_000, Map.of(), 20, 0, 0, 0, 10, 0, 0, 0, 100, Map.of(), List.of());
        SinkSnapshot k = new SinkSnapshot(sessionKey, ConnectionState.CONNECTING, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, sent);
        return new PipelineOutcome(new PipelineStatus("demo", "Slipstream", "Stream1", c, k), error, List.of());
    }

    @Test
    void samplesThatNeverReachedTheStreamApiAreShownAndCounted() {
        RunSummary failed = new RunSummary(List.of(outcome("the Stream API at localhost:1 was never reached", null, 0)));
        assertTrue(failed.text().contains("FAILED: the Stream API at localhost:1 was never reached: no session was created"),
                failed.text());
        assertTrue(failed.text().contains("NOT SENT: 1,020 of the samples the pipeline put in blocks or rows never reached the"
                + " Stream API"), failed.text());
        Map<?, ?> samples = (Map<?, ?>) ((Map<?, ?>) ((List<?>) failed.toMap().get("pipelines")).get(0)).get("samples");
        assertEquals(1_020L, samples.get("notSent"));
        assertEquals(0L, samples.get("sentToStreamApi"));

        RunSummary partly = new RunSummary(List.of(outcome("stopped", "k1", 400)));
        assertTrue(partly.text().contains("NOT SENT: 620 of"), partly.text());

        RunSummary clean = new RunSummary(List.of(outcome(null, "k1", 1_020)));
        assertFalse(clean.text().contains("NOT SENT"), clean.text());
        assertTrue(clean.text().contains("ended cleanly: session k1"), clean.text());
    }

    @Test
    void rowsAndEventsAreInTheTextAndTheJson() {
        CountersSnapshot c = new CountersSnapshot(1_003, 1_002, Map.of("undeclared-event", 1L), 0, 0, 0, 0, 4, 0, 0, 0,
                100, Map.of(), List.of(), 600, 6, 2, 1);
        SinkSnapshot k = new SinkSnapshot("k1", ConnectionState.CONNECTED, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 1_000);
        RunSummary summary = new RunSummary(List.of(new PipelineOutcome(new PipelineStatus("demo", "Slipstream",
                "Stream1", c, k), null, List.of())));

        assertTrue(summary.text().contains("; 4 blocks, 600 rows in 6 batches, 2 events (1 DROPPED), 0 markers"),
                summary.text());
        assertFalse(summary.text().contains("NOT SENT"), "event occurrences are not samples: " + summary.text());
        Map<?, ?> p = (Map<?, ?>) ((List<?>) summary.toMap().get("pipelines")).get(0);
        assertEquals(600L, p.get("rows"));
        assertEquals(6L, p.get("rowBatches"));
        assertEquals(2L, p.get("events"));
        assertEquals(1L, p.get("eventsDropped"));
    }

    @Test
    void packetsTheSinkDroppedAndTheBytesHeldAreInTheTextAndTheJson() {
        CountersSnapshot c = new CountersSnapshot(1_000, 1_000, Map.of(), 0, 0, 0, 0, 10, 0, 0, 7, 100, Map.of(),
                List.of());
        // two packets (300 samples, 4,000 bytes) lost from the resend buffer; 512 bytes queued, 2,048 retained
        SinkSnapshot k = new SinkSnapshot("k1", ConnectionState.CONNECTED, 10, 10, 0, 1, 9_000, 0, 1,
                Map.of("resend-buffer-overflow", 2L), 0, 0, 1_000, 0, 0, 0, Map.of("resend-buffer-overflow", 4_000L),
                Map.of("resend-buffer-overflow", 300L), 512, 2_048);
        RunSummary summary = new RunSummary(List.of(new PipelineOutcome(new PipelineStatus("demo", "Slipstream",
                "Stream1", c, k, null, 0, 10_000), null, List.of())));

        assertTrue(summary.text().contains("2 dropped {resend-buffer-overflow=2} (4,000 bytes, 300 samples)"),
                summary.text());
        Map<?, ?> p = (Map<?, ?>) ((List<?>) summary.toMap().get("pipelines")).get(0);
        Map<?, ?> packets = (Map<?, ?>) p.get("packets");
        assertEquals(2L, packets.get("dropped"));
        assertEquals(4_000L, packets.get("droppedBytes"));
        assertEquals(300L, packets.get("droppedSamples"));
        Map<?, ?> buffer = (Map<?, ?>) p.get("buffer");
        assertEquals(7L * 48 + 10_000 + 512 + 2_048, buffer.get("bytes"), "samples, events, queued, retained");
        assertEquals(7, buffer.get("samples"));
        assertEquals(10_000L, buffer.get("eventQueueBytes"));
        assertEquals(512L, buffer.get("sendQueueBytes"));
        assertEquals(2_048L, buffer.get("resendBufferBytes"));
    }
}
