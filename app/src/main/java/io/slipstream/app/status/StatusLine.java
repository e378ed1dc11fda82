package io.slipstream.app.status;

import io.slipstream.app.run.PipelineStatus;
import io.slipstream.pipeline.CountersSnapshot;
import java.util.Locale;
import java.util.TreeMap;

/** Formats one pipeline's live status: rates since the previous reading, and running totals. */
final class StatusLine {

    private StatusLine() {
    }

    /**
     * @param now          the pipeline's counters now
     * @param before       its counters at the previous reading, or null for the first reading (counted from zero)
     * @param elapsedNanos time between the two readings
     * @return one line
     */
    static String format(PipelineStatus now, PipelineStatus before, long elapsedNanos) {
        CountersSnapshot c = now.pipeline();
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        // The first reading counts from the start, when every counter was zero.
        double samplesPerSecond = (c.received() - (before == null ? 0 : before.pipeline().received())) / seconds;
        double blocksPerSecond = (c.blocks() - (before == null ? 0 : before.pipeline().blocks())) / seconds;
        int fillPercent = c.bufferCapacity() <= 0 ? 0 : (int) (100L * c.bufferFill() / c.bufferCapacity());
        String line = String.format(Locale.ROOT,
                "%s: %,.0f samples/s, %,.1f blocks/s, %d rows, %d events%s, %d markers, %d dropped, %d filled, buffer %d%%,"
                        + " %s, %d packets sent",
                now.name(), samplesPerSecond, blocksPerSecond, c.rows(), c.events(),
                c.eventsDropped() == 0 ? "" : " (" + c.eventsDropped() + " dropped)", c.markers(),
                c.droppedTotal() + now.sink().droppedTotal(), c.filled(), fillPercent,
                now.sink().state(), now.sink().packetsSent());
        // Bad cells, torn reads, overruns: shown as they happen, not only in the end summary.
        return c.sourceProblems().isEmpty() ? line : line + ", source problems " + new TreeMap<>(c.sourceProblems());
    }
}
