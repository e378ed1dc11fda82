package io.slipstream.spi;

/** The type of a source option's value, as shown by {@code slipstream sources} and checked by {@code validate}. */
public enum OptionType {
    /** Free text. */
    STRING,
    /** Whole number. */
    INT,
    /** Decimal number. */
    DOUBLE,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A duration such as {@code 250ms}, {@code 2s}, {@code 1m}, {@code 500us} or ISO-8601 {@code PT2S}. */
    DURATION,
    /** A file-system path. */
    PATH,
    /** A list of values. */
    LIST,
    /** A list of nested option maps (e.g. synthetic channel specs). */
    LIST_OF_MAPS,
    /** A nested map of options. */
    MAP,
    /** One of a fixed set of words, listed in the option's description. */
    ENUM
}
