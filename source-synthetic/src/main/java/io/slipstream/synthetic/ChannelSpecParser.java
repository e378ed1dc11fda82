package io.slipstream.synthetic;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.DataType;
import io.slipstream.spi.SourceConfig;
import io.slipstream.spi.UnknownKeys;
import java.util.Set;

/**
 * Turns one entry of the {@code channels:} list into a {@link ChannelSpec} (a channel, or with {@code kind: event}
 * an event), naming the key of any error.
 */
final class ChannelSpecParser {

    /** Lowest accepted rate in Hz. */
    static final double MIN_RATE = 1;
    /** Highest accepted rate in Hz. */
    static final double MAX_RATE = 10_000;

    /** The kinds an entry may have, as written in config. */
    static final String[] KINDS = {
        "sine", "cosine", "ramp", "square", "noise", "step", "constant", "lap-counter", "pit-flag", "event"};

    private static final Set<String> KEYS = Set.of("name", "kind", "rate", "amplitude", "offset", "period", "phase",
            "value", "at", "before", "after", "lap-time", "first", "duration", "units", "min", "max", "group",
            "description", "format", "timing", "jitter");

    private final String application;
    private final SignalParser signals;
    private final TimingParser timings;
    private final EventSpecParser events;

    /**
     * @param application   the application part of every identifier
     * @param seed          the source's seed, for noise and irregular times
     * @param defaultTiming the source's {@code timing}, used where an entry names none
     */
    ChannelSpecParser(String application, long seed, String defaultTiming) {
        this.application = application;
        this.signals = new SignalParser(seed);
        this.timings = new TimingParser(seed, defaultTiming);
        this.events = new EventSpecParser(application, signals, timings);
    }

    ChannelSpec parse(SourceConfig c) {
        String name = c.requireString("name").trim();
        if (name.isEmpty() || name.contains(":")) {
            throw c.error("name", "expected a non-empty name without ':', found '" + name + "'");
        }
        if (!c.has("kind")) {
            throw c.error("kind", "is required; one of " + String.join(", ", KINDS));
        }
        String kind = c.getEnum("kind", null, KINDS);
        if (kind.equals("event")) {
            return events.parse(c, name);
        }
        checkKeys(c, KEYS, "channel option");
        double rate = c.getDouble("rate", 10);
        if (!(rate >= MIN_RATE && rate <= MAX_RATE)) {
            throw c.error("rate", "expected a rate from " + (int) MIN_RATE + " to " + (int) MAX_RATE + " Hz, found " + rate);
        }
        long interval = Math.round(Signal.NANOS_PER_SECOND / rate);
        Signal signal = signals.parse(c, kind, name);
        Timing timing = timings.parse(c, interval, 0, 0);
        ChannelDefinition def = ChannelDefinition.builder(name + ":" + application)
                .name(name)
                .application(application)
                .units(c.getString("units", null))
                .group(c.getString("group", null))
                .description(c.getString("description", kind + " signal"))
                .formatString(c.getString("format", null))
                .range(c.getDouble("min", signal.lowest()), c.getDouble("max", signal.highest()))
                // Off the grid there is no rate to declare: the pipeline then sends the channel as timestamped rows.
                .frequencyHz(timing.fixedRate() ? rate : 0)
                .dataType(kind.equals("lap-counter") || kind.equals("pit-flag") ? DataType.UINT32 : DataType.FLOAT64)
                .build();
        if (def.min() > def.max()) {
            throw c.error("min", "min " + def.min() + " is above max " + def.max());
        }
        return ChannelSpec.channel(def, timing, signal);
    }

    /**
     * @param c     an entry's options
     * @param known the options it may have
     * @param what  what they are, for the message
     * @throws io.slipstream.spi.ConfigException naming the first unknown key, with the known ones
     */
    static void checkKeys(SourceConfig c, Set<String> known, String what) {
        for (String key : c.keys()) {
            if (!known.contains(key)) {
                throw c.error(key, "unknown " + what + UnknownKeys.hint(key, known));
            }
        }
    }
}
