package io.slipstream.pipeline.assembly;

import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.PipelineCounters;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.RowGroup;
import io.slipstream.pipeline.Rows;
import io.slipstream.spi.SampleStatus;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Assembles the row batches of one row group: one row per distinct read time, each value at exactly the time the
 * source stamped (never moved to a grid).
 *
 * <p>Samples arrive in time order: a sample at the open row's time fills its column there, a later one opens a new
 * row. A batch closes, like a block, at {@code block.size} rows, when a row would lie {@code block.span} or more
 * after its first row, at the end of the source, and after {@code block.linger} of wall-clock time (the row still
 * being written is then carried into the next batch). A column without a value in a row is MISSING there (counted
 * as filled).
 *
 * <p>Time that goes back (a logger that restarted, say): a sample before the group's last row, sent or open, or a
 * second value for a column at that row's time, is dropped and counted ({@code backwards}, dropped as
 * {@code time-backwards}). A row there would go back before, or repeat, a time already sent, which a session must
 * never hold, and what was sent cannot be taken back. So the group goes on with the first sample after its last
 * row.
 *
 * <p>Markers wait until the batch holding their time is emitted, then follow it.
 */
public final class RowAssembler {

    private static final byte MISSING = (byte) SampleStatus.MISSING.ordinal();
    private static final int FIRST_CAPACITY = 16;

    private final RowGroup group;
    private final int columns;
    private final int size;
    private final long span;
    private final PipelineCounters counters;
    private final Consumer<PipelineEvent> out;
    private final Linger linger;
    private final int[] last;
    private final PendingMarkers markers;

    private long[] times;
    private double[][] values;
    private byte[][] status;
    private int rows;
    private int samples;
    private long filledPending;
    private boolean anyRow;
    private long lastRowTime;

    /**
     * @param group     the row group; its channel order is the column order
     * @param settings  block settings: size, span and linger bound the batches
     * @param counters  where to count
     * @param out       where batches and markers go, in order
     * @param wallClock the clock linger is measured with, ns
     */
    public RowAssembler(RowGroup group, BlockSettings settings, PipelineCounters counters, Consumer<PipelineEvent> out,
                        LongSupplier wallClock) {
        this.group = group;
        this.columns = group.channels().size();
        this.size = settings.size();
        this.span = settings.span().toNanos();
        this.counters = counters;
        this.out = out;
        this.linger = new Linger(settings.linger(), wallClock);
        this.last = new int[columns];
        this.markers = new PendingMarkers(counters);
        startBatch();
    }

    /** @return the row group */
    public RowGroup group() {
        return group;
    }

    /**
     * Puts one value into its row.
     *
     * @param column    the channel's column
     * @param timeNanos its read time, kept as it is
     * @param value     its value
     * @param state     its status ordinal
     * @return false when it was dropped because its time went backwards
     */
    public boolean write(int column, long timeNanos, double value, byte state) {
        if (rows == 0) {
            if (anyRow && timeNanos <= lastRowTime) {
                counters.backwards(); // at or before the last row of a batch already sent
                return false;
            }
            openRow(timeNanos);
        } else {
            long open = times[rows - 1];
            if (timeNanos > open) {
                if (rows == size || timeNanos - times[0] >= span) {
                    close();
                }
                openRow(timeNanos);
            } else if (timeNanos < open || last[column] == rows - 1) {
                counters.backwards();
                return false;
            }
        }
        int i = rows - 1;
        if (i > last[column] + 1) {
            markMissing(column, last[column] + 1, i);
        }
        values[column][i] = value;
        if (state != 0) {
            statusColumn(column)[i] = state;
        }
        last[column] = i;
        samples++;
        linger.wrote();
        return true;
    }

    /** Sends the batch as soon as it is full and its last row has every column, rather than at the next row. */
    public void closeIfComplete() {
        if (rows == size) {
            for (int c = 0; c < columns; c++) {
                if (last[c] != rows - 1) {
                    return;
                }
            }
            close();
        }
    }

