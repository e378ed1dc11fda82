package io.slipstream.pipeline;

import io.slipstream.spi.ChannelDefinition;

import java.util.List;

/**
 * Channels without a fixed rate (or whose read times are too irregular for a grid) that are read at the same
 * instants: they share rows, one column each, and go out as {@code RowDataPacket}s with one timestamp per row.
 *
 * @param id       unique within a pipeline run among rate and row groups alike, never reused
 * @param channels the channels in column order
 */
public record RowGroup(int id, List<ChannelDefinition> channels) {

    /** Copies the channel list. */
    public RowGroup {
        channels = List.copyOf(channels);
    }
}
