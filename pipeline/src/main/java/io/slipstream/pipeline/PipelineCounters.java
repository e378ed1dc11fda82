package io.slipstream.pipeline;

import io.slipstream.spi.SourceProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to the samples of one pipeline run, for the app's status line and metrics. Thread-safe and cheap:
 * per-sample counts are uncontended adders, everything else is counted per block, row batch or event.
 */
public final class PipelineCounters {

    /** The drop reason of samples at or before the last time already sent for their group. */
    public static final String TIME_BACKWARDS = "time-backwards";

    /** How many problems are kept in full. */
    public static final int FIRST_PROBLEMS = 20;

    private final LongAdder received = new LongAdder();
    private final LongAdder taken = new LongAdder();
    private final LongAdder emitted = new LongAdder();
    private final LongAdder filled = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final LongAdder backwards = new LongAdder();
    private final LongAdder offGrid = new LongAdder();
    private final LongAdder blocks = new LongAdder();
    private final LongAdder markers = new LongAdder();
    private final LongAdder markersFound = new LongAdder();
    private final LongAdder markersDropped = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final LongAdder rowBatches = new LongAdder();
    private final LongAdder eventsReceived = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder eventsDropped = new LongAdder();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
    private final List<SourceProblem> firstProblems = new ArrayList<>();
    private final int bufferCapacity;

    /** @param bufferCapacity the size of the buffer between source and pipeline, 0 when there is none */
    public PipelineCounters(int bufferCapacity) {
        this.bufferCapacity = bufferCapacity;
    }

    /** Counts one sample from the source. */
    public void received() {
        received.increment();
    }

    /** Counts one sample taken out of the buffer. */
    public void taken() {
        taken.increment();
    }

    /** @param n samples put into an emitted block */
    public void emitted(long n) {
        emitted.add(n);
    }

    /** @param n MISSING samples made up for missed slots */
    public void filled(long n) {
        filled.add(n);
    }

    /** Counts one NaN or infinite value turned MISSING. */
    public void invalid() {
        invalid.increment();
    }

    /**
     * Counts one sample whose time went backwards (or repeated) on its group, dropped because sending it would put
     * data at or before what the group already sent: counted as {@link #TIME_BACKWARDS dropped} too.
     */
    public void backwards() {
        backwards.increment();
        dropped(TIME_BACKWARDS, 1);
    }

    /** Counts one sample off the grid or after a gap. */
    public void offGrid() {
        offGrid.increment();
    }

    /** Counts one emitted block. */
    public void block() {
        blocks.increment();
    }

    /**
     * Counts one emitted batch of rows.
     *
     * @param length its rows
     */
    public void rowBatch(int length) {
        rowBatches.increment();
        rows.add(length);
    }

    /** Counts one event occurrence from the source (also counted as {@link #received()}). */
    public void eventReceived() {
        eventsReceived.increment();
    }

    /** Counts one emitted event occurrence (also counted as {@link #emitted(long) emitted}). */
    public void event() {
        events.increment();
        emitted.increment();
    }

    /**
     * Counts one event occurrence not emitted, also as a dropped item with that reason.
     *
     * @param reason why, as for {@link #dropped(String, long)}
     */
    public void eventDropped(String reason) {
        eventsDropped.increment();
        dropped(reason, 1);
    }

    /** Counts one emitted marker. */
    public void marker() {
        markers.increment();
    }

    /** Counts one marker derived and waiting for the block that covers its time. */
    public void markerFound() {
        markersFound.increment();
    }

    /**
     * Counts the derived markers not emitted because the run was cancelled or failed before their block left, and
     * the event occurrences received but neither emitted nor dropped (they were inside the pipeline).
     */
    void dropPending() {
        long pending = markersFound.sum() - markers.sum() - markersDropped.sum();
        if (pending > 0) {
            markersDropped.add(pending);
        }
        long inside = eventsReceived.sum() - events.sum() - eventsDropped.sum();
        if (inside > 0) {
            eventsDropped.add(inside);
        }
    }

    /**
     * @param reason why, a short stable word (e.g. {@code overflow-oldest})
     * @param n      how many samples
     */
    public void dropped(String reason, long n) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).add(n);
    }

    /**
     * Counts a problem the source reported and keeps the first {@value #FIRST_PROBLEMS} in full.
     *
     * @param problem the problem
     * @return whether it was among the first ones kept
     */
    public boolean problem(SourceProblem problem) {
        problems.computeIfAbsent(problem.kind(), k -> new LongAdder()).increment();
        synchronized (firstProblems) {
            if (firstProblems.size() < FIRST_PROBLEMS) {
                firstProblems.add(problem);
                return true;
            }
            return false;
        }
    }

    /** @return received minus emitted minus dropped: samples still inside the pipeline */
    long inFlight() {
        return received.sum() - emitted.sum() - sum(dropped);
    }

    private static long sum(Map<String, LongAdder> m) {
        long s = 0;
        for (LongAdder a : m.values()) {
            s += a.sum();
        }
        return s;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** @return the counters now; each value is exact, the set as a whole is not one atomic cut */
    public CountersSnapshot snapshot() {
        Map<String, Long> droppedNow = sums(dropped);
        long overflowDrops = 0;
        for (Map.Entry<String, Long> e : droppedNow.entrySet()) {
            if (e.getKey().startsWith("overflow")) {
                overflowDrops += e.getValue();
            }
        }
        long fill = bufferCapacity == 0 ? 0 : received.sum() - taken.sum() - overflowDrops;
        List<SourceProblem> first;
        synchronized (firstProblems) {
            first = List.copyOf(firstProblems);
        }
        return new CountersSnapshot(received.sum(), emitted.sum(), droppedNow, filled.sum(), invalid.sum(),
                backwards.sum(), offGrid.sum(), blocks.sum(), markers.sum(), markersDropped.sum(),
                (int) Math.max(0, Math.min(bufferCapacity, fill)), bufferCapacity, sums(problems), first, rows.sum(),
                rowBatches.sum(), events.sum(), eventsDropped.sum());
    }
}
