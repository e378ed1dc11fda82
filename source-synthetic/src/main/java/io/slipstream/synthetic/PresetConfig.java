package io.slipstream.synthetic;

import io.slipstream.spi.ConfigException;
import io.slipstream.spi.SourceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One channel of a built-in preset as a {@link SourceConfig}, so that it goes through the same parser and checks as
 * a channel written in a config file. Its values are already typed (numbers, {@link Duration}s, text): a preset is
 * code, not text, so nothing here parses units.
 */
final class PresetConfig implements SourceConfig {

    private final String place;
    private final Map<String, Object> values;

    /**
     * @param place  where the preset stands in messages, e.g. {@code preset[demo].channels[gLat]}
     * @param values the channel's options
     */
    PresetConfig(String place, Map<String, ?> values) {
        this.place = place;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key)).map(String::valueOf);
    }

    @Override
    public int getInt(String key, int def) {
        return values.get(key) instanceof Number n ? n.intValue() : def;
    }

    @Override
    public long getLong(String key, long def) {
        return values.get(key) instanceof Number n ? n.longValue() : def;
    }

    @Override
    public double getDouble(String key, double def) {
        return values.get(key) instanceof Number n ? n.doubleValue() : def;
    }

    @Override
    public boolean getBoolean(String key, boolean def) {
        return values.get(key) instanceof Boolean b ? b : def;
    }

    @Override
    public Duration getDuration(String key, Duration def) {
        return values.get(key) instanceof Duration d ? d : def;
    }

    @Override
    public Path getPath(String key, Path def) {
        return def;
    }

    @Override
    public List<String> getList(String key) {
        return List.of();
    }

    @Override
    public List<Path> getPaths(String key) {
        return List.of();
    }

    @Override
    public List<SourceConfig> getConfigList(String key) {
        return List.of();
    }

    @Override
    public Optional<SourceConfig> getConfig(String key) {
        return Optional.empty();
    }

    @Override
    public ConfigException error(String key, String problem) {
        return new ConfigException(null, place + "." + key, problem);
    }
}
