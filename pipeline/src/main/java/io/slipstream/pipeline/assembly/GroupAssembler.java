package io.slipstream.pipeline.assembly;

import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.GapPolicy;
import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.PipelineCounters;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.spi.SampleStatus;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Assembles the blocks of one rate group.
 *
 * <p>The open block is a grid {@code start + i * interval}; a sample goes into the slot nearest its read time. Rows
 * are expected to arrive in time order (every channel of a row before the next row), channels within a row in any
 * order. A slot a channel skips while others fill it is MISSING (counted as filled). A sample more than the
 * tolerance off its slot, after whole missed rows (unless filling), or at or before its channel's previous slot
 * closes the block and starts a new one at its own time (or just after the group's last slot, when it was read
 * within the tolerance before it). While the rate holds, each block starts exactly where the previous one ended.
 *
 * <p>Time that goes back (a logger that restarted, say): a sample read at or before its channel's previous read, or
 * more than the tolerance before the last slot the group has filled (sent or still in the open block), is dropped
 * and counted ({@code backwards}, dropped as {@code time-backwards}); the block is left as it is. A block starting there would lie at or before the last
 * sample already sent, which a session must never hold (its blocks are gapless and never overlap), and there is no
 * way to take back what was sent. So the group goes on with the first sample after its last slot, on the same grid
 * when the new times keep it.
 *
 * <p>Markers wait in the group until the block holding their time is emitted, then follow it.
 */
public final class GroupAssembler {

    private static final byte MISSING = (byte) SampleStatus.MISSING.ordinal();
    /** What {@link #write} returns for a sample it dropped: no slot time is this small. */
    public static final long DROPPED = Long.MIN_VALUE;

    private final RateGroup group;
    private final int columns;
    private final long interval;
    private final long tolerance;
    private final int capacity;
    private final boolean fill;
    private final PipelineCounters counters;
    private final Consumer<PipelineEvent> out;
    private final Linger linger;
    private final int[] last;
    /** Each channel's previous read time, as the source stamped it (not its slot's grid time). */
    private final long[] lastRead;
    private final PendingMarkers markers;

    private double[][] values;
    private byte[][] status;
    private boolean open;
    private long start;
    private int rows;
    private int lastRowColumns;
    private int samples;
    private long filledPending;
    private boolean hasPrevious;
    private long previousEnd;

    /**
     * @param group     the rate group; its channel order is the column order
     * @param settings  block settings
     * @param counters  where to count
     * @param out       where blocks and markers go, in order
     * @param wallClock the clock linger is measured with, ns
     */
    public GroupAssembler(RateGroup group, BlockSettings settings, PipelineCounters counters,
                          Consumer<PipelineEvent> out, LongSupplier wallClock) {
        this.group = group;
        this.columns = group.channels().size();
        this.interval = group.intervalNanos();
        this.tolerance = (long) Math.floor(settings.tolerance() * interval);
        this.capacity = settings.rowsFor(interval);
        this.fill = settings.gap() == GapPolicy.FILL;
        this.counters = counters;
        this.out = out;
        this.linger = new Linger(settings.linger(), wallClock);
        this.last = new int[columns];
        this.lastRead = new long[columns];
        Arrays.fill(lastRead, Long.MIN_VALUE);
        this.markers = new PendingMarkers(counters);
    }

    /** @return the rate group */
    public RateGroup group() {
        return group;
    }

    /**
     * Puts one sample into the open block, closing and opening blocks as the rules say.
     *
     * @param column    the channel's column
     * @param timeNanos its read time
     * @param value     its value
     * @param state     its status ordinal
     * @return the grid time of the slot it went into, or {@link #DROPPED} when its time went backwards
     */
    public long write(int column, long timeNanos, double value, byte state) {
        if (timeNanos <= lastRead[column] || !open && behind(timeNanos)) {
            counters.backwards();
            return DROPPED;
        }
        if (!open) {
            startBlock(timeNanos, true);
        }
        long d = timeNanos - start;
        long k = Math.floorDiv(d + interval / 2, interval);
        long off = d - k * interval;
        if (k <= last[column] || Math.abs(off) > tolerance) {
            // At or before this channel's previous slot though read after it, or off the grid: a new block starts
            // here, unless that would lie before what the group already holds. A read within the tolerance of the
            // last slot is an early (jittered) one; more than that before it, time went backwards.
            if (behind(timeNanos)) {
                counters.backwards();
                return DROPPED;
            }
            counters.offGrid();
            restartAt(timeNanos);
            k = 0;
        } else if (k > rows) {
            if (fill && k - rows <= capacity) {
                k = fillRows(k);
            } else {
                counters.offGrid();
                restartAt(timeNanos);
                k = 0;
            }
        }
        if (k >= capacity) {
            closeAll();
            startBlock(previousEnd, false);
            k -= capacity;
        }
        int i = (int) k;
        if (i > last[column] + 1) {
            markMissing(column, last[column] + 1, i);
        }
        lastRead[column] = timeNanos;
        values[column][i] = value;
        if (state != 0) {
            statusColumn(column)[i] = state;
        }
        last[column] = i;
        if (i >= rows) {
            rows = i + 1;
        }
        if (i == capacity - 1) {
            lastRowColumns++;
        }
        samples++;
        linger.wrote();
        return start + i * interval;
    }

    /**
     * Sends the open block as soon as its last row is complete, rather than when the next row's first sample
     * arrives: at 60 Hz that saved a whole interval of latency per block. Called after the sample's markers were
     * added, so they leave with the block that holds them.
     */
    public void closeIfComplete() {
        if (open && lastRowColumns == columns) {
            closeAll();
        }
    }

