package io.slipstream.iracing.channels;

import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.spi.ChannelDefinition;

/**
 * One output channel: its ATLAS definition and the element of a variable it is read from.
 *
 * @param definition the declared channel
 * @param var        the variable
 * @param index      the array element (0 for a scalar)
 */
public record SelectedChannel(ChannelDefinition definition, VarHeader var, int index) {
}
