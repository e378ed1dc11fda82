package io.slipstream.synthetic;

import io.slipstream.spi.SampleValue;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The channels that share one timing: they are sampled at the same instants and stamped alike, so the pipeline
 * puts them in one rate group (or, off the grid, in the same rows).
 *
 * @param timing   when the ticks fall
 * @param channels the channels (or the one event), in declaration order
 */
record Cadence(Timing timing, List<ChannelSpec> channels) {

    /** Copies the channel list. */
    Cadence {
        channels = List.copyOf(channels);
    }

    /**
     * Groups channels by timing, keeping the order in which each timing first appears.
     *
     * @param specs the channels
     * @return one cadence per distinct timing
     */
    static List<Cadence> of(List<ChannelSpec> specs) {
        Map<Timing, List<ChannelSpec>> byTiming = new LinkedHashMap<>();
        for (ChannelSpec s : specs) {
            byTiming.computeIfAbsent(s.timing(), k -> new ArrayList<>()).add(s);
        }
        List<Cadence> out = new ArrayList<>();
        byTiming.forEach((timing, list) -> out.add(new Cadence(timing, list)));
        return List.copyOf(out);
    }

    /** @return the mean time between two ticks */
    long intervalNanos() {
        return timing.meanIntervalNanos();
    }

    /** @return true when the ticks fall on a grid from the start, where one periodic timer serves them */
    boolean onGrid() {
        return timing.fixedRate();
    }

    /** @return true when the cadence carries an event's occurrences */
    boolean isEvent() {
        return channels.get(0).isEvent();
    }

    /**
     * @param durationNanos sample time the source runs for
     * @return how many ticks of a cadence {@linkplain #onGrid() on the grid} fall before the end, the first at 0
     */
    long ticksWithin(long durationNanos) {
        long interval = intervalNanos();
        return (durationNanos + interval - 1) / interval;
    }

    /**
     * @param channel index into {@link #channels()}
     * @param stamp   the tick's time stamp
     * @param start   when the source started
     * @param tick    the tick index
     * @return the channel's sample (or the event's occurrence) at that tick
     */
    SampleValue sample(int channel, long stamp, long start, long tick) {
        return channels.get(channel).sampleAt(stamp, stamp - start, tick);
    }

    /**
     * The samples of one tick as a view that makes each sample when it is read: real-time pacing fans every tick out
     * through {@code concatMapIterable}, and a list built per tick cost an array of one reference per channel
     * (about 4 bytes per sample at 1,000 channels) on top of the samples. A {@code List} rather than a bare
     * {@code Iterable}, because Reactor asks a non-collection for a spliterator (another iterator) to learn that it
     * is finite.
     *
     * @param stamp the tick's time stamp, shared by every channel
     * @param start when the source started
     * @param tick  the tick index
     * @return one sample per channel, each made on access
     */
    List<SampleValue> samplesAt(long stamp, long start, long tick) {
        return new AbstractList<>() {
            @Override
            public SampleValue get(int index) {
                return sample(index, stamp, start, tick);
            }

            @Override
            public int size() {
                return channels.size();
            }
        };
    }
}
