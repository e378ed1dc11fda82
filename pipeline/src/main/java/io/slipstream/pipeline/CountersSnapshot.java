package io.slipstream.pipeline;

import io.slipstream.spi.SourceProblem;
import java.util.List;
import java.util.Map;

/**
 * The counters of one pipeline run at one moment. At completion {@code received == emitted + droppedTotal()}, where
 * event occurrences count as received and emitted items like samples (and, dropped, among {@code dropped} too).
 *
 * @param received       samples the source emitted
 * @param emitted        received samples put into blocks or rows (including NaN turned MISSING), and event
 *                       occurrences emitted
 * @param dropped        samples dropped, by reason (e.g. {@code overflow-oldest}, {@code cancelled})
 * @param filled         MISSING samples the pipeline made up for missed slots; not part of {@code received}
 * @param invalid        samples that came MISSING from the source, or whose NaN or infinite value became MISSING
 * @param backwards      samples whose time went backwards (or repeated) on their group: at or before the last time
 *                       already sent for it (for a rate group, more than the tolerance before its last slot); each
 *                       was dropped and is also among {@code dropped} as {@code time-backwards}
 * @param offGrid        samples off the grid by more than the tolerance, or after a gap; each started a new block
 * @param blocks         blocks emitted
 * @param markers        markers emitted
 * @param markersDropped markers derived but not emitted because the run was cancelled or failed while the block
 *                       holding their time was still open
 * @param bufferFill     samples in the buffer between source and pipeline now
 * @param bufferCapacity the buffer's size
 * @param sourceProblems problems the source reported, by kind
 * @param firstProblems  the first 20 problems in full
 * @param rows           timestamped rows emitted (one per distinct read time of a row group)
 * @param rowBatches     row batches ({@link Rows}) emitted
 * @param events         event occurrences emitted
 * @param eventsDropped  event occurrences not emitted: the source never declared the event, or the run was
 *                       cancelled or failed while they were inside (an overflow never drops one: it fails the run)
 */
public record CountersSnapshot(long received, long emitted, Map<String, Long> dropped, long filled, long invalid,
                               long backwards, long offGrid, long blocks, long markers, long markersDropped,
                               int bufferFill, int bufferCapacity, Map<String, Long> sourceProblems,
                               List<SourceProblem> firstProblems, long rows, long rowBatches, long events,
                               long eventsDropped) {

    /** Copies the maps and list. */
    public CountersSnapshot {
        dropped = Map.copyOf(dropped);
        sourceProblems = Map.copyOf(sourceProblems);
        firstProblems = List.copyOf(firstProblems);
    }

    /**
     * The counters of a run without rows or events, as before they existed (kept so that callers written then still
     * compile).
     *
     * @param received       samples the source emitted
     * @param emitted        received samples put into blocks
     * @param dropped        samples dropped, by reason
     * @param filled         MISSING samples made up
     * @param invalid        NaN or infinite values turned MISSING
     * @param backwards      samples whose time went backwards
     * @param offGrid        samples off the grid
     * @param blocks         blocks emitted
     * @param markers        markers emitted
     * @param markersDropped markers not emitted
     * @param bufferFill     samples in the buffer now
     * @param bufferCapacity the buffer's size
     * @param sourceProblems problems by kind
     * @param firstProblems  the first problems in full
     */
    public CountersSnapshot(long received, long emitted, Map<String, Long> dropped, long filled, long invalid,
                            long backwards, long offGrid, long blocks, long markers, long markersDropped,
                            int bufferFill, int bufferCapacity, Map<String, Long> sourceProblems,
                            List<SourceProblem> firstProblems) {
        this(received, emitted, dropped, filled, invalid, backwards, offGrid, blocks, markers, markersDropped,
                bufferFill, bufferCapacity, sourceProblems, firstProblems, 0, 0, 0, 0);
    }

    /**
     * Heap bytes one buffered sample takes: a {@code SampleValue} is 40 bytes with compressed references (header 12,
     * channel 4, time 8, value 8, status 4, event values 4), its queue slot 4 to 8 more. Event occurrences carry an
     * array besides; they are rare enough not to change the figure.
     */
    public static final int SAMPLE_BYTES = 48;

    /** @return the buffer's fill in heap bytes (an estimate of {@value #SAMPLE_BYTES} bytes a sample) */
    public long bufferBytes() {
        return (long) bufferFill * SAMPLE_BYTES;
    }

    /** @return the buffer's capacity in heap bytes, as {@link #bufferBytes()} counts them */
    public long bufferCapacityBytes() {
        return (long) bufferCapacity * SAMPLE_BYTES;
    }

    /** @return samples dropped for any reason */
    public long droppedTotal() {
        long sum = 0;
        for (long n : dropped.values()) {
            sum += n;
        }
        return sum;
    }
}
