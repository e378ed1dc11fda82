package io.slipstream.synthetic;

import io.slipstream.spi.SourceConfig;
import java.math.BigDecimal;
import java.time.Duration;

/** Reads the {@code timing} and {@code jitter} options of a channel or an event, naming the key of any error. */
final class TimingParser {

    private final long seed;
    private final String defaultTiming;

    /**
     * @param seed          the source's seed
     * @param defaultTiming the source's {@code timing}, one of {@link Timing#NAMES}
     */
    TimingParser(long seed, String defaultTiming) {
        this.seed = seed;
        this.defaultTiming = defaultTiming;
    }

    /**
     * @param c             the options of the channel or event
     * @param intervalNanos the (mean) time between ticks
     * @param delayNanos    the first grid point: 0 for a channel, one interval for an event
     * @param salt          0 for a channel, so that channels of equal rate and timing share their times (like the
     *                      fields of one GPS fix); something unique for an event, which keeps a timeline of its own
     * @return the timing
     */
    Timing parse(SourceConfig c, long intervalNanos, long delayNanos, long salt) {
        String name = c.getEnum("timing", defaultTiming, Timing.NAMES);
        if (!name.equals("jitter") && c.has("jitter")) {
            throw c.error("jitter", "applies only with 'timing: jitter'; the timing here is " + name);
        }
        // Mixing the interval into the salt keeps the offsets of two different rates from moving in step.
        long mixed = salt * 31 + intervalNanos;
        return switch (name) {
            case "regular" -> new Timing.Grid(intervalNanos, delayNanos);
            case "jitter" -> new Timing.Jitter(intervalNanos, delayNanos, jitter(c, intervalNanos), seed, mixed);
            case "poisson" -> new Timing.Poisson(intervalNanos, seed, mixed);
            default -> throw c.error("timing", "'" + name + "' is not one of " + String.join(", ", Timing.NAMES));
        };
    }

    private static long jitter(SourceConfig c, long intervalNanos) {
        long jitter = c.getDuration("jitter", Duration.ofNanos(intervalNanos / 4)).toNanos();
        if (jitter <= 0 || 2 * jitter >= intervalNanos) {
            throw c.error("jitter", "expected a positive duration below half the interval of "
                    + millis(intervalNanos) + " (so that reads keep their order), found "
                    + c.getString("jitter", millis(jitter)));
        }
        return jitter;
    }

    private static String millis(long nanos) {
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + "ms";
    }
}
