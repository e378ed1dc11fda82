package io.slipstream.synthetic;

import io.slipstream.spi.SampleValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The channels that share one sample interval: they are sampled at the same instants and stamped alike, so
 * the pipeline puts them in one rate group.
 *
 * @param intervalNanos time between two ticks
 * @param channels      the channels, in declaration order
 */
record Cadence(long intervalNanos, List<ChannelSpec> channels) {

    /** Copies the channel list. */
    Cadence {
        channels = List.copyOf(channels);
    }

    /**
     * Groups channels by interval, keeping the order in which each interval first appears.
     *
     * @param specs the channels
     * @return one cadence per distinct interval
     */
    static List<Cadence> of(List<ChannelSpec> specs) {
        Map<Long, List<ChannelSpec>> byInterval = new LinkedHashMap<>();
        for (ChannelSpec s : specs) {
            byInterval.computeIfAbsent(s.intervalNanos(), k -> new ArrayList<>()).add(s);
        }
        List<Cadence> out = new ArrayList<>();
        byInterval.forEach((interval, list) -> out.add(new Cadence(interval, list)));
        return List.copyOf(out);
    }

    /**
     * @param durationNanos sample time the source runs for
     * @return how many ticks fall before the end, the first being at 0
     */
    long ticksWithin(long durationNanos) {
        return (durationNanos + intervalNanos - 1) / intervalNanos;
    }

    /**
     * @param channel index into {@link #channels()}
     * @param stamp   the tick's time stamp
     * @param start   when the source started
     * @param tick    the tick index
     * @return the channel's sample at that tick
     */
    SampleValue sample(int channel, long stamp, long start, long tick) {
        ChannelSpec spec = channels.get(channel);
        return SampleValue.of(spec.definition(), stamp, spec.signal().valueAt(stamp - start, tick));
    }

    /**
     * @param stamp the tick's time stamp, shared by every channel
     * @param start when the source started
     * @param tick  the tick index
     * @return one sample per channel
     */
    List<SampleValue> samplesAt(long stamp, long start, long tick) {
        List<SampleValue> out = new ArrayList<>(channels.size());
        for (int i = 0; i < channels.size(); i++) {
            out.add(sample(i, stamp, start, tick));
        }
        return out;
    }
}