    /** @param marker a marker whose time lies in the open block; it follows that block out */
    public void addMarker(Marker marker) {
        markers.add(marker);
    }

    /**
     * Linger: a block open longer than the linger time is sent. If samples still arrive, the last row (possibly
     * incomplete) is carried into the next block; if none arrived since the previous tick, everything is sent.
     *
     * @param wallNow the wall-clock time now
     */
    public void tick(long wallNow) {
        if (!open || rows == 0) {
            return;
        }
        Linger.Due due = linger.tick(wallNow);
        if (due != Linger.Due.NOT_YET) {
            overdue(due == Linger.Due.IDLE);
        }
    }

    /**
     * Sends the open block now, as linger does.
     *
     * @param idle whether the source has been idle, so the last row is complete
     */
    void overdue(boolean idle) {
        if (!open || rows == 0) {
            return;
        }
        if (idle) {
            closeAll();
        } else if (rows > 1) {
            closeCarryingLastRow();
        }
    }

    /** @param wallNanos when the data of the open block first arrived (held by a timing probe before this group) */
    void openedSince(long wallNanos) {
        linger.openedSince(wallNanos);
    }

    /** Sends the open block, if any (end of source). */
    public void finish() {
        closeAll();
    }

    /** @return whether the time lies more than the tolerance before the last slot the group filled, sent or open */
    private boolean behind(long timeNanos) {
        long lastSlot;
        if (open && rows > 0) {
            lastSlot = start + (rows - 1L) * interval;
        } else if (hasPrevious) {
            lastSlot = previousEnd - interval;
        } else {
            return false;
        }
        return timeNanos < lastSlot - tolerance;
    }

    private void restartAt(long timeNanos) {
        closeAll();
        startBlock(timeNanos, false);
    }

    private void startBlock(long timeNanos, boolean continueFromPrevious) {
        start = timeNanos;
        long previousLast = previousEnd - interval;
        if (hasPrevious && timeNanos <= previousLast && timeNanos >= previousLast - tolerance) {
            // Read early, within the tolerance of the previous block's last sample time: start just after that
            // sample, so no two samples claim one time and the grid still lies by no more than the tolerance.
            start = previousLast + 1;
        }
        if (continueFromPrevious && hasPrevious) {
            long d = timeNanos - previousEnd;
            if (d < -tolerance) {
                counters.offGrid(); // within the tolerance of the last slot: further back was dropped by write()
            } else if (d <= tolerance) {
                start = previousEnd;
            } else if (fill && onGrid(d)) {
                start = previousEnd; // write() fills the missed slots
            } else {
                counters.offGrid();
            }
        }
        values = new double[columns][capacity];
        status = new byte[columns][];
        Arrays.fill(last, -1);
        rows = 0;
        lastRowColumns = 0;
        samples = 0;
        open = true;
        linger.open();
    }

    private boolean onGrid(long d) {
        long k = Math.floorDiv(d + interval / 2, interval);
        return Math.abs(d - k * interval) <= tolerance && k <= capacity;
    }

    private long fillRows(long k) {
        while (k > rows) {
            int to = (int) Math.min(k, capacity);
            for (int c = 0; c < columns; c++) {
                markMissing(c, last[c] + 1, to);
                last[c] = to - 1;
            }
            rows = to;
            if (k >= capacity) {
                closeAll();
                startBlock(previousEnd, false);
                k -= capacity;
            }
        }
        return k;
    }

    private byte[] statusColumn(int column) {
        byte[] s = status[column];
        if (s == null) {
            s = new byte[capacity];
            status[column] = s;
        }
        return s;
    }

    private void markMissing(int column, int from, int to) {
        if (to <= from) {
            return;
        }
        byte[] s = statusColumn(column);
        Arrays.fill(values[column], from, to, Double.NaN);
        Arrays.fill(s, from, to, MISSING);
        filledPending += to - from;
    }

    private void closeAll() {
        if (!open) {
            return;
        }
        open = false;
        if (rows > 0) {
            emit(rows, samples);
        }
    }

    private void closeCarryingLastRow() {
        int keep = rows - 1;
        double[][] nextValues = new double[columns][capacity];
        byte[][] nextStatus = new byte[columns][];
        int carried = 0;
        int[] nextLast = new int[columns];
        for (int c = 0; c < columns; c++) {
            nextLast[c] = -1;
            if (last[c] == keep) {
                nextValues[c][0] = values[c][keep];
                byte[] s = status[c];
                if (s != null && s[keep] != 0) {
                    nextStatus[c] = new byte[capacity];
                    nextStatus[c][0] = s[keep];
                }
                nextLast[c] = 0;
                carried++;
            }
        }
        emit(keep, samples - carried);
        start = previousEnd;
        values = nextValues;
        status = nextStatus;
        System.arraycopy(nextLast, 0, last, 0, columns);
        rows = 1;
        lastRowColumns = capacity == 1 ? carried : 0;
        samples = carried;
        linger.restart();
    }

    private void emit(int length, int realSamples) {
        for (int c = 0; c < columns; c++) {
            if (last[c] < length - 1) {
                markMissing(c, last[c] + 1, length);
                last[c] = length - 1;
            }
        }
        Block block = new Block(group, start, interval, length, values, status);
        out.accept(block);
        counters.block();
        counters.emitted(realSamples);
        if (filledPending > 0) {
            counters.filled(filledPending);
            filledPending = 0;
        }
        previousEnd = block.endNanos();
        hasPrevious = true;
        markers.emitCovered(block.lastNanos(), out);
    }
}
