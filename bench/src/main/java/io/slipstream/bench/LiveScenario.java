package io.slipstream.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@code slipstream bench --live} runs: a live session that streams for {@code steady}, meets a frozen Stream
 * API for {@code stall}, then none at all for {@code outage}, then streams for {@code steady} again.
 *
 * @param channels     synthetic channels
 * @param rateHz       rate of every channel
 * @param steady       streaming before the stall and again after the Stream API is back
 * @param stall        how long the Stream API is frozen
 * @param outage       how long it is down after the stall
 * @param heap         the bridge JVM's heap limit, as {@code -Xmx} takes it (e.g. {@code 384m})
 * @param drainTimeout how long the session may take to end and be read back once its sample time is over
 * @param bounds       the bridge's memory bounds
 */
record LiveScenario(int channels, double rateHz, Duration steady, Duration stall, Duration outage, String heap,
                    Duration drainTimeout, LiveBounds bounds) {

    /**
     * Checks every value; each message names the option.
     *
     * @throws IllegalArgumentException for a value out of range
     */
    LiveScenario {
        Objects.requireNonNull(heap, "heap");
        Objects.requireNonNull(bounds, "bounds");
        if (channels < 1 || channels > BenchOptions.MAX_CHANNELS) {
            throw new IllegalArgumentException("--channels: expected 1 to " + BenchOptions.MAX_CHANNELS + ", got " + channels);
        }
        if (!(rateHz >= 1 && rateHz <= BenchOptions.MAX_RATE_HZ)) {
            throw new IllegalArgumentException("--rate: expected 1 to " + (int) BenchOptions.MAX_RATE_HZ + " Hz, got " + rateHz);
        }
        positive("--steady", steady);
        positive("--stall", stall);
        positive("--outage", outage);
        positive("--drain-timeout", drainTimeout);
        if (!heap.matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap: expected a size as -Xmx takes it, e.g. 384m, got '" + heap + "'");
        }
    }

    private static void positive(String option, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(option + ": expected a positive duration, got " + d);
        }
    }

    /** @return the session's sample time: steady, stall, outage, steady */
    Duration session() {
        return steady.plus(stall).plus(outage).plus(steady);
    }
}
