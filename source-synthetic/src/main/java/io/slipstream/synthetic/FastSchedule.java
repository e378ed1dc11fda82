package io.slipstream.synthetic;

import io.slipstream.spi.SampleValue;
import java.util.List;

/**
 * The state of fast pacing: walks every cadence's ticks in time order, one sample per call, so that
 * {@code Flux.generate} produces exactly as many samples as are requested. Ticks of different cadences at the
 * same instant come in cadence order. Not thread-safe; one per subscription.
 *
 * <p>Called once per sample (millions a second), so the current tick's channels, time and index are held in fields
 * and a call allocates nothing but its sample: no list look-ups, no per-call sums.
 */
final class FastSchedule {

    private final Timing[] timings;
    private final ChannelSpec[][] channels;
    private final long start;
    private final long durationNanos;
    private final long[] nextTick;
    private final long[] nextElapsed;
    /** The cadence whose tick is being walked, its channels, and that tick's index and time since the start. */
    private int current = -1;
    private ChannelSpec[] row = new ChannelSpec[0];
    private long tick;
    private long elapsed;
    private int channel;

    /**
     * @param cadences      the channels grouped by interval
     * @param start         the first stamp
     * @param durationNanos sample time to run for, or {@code Long.MAX_VALUE} for ever
     */
    FastSchedule(List<Cadence> cadences, long start, long durationNanos) {
        this.start = start;
        this.durationNanos = durationNanos;
        int n = cadences.size();
        this.timings = new Timing[n];
        this.channels = new ChannelSpec[n][];
        this.nextTick = new long[n];
        this.nextElapsed = new long[n];
        for (int i = 0; i < n; i++) {
            timings[i] = cadences.get(i).timing();
            channels[i] = cadences.get(i).channels().toArray(new ChannelSpec[0]);
            nextElapsed[i] = timings[i].elapsedAt(0, 0);
        }
    }

    /** @return the next sample, or null when the duration is over */
    SampleValue next() {
        if (channel == row.length) {
            nextTick();
        }
        if (elapsed >= durationNanos) {
            return null;
        }
        return row[channel++].sampleAt(start + elapsed, elapsed, tick);
    }

    /** Moves on from a finished tick (none at first) to the earliest tick of any cadence. */
    private void nextTick() {
        if (current >= 0) {
            nextTick[current]++;
            nextElapsed[current] = timings[current].elapsedAt(nextTick[current], nextElapsed[current]);
        }
        current = earliest();
        row = channels[current];
        tick = nextTick[current];
        elapsed = nextElapsed[current];
        channel = 0;
    }

    private int earliest() {
        int best = 0;
        for (int i = 1; i < nextElapsed.length; i++) {
            if (nextElapsed[i] < nextElapsed[best]) {
                best = i;
            }
        }
        return best;
    }
}
