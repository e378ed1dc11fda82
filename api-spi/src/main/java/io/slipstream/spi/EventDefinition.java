package io.slipstream.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A kind of discrete happening a source reports (an incident, a flag, an engine warning): it becomes one ATLAS
 * {@code EventDefinition}, and each {@linkplain #occurrence occurrence} one {@code EventPacket}.
 *
 * <p>Declare definitions with {@link SourceContext#declareEvents} before their first occurrence, then emit
 * occurrences through the same {@code Flux<SampleValue>} as the samples: an occurrence is a {@link SampleValue}
 * on this event's {@linkplain #channel() channel} that carries the occurrence's values. Two definitions are equal
 * when their identifiers are equal. Build one with {@link #builder(String)}.
 */
public final class EventDefinition {

    private final String identifier;
    private final String name;
    private final String description;
    private final EventPriority priority;
    private final List<EventValue> values;
    private final ChannelDefinition channel;

    private EventDefinition(Builder b) {
        this.identifier = b.identifier;
        this.description = b.description;
        this.priority = b.priority;
        this.values = List.copyOf(b.values);
        // The channel refers back to this definition; it is only read once the definition is built.
        this.channel = b.channel.event(this).build();
        this.name = b.name != null ? b.name : channel.name();
    }

    /**
     * Starts a definition.
     *
     * @param identifier the ATLAS event identifier, {@code Name:Application} (e.g. {@code Incident:iRacing});
     *                   unique within a session among events and channels alike
     * @return a builder with defaults: the name from the identifier, priority {@link EventPriority#MEDIUM},
     *         no values
     */
    public static Builder builder(String identifier) {
        return new Builder(identifier);
    }

    /** @return the unique identifier, {@code Name:Application} */
    public String identifier() { return identifier; }

    /** @return what happened, in words a person reads ({@code Yellow flag}) */
    public String name() { return name; }

    /** @return the application name (by default the identifier after the colon) */
    public String application() { return channel.application(); }

    /** @return the description, or null */
    public String description() { return description; }

    /** @return the priority */
    public EventPriority priority() { return priority; }

    /** @return what each value of an occurrence means, in order; possibly empty */
    public List<EventValue> values() { return values; }

    /**
     * The channel occurrences of this event travel on through the pipeline; it is never sent as a parameter.
     *
     * @return the event's channel, whose {@link ChannelDefinition#event()} is this definition
     */
    public ChannelDefinition channel() { return channel; }

    /**
     * One occurrence of this event.
     *
     * @param timeNanos when it happened (read time), ns since the Unix epoch
     * @param values    one value per {@linkplain #values() declared value}, in order
     * @return the occurrence, to emit with the samples
     * @throws IllegalArgumentException when the number of values differs from the definition's
     */
    public SampleValue occurrence(long timeNanos, double... values) {
        if (values.length != this.values.size()) {
            throw new IllegalArgumentException("event " + identifier + " has " + this.values.size()
                    + " value(s), an occurrence gave " + values.length);
        }
        double[] copy = values.clone();
        return new SampleValue(channel, timeNanos, copy.length > 0 ? copy[0] : 0, SampleStatus.VALID, copy);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof EventDefinition e && e.identifier.equals(identifier));
    }

    @Override
    public int hashCode() {
        return identifier.hashCode();
    }

    @Override
    public String toString() {
        return "event " + identifier;
    }

    /** Builds an {@link EventDefinition}; every setter returns the builder. */
    public static final class Builder {
        private final String identifier;
        private final ChannelDefinition.Builder channel;
        private String name;
        private String description;
        private EventPriority priority = EventPriority.MEDIUM;
        private final List<EventValue> values = new ArrayList<>();

        private Builder(String identifier) {
            this.identifier = identifier;
            this.channel = ChannelDefinition.builder(identifier);
        }

        /** @param v what happened, in words a person reads @return this */
        public Builder name(String v) { name = v; channel.name(v); return this; }

        /** @param v application name @return this */
        public Builder application(String v) { channel.application(v); return this; }

        /** @param v description @return this */
        public Builder description(String v) { description = v; channel.description(v); return this; }

        /** @param v priority @return this */
        public Builder priority(EventPriority v) { priority = Objects.requireNonNull(v, "priority"); return this; }

        /** @param v what the next value of an occurrence means @return this */
        public Builder value(EventValue v) { values.add(Objects.requireNonNull(v, "value")); return this; }

        /** @param name what the next value is @param units its units, or null @return this */
        public Builder value(String name, String units) { return value(EventValue.of(name, units)); }

        /** @return the definition */
        public EventDefinition build() { return new EventDefinition(this); }
    }
}
