package io.slipstream.pipeline;

/**
 * What the pipeline hands to a sink, in order: a {@link Configuration} before the first block of any channel it
 * introduces, then {@link Block}s, and {@link Marker}s only after the block that contains their time.
 */
public sealed interface PipelineEvent permits Configuration, Block, Marker {
}
