package io.slipstream.pipeline;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SessionMetadata;
import java.util.List;

/**
 * The channel or event set changed (first declaration, or channels or events added mid-session): the sink sends a
 * new configuration with every channel and event known so far before any data of the new ones.
 *
 * @param version   1 for the first configuration, then 2, 3, …
 * @param channels  every channel known so far, in declaration order (event channels are not among them)
 * @param groups    every rate group known so far
 * @param rowGroups every row group known so far (channels sent as timestamped rows)
 * @param events    every event known so far, in declaration order
 * @param metadata  what the source said about its session (track, car, start, …) when this was emitted
 */
public record Configuration(int version, List<ChannelDefinition> channels, List<RateGroup> groups,
                            List<RowGroup> rowGroups, List<EventDefinition> events,
                            SessionMetadata metadata) implements PipelineEvent {

    /** Copies the lists. */
    public Configuration {
        channels = List.copyOf(channels);
        groups = List.copyOf(groups);
        rowGroups = List.copyOf(rowGroups);
        events = List.copyOf(events);
        metadata = metadata == null ? SessionMetadata.EMPTY : metadata;
    }

    /**
     * A configuration of fixed-rate channels only, with no row groups and no events.
     *
     * @param version  1 for the first configuration, then 2, 3, …
     * @param channels every channel known so far
     * @param groups   every rate group known so far
     * @param metadata the session metadata
     */
    public Configuration(int version, List<ChannelDefinition> channels, List<RateGroup> groups,
                         SessionMetadata metadata) {
        this(version, channels, groups, List.of(), List.of(), metadata);
    }

    /** @return a few hundred bytes per channel definition (names, units, description) */
    @Override
    public long sizeBytes() {
        return 256L + 256L * channels.size();
    }
}
