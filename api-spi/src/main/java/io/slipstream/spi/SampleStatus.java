package io.slipstream.spi;

/** Whether a sample's value can be trusted. */
public enum SampleStatus {
    /** A good value. */
    VALID,
    /** No value was read for this channel at this time (a gap, an empty or unparsable cell, NaN). */
    MISSING,
    /** The value was read but the source flags it as wrong. */
    ERROR
}
