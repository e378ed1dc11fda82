package io.slipstream.spi;

/**
 * A config value is missing, of the wrong type or out of range. The message names where (file and line when
 * known) and the key, and says what was expected.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String location;
    private final String key;

    /**
     * @param location where the value stands, e.g. {@code pipelines.yaml:12}, or null when unknown
     * @param key      the full key path, e.g. {@code pipelines[0].source.rate}
     * @param problem  what is wrong and what was expected
     */
    public ConfigException(String location, String key, String problem) {
        super((location != null ? location + ": " : "") + key + ": " + problem);
        this.location = location;
        this.key = key;
    }

    /** @return file and line, or null */
    public String location() {
        return location;
    }

    /** @return the full key path */
    public String key() {
        return key;
    }
}
