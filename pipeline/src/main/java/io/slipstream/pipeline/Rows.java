package io.slipstream.pipeline;

import io.slipstream.spi.SampleStatus;

/**
 * Timestamped rows of one row group: row {@code i} holds one value per column, all read at {@code times[i]}.
 * Times never go backwards within a batch and are exactly the read times the source stamped (never moved to a
 * grid). It becomes one {@code RowDataPacket}.
 *
 * <p>Columns are primitive arrays, as in {@link Block}; a status column is null when every value of that column is
 * valid, otherwise it holds {@link SampleStatus#ordinal()} per row. Arrays are owned by the batch once built.
 */
public final class Rows implements PipelineEvent {

    private final RowGroup group;
    private final int length;
    private final long[] times;
    private final double[][] values;
    private final byte[][] status;

    /**
     * @param group  the row group; its channel order is the column order
     * @param length rows in this batch, at least 1
     * @param times  read time of each row, at least {@code length} long, never decreasing
     * @param values one array per column, each at least {@code length} long
     * @param status one array per column or null per column (all valid); may itself be null (all valid)
     */
    public Rows(RowGroup group, int length, long[] times, double[][] values, byte[][] status) {
        if (length < 1) {
            throw new IllegalArgumentException("a row batch needs at least one row");
        }
        if (values.length != group.channels().size()) {
            throw new IllegalArgumentException("rows of group " + group.id() + " need "
                    + group.channels().size() + " columns, got " + values.length);
        }
        this.group = group;
        this.length = length;
        this.times = times;
        this.values = values;
        this.status = status == null ? new byte[values.length][] : status;
    }

    /** @return the row group */
    public RowGroup group() { return group; }

    /** @return rows in this batch */
    public int length() { return length; }

    /**
     * @param i row index
     * @return the read time of row {@code i}, ns since the Unix epoch
     */
    public long time(int i) { return times[i]; }

    /** @return the read time of the first row */
    public long firstNanos() { return times[0]; }

    /** @return the read time of the last row */
    public long lastNanos() { return times[length - 1]; }

    /** @return number of columns (channels of the group) */
    public int columns() { return values.length; }

    /**
     * @param column column index
     * @return the values of that column; read only
     */
    public double[] values(int column) { return values[column]; }

    /**
     * @param column column index
     * @return the status ordinals of that column, or null when all are valid; read only
     */
    public byte[] status(int column) { return status[column]; }

    /**
     * @param column column index
     * @param i      row index
     * @return the status of that value
     */
    public SampleStatus statusAt(int column, int i) {
        byte[] s = status[column];
        return s == null ? SampleStatus.VALID : SampleStatus.values()[s[i]];
    }

    /**
     * @param timeNanos a time
     * @return whether the time lies within this batch's range (first to last row)
     */
    public boolean covers(long timeNanos) {
        return timeNanos >= firstNanos() && timeNanos <= lastNanos();
    }

    @Override
    public String toString() {
        return "Rows[group=" + group.id() + ", first=" + firstNanos() + ", last=" + lastNanos() + ", length=" + length
                + ", columns=" + values.length + "]";
    }

    /** @return the times, value and status arrays' bytes (only the rows used) plus a small header */
    @Override
    public long sizeBytes() {
        long bytes = 64L + 16L * values.length + 8L * length;
        for (byte[] s : status) {
            bytes += s == null ? 0 : length;
        }
        return bytes + 8L * length * values.length;
    }
}