    /** @param marker a marker whose time lies in the open batch; it follows that batch out */
    public void addMarker(Marker marker) {
        markers.add(marker);
    }

    /**
     * Linger: a batch open longer than the linger time is sent; if samples still arrive, its last row is carried
     * into the next batch, otherwise everything is sent.
     *
     * @param wallNow the wall-clock time now
     */
    public void tick(long wallNow) {
        if (rows == 0) {
            return;
        }
        Linger.Due due = linger.tick(wallNow);
        if (due != Linger.Due.NOT_YET) {
            overdue(due == Linger.Due.IDLE);
        }
    }

    /**
     * Sends the batch now, as linger does.
     *
     * @param idle whether the source has been idle, so the last row is complete
     */
    void overdue(boolean idle) {
        if (idle) {
            close();
        } else if (rows > 1) {
            closeCarryingLastRow();
        }
    }

    /** @param wallNanos when the data of the open batch first arrived (held elsewhere before this group existed) */
    void openedSince(long wallNanos) {
        linger.openedSince(wallNanos);
    }

    /** Sends the open batch, if any (end of source). */
    public void finish() {
        close();
    }

    private void startBatch() {
        int initial = Math.min(size, FIRST_CAPACITY);
        times = new long[initial];
        values = new double[columns][initial];
        status = new byte[columns][];
        Arrays.fill(last, -1);
        rows = 0;
        samples = 0;
        linger.open();
    }

    private void openRow(long timeNanos) {
        if (rows == times.length) {
            int grown = Math.min(size, times.length * 2);
            times = Arrays.copyOf(times, grown);
            for (int c = 0; c < columns; c++) {
                values[c] = Arrays.copyOf(values[c], grown);
                if (status[c] != null) {
                    status[c] = Arrays.copyOf(status[c], grown);
                }
            }
        }
        times[rows++] = timeNanos;
        anyRow = true;
        lastRowTime = timeNanos;
    }

    private byte[] statusColumn(int column) {
        byte[] s = status[column];
        if (s == null) {
            s = new byte[times.length];
            status[column] = s;
        }
        return s;
    }

    private void markMissing(int column, int from, int to) {
        if (to <= from) {
            return;
        }
        Arrays.fill(values[column], from, to, Double.NaN);
        Arrays.fill(statusColumn(column), from, to, MISSING);
        filledPending += to - from;
    }

    private void close() {
        if (rows > 0) {
            emit(rows, samples);
        }
        startBatch();
    }

    private void closeCarryingLastRow() {
        int keep = rows - 1;
        long carriedTime = times[keep];
        double[] carriedValues = new double[columns];
        byte[] carriedStatus = new byte[columns];
        boolean[] has = new boolean[columns];
        int carried = 0;
        for (int c = 0; c < columns; c++) {
            if (last[c] == keep) {
                has[c] = true;
                carriedValues[c] = values[c][keep];
                carriedStatus[c] = status[c] == null ? 0 : status[c][keep];
                last[c] = keep - 1;
                carried++;
            }
        }
        emit(keep, samples - carried);
        startBatch();
        openRow(carriedTime);
        for (int c = 0; c < columns; c++) {
            if (has[c]) {
                values[c][0] = carriedValues[c];
                if (carriedStatus[c] != 0) {
                    statusColumn(c)[0] = carriedStatus[c];
                }
                last[c] = 0;
            }
        }
        samples = carried;
    }

    private void emit(int length, int realSamples) {
        for (int c = 0; c < columns; c++) {
            if (last[c] < length - 1) {
                markMissing(c, last[c] + 1, length);
            }
        }
        Rows batch = new Rows(group, length, times, values, status);
        out.accept(batch);
        counters.rowBatch(length);
        counters.emitted(realSamples);
        if (filledPending > 0) {
            counters.filled(filledPending);
            filledPending = 0;
        }
        markers.emitCovered(batch.lastNanos(), out);
    }
}
