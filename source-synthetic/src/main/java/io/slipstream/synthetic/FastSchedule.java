package io.slipstream.synthetic;

import io.slipstream.spi.SampleValue;
import java.util.List;

/**
 * The state of fast pacing: walks every cadence's ticks in time order, one sample per call, so that
 * {@code Flux.generate} produces exactly as many samples as are requested. Ticks of different cadences at the
 * same instant come in cadence order. Not thread-safe; one per subscription.
 */
final class FastSchedule {

    private final List<Cadence> cadences;
    private final long start;
    private final long durationNanos;
    private final long[] nextTick;
    private final long[] nextElapsed;
    private int current = -1;
    private int channel;

    /**
     * @param cadences      the channels grouped by interval
     * @param start         the first stamp
     * @param durationNanos sample time to run for, or {@code Long.MAX_VALUE} for ever
     */
    FastSchedule(List<Cadence> cadences, long start, long durationNanos) {
        this.cadences = cadences;
        this.start = start;
        this.durationNanos = durationNanos;
        this.nextTick = new long[cadences.size()];
        this.nextElapsed = new long[cadences.size()];
        for (int i = 0; i < nextElapsed.length; i++) {
            nextElapsed[i] = cadences.get(i).timing().elapsedAt(0, 0);
        }
    }

    /** @return the next sample, or null when the duration is over */
    SampleValue next() {
        if (current >= 0 && channel == cadences.get(current).channels().size()) {
            nextTick[current]++;
            nextElapsed[current] = cadences.get(current).timing().elapsedAt(nextTick[current], nextElapsed[current]);
            current = -1;
        }
        if (current < 0) {
            current = earliest();
            channel = 0;
        }
        if (elapsed(current) >= durationNanos) {
            return null;
        }
        Cadence c = cadences.get(current);
        long tick = nextTick[current];
        return c.sample(channel++, start + elapsed(current), start, tick);
    }

    private long elapsed(int cadence) {
        return nextElapsed[cadence];
    }

    private int earliest() {
        int best = 0;
        for (int i = 1; i < cadences.size(); i++) {
            if (elapsed(i) < elapsed(best)) {
                best = i;
            }
        }
        return best;
    }
}
