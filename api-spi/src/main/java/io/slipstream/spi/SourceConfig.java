package io.slipstream.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only, typed view of a source's options. Every getter that finds a value of the wrong shape throws a
 * {@link ConfigException} naming the file, line and key.
 */
public interface SourceConfig {

    /** @return the keys present, in the order written */
    Set<String> keys();

    /**
     * @param key an option name
     * @return whether the option is present
     */
    default boolean has(String key) {
        return keys().contains(key);
    }

    /**
     * @param key an option name
     * @return the value as text, if present
     */
    Optional<String> string(String key);

    /**
     * @param key an option name
     * @param def the default
     * @return the value as text, or the default
     */
    default String getString(String key, String def) {
        return string(key).orElse(def);
    }

    /**
     * @param key a required option name
     * @return the value as text
     * @throws ConfigException when absent
     */
    default String requireString(String key) {
        return string(key).orElseThrow(() -> error(key, "is required"));
    }

    /**
     * @param key an option name
     * @param def the default
     * @return the value as an int, or the default
     */
    int getInt(String key, int def);

    /**
     * @param key an option name
     * @param def the default
     * @return the value as a long, or the default
     */
    long getLong(String key, long def);

    /**
     * @param key an option name
     * @param def the default
     * @return the value as a double, or the default
     */
    double getDouble(String key, double def);

    /**
     * @param key an option name
     * @param def the default
     * @return the value as a boolean, or the default
     */
    boolean getBoolean(String key, boolean def);

    /**
     * @param key an option name
     * @param def the default
     * @return the value as a duration ({@code 250ms}, {@code 2s}, {@code PT2S}, …), or the default
     */
    Duration getDuration(String key, Duration def);

    /**
     * @param key an option name
     * @param def the default, may be null
     * @return the value as a path (relative paths resolve against the config file's folder), or the default
     */
    Path getPath(String key, Path def);

    /**
     * @param key an option name
     * @return the value as a list of text; a single value gives a one-element list; absent gives empty
     */
    List<String> getList(String key);

    /**
     * @param key an option name
     * @return the value as a list of paths, each relative one resolved against the config file's folder;
     *         a single value gives a one-element list; absent gives empty
     */
    List<Path> getPaths(String key);

    /**
     * @param key an option name
     * @return the value as a list of nested configs; absent gives empty
     */
    List<SourceConfig> getConfigList(String key);

    /**
     * @param key an option name
     * @return the value as a nested config, if present
     */
    Optional<SourceConfig> getConfig(String key);

    /**
     * @param key     an option name
     * @param def     the default word
     * @param allowed the allowed words
     * @return the word, lower-cased, checked against the allowed ones
     */
    default String getEnum(String key, String def, String... allowed) {
        String v = getString(key, def);
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw error(key, "'" + v + "' is not one of " + String.join(", ", allowed));
    }

    /**
     * Makes an error that names where the key stands.
     *
     * @param key     the option name
     * @param problem what is wrong and what was expected
     * @return the exception to throw
     */
    ConfigException error(String key, String problem);
}
