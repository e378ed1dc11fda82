package io.slipstream.spi;

/** The numeric type a channel's values have at their origin; carried into the ATLAS parameter definition. */
public enum DataType {
    /** 64-bit IEEE float. */
    FLOAT64,
    /** 32-bit IEEE float. */
    FLOAT32,
    /** Unsigned 32-bit integer. */
    UINT32,
    /** Signed 32-bit integer. */
    SINT32,
    /** Unsigned 16-bit integer. */
    UINT16,
    /** Signed 16-bit integer. */
    SINT16,
    /** Unsigned 8-bit integer (also booleans and bit fields). */
    UINT8,
    /** Signed 8-bit integer. */
    SINT8
}
