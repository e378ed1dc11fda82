package io.slipstream.synthetic;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.DataType;
import io.slipstream.spi.SourceConfig;
import io.slipstream.spi.UnknownKeys;
import java.time.Duration;
import java.util.Set;

/** Turns one entry of the {@code channels:} list into a {@link ChannelSpec}, naming the key of any error. */
final class ChannelSpecParser {

    /** Lowest accepted rate in Hz. */
    static final double MIN_RATE = 1;
    /** Highest accepted rate in Hz. */
    static final double MAX_RATE = 10_000;

    /** The kinds a channel may have, as written in config. */
    static final String[] KINDS = {
        "sine", "cosine", "ramp", "square", "noise", "step", "constant", "lap-counter", "pit-flag"};

    private static final Set<String> KEYS = Set.of("name", "kind", "rate", "amplitude", "offset", "period", "phase",
            "value", "at", "before", "after", "lap-time", "first", "duration", "units", "min", "max", "group",
            "description", "format");

    private final String application;
    private final long seed;

    ChannelSpecParser(String application, long seed) {
        this.application = application;
        this.seed = seed;
    }

    ChannelSpec parse(SourceConfig c) {
        UnknownKeys.check(c, KEYS);
        String name = c.requireString("name").trim();
        if (name.isEmpty() || name.contains(":")) {
            throw c.error("name", "expected a non-empty name without ':', found '" + name + "'");
        }
        if (!c.has("kind")) {
            throw c.error("kind", "is required; one of " + String.join(", ", KINDS));
        }
        String kind = c.getEnum("kind", null, KINDS);
        double rate = c.getDouble("rate", 10);
        if (!(rate >= MIN_RATE && rate <= MAX_RATE)) {
            throw c.error("rate", "expected a rate from " + (int) MIN_RATE + " to " + (int) MAX_RATE + " Hz, found " + rate);
        }
        Signal signal = signal(c, kind, name);
        ChannelDefinition def = ChannelDefinition.builder(name + ":" + application)
                .name(name)
                .application(application)
                .units(c.getString("units", null))
                .group(c.getString("group", null))
                .description(c.getString("description", kind + " signal"))
                .formatString(c.getString("format", null))
                .range(c.getDouble("min", signal.lowest()), c.getDouble("max", signal.highest()))
                .frequencyHz(rate)
                .dataType(kind.equals("lap-counter") || kind.equals("pit-flag") ? DataType.UINT32 : DataType.FLOAT64)
                .build();
        if (def.min() > def.max()) {
            throw c.error("min", "min " + def.min() + " is above max " + def.max());
        }
        return new ChannelSpec(def, Math.round(Signal.NANOS_PER_SECOND / rate), signal);
    }

    private Signal signal(SourceConfig c, String kind, String name) {
        double amplitude = c.getDouble("amplitude", 1);
        double offset = c.getDouble("offset", 0);
        return switch (kind) {
            case "sine" -> new Signal.Sine(amplitude, offset, positive(c, "period", Duration.ofSeconds(10)),
                    Math.toRadians(c.getDouble("phase", 0)));
            case "cosine" -> new Signal.Sine(amplitude, offset, positive(c, "period", Duration.ofSeconds(10)),
                    Math.toRadians(c.getDouble("phase", 0) + 90));
            case "ramp" -> new Signal.Ramp(amplitude, offset, positive(c, "period", Duration.ofSeconds(10)));
            case "square" -> new Signal.Square(amplitude, offset, positive(c, "period", Duration.ofSeconds(10)));
            case "noise" -> new Signal.Noise(amplitude, offset, seed, name.hashCode());
            case "step" -> new Signal.Step(c.getDouble("before", 0), c.getDouble("after", 1),
                    c.getDuration("at", Duration.ofSeconds(1)).toNanos());
            case "constant" -> new Signal.Constant(c.getDouble("value", 0));
            case "lap-counter" -> new Signal.LapCounter(c.getLong("first", 1), positive(c, "lap-time", Duration.ofSeconds(60)));
            case "pit-flag" -> pitFlag(c);
            default -> throw c.error("kind", "'" + kind + "' is not one of " + String.join(", ", KINDS));
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

    private static long positive(SourceConfig c, String key, Duration def) {
        long nanos = c.getDuration(key, def).toNanos();
        if (nanos <= 0) {
            throw c.error(key, "expected a positive duration, found " + c.getString(key, ""));
        }
        return nanos;
    }
}
