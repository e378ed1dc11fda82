package io.slipstream.csv;

import io.slipstream.spi.SourceProgress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a CSV replay has got, over all its files: bytes read of their sizes, rows, and the time from the first
 * row to the newest. The row count and time span of the whole input are not known before it is read (a scan
 * just for them would read every file twice), so they stay -1 and the bytes give the percentage.
 */
final class CsvProgress {

    private final long bytesTotal;
    private final boolean realTime;
    private final AtomicLong bytesRead = new AtomicLong();
    private volatile long rowsRead;
    private volatile long firstNanos = Long.MIN_VALUE;
    private volatile long lastNanos = Long.MIN_VALUE;

    /**
     * @param bytesTotal the files' sizes added up
     * @param realTime   whether rows are paced at the recorded rate
     */
    CsvProgress(long bytesTotal, boolean realTime) {
        this.bytesTotal = bytesTotal;
        this.realTime = realTime;
    }

    /** @return the counter the file readers add their bytes to */
    AtomicLong bytes() {
        return bytesRead;
    }

    /**
     * Counts a row read; called by the one thread that reads the files.
     *
     * @param timeNanos the row's time
     */
    void row(long timeNanos) {
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = timeNanos;
        }
        lastNanos = timeNanos;
        rowsRead = rowsRead + 1;
    }

    /** @return the progress now */
    SourceProgress snapshot() {
        long first = firstNanos;
        long last = lastNanos;
        long span = first == Long.MIN_VALUE || last == Long.MIN_VALUE ? 0 : Math.max(0, last - first);
        return new SourceProgress(rowsRead, -1, Math.min(bytesRead.get(), bytesTotal), bytesTotal, span, -1, realTime);
    }
}
