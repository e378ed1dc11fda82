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
 */
public record SampleValue(ChannelDefinition channel, long timeNanos, double value, SampleStatus status) {

    /** Checks that channel and status are present. */
    public SampleValue {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
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

    /** @return true when the status is {@link SampleStatus#VALID} */
    public boolean isValid() {
        return status == SampleStatus.VALID;
    }
}
