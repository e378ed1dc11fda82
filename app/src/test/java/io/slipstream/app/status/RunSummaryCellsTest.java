package io.slipstream.app.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.app.run.PipelineOutcome;
import io.slipstream.app.run.PipelineStatus;
import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.sink.streamapi.ConnectionState;
import io.slipstream.sink.streamapi.SinkSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary says how many of the cells a replay read landed as values, and where the others went. */
class RunSummaryCellsTest {

    private static RunSummary summary(CountersSnapshot c, long sent) {
        SinkSnapshot k = new SinkSnapshot("k1", ConnectionState.CONNECTED, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, sent);
        return new RunSummary(List.of(new PipelineOutcome(new PipelineStatus("log.csv", "Slipstream", "Stream1", c, k),
                null, List.of())));
    }

    private static Map<?, ?> samples(RunSummary s) {
        return (Map<?, ?>) ((Map<?, ?>) ((List<?>) s.toMap().get("pipelines")).get(0)).get("samples");
    }

    @Test
    void everyCellReadThatLandedIsCountedAndTheRestExplained() {
        // 1,000 cells read: 7 not numbers (MISSING), 3 dropped at overflow; of the 1,002 slots in blocks (997 emitted,
        // 5 filled) 1,000 were sent, so 1,000 - 5 - 7 = 988 landed as values and 12 did not: 7 + 3 + 2 never sent.
        CountersSnapshot c = new CountersSnapshot(1_000, 997, Map.of("overflow-oldest", 3L), 5, 7, 0, 0, 10, 0, 0, 0, 100,
                Map.of("bad-cell", 7L), List.of());
        RunSummary s = summary(c, 1_000);
        assertTrue(s.text().contains("  cells: 988 landed of 1,000 read; 12 not landed: 7 invalid (sent as MISSING,"
                + " see source problems), 3 dropped, 2 not sent"), s.text());
        assertEquals(1_000L, samples(s).get("cellsRead"));
        assertEquals(988L, samples(s).get("cellsLanded"));
    }

    @Test
    void aCleanReplaySaysEveryCellLanded() {
        CountersSnapshot c = new CountersSnapshot(1_003, 1_002, Map.of("undeclared-event", 1L), 0, 0, 0, 0, 4, 0, 0, 0,
                100, Map.of(), List.of(), 600, 6, 2, 1);
        RunSummary s = summary(c, 1_000);
        assertTrue(s.text().contains("  cells: 1,000 landed of 1,000 read" + System.lineSeparator()),
                "event occurrences are not cells: " + s.text());
        assertEquals(1_000L, samples(s).get("cellsLanded"));
    }
}
