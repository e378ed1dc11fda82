package io.slipstream.iracing.replay;

import io.slipstream.spi.SourceProgress;

/**
 * Where an .ibt replay has got: written by the replaying thread once per row, read by the status line from
 * another. The two fields are written together but read apart; a reading a row out of date is harmless on a
 * line redrawn a few times a second.
 */
public final class IbtProgress {

    private final long rowsTotal;
    private final long bytesTotal;
    private final long firstRowOffset;
    private final long rowBytes;
    private final long timeTotalNanos;
    private final boolean realTime;
    private volatile long rowsRead;
    private volatile long timeReadNanos;

    /**
     * @param ibt            the open file
     * @param bytesTotal     the file's size
     * @param timeTotalNanos the last row's time after the first
     * @param realTime       whether rows are paced at the recorded rate
     */
    public IbtProgress(IbtFile ibt, long bytesTotal, long timeTotalNanos, boolean realTime) {
        this.rowsTotal = ibt.rowCount();
        this.bytesTotal = bytesTotal;
        this.firstRowOffset = ibt.rowStart(0);
        this.rowBytes = ibt.header().bufLen();
        this.timeTotalNanos = timeTotalNanos;
        this.realTime = realTime;
    }

    /**
     * @param index       the row just replayed
     * @param offsetNanos its time after the first row
     */
    public void row(int index, long offsetNanos) {
        timeReadNanos = offsetNanos;
        rowsRead = index + 1L;
    }

    /** @return the progress now; bytes read are the header and var tables plus the rows replayed */
    public SourceProgress snapshot() {
        long rows = rowsRead;
        long bytes = rows == rowsTotal ? bytesTotal : Math.min(bytesTotal, firstRowOffset + rows * rowBytes);
        return new SourceProgress(rows, rowsTotal, bytes, bytesTotal, timeReadNanos, timeTotalNanos, realTime);
    }
}
