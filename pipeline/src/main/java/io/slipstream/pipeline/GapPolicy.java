package io.slipstream.pipeline;

/**
 * What the block assembler does when whole sample slots are missed (a late sample beyond the tolerance), or, with
 * {@link #ROWS}, that it makes no blocks at all.
 */
public enum GapPolicy {
    /** Close the block and start a new one at the late sample's own time (the default). */
    SPLIT,
    /** Keep the block and fill the missed slots with {@code MISSING} samples, counted as filled. */
    FILL,
    /**
     * Send every channel of the pipeline as timestamped rows, whatever its rate: each sample keeps its own read
     * time. For logs whose rate is declared but not kept (GPS, OBD, phone sensors).
     */
    ROWS
}
