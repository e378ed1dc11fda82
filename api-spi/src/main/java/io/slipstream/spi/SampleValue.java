package io.slipstream.spi;

import java.util.Objects;

/**
 * One value of one channel, stamped with the time it was read.
 *
 * <p>Deliberately small: a source may emit millions per second. The channel is a reference to the
 * {@link ChannelDefinition} the source declared, so no name is looked up per sample.
 *
 * @param channel  the channel this value belongs to, as declared through {@link SourceContext#declareChannels}
 * @param timeNanos when the value was read, in nanoseconds since the Unix epoch (UTC)
 * @param value    the value; meaningless unless {@code status} is {@link SampleStatus#VALID}
 * @param status   whether the value is good
 * @param eventValues null for a sample; for an event occurrence (made by {@link EventDefinition#occurrence}), its
 *                 values in declared order (never mutated; {@code value} is then the first of them)
 */
public record SampleValue(ChannelDefinition channel, long timeNanos, double value, SampleStatus status,
                          double[] eventValues) {

    /** Checks that channel and status are present, and that only an event's channel carries event values. */
    public SampleValue {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        if ((eventValues != null) != channel.isEvent()) {
            throw new IllegalArgumentException(channel.isEvent()
                    ? "an occurrence of " + channel.event() + " needs its values; make it with EventDefinition.occurrence"
                    : "channel " + channel.identifier() + " is not an event's channel and carries no event values");
        }
    }

    /**
     * A sample of an ordinary channel.
     *
     * @param channel   the channel
     * @param timeNanos read time, ns since the Unix epoch
     * @param value     the value
     * @param status    whether the value is good
     */
    public SampleValue(ChannelDefinition channel, long timeNanos, double value, SampleStatus status) {
        this(channel, timeNanos, value, status, null);
    }

    /**
     * A good value.
     *
     * @param channel   the channel
     * @param timeNanos read time, ns since the Unix epoch
     * @param value     the value
     * @return the sample
     */
    public static SampleValue of(ChannelDefinition channel, long timeNanos, double value) {
        return new SampleValue(channel, timeNanos, value, SampleStatus.VALID);
    }

    /**
     * A sample that had no usable value at its time.
     *
     * @param channel   the channel
     * @param timeNanos read time, ns since the Unix epoch
     * @return the sample, with value NaN
     */
    public static SampleValue missing(ChannelDefinition channel, long timeNanos) {
        return new SampleValue(channel, timeNanos, Double.NaN, SampleStatus.MISSING);
    }

    /** @return true when this is an event occurrence rather than a sample */
    public boolean isEvent() {
        return eventValues != null;
    }

    /** @return true when the status is {@link SampleStatus#VALID} */
    public boolean isValid() {
        return status == SampleStatus.VALID;
    }
}
