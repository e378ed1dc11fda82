package io.slipstream.pipeline;

/**
 * What the pipeline hands to a sink, in order: a {@link Configuration} before the first block of any channel it
 * introduces, then {@link Block}s, and {@link Marker}s only after the block that contains their time; a
 * {@link SessionDetails} when the source's session metadata changes later on.
 */
public sealed interface PipelineEvent permits Configuration, Block, Marker, SessionDetails {
}
