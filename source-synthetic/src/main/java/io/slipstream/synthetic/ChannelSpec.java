package io.slipstream.synthetic;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SampleValue;
import java.util.List;

/**
 * One configured synthetic channel, or one synthetic event.
 *
 * @param definition  what is declared to the engine: the channel, or the event's own channel
 * @param timing      when it is read (a channel) or occurs (an event)
 * @param signal      the channel's waveform; null for an event
 * @param event       the event, or null for a channel
 * @param eventValues one signal per declared value of the event, in order; empty for a channel
 */
record ChannelSpec(ChannelDefinition definition, Timing timing, Signal signal, EventDefinition event,
                   List<Signal> eventValues) {

    /** Copies the value list. */
    ChannelSpec {
        eventValues = List.copyOf(eventValues);
    }

    /**
     * @param definition the declared channel
     * @param timing     when it is read
     * @param signal     its waveform
     * @return the spec of a channel
     */
    static ChannelSpec channel(ChannelDefinition definition, Timing timing, Signal signal) {
        return new ChannelSpec(definition, timing, signal, null, List.of());
    }

    /**
     * @param event  the declared event
     * @param timing when it occurs
     * @param values one signal per declared value
     * @return the spec of an event
     */
    static ChannelSpec event(EventDefinition event, Timing timing, List<Signal> values) {
        return new ChannelSpec(event.channel(), timing, null, event, values);
    }

    /** @return true for an event */
    boolean isEvent() {
        return event != null;
    }

    /**
     * @param stamp        the read time, ns since the Unix epoch
     * @param elapsedNanos time since the source started
     * @param tick         index of the tick (of the occurrence, for an event)
     * @return the channel's sample, or the event's occurrence, at that tick
     */
    SampleValue sampleAt(long stamp, long elapsedNanos, long tick) {
        if (event == null) {
            return SampleValue.of(definition, stamp, signal.valueAt(elapsedNanos, tick));
        }
        double[] values = new double[eventValues.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = eventValues.get(i).valueAt(elapsedNanos, tick);
        }
        return event.occurrence(stamp, values);
    }
}
