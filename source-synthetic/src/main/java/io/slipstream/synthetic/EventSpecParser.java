package io.slipstream.synthetic;

import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.EventPriority;
import io.slipstream.spi.EventValue;
import io.slipstream.spi.SourceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a {@code kind: event} entry of the {@code channels:} list into a {@link ChannelSpec} that carries an
 * {@link EventDefinition}: it occurs every {@code every} (or jittered around that, or at that mean as Poisson
 * arrivals), the first occurrence one interval after the start, each with its values. Errors name the key.
 */
final class EventSpecParser {

    /** The options an event takes. */
    static final Set<String> KEYS = Set.of("name", "kind", "every", "timing", "jitter", "priority", "values",
            "description");

    /** The options of one of its values. */
    static final Set<String> VALUE_KEYS = Set.of("name", "kind", "units", "format", "first", "amplitude", "offset",
            "period", "phase", "value", "at", "before", "after");

    /** The kinds a value may have: a count of occurrences, or a waveform read at each occurrence's time. */
    static final String[] VALUE_KINDS = {"counter", "sine", "cosine", "ramp", "square", "noise", "step", "constant"};

    private static final String[] PRIORITIES = {"critical", "high", "medium", "low", "debug"};

    private final String application;
    private final SignalParser signals;
    private final TimingParser timings;

    EventSpecParser(String application, SignalParser signals, TimingParser timings) {
        this.application = application;
        this.signals = signals;
        this.timings = timings;
    }

    /**
     * @param c    the entry, whose name and kind are already checked
     * @param name the event's name
     * @return the event's spec
     */
    ChannelSpec parse(SourceConfig c, String name) {
        if (c.has("rate")) {
            throw c.error("rate", "an event has no rate; set 'every' to the (mean) time between its occurrences");
        }
        ChannelSpecParser.checkKeys(c, KEYS, "event option");
        long every = SignalParser.positive(c, "every", Duration.ofSeconds(10));
        String identifier = name + ":" + application;
        Timing timing = timings.parse(c, every, every, identifier.hashCode());
        EventPriority priority = EventPriority.valueOf(
                c.getEnum("priority", "medium", PRIORITIES).toUpperCase(Locale.ROOT));
        EventDefinition.Builder event = EventDefinition.builder(identifier)
                .name(name)
                .application(application)
                .description(c.getString("description", "synthetic event"))
                .priority(priority);
        List<Signal> values = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SourceConfig v : c.getConfigList("values")) {
            ChannelSpecParser.checkKeys(v, VALUE_KEYS, "event value option");
            String valueName = v.requireString("name").trim();
            if (valueName.isEmpty()) {
                throw v.error("name", "expected a non-empty name");
            }
            if (!names.add(valueName)) {
                throw v.error("name", "value '" + valueName + "' is declared twice in event '" + name + "'");
            }
            if (!v.has("kind")) {
                throw v.error("kind", "is required; one of " + String.join(", ", VALUE_KINDS));
            }
            String kind = v.getEnum("kind", null, VALUE_KINDS);
            values.add(signals.parse(v, kind, name + "/" + valueName));
            event.value(new EventValue(valueName, v.getString("units", null), v.getString("format", null)));
        }
        return ChannelSpec.event(event.build(), timing, values);
    }
}
