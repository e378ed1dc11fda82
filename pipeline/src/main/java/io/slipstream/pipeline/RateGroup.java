package io.slipstream.pipeline;

import io.slipstream.spi.ChannelDefinition;
import java.util.List;

/**
 * Channels of one nominal rate that are read at the same instants: they share one block, one column each.
 *
 * @param id            unique within a pipeline run, never reused, stable for the run
 * @param intervalNanos the nominal sample interval
 * @param channels      the channels in column order
 */
public record RateGroup(int id, long intervalNanos, List<ChannelDefinition> channels) {

    /** Copies the channel list. */
    public RateGroup {
        channels = List.copyOf(channels);
    }
}
