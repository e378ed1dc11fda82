package io.slipstream.pipeline;

/** What the bounded buffer between a source and the rest of the pipeline does when it is full. */
public enum OverflowPolicy {
    /** Demand-driven: the source is asked only for what downstream can take (replays). Nothing is dropped. */
    BLOCK,
    /** Drop the oldest buffered sample to make room for the new one (live sources: keep the freshest data). */
    DROP_OLDEST,
    /** Drop the sample that does not fit. */
    DROP_NEWEST,
    /** Stop the pipeline with a {@link BufferOverflowException}, after flushing what was assembled. */
    FAIL
}
