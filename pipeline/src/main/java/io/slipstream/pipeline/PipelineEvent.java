package io.slipstream.pipeline;

/**
 * What the pipeline hands to a sink, in order: a {@link Configuration} before the first block, row batch or event
 * occurrence of any channel or event it introduces, then {@link Block}s (fixed-rate channels), {@link Rows}
 * (channels without a fixed rate) and {@link EventOccurrence}s in time order, and {@link Marker}s only after the
 * data that contains their time; a {@link SessionDetails} when the source's session metadata changes later on.
 */
public sealed interface PipelineEvent permits Configuration, Block, Rows, EventOccurrence, Marker, SessionDetails {
}
