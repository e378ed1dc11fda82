package io.slipstream.csv;

/**
 * Channel details from a sidecar file; null fields are not given.
 *
 * @param units       units
 * @param description description
 * @param group       group path, {@code /}-separated
 * @param format      display format such as {@code %5.1f}
 * @param min         lowest expected value
 * @param max         highest expected value
 */
record ChannelMeta(String units, String description, String group, String format, Double min, Double max) {

    /** No details. */
    static final ChannelMeta NONE = new ChannelMeta(null, null, null, null, null, null);
}
