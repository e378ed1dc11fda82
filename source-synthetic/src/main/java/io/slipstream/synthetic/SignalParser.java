package io.slipstream.synthetic;

import io.slipstream.spi.SourceConfig;
import java.time.Duration;

/** Reads the waveform options of a channel or of an event's value, naming the key of any error. */
final class SignalParser {

    private final long seed;

    /** @param seed the source's seed, for noise */
    SignalParser(long seed) {
        this.seed = seed;
    }

    /**
     * @param c    the options of the channel or value
     * @param kind the waveform, already checked against the allowed words
     * @param salt what makes this noise differ from another's with the same seed (the channel's name)
     * @return the signal
     */
    Signal parse(SourceConfig c, String kind, String salt) {
        double amplitude = c.getDouble("amplitude", 1);
        double offset = c.getDouble("offset", 0);
        return switch (kind) {
            case "sine" -> new Signal.Sine(amplitude, offset, positive(c, "period", Duration.ofSeconds(10)),
                    Math.toRadians(c.getDouble("phase", 0)));
            case "cosine" -> new Signal.Sine(amplitude, offset, positive(c, "period", Duration.ofSeconds(10)),
                    Math.toRadians(c.getDouble("phase", 0) + 90));
            case "ramp" -> new Signal.Ramp(amplitude, offset, positive(c, "period", Duration.ofSeconds(10)));
            case "square" -> new Signal.Square(amplitude, offset, positive(c, "period", Duration.ofSeconds(10)));
            case "noise" -> new Signal.Noise(amplitude, offset, seed, salt.hashCode());
            case "step" -> new Signal.Step(c.getDouble("before", 0), c.getDouble("after", 1),
                    c.getDuration("at", Duration.ofSeconds(1)).toNanos());
            case "constant" -> new Signal.Constant(c.getDouble("value", 0));
            case "lap-counter" -> new Signal.LapCounter(c.getLong("first", 1), positive(c, "lap-time", Duration.ofSeconds(60)));
            case "pit-flag" -> pitFlag(c);
            case "counter" -> new Signal.Counter(c.getLong("first", 1));
            default -> throw c.error("kind", "'" + kind + "' is not a waveform");
        };
    }

    private static Signal pitFlag(SourceConfig c) {
        long period = positive(c, "period", Duration.ofSeconds(60));
        long duration = positive(c, "duration", Duration.ofSeconds(8));
        long at = c.getDuration("at", Duration.ofNanos(Math.max(0, period - duration))).toNanos();
        if (at < 0 || at + duration > period) {
            throw c.error("at", "the pit window (at + duration) must fit in the period " + Duration.ofNanos(period));
        }
        return new Signal.PitFlag(period, at, duration);
    }

    /**
     * @param c   the options
     * @param key a duration option
     * @param def its default
     * @return the duration in ns
     * @throws io.slipstream.spi.ConfigException naming the key when it is not positive
     */
    static long positive(SourceConfig c, String key, Duration def) {
        long nanos = c.getDuration(key, def).toNanos();
        if (nanos <= 0) {
            throw c.error(key, "expected a positive duration, found " + c.getString(key, ""));
        }
        return nanos;
    }
}
