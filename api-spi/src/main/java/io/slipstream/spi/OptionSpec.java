package io.slipstream.spi;

import java.util.List;

/**
 * One documented option of a source provider.
 *
 * @param name         the key in the pipeline's {@code source:} map
 * @param type         the value's type
 * @param defaultValue the default as the user would write it, or null when the option is required or has none
 * @param description  one sentence saying what it does
 * @param required     whether a config without it is rejected
 * @param allowed      for {@link OptionType#ENUM}, the allowed words; empty otherwise
 */
public record OptionSpec(String name, OptionType type, String defaultValue, String description,
                         boolean required, List<String> allowed) {

    /** Copies the allowed list. */
    public OptionSpec {
        allowed = List.copyOf(allowed);
    }

    /**
     * An optional option.
     *
     * @param name         key
     * @param type         type
     * @param defaultValue default, as written in config (null for none)
     * @param description  what it does
     * @return the spec
     */
    public static OptionSpec optional(String name, OptionType type, String defaultValue, String description) {
        return new OptionSpec(name, type, defaultValue, description, false, List.of());
    }

    /**
     * A required option.
     *
     * @param name        key
     * @param type        type
     * @param description what it does
     * @return the spec
     */
    public static OptionSpec required(String name, OptionType type, String description) {
        return new OptionSpec(name, type, null, description, true, List.of());
    }

    /**
     * An option taking one of a fixed set of words.
     *
     * @param name         key
     * @param defaultValue default word
     * @param description  what it does
     * @param allowed      the allowed words
     * @return the spec
     */
    public static OptionSpec oneOf(String name, String defaultValue, String description, String... allowed) {
        return new OptionSpec(name, OptionType.ENUM, defaultValue, description, false, List.of(allowed));
    }
}
