package io.slipstream.pipeline.assembly;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Channels declared together without a nominal rate (0 Hz). Their samples are held until one of them shows two
 * increasing read times; the difference is taken as the interval of all of them, which then form one rate group.
 * Channels of one declaration without a rate are thus assumed to be read together (as the columns of a CSV file are);
 * sources whose channels differ in rate should say so in {@link ChannelDefinition#frequencyHz()}.
 */
final class RateInference {

    private final List<ChannelDefinition> channels;
    private final Map<String, Long> firstTimes = new HashMap<>();
    private final List<SampleValue> held = new ArrayList<>();

    RateInference(List<ChannelDefinition> channels) {
        this.channels = List.copyOf(channels);
    }

    List<ChannelDefinition> channels() {
        return channels;
    }

    /**
     * @param sample a sample of one of the channels
     * @return the inferred interval in ns, or 0 while still unknown
     */
    long hold(SampleValue sample) {
        held.add(sample);
        Long first = firstTimes.putIfAbsent(sample.channel().identifier(), sample.timeNanos());
        return first != null && sample.timeNanos() > first ? sample.timeNanos() - first : 0;
    }

    /** @return the samples held so far, in arrival order */
    List<SampleValue> held() {
        return held;
    }
}
