package io.slipstream.pipeline;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SessionMetadata;
import java.util.List;

/**
 * The channel set changed (first declaration, or channels added mid-session): the sink sends a new
 * configuration with every channel known so far before any block of the new ones.
 *
 * @param version  1 for the first configuration, then 2, 3, …
 * @param channels every channel known so far, in declaration order
 * @param groups   every rate group known so far
 * @param metadata what the source said about its session (track, car, start, …) when this was emitted
 */
public record Configuration(int version, List<ChannelDefinition> channels, List<RateGroup> groups,
                            SessionMetadata metadata) implements PipelineEvent {

    /** Copies the lists. */
    public Configuration {
        channels = List.copyOf(channels);
        groups = List.copyOf(groups);
        metadata = metadata == null ? SessionMetadata.EMPTY : metadata;
    }
}
