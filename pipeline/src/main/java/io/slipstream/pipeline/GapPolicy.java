package io.slipstream.pipeline;

/** What the block assembler does when whole sample slots are missed (a late sample beyond the tolerance). */
public enum GapPolicy {
    /** Close the block and start a new one at the late sample's own time (the default). */
    SPLIT,
    /** Keep the block and fill the missed slots with {@code MISSING} samples, counted as filled. */
    FILL
}
