package io.slipstream.spi;

import java.util.Objects;

/**
 * Everything ATLAS needs to know about one channel: it becomes one {@code ParameterDefinition}.
 *
 * <p>Two definitions are equal when their identifiers are equal; the identifier is unique within a session.
 * The hash is computed once, because the pipeline looks channels up per sample.
 * Build one with {@link #builder(String)}.
 */
public final class ChannelDefinition {

    private final String identifier;
    private final String name;
    private final String application;
    private final String group;
    private final String units;
    private final String description;
    private final String formatString;
    private final double min;
    private final double max;
    private final double warningMin;
    private final double warningMax;
    private final double frequencyHz;
    private final DataType dataType;
    private final EventDefinition event;
    private final int hash;

    private ChannelDefinition(Builder b) {
        this.identifier = b.identifier;
        this.name = b.name != null ? b.name : nameOf(b.identifier);
        this.application = b.application != null ? b.application : applicationOf(b.identifier);
        this.group = b.group;
        this.units = b.units;
        this.description = b.description;
        this.formatString = b.formatString;
        this.min = b.min;
        this.max = b.max;
        this.warningMin = Double.isNaN(b.warningMin) ? b.min : b.warningMin;
        this.warningMax = Double.isNaN(b.warningMax) ? b.max : b.warningMax;
        this.frequencyHz = b.frequencyHz;
        this.dataType = b.dataType;
        this.event = b.event;
        this.hash = identifier.hashCode();
    }

    /**
     * Starts a definition.
     *
     * @param identifier the ATLAS parameter identifier, {@code Name:Application} (e.g. {@code Speed:iRacing})
     * @return a builder with defaults: float64, range 0..1, no units, frequency unset
     */
    public static Builder builder(String identifier) {
        return new Builder(identifier);
    }

    /** @return a builder starting from this definition's values */
    public Builder toBuilder() {
        Builder b = new Builder(identifier);
        b.name = name;
        b.application = application;
        b.group = group;
        b.units = units;
        b.description = description;
        b.formatString = formatString;
        b.min = min;
        b.max = max;
        b.warningMin = warningMin;
        b.warningMax = warningMax;
        b.frequencyHz = frequencyHz;
        b.dataType = dataType;
        return b;
    }

    private static String nameOf(String identifier) {
        int colon = identifier.indexOf(':');
        return colon < 0 ? identifier : identifier.substring(0, colon);
    }

    private static String applicationOf(String identifier) {
        int colon = identifier.indexOf(':');
        return colon < 0 ? "" : identifier.substring(colon + 1);
    }

    /** @return the unique identifier, {@code Name:Application} */
    public String identifier() { return identifier; }

    /** @return the display name (by default the identifier up to the colon) */
    public String name() { return name; }

    /** @return the application name (by default the identifier after the colon) */
    public String application() { return application; }

    /** @return the group path, {@code /}-separated, or null for none */
    public String group() { return group; }

    /** @return the units, or null */
    public String units() { return units; }

    /** @return the description, or null */
    public String description() { return description; }

    /** @return the display format (e.g. {@code %5.2f}), or null */
    public String formatString() { return formatString; }

    /** @return the lowest value the channel is expected to take */
    public double min() { return min; }

    /** @return the highest value the channel is expected to take */
    public double max() { return max; }

    /** @return the lower warning limit */
    public double warningMin() { return warningMin; }

    /** @return the upper warning limit */
    public double warningMax() { return warningMax; }

    /** @return the nominal sampling frequency in Hz, or 0 when the channel has no fixed rate */
    public double frequencyHz() { return frequencyHz; }

    /** @return the channel's origin data type */
    public DataType dataType() { return dataType; }

    /**
     * @return the event whose occurrences travel on this channel, or null for an ordinary channel
     * @see EventDefinition#channel()
     */
    public EventDefinition event() { return event; }

    /** @return true when this channel carries an event's occurrences rather than samples */
    public boolean isEvent() { return event != null; }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof ChannelDefinition c && c.hash == hash && c.identifier.equals(identifier));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return identifier + (frequencyHz > 0 ? " @" + frequencyHz + "Hz" : "");
    }

    /** Builds a {@link ChannelDefinition}; every setter returns the builder. */
    public static final class Builder {
        private final String identifier;
        private String name;
        private String application;
        private String group;
        private String units;
        private String description;
        private String formatString;
        private double min = 0;
        private double max = 1;
        private double warningMin = Double.NaN;
        private double warningMax = Double.NaN;
        private double frequencyHz;
        private DataType dataType = DataType.FLOAT64;
        private EventDefinition event;

        private Builder(String identifier) {
            this.identifier = Objects.requireNonNull(identifier, "identifier");
            if (identifier.isBlank()) {
                throw new IllegalArgumentException("channel identifier must not be blank");
            }
        }

        /** @param v display name @return this */
        public Builder name(String v) { name = v; return this; }

        /** @param v application name @return this */
        public Builder application(String v) { application = v; return this; }

        /** @param v group path, {@code /}-separated @return this */
        public Builder group(String v) { group = v; return this; }

        /** @param v units @return this */
        public Builder units(String v) { units = v; return this; }

        /** @param v description @return this */
        public Builder description(String v) { description = v; return this; }

        /** @param v display format @return this */
        public Builder formatString(String v) { formatString = v; return this; }

        /** @param lo lowest expected value @param hi highest expected value @return this */
        public Builder range(double lo, double hi) { min = lo; max = hi; return this; }

        /** @param lo lower warning limit @param hi upper warning limit @return this */
        public Builder warningRange(double lo, double hi) { warningMin = lo; warningMax = hi; return this; }

        /** @param hz nominal sampling frequency in Hz (0: none) @return this */
        public Builder frequencyHz(double hz) { frequencyHz = hz; return this; }

        /** @param v origin data type @return this */
        public Builder dataType(DataType v) { dataType = Objects.requireNonNull(v); return this; }

        Builder event(EventDefinition v) { event = v; return this; }

        /** @return the definition */
        public ChannelDefinition build() { return new ChannelDefinition(this); }
    }
}
