package io.slipstream.pipeline;

import io.slipstream.spi.SampleStatus;
import java.util.Arrays;

/**
 * A gapless run of samples of one rate group: sample {@code i} of every column was read at
 * {@code startNanos + i * intervalNanos} (within the pipeline's tolerance). It becomes one
 * {@code PeriodicDataPacket}.
 *
 * <p>Columns are primitive arrays so that no per-sample object survives the pipeline. A status column is null
 * when every value of that column is valid; otherwise it holds {@link SampleStatus#ordinal()} per sample.
 * Arrays are owned by the block once built; nobody mutates them afterwards.
 */
public final class Block implements PipelineEvent {

    private final RateGroup group;
    private final long startNanos;
    private final long intervalNanos;
    private final int length;
    private final double[][] values;
    private final byte[][] status;

    /**
     * @param group         the rate group; its channel order is the column order
     * @param startNanos    read time of the first sample
     * @param intervalNanos the interval between samples
     * @param length        samples per column, at least 1
     * @param values        one array per column, each at least {@code length} long
     * @param status        one array per column or null per column (all valid); may itself be null (all valid)
     */
    public Block(RateGroup group, long startNanos, long intervalNanos, int length, double[][] values, byte[][] status) {
        if (length < 1) {
            throw new IllegalArgumentException("a block needs at least one sample");
        }
        if (values.length != group.channels().size()) {
            throw new IllegalArgumentException("a block of group " + group.id() + " needs "
                    + group.channels().size() + " columns, got " + values.length);
        }
        this.group = group;
        this.startNanos = startNanos;
        this.intervalNanos = intervalNanos;
        this.length = length;
        this.values = values;
        this.status = status == null ? new byte[values.length][] : status;
    }

    /** @return the rate group */
    public RateGroup group() { return group; }

    /** @return read time of the first sample, ns since the Unix epoch */
    public long startNanos() { return startNanos; }

    /** @return the interval between samples, ns */
    public long intervalNanos() { return intervalNanos; }

    /** @return samples per column */
    public int length() { return length; }

    /** @return the grid time of the last sample */
    public long lastNanos() { return startNanos + (length - 1L) * intervalNanos; }

    /** @return the grid time just past the last sample, where a following contiguous block starts */
    public long endNanos() { return startNanos + length * intervalNanos; }

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
     * @param i      sample index
     * @return the status of that sample
     */
    public SampleStatus statusAt(int column, int i) {
        byte[] s = status[column];
        return s == null ? SampleStatus.VALID : SampleStatus.values()[s[i]];
    }

    /**
     * @param timeNanos a time
     * @return whether the time lies within this block's sample range (first to last sample)
     */
    public boolean covers(long timeNanos) {
        return timeNanos >= startNanos && timeNanos <= lastNanos();
    }

    /**
     * @return the bytes the value and status arrays hold, as allocated, plus a small header. The assembler allocates
     *         a whole block's capacity and a block cut short (a gap, a drop) keeps it: counting only the
     *         {@code length} samples used let a queue bounded in bytes hold 100 times its bound of short blocks
     *         (1,000 channels x 1 kHz with drops ran a 384 MB heap out of memory)
     */
    @Override
    public long sizeBytes() {
        long bytes = 64L + 16L * values.length;
        for (byte[] s : status) {
            bytes += s == null ? 0 : s.length;
        }
        for (double[] v : values) {
            bytes += 8L * v.length;
        }
        return bytes;
    }

    /**
     * @param from   the first sample, 0 or more
     * @param length how many samples, at least 1
     * @return samples {@code from} to {@code from + length} of every column as a block of its own, starting at the
     *         grid time of sample {@code from} (this block itself when that is all of it)
     */
    public Block slice(int from, int length) {
        if (from < 0 || length < 1 || from + length > this.length) {
            throw new IndexOutOfBoundsException("samples " + from + " to " + (from + length) + " of a block of "
                    + this.length);
        }
        if (from == 0 && length == this.length) {
            return this;
        }
        double[][] v = new double[values.length][];
        byte[][] s = new byte[values.length][];
        for (int col = 0; col < values.length; col++) {
            v[col] = Arrays.copyOfRange(values[col], from, from + length);
            s[col] = status[col] == null ? null : Arrays.copyOfRange(status[col], from, from + length);
        }
        return new Block(group, startNanos + from * intervalNanos, intervalNanos, length, v, s);
    }

    @Override
    public String toString() {
        return "Block[group=" + group.id() + ", start=" + startNanos + ", interval=" + intervalNanos
                + ", length=" + length + ", columns=" + values.length + "]";
    }
}
