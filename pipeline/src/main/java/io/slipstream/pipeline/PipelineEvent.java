package io.slipstream.pipeline;

/**
 * What the pipeline hands to a sink, in order: a {@link Configuration} before the first block, row batch or event
 * occurrence of any channel or event it introduces, then {@link Block}s (fixed-rate channels), {@link Rows}
 * (channels without a fixed rate) and {@link EventOccurrence}s in time order, and {@link Marker}s only after the
 * data that contains their time; a {@link SessionDetails} when the source's session metadata changes later on.
 */
public sealed interface PipelineEvent permits Configuration, Block, Rows, EventOccurrence, Marker, SessionDetails {

    /**
     * What the event holds on the heap, roughly, for the queues that are bounded in bytes: the arrays of a block or
     * row batch dominate; anything else is small.
     *
     * @return an estimate in bytes, at least 1
     */
    default long sizeBytes() {
        return 256;
    }
}
