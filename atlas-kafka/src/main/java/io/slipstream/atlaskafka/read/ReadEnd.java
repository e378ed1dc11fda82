package io.slipstream.atlaskafka.read;

import java.time.Duration;

/**
 * Where a bounded read stops. The end offsets are the ones the partitions have when the read begins.
 *
 * @param awaitOneMore {@code true}: a partition with nothing to read at the start waits for one more record
 *                     (as the official server's essentials reader does); {@code false}: it is done at once
 * @param within       how long the read may take before it fails naming what it did not reach, or
 *                     {@code null} for no bound
 */
public record ReadEnd(boolean awaitOneMore, Duration within) {

    /** @param within the bound @return stop at the end offsets; partitions with nothing to read are done */
    public static ReadEnd endOffsets(Duration within) {
        return new ReadEnd(false, within);
    }

    /** @return stop at the end offsets, but wait for one record where there is nothing yet; no time bound */
    public static ReadEnd atLeastOneRecord() {
        return new ReadEnd(true, null);
    }
}
