package io.slipstream.synthetic;

import io.slipstream.spi.ChannelDefinition;

/**
 * One configured synthetic channel.
 *
 * @param definition    what is declared to the engine
 * @param intervalNanos time between two samples, {@code round(1e9 / rate)}
 * @param signal        the waveform
 */
record ChannelSpec(ChannelDefinition definition, long intervalNanos, Signal signal) {
}
